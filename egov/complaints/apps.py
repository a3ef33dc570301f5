from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "egov.complaints"
    verbose_name = _("Complaints")

    def ready(self) -> None:
        from egov import notifications
        from egov.complaints import actions, messages
        from egov.lib import calendar

        notifications.register(*messages.TYPES, sender_name=_("Complaints"))
        # A closure declared or withdrawn moves the deadlines of open complaints.
        calendar.keep_deadlines(actions.move_deadlines)
