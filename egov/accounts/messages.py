"""What the accounts app tells people in their notification centre.

Emails about the account itself (confirm an address, reset a password...)
are not notifications: they are sent with ``notifications.send_email`` from
the templates in ``accounts/email/``.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from egov.notifications import Message, MessageType, Params


def _welcome(params: Params) -> tuple[str, str]:
    return (
        _("Welcome to egov"),
        _("Your email address is confirmed. Your services are all reachable from My government."),
    )


# Shown in the notification centre only: the person has just confirmed the
# address an email would go to.
WELCOME = MessageType(key="accounts.welcome", render=_welcome, in_app_only=True)

TYPES = (WELCOME,)


def welcome() -> Message:
    return Message(WELCOME)
