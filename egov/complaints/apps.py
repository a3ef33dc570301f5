from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "egov.complaints"
    verbose_name = _("Complaints")

    def ready(self) -> None:
        from egov import notifications
        from egov.complaints import messages

        notifications.register(*messages.TYPES, sender_name=_("Complaints"))
