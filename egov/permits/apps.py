import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PermitsConfig(AppConfig):
    name = "egov.permits"
    verbose_name = _("Permits")

    def ready(self) -> None:
        from egov import notifications
        from egov.lib import services
        from egov.lib.periodic import PeriodicJob
        from egov.permits import messages, rules
        from egov.permits.demo import load_permit_demo
        from egov.permits.tasks import refresh_permit_statistics
        from egov.permits.views.cards import my_government_card

        notifications.register(*messages.TYPES, sender_name=_("Permits"))
        services.register(
            services.Service(
                slug="permits",
                name=_("Permits"),
                description=_(
                    "Apply for a building, business, advertising or road permit and follow "
                    "every step in public: which unit and which official handled it, the "
                    "minute each step was taken, and the reason for any delay."
                ),
                home="permits:home",
                order=20,
                staff_links=(
                    services.StaffLink(_("Permit queue"), "permits_staff:queue"),
                    services.StaffLink(
                        _("Permit catalogue"),
                        "permits_staff:catalogue",
                        shown_to=rules.can_manage_any_catalogue,
                    ),
                ),
                card=services.Card("permits/_my_government_card.html", my_government_card),
                periodic_jobs=(
                    # A full pass over the applications: hourly keeps the page fresh
                    # without putting that scan on any request.
                    PeriodicJob(
                        "refresh permit statistics",
                        datetime.timedelta(hours=1),
                        refresh_permit_statistics.enqueue,
                    ),
                ),
                load_demo=load_permit_demo,
            )
        )
