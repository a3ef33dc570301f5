"""What every page's shell needs: the service navigation and the unread count."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from egov.portal.models import Notification

SERVICES = [
    ("complaints", _("Complaints")),
    ("proposals", _("Proposals")),
    ("jobs", _("Jobs")),
    ("permits", _("Permit tracker")),
    ("opendata", _("Open data")),
]


def shell(request: HttpRequest) -> dict[str, Any]:
    unread = 0
    if request.user.is_authenticated:
        unread = Notification.objects.filter(recipient=request.user, read_at__isnull=True).count()
    return {"service_navigation": SERVICES, "unread_notifications": unread}
