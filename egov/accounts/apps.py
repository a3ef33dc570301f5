from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "egov.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from egov import notifications
        from egov.accounts import messages

        notifications.register(*messages.TYPES, sender_name=_("Account"))
