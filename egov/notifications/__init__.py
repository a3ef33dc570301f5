"""Notifications: ``from egov import notifications; notifications.on_commit(...)``.

Services declare their message types (``MessageType``) in their own
``messages.py``, register them in ``AppConfig.ready()`` with ``register()``,
and send with ``on_commit()``; account emails go out with ``send_email()``.
See docs/architecture.md.
"""

from egov.notifications.registry import JSON, Message, MessageType, Params, register
from egov.notifications.sending import Addressee, Link, Recipient, on_commit, send_email

__all__ = [
    "JSON",
    "Addressee",
    "Link",
    "Message",
    "MessageType",
    "Params",
    "Recipient",
    "on_commit",
    "register",
    "send_email",
]
