"""Every write to notifications.

Notifications and their deliveries are made after the action that caused
them committed; that action recorded the audit event, so making them records
none. Delivery bookkeeping (queued, sent, failed...) is not audited either:
no one decides anything there, and the delivery rows are themselves the
record. What people decide here (reading, choosing how to be told) is audited.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Sequence
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from egov import audit
from egov.audit.models import AuditAction
from egov.notifications import sms as texts
from egov.notifications import tasks
from egov.notifications.models import (
    Channel,
    Delivery,
    DeliveryState,
    EmailChoice,
    Notification,
    Preference,
)
from egov.notifications.queries import preference_for, preferences_for
from egov.notifications.registry import Message
from egov.notifications.sending import Addressee, Recipient

# A delivery is tried this many times in all before it is marked failed.
MAX_ATTEMPTS = 5
# Waits after the first, second, third and fourth failure.
BACK_OFF = (
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
    datetime.timedelta(hours=6),
)
# While a worker tries a delivery nobody else does; if the worker dies, the
# retry job takes it up again after this long.
LEASE = datetime.timedelta(minutes=15)
PREFERENCE_SKIPPED = "preference"
NO_ADDRESS = "no_address"
NO_SERVICE = "no_service"


def _account(person: Recipient) -> Any:
    # The audit log names people as accounts; this app knows them only as
    # recipients (it does not import the accounts app). They are the same objects.
    return person


# ---- sending -------------------------------------------------------------------------


def _email_state(person: Recipient, preference: Preference) -> tuple[str, str]:
    if not person.email:
        return DeliveryState.SKIPPED, NO_ADDRESS
    if preference.email == EmailChoice.EACH:
        return DeliveryState.QUEUED, ""
    if preference.email == EmailChoice.DIGEST:
        return DeliveryState.HELD, ""
    return DeliveryState.SKIPPED, PREFERENCE_SKIPPED


def _sms_state(person: Recipient, preference: Preference) -> tuple[str, str]:
    if not texts.available():
        return DeliveryState.SKIPPED, NO_SERVICE
    if not preference.sms:
        return DeliveryState.SKIPPED, PREFERENCE_SKIPPED
    if not person.phone:
        return DeliveryState.SKIPPED, NO_ADDRESS
    return DeliveryState.QUEUED, ""


@transaction.atomic
def create_notifications(
    *, addressed: Sequence[tuple[Recipient, str]], message: Message
) -> list[Notification]:
    """Put the message in each recipient's notification centre and deliver it as they chose.

    ``addressed`` pairs each recipient with the page the message links to
    for them. Deliveries are queued once this commits.
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
    if message_type.in_app_only:
        return notifications
    preferences = preferences_for(recipient for recipient, _url in addressed)
    deliveries = []
    for notification, (recipient, _url) in zip(notifications, addressed, strict=True):
        preference = preferences[recipient.pk]
        for channel, (state, reason) in (
            (Channel.EMAIL, _email_state(recipient, preference)),
            (Channel.SMS, _sms_state(recipient, preference)),
        ):
            deliveries.append(
                Delivery(
                    notification=notification,
                    channel=channel,
                    state=state,
                    reason=reason,
                    created_at=now,
                    next_attempt_at=now if state == DeliveryState.QUEUED else None,
                )
            )
    Delivery.objects.bulk_create(deliveries)
    for delivery in deliveries:
        if delivery.state == DeliveryState.QUEUED:
            transaction.on_commit(partial(tasks.deliver.enqueue, delivery_id=delivery.pk))
    return notifications


def claim_delivery(*, delivery_id: int) -> Delivery | None:
    """Take a queued delivery whose time has come for one attempt, or None if it is not due.

    One UPDATE decides it, so two workers never try the same delivery at once.
    """
    now = timezone.now()
    claimed = Delivery.objects.filter(
        pk=delivery_id, state=DeliveryState.QUEUED, next_attempt_at__lte=now
    ).update(attempts=F("attempts") + 1, next_attempt_at=now + LEASE)
    if not claimed:
        return None
    return Delivery.objects.select_related("notification__recipient").get(pk=delivery_id)


def record_sent(*, delivery: Delivery) -> None:
    now = timezone.now()
    Delivery.objects.filter(pk=delivery.pk).update(
        state=DeliveryState.SENT, sent_at=now, next_attempt_at=None, reason=""
    )


def record_skipped(*, delivery: Delivery, reason: str) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(
        state=DeliveryState.SKIPPED, next_attempt_at=None, reason=reason
    )


def record_failure(*, delivery: Delivery, reason: str) -> DeliveryState:
    """Try again later, after a longer wait each time; after the last attempt, give up."""
    if delivery.attempts >= MAX_ATTEMPTS:
        state, next_attempt = DeliveryState.FAILED, None
    else:
        state = DeliveryState.QUEUED
        next_attempt = timezone.now() + BACK_OFF[min(delivery.attempts, len(BACK_OFF)) - 1]
    Delivery.objects.filter(pk=delivery.pk).update(
        state=state, next_attempt_at=next_attempt, reason=reason[:100]
    )
    return state


class DigestOutcome(enum.Enum):
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"


def record_digest(*, delivery_ids: Sequence[int], outcome: DigestOutcome, reason: str = "") -> None:
    """Record what became of the messages a daily summary held."""
    held = Delivery.objects.filter(pk__in=delivery_ids, state=DeliveryState.HELD)
    if outcome is DigestOutcome.SENT:
        held.update(state=DeliveryState.SENT, sent_at=timezone.now(), reason="")
    elif outcome is DigestOutcome.SKIPPED:
        held.update(state=DeliveryState.SKIPPED, reason=PREFERENCE_SKIPPED)
    else:
        # Held messages wait for the next summary, up to the same number of attempts.
        held.update(attempts=F("attempts") + 1, reason=reason[:100])
        held.filter(attempts__gte=MAX_ATTEMPTS).update(state=DeliveryState.FAILED)


def queue_email(*, to: Addressee, template: str, context: dict[str, Any]) -> None:
    """Write an email in the addressee's language and queue it (see ``send_email``)."""
    full_context = {
        "user": to,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        **context,
    }
    with override(to.preferred_language):
        subject = render_to_string(f"{template}_subject.txt", full_context)
        body = render_to_string(f"{template}.txt", full_context)
    tasks.send_email.enqueue(to=to.email, subject=" ".join(subject.split()), body=body)


# ---- what people decide ---------------------------------------------------------------


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


@transaction.atomic
def set_preferences(*, user: Recipient, email: str, sms: bool) -> Preference:
    """Choose how to be told by email (each message, a daily summary, or not) and by text."""
    if email not in EmailChoice.values:
        raise ValidationError(
            {"email": _("Choose how you want to be told by email.")}, code="email"
        )
    if sms and not texts.available():
        raise ValidationError(
            {"sms": _("Text messages are not offered on this platform.")}, code="no_service"
        )
    if sms and not user.phone:
        raise ValidationError(
            {"sms": _("Add a phone number to your profile first; text messages go to it.")},
            code="no_phone",
        )
    current = preference_for(user)
    if (current.email, current.sms) == (email, sms):
        return current
    preference, _created = Preference.objects.update_or_create(
        user_id=user.pk, defaults={"email": email, "sms": sms, "updated_at": timezone.now()}
    )
    audit.record(
        actor=_account(user),
        action=AuditAction.NOTIFICATION_PREFERENCES_CHANGED,
        subject=_account(user),
        detail={"email": email, "sms": sms},
    )
    return preference
