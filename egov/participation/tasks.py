"""Background jobs for participation; the schedule is declared in apps.py."""

from __future__ import annotations

from django_tasks import task

from egov.participation import actions


@task()
def close_petitions() -> int:
    """Close every open petition whose period (settings.PETITION_OPEN_DAYS) has run out."""
    return actions.close_due_petitions()
