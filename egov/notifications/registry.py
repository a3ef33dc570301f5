"""Message types: what a sender can tell people, declared once and rendered when read.

A service declares each of its messages in ``<service>/messages.py``::

    RECEIVED = MessageType(key="complaints.received", render=_received)

and registers them in its ``AppConfig.ready()``. A notification stores only
the key and the message's params (JSON), so its title and body are written
when someone reads it, in the reader's language at that moment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeAlias

from django.utils.functional import Promise

# What params may hold: what JSON can carry. Dates travel as ISO strings,
# names in three languages as {"en": ..., "ko": ..., "id": ...}.
JSON: TypeAlias = str | int | float | bool | list["JSON"] | dict[str, "JSON"] | None
Params: TypeAlias = Mapping[str, JSON]
# Title and body, written in the active language.
Renderer: TypeAlias = Callable[[Params], tuple[str, str]]


@dataclass(frozen=True)
class MessageType:
    """One kind of message: its key (``<sender>.<name>``) and how to write it."""

    key: str
    render: Renderer
    # For a message that belongs in the notification centre only (never by
    # email or text), such as a welcome shown right after the person's own step.
    in_app_only: bool = False

    def __post_init__(self) -> None:
        sender, _, name = self.key.partition(".")
        if not sender or not name:
            raise ValueError(f"a message key is '<sender>.<name>', not {self.key!r}")

    @property
    def sender(self) -> str:
        """The sender's slug: the part of the key before the first dot."""
        return self.key.partition(".")[0]


@dataclass(frozen=True)
class Message:
    """A message to send: its type and the params it is written from."""

    type: MessageType
    params: Params = field(default_factory=dict)


_types: dict[str, MessageType] = {}
_senders: dict[str, str | Promise] = {}


def register(*types: MessageType, sender_name: str | Promise) -> None:
    """Make message types known; call it from the sender's ``AppConfig.ready()``.

    ``sender_name`` is what the notification centre shows next to each of
    them (the service's name). Registering the same type again is harmless;
    another type under a key already taken is an error.
    """
    for message_type in types:
        known = _types.get(message_type.key)
        if known is not None and known is not message_type:
            raise ValueError(f"the message key {message_type.key!r} is registered already")
        _types[message_type.key] = message_type
        _senders[message_type.sender] = sender_name


def message_type(key: str) -> MessageType | None:
    return _types.get(key)


def sender_name(sender: str) -> str | Promise:
    """What to call a sender in the notification centre (blank when unknown)."""
    return _senders.get(sender, "")


def registered_types() -> Iterable[MessageType]:
    return tuple(_types.values())
