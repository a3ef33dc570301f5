"""Sending: one call that tells people after the action's transaction commits.

    notifications.on_commit(recipients, messages.answered(complaint), url=case_page)

Nothing is written or sent inside the caller's transaction (so never under
the audit log's lock): if the action rolls back, nobody hears of it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, Protocol

from django.db import transaction

from egov.notifications import registry


class Recipient(Protocol):
    """Who can be told: an account, named by attribute, never by importing accounts."""

    @property
    def pk(self) -> Any: ...
    @property
    def email(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def preferred_language(self) -> str: ...
    @property
    def is_government_staff(self) -> bool: ...


# The page a message links to: one for everyone, or chosen per recipient
# (staff open a case's staff page, citizens its citizen page).
Link = str | Callable[[Recipient], str]


def on_commit(
    recipients: Iterable[Recipient],
    message: registry.Message,
    *,
    url: Link = "",
) -> None:
    """Tell each recipient once the current transaction commits (at once outside one).

    The message type must be registered and its params JSON: both are checked
    now, so a mistake fails in the action's tests, not in the background.
    """
    if registry.message_type(message.type.key) is not message.type:
        raise LookupError(f"message type {message.type.key!r} is not registered")
    json.dumps(message.params)  # raises TypeError for a date, a model, a lazy string...
    addressed = [(person, url(person) if callable(url) else url) for person in recipients]
    if not addressed:
        return
    transaction.on_commit(partial(_deliver, addressed, message), robust=True)


def _deliver(addressed: list[tuple[Recipient, str]], message: registry.Message) -> None:
    from egov.notifications import actions

    actions.create_notifications(addressed=addressed, message=message)
