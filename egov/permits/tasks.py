"""Background jobs for permits; the schedule is registered in apps.py."""

from __future__ import annotations

from django_tasks import task

from egov.permits import actions


@task()
def refresh_permit_statistics() -> int:
    """Recompute the processing times per type and unit that the statistics page reads."""
    return actions.refresh_statistics()
