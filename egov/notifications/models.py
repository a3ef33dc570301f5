"""Notifications: what someone was told, stored as facts and written when read."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext

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
