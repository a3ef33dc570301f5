"""Emails, written in the recipient's language and delivered in the background."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import override

from egov.portal.tasks import deliver_email

if TYPE_CHECKING:
    from egov.accounts.models import User


def send(*, to: User, template: str, context: dict[str, Any]) -> None:
    """Render ``<template>_subject.txt`` and ``<template>.txt`` and queue the message.

    With the database task backend the message is queued in the caller's
    transaction, so it is sent only if that transaction commits.
    """
    full_context = {
        "user": to,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        **context,
    }
    with override(to.preferred_language):
        subject = render_to_string(f"{template}_subject.txt", full_context).strip()
        body = render_to_string(f"{template}.txt", full_context)
    deliver_email.enqueue(to=to.email, subject=" ".join(subject.split()), body=body)
