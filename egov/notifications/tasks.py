"""Background jobs: delivering what the notification centre holds by email."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import override
from django_tasks import task


@task()
def send_notification_email(*, notification_id: int) -> None:
    """Email one notification, written in the recipient's language as it is now."""
    from egov.notifications.models import Notification

    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None:
        return
    recipient = notification.recipient
    with override(recipient.preferred_language):
        context = {
            "user": recipient,
            "text": notification.text,
            "link": settings.SITE_URL + notification.url if notification.url else "",
            "site_name": settings.SITE_NAME,
        }
        subject = render_to_string("notifications/email/notification_subject.txt", context)
        body = render_to_string("notifications/email/notification.txt", context)
    send_mail(
        subject=" ".join(subject.split()),
        message=body,
        from_email=None,
        recipient_list=[recipient.email],
    )
