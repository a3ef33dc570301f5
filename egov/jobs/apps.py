import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "egov.jobs"
    verbose_name = _("Jobs")

    def ready(self) -> None:
        from egov import notifications
        from egov.jobs import messages, rules
        from egov.jobs.demo import load_jobs_demo
        from egov.jobs.tasks import expire_postings, send_expiry_reminders, send_search_alerts
        from egov.jobs.views.cards import my_government_card
        from egov.lib import services
        from egov.lib.periodic import PeriodicJob

        notifications.register(*messages.TYPES, sender_name=_("Jobs"))
        services.register(
            services.Service(
                slug="jobs",
                name=_("Jobs"),
                description=_(
                    "Find a job by words and filters, with the pay always shown. Employers "
                    "verified by an employment officer post vacancies that a checker keeps "
                    "free of discrimination and scams."
                ),
                home="jobs:home",
                order=30,
                staff_links=(
                    services.StaffLink(
                        _("Job postings to review"),
                        "jobs_staff:queue",
                        shown_to=rules.is_employment_officer,
                    ),
                ),
                card=services.Card("jobs/_my_government_card.html", my_government_card),
                periodic_jobs=(
                    # Just after midnight in Seoul: "valid through" is a local day.
                    PeriodicJob(
                        "expire job postings",
                        datetime.timedelta(days=1),
                        expire_postings.enqueue,
                        at=datetime.time(0, 5),
                    ),
                    PeriodicJob(
                        "send job search alerts",
                        datetime.timedelta(days=1),
                        send_search_alerts.enqueue,
                        at=datetime.time(8, 0),
                    ),
                    PeriodicJob(
                        "remind employers of expiring postings",
                        datetime.timedelta(days=1),
                        send_expiry_reminders.enqueue,
                        at=datetime.time(9, 0),
                    ),
                ),
                load_demo=load_jobs_demo,
            )
        )
