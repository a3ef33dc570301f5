"""Background jobs: delivering notifications by email and text message, the daily summary."""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from django_tasks import task

from egov.notifications import sms

if TYPE_CHECKING:
    from egov.notifications.models import Delivery

logger = logging.getLogger(__name__)

# The retry job leaves a just-queued delivery to the task queued with it.
RETRY_GRACE = datetime.timedelta(minutes=2)
RETRY_BATCH = 1000
DIGEST_BATCH = 500


def _absolute(url: str) -> str:
    return settings.SITE_URL + url if url else ""


@task()
def send_email(*, to: str, subject: str, body: str) -> None:
    """An email already written (the account emails; see ``notifications.send_email``)."""
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[to])


@task()
def deliver(*, delivery_id: int) -> str:
    """Send one notification by email or text message, written in the recipient's language now.

    Returns the delivery's state afterwards, or "not_due" when it was not
    this task's to try (sent already, waiting after a failure, or being tried
    by another worker).
    """
    from egov.notifications import actions
    from egov.notifications.models import Channel, DeliveryState

    delivery = actions.claim_delivery(delivery_id=delivery_id)
    if delivery is None:
        return "not_due"
    notification = delivery.notification
    recipient = notification.recipient
    address = recipient.email if delivery.channel == Channel.EMAIL else recipient.phone
    if not address:  # removed from the profile since the message was queued
        actions.record_skipped(delivery=delivery, reason=actions.NO_ADDRESS)
        return str(DeliveryState.SKIPPED)
    try:
        with override(recipient.preferred_language):
            text = notification.text()
            if delivery.channel == Channel.EMAIL:
                context = {"user": recipient, "text": text, "link": _absolute(notification.url)}
                subject = render_to_string("notifications/email/notification_subject.txt", context)
                body = render_to_string("notifications/email/notification.txt", context)
                send_mail(
                    subject=" ".join(subject.split()),
                    message=body,
                    from_email=None,
                    recipient_list=[address],
                )
            else:
                # A phone gets the short form: the title and the link.
                sms.send_text(
                    to=address,
                    body=" ".join(filter(None, [text.title, _absolute(notification.url)])),
                )
    except Exception as error:
        state = actions.record_failure(delivery=delivery, reason=type(error).__name__)
        logger.warning(
            "delivery %s (%s) failed: %s; now %s",
            delivery.pk,
            delivery.channel,
            type(error).__name__,
            state,
        )
        return str(state)
    actions.record_sent(delivery=delivery)
    return str(DeliveryState.SENT)


@task()
def retry_deliveries() -> int:
    """Queue again the deliveries whose wait after a failure is over (or whose worker died)."""
    from egov.notifications.models import Delivery, DeliveryState

    due = Delivery.objects.filter(
        state=DeliveryState.QUEUED, next_attempt_at__lte=timezone.now() - RETRY_GRACE
    ).order_by("next_attempt_at")
    ids = list(due.values_list("pk", flat=True)[:RETRY_BATCH])
    for delivery_id in ids:
        deliver.enqueue(delivery_id=delivery_id)
    return len(ids)


@task()
def send_digests() -> int:
    """Email each person who chose a daily summary the messages held for them; returns how many.

    One email per person, written in their language as it is now, after
    which what it carried is marked sent. Someone who has since turned email
    off gets none: their held messages are marked skipped (they stay in the
    notification centre).
    """
    from egov.notifications.models import Delivery, DeliveryState

    held = Delivery.objects.filter(state=DeliveryState.HELD)
    sent = 0
    after = 0
    while True:
        people = list(
            held.filter(notification__recipient_id__gt=after)
            .order_by("notification__recipient_id")
            .values_list("notification__recipient_id", flat=True)
            .distinct()[:DIGEST_BATCH]
        )
        if not people:
            return sent
        for person_id in people:
            sent += _send_digest(
                held.filter(notification__recipient_id=person_id)
                .select_related("notification__recipient")
                .order_by("notification__created_at", "notification_id")
            )
        after = people[-1]


def _send_digest(held: QuerySet[Delivery]) -> int:
    from egov.notifications import actions
    from egov.notifications.models import EmailChoice
    from egov.notifications.queries import preference_for

    deliveries = list(held)
    ids = [delivery.pk for delivery in deliveries]
    recipient = deliveries[0].notification.recipient
    if preference_for(recipient).email == EmailChoice.OFF or not recipient.email:
        actions.record_digest(delivery_ids=ids, outcome=actions.DigestOutcome.SKIPPED)
        return 0
    try:
        with override(recipient.preferred_language):
            context = {
                "user": recipient,
                "items": [
                    (delivery.notification.text(), _absolute(delivery.notification.url))
                    for delivery in deliveries
                ],
                "centre": _absolute(reverse("notifications:centre")),
            }
            subject = render_to_string("notifications/email/digest_subject.txt", context)
            body = render_to_string("notifications/email/digest.txt", context)
        send_mail(
            subject=" ".join(subject.split()),
            message=body,
            from_email=None,
            recipient_list=[recipient.email],
        )
    except Exception as error:
        actions.record_digest(
            delivery_ids=ids, outcome=actions.DigestOutcome.FAILED, reason=type(error).__name__
        )
        logger.warning("daily summary with %s failed: %s", ids[0], type(error).__name__)
        return 0
    actions.record_digest(delivery_ids=ids, outcome=actions.DigestOutcome.SENT)
    return 1
