"""Notifications: what someone was told, stored as facts and written when read."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from egov.notifications import registry

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Text:
    title: str
    body: str


class Notification(models.Model):
    """A message in someone's notification centre.

    It stores the message type's key and its params, never text: the title
    and body are rendered when the notification is read, in the language of
    the page (or, for an email, the recipient's language when it is sent).
    Rows made before messages had keys keep the text they were written in.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    # The sender's slug (the key's first part), e.g. "complaints" or "accounts".
    kind = models.CharField(max_length=32)
    key = models.CharField(max_length=100, blank=True)
    params = models.JSONField(default=dict, blank=True)
    # Text of notifications made before keys existed; blank for every newer one.
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    # The page this recipient can open (citizens and staff get different ones).
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The notification centre lists a person's newest first.
            models.Index(fields=["recipient", "-created_at", "-id"], name="notify_inbox_idx"),
            # The header counts unread ones on every page: keep that index small.
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notify_unread_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.key or self.title

    def text(self) -> Text:
        """Title and body in the active language (the stored text for old rows).

        Rendered anew on each call, since the language may have changed.
        """
        message_type = registry.message_type(self.key) if self.key else None
        if message_type is None:
            if self.key:
                logger.warning("notification %s has an unknown message key %s", self.pk, self.key)
            return Text(self.title or gettext("Notification"), self.body)
        try:
            title, body = message_type.render(self.params)
        except (KeyError, TypeError, ValueError):
            # A message whose params no longer fit its text must not break the
            # notification centre; the log names it so it can be fixed.
            logger.exception("notification %s (%s) could not be rendered", self.pk, self.key)
            return Text(self.title or gettext("Notification"), self.body)
        return Text(title, body)

    @property
    def sender_name(self) -> str | Promise:
        return registry.sender_name(self.kind)


class EmailChoice(models.TextChoices):
    EACH = "each", _("Every message as it happens")
    DIGEST = "digest", _("One summary a day")
    OFF = "off", _("No email")


class Preference(models.Model):
    """How someone wants to be told, beyond the notification centre (which always has it all).

    People without a row get the defaults of ``queries.preference_for``:
    citizens an email per message, staff none (they work from their queue).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_preference",
    )
    email = models.CharField(max_length=8, choices=EmailChoice.choices)
    # Text messages go only to a phone number in the person's profile.
    sms = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            # The choice is one the delivery code knows how to follow.
            models.CheckConstraint(
                condition=models.Q(email__in=EmailChoice.values), name="preference_email_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email}, sms={self.sms}"


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message")


class DeliveryState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    HELD = "held", _("Held for the daily summary")
    SKIPPED = "skipped", _("Not sent")


class Delivery(models.Model):
    """What became of one notification on one channel beyond the notification centre."""

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(max_length=8, choices=Channel.choices)
    state = models.CharField(max_length=8, choices=DeliveryState.choices)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Why it was skipped or failed, in words that name nobody: "preference",
    # "no_address", or the error's class ("SMTPServerDisconnected").
    reason = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # When a queued delivery may be tried (again): after a failure, the back-off;
    # while one worker tries it, a lease that lets another retry a crashed attempt.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            # One record per channel for each notification.
            models.UniqueConstraint(fields=["notification", "channel"], name="delivery_once"),
            models.CheckConstraint(
                condition=models.Q(channel__in=Channel.values), name="delivery_channel_known"
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=DeliveryState.values), name="delivery_state_known"
            ),
            # A sent delivery says when.
            models.CheckConstraint(
                condition=~models.Q(state="sent") | models.Q(sent_at__isnull=False),
                name="delivery_sent_has_time",
            ),
        ]
        indexes = [
            # The retry job reads the queued deliveries whose time has come.
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(state="queued"),
                name="delivery_queued_idx",
            ),
            # The daily summary reads the held ones.
            models.Index(
                fields=["notification"],
                condition=models.Q(state="held"),
                name="delivery_held_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.state}"
