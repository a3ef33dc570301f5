"""Every write to the portal: notifications."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from egov import audit
from egov.audit.models import AuditAction
from egov.portal import emails
from egov.portal.models import Notification, NotificationKind

if TYPE_CHECKING:
    from egov.accounts.models import User


@transaction.atomic
def notify(
    *,
    recipient: User,
    kind: NotificationKind,
    title: str,
    body: str = "",
    url: str = "",
    email: bool = True,
) -> Notification:
    """Put a message in the recipient's notification centre and, by default, email it.

    The caller writes title and body in the recipient's language (use
    ``translation.override(recipient.preferred_language)``). Notifications are
    part of the action that causes them, which records the audit event.
    """
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, title=title[:200], body=body, url=url[:300]
    )
    if email:
        emails.send(
            to=recipient,
            template="portal/email/notification",
            context={"notification": notification},
        )
    return notification


@transaction.atomic
def mark_notifications_read(*, user: User, notification_ids: list[int] | None = None) -> int:
    """Mark the user's own notifications read (all of them when no ids are given)."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    count = unread.update(read_at=timezone.now())
    if count:
        audit.record(
            actor=user, action=AuditAction.NOTIFICATION_READ, subject=user, detail={"count": count}
        )
    return count
