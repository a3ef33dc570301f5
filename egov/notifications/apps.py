import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "egov.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from egov.lib import periodic
        from egov.notifications.tasks import retry_deliveries, send_digests

        periodic.register(
            periodic.PeriodicJob(
                "retry failed deliveries", datetime.timedelta(minutes=5), retry_deliveries.enqueue
            ),
            # In the morning, so that the summary is read at the start of the day.
            periodic.PeriodicJob(
                "send daily summaries",
                datetime.timedelta(days=1),
                send_digests.enqueue,
                at=datetime.time(8, 0),
            ),
        )
