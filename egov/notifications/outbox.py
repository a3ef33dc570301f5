"""The development outbox: sent emails and text messages as files, read on a page.

With ``OUTBOX_ENABLED`` (on in development, refused in production) the email
backend ``egov.notifications.outbox.EmailBackend`` and the SMS backend
``egov.notifications.sms.OutboxBackend`` write each message as one file
under ``OUTBOX_DIR`` (``var/outbox/``), and ``/dev/outbox/`` lists them
newest first, instead of printing them into the terminal.
"""

from __future__ import annotations

import datetime
import email
import email.message
import email.policy
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

EMAIL = "eml"
TEXT = "sms"
# A file name the outbox made: a UTC timestamp, a random part, the channel.
# Nothing else is ever opened, so a crafted name cannot leave the folder.
FILE_NAME = re.compile(r"\A[0-9]{8}T[0-9]{12}-[0-9a-f]{8}\.(eml|sms)\Z")
LISTED = 200


def _directory() -> Path:
    return Path(settings.OUTBOX_DIR)


def _write(extension: str, content: bytes) -> Path:
    folder = _directory()
    folder.mkdir(parents=True, exist_ok=True)
    now = timezone.now()
    path = folder / f"{now:%Y%m%dT%H%M%S%f}-{secrets.token_hex(4)}.{extension}"
    path.write_bytes(content)
    return path


class EmailBackend(BaseEmailBackend):
    """Writes each email as a file (RFC 5322, as a mail program would save it)."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            _write(EMAIL, message.message().as_bytes())
        return len(email_messages)


def write_text_message(*, to: str, body: str) -> Path:
    message = email.message.EmailMessage()
    message["To"] = to
    message.set_content(body)
    return _write(TEXT, message.as_bytes())


@dataclass(frozen=True)
class OutboxMessage:
    name: str
    channel: str  # EMAIL or TEXT
    to: str
    subject: str
    sent_at: datetime.datetime
    body: str

    @property
    def is_email(self) -> bool:
        return self.channel == EMAIL


def _read(path: Path) -> OutboxMessage:
    parsed: Any = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    part = parsed.get_body(preferencelist=("plain",))
    body = part.get_content() if part is not None else ""
    channel = path.suffix[1:]
    return OutboxMessage(
        name=path.name,
        channel=channel,
        to=str(parsed.get("To", "")),
        subject=str(parsed.get("Subject", "")) if channel == EMAIL else body.split("\n", 1)[0],
        sent_at=datetime.datetime.strptime(path.name[:21], "%Y%m%dT%H%M%S%f").replace(
            tzinfo=datetime.UTC
        ),
        body=body,
    )


def messages(limit: int = LISTED) -> list[OutboxMessage]:
    """The newest messages first (file names start with the time they were written)."""
    folder = _directory()
    if not folder.is_dir():
        return []
    names = sorted((p.name for p in folder.iterdir() if FILE_NAME.match(p.name)), reverse=True)
    return [_read(folder / name) for name in names[:limit]]


def message(name: str) -> OutboxMessage | None:
    if not FILE_NAME.match(name):
        return None
    path = _directory() / name
    return _read(path) if path.is_file() else None
