"""Backends that fail the way a real mail server or SMS gateway does."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from typing import Any

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

from egov.notifications.sms import BaseBackend, TextMessage


class UnreachableEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class RefusingSmsBackend(BaseBackend):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)

    def send_messages(self, messages: Sequence[TextMessage]) -> int:
        raise ConnectionRefusedError("gateway down")
