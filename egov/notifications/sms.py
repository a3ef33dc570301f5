"""Text messages behind a backend interface, the way Django sends email.

``SMS_BACKEND`` (a dotted path) names the backend. This module ships the
ones a deployment needs to start: ``ConsoleBackend`` (prints), ``LocmemBackend``
(tests read ``egov.notifications.sms.outbox``), ``OutboxBackend`` (files under
``var/outbox/`` for the development outbox page) and ``DummyBackend`` (drops
everything). An operator plugs a real gateway in by writing a subclass of
``BaseBackend`` whose ``send_messages`` calls it, and naming it in
``SMS_BACKEND``.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class TextMessage:
    to: str
    body: str


class BaseBackend:
    """Sends text messages; ``send_messages`` returns how many went out.

    A backend raises when a message could not be handed over, unless it was
    made with ``fail_silently``; the caller records the failure and retries.
    """

    # False for a backend that reaches no phone: then nobody is offered texts.
    delivers = True

    def __init__(self, *, fail_silently: bool = False, **kwargs: Any) -> None:
        self.fail_silently = fail_silently

    def send_messages(self, messages: Sequence[TextMessage]) -> int:
        raise NotImplementedError("an SMS backend must define send_messages()")


class ConsoleBackend(BaseBackend):
    """Prints each message: for development without the outbox."""

    def __init__(self, *, stream: TextIO | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.stream = stream or sys.stdout
        self._lock = threading.Lock()

    def send_messages(self, messages: Sequence[TextMessage]) -> int:
        with self._lock:
            for message in messages:
                self.stream.write(f"SMS to {message.to}\n{message.body}\n{'-' * 79}\n")
            self.stream.flush()
        return len(messages)


# What LocmemBackend sent, for tests to read (emptied before each test).
outbox: list[TextMessage] = []


class LocmemBackend(BaseBackend):
    """Keeps messages in ``egov.notifications.sms.outbox``: for tests."""

    def send_messages(self, messages: Sequence[TextMessage]) -> int:
        outbox.extend(messages)
        return len(messages)


class OutboxBackend(BaseBackend):
    """Writes each message as a file under ``OUTBOX_DIR`` for the development outbox page."""

    def send_messages(self, messages: Sequence[TextMessage]) -> int:
        from egov.notifications import outbox as files

        for message in messages:
            files.write_text_message(to=message.to, body=message.body)
        return len(messages)


class DummyBackend(BaseBackend):
    """Accepts and drops every message: for a deployment without a gateway."""

    delivers = False

    def send_messages(self, messages: Sequence[TextMessage]) -> int:
        return len(messages)


def available() -> bool:
    """Whether the configured backend reaches phones, so text messages can be offered."""
    return bool(import_string(settings.SMS_BACKEND).delivers)


def get_backend(backend: str | None = None, **kwargs: Any) -> BaseBackend:
    backend_class = import_string(backend or settings.SMS_BACKEND)
    instance: BaseBackend = backend_class(**kwargs)
    return instance


def send_text(*, to: str, body: str) -> int:
    """Send one text message through the configured backend."""
    return get_backend().send_messages([TextMessage(to=to, body=body)])
