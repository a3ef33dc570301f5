"""Sending: one call that tells people after the action's transaction commits.

    notifications.on_commit(recipients, messages.answered(complaint), url=case_page)

Nothing is written or sent inside the caller's transaction (so never under
the audit log's lock): if the action rolls back, nobody hears of it.
``send_email`` does the same for the emails about an account itself
(confirm an address, reset a password), which are not notifications.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import Any, Protocol

from django.db import transaction

from egov.notifications import registry


class Addressee(Protocol):
    """Whom an email is written to (an account, or a new address being confirmed)."""

    @property
    def email(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def preferred_language(self) -> str: ...


class Recipient(Addressee, Protocol):
    """Who can be told: an account, named by attribute, never by importing accounts."""

    @property
    def pk(self) -> Any: ...
    @property
    def phone(self) -> str: ...
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

    Each gets the message in their notification centre and, as their
    preferences say, by email (at once or in the daily summary) and by text
    message. The message type must be registered and its params JSON: both
    are checked now, so a mistake fails in the action's tests, not later.
    """
    if registry.message_type(message.type.key) is not message.type:
        raise LookupError(f"message type {message.type.key!r} is not registered")
    json.dumps(message.params)  # raises TypeError for a date, a model, a lazy string...
    addressed = [(person, url(person) if callable(url) else url) for person in recipients]
    if not addressed:
        return
    # Robust: the action has committed by then, so a failure here is logged
    # rather than turned into an error page for a step that succeeded.
    transaction.on_commit(partial(_deliver, addressed, message), robust=True)


def _deliver(addressed: list[tuple[Recipient, str]], message: registry.Message) -> None:
    from egov.notifications import actions

    actions.create_notifications(addressed=addressed, message=message)


def send_email(*, to: Addressee, template: str, context: Mapping[str, Any]) -> None:
    """Email ``<template>_subject.txt`` and ``<template>.txt`` once the transaction commits.

    Written in the addressee's language when the transaction commits, with
    ``user``, ``site_name`` and ``site_url`` in the context, and delivered in
    the background.
    """
    transaction.on_commit(partial(_send_email, to, template, dict(context)), robust=True)


def _send_email(to: Addressee, template: str, context: dict[str, Any]) -> None:
    from egov.notifications import actions

    actions.queue_email(to=to, template=template, context=context)
