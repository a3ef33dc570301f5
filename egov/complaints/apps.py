from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "egov.complaints"
    verbose_name = _("Complaints")

    def ready(self) -> None:
        from egov.complaints import actions
        from egov.lib import calendar

        # A closure declared or withdrawn moves the deadlines of open complaints.
        calendar.keep_deadlines(actions.move_deadlines)
