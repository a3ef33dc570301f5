from __future__ import annotations

from django_tasks import task


@task()
def clear_expired_sessions() -> None:
    """Sessions are stored in the database; drop the ones that can no longer be used."""
    from django.contrib.sessions.backends.db import SessionStore

    SessionStore.clear_expired()
