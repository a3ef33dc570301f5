"""Every write to notifications."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from egov import audit
from egov.audit.models import AuditAction
from egov.notifications.models import Notification
from egov.notifications.registry import Message
from egov.notifications.tasks import send_notification_email

if TYPE_CHECKING:
    from egov.notifications.sending import Recipient


@transaction.atomic
def create_notifications(
    *, addressed: Sequence[tuple[Recipient, str]], message: Message
) -> list[Notification]:
    """Put the message in each recipient's notification centre and queue its emails.

    Called after the action that caused the message committed (see
    ``notifications.on_commit``); that action recorded the audit event, so
    this records none. ``addressed`` pairs each recipient with the page the
    message links to for them.
    """
    message_type = message.type
    now = timezone.now()
    notifications = Notification.objects.bulk_create(
        Notification(
            recipient_id=recipient.pk,
            kind=message_type.sender,
            key=message_type.key,
            params=dict(message.params),
            url=url[:300],
            created_at=now,
        )
        for recipient, url in addressed
    )
    if message_type.email:
        for notification, (recipient, _url) in zip(notifications, addressed, strict=True):
            # Staff work from their queue: an email per case step would bury the ones that matter.
            if recipient.email and not recipient.is_government_staff:
                transaction.on_commit(
                    partial(send_notification_email.enqueue, notification_id=notification.pk)
                )
    return notifications


@transaction.atomic
def mark_notifications_read(*, user: Recipient, notification_ids: list[int] | None = None) -> int:
    """Mark the user's own notifications read (all of them when no ids are given)."""
    unread = Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    count = unread.update(read_at=timezone.now())
    if count:
        audit.record(
            actor=_account(user),
            action=AuditAction.NOTIFICATION_READ,
            subject=_account(user),
            detail={"count": count},
        )
    return count


def _account(person: Recipient) -> Any:
    # The audit log names people as accounts; this app knows them only as
    # recipients (it does not import the accounts app), and they are the same objects.
    return person
