import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "egov.complaints"
    verbose_name = _("Complaints")

    def ready(self) -> None:
        from egov import notifications
        from egov.complaints import actions, messages, rules
        from egov.complaints.demo import load_complaint_demo
        from egov.complaints.follow_ups import ComplaintSurges
        from egov.complaints.tasks import (
            refresh_complaint_statistics,
            refresh_complaint_surges,
            send_progress_notices,
        )
        from egov.complaints.views.cards import my_government_card
        from egov.lib import calendar, services, surges
        from egov.lib.periodic import PeriodicJob

        notifications.register(*messages.TYPES, sender_name=_("Complaints"))
        services.register(
            services.Service(
                slug="complaints",
                name=_("Complaints"),
                description=_(
                    "File a complaint, inquiry, suggestion or grievance. It reaches the "
                    "responsible agency, a named officer answers within a legal number of "
                    "working days, and you rate the answer."
                ),
                home="complaints:home",
                order=10,
                staff_links=(
                    # Only for staff with a position: the queue is a 404 for anyone else.
                    services.StaffLink(
                        _("Work queue"), "complaints_staff:queue", shown_to=rules.has_work_queue
                    ),
                    services.StaffLink(
                        _("Search"), "complaints_search:complaints", shown_to=rules.has_work_queue
                    ),
                    services.StaffLink(
                        _("Surges"), "complaints_staff:surges", shown_to=rules.has_work_queue
                    ),
                ),
                card=services.Card("complaints/_my_government_card.html", my_government_card),
                periodic_jobs=(
                    # Hourly is soon enough for a notice due "after 30 days", and cheap:
                    # the query reads a partial index of the cases still waiting for one.
                    PeriodicJob(
                        "send complaint progress notices",
                        datetime.timedelta(hours=1),
                        send_progress_notices.enqueue,
                    ),
                    # Full aggregates over the complaints table: hourly keeps the figures
                    # fresh for the pages without putting that scan on every request.
                    PeriodicJob(
                        "refresh complaint statistics",
                        datetime.timedelta(hours=1),
                        refresh_complaint_statistics.enqueue,
                    ),
                    # The weeks compared are fixed until Monday; hourly catches the
                    # complaints received late in a week and any transfer between agencies.
                    PeriodicJob(
                        "find complaint surges",
                        datetime.timedelta(hours=1),
                        refresh_complaint_surges.enqueue,
                    ),
                ),
                load_demo=load_complaint_demo,
            )
        )
        # Participation opens consultations and policy reviews from surges.
        surges.register(ComplaintSurges())
        # A closure declared or withdrawn moves the deadlines of open complaints.
        calendar.keep_deadlines(actions.move_deadlines)
