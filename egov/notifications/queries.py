"""Reads: a person's notifications."""

from __future__ import annotations

from django.db.models import QuerySet

from egov.notifications.models import Notification
from egov.notifications.sending import Recipient


def notifications_of(user: Recipient) -> QuerySet[Notification]:
    """The person's own notifications, newest first."""
    return Notification.objects.filter(recipient_id=user.pk)


def unread_count(user: Recipient) -> int:
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()
