import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "egov.participation"
    verbose_name = _("Participation")

    def ready(self) -> None:
        from egov import notifications
        from egov.lib import services
        from egov.lib.periodic import PeriodicJob
        from egov.participation import messages, rules
        from egov.participation.demo import load_participation_demo
        from egov.participation.tasks import close_petitions
        from egov.participation.views.cards import my_government_card

        notifications.register(*messages.TYPES, sender_name=_("Participation"))
        services.register(
            services.Service(
                slug="participation",
                name=_("Participation"),
                description=_(
                    "Propose an improvement to an agency, start or sign a petition, and vote "
                    "in public consultations. You see what the government did with it."
                ),
                home="participation:home",
                order=20,
                staff_links=(
                    services.StaffLink(
                        _("Proposals to review"),
                        "participation_staff:proposals",
                        shown_to=lambda user: rules.agency_of(user) is not None,
                    ),
                    services.StaffLink(
                        _("Moderation"),
                        "participation_staff:moderation",
                        shown_to=rules.is_moderator,
                    ),
                ),
                card=services.Card("participation/_my_government_card.html", my_government_card),
                periodic_jobs=(
                    # A petition closes at the end of its period; hourly is close enough,
                    # and the query reads the (status, closes_at) index only.
                    PeriodicJob(
                        "close petitions", datetime.timedelta(hours=1), close_petitions.enqueue
                    ),
                ),
                load_demo=load_participation_demo,
            )
        )
