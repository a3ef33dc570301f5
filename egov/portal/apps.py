import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "egov.portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from egov.lib import periodic
        from egov.portal.tasks import clear_expired_sessions

        periodic.register(
            periodic.PeriodicJob(
                "clear expired sessions",
                datetime.timedelta(hours=6),
                clear_expired_sessions.enqueue,
            )
        )
