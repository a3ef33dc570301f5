"""The unread count in every page's header."""

from __future__ import annotations

from django.http import HttpRequest

from egov.notifications.queries import unread_count


def unread(request: HttpRequest) -> dict[str, int]:
    user = request.user
    if not user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": unread_count(user)}
