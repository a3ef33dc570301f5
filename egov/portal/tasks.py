from __future__ import annotations

from django.core.mail import send_mail
from django_tasks import task


@task()
def deliver_email(*, to: str, subject: str, body: str) -> None:
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[to])


@task()
def clear_expired_sessions() -> None:
    """Sessions are stored in the database; drop the ones that can no longer be used."""
    from django.contrib.sessions.backends.db import SessionStore

    SessionStore.clear_expired()
