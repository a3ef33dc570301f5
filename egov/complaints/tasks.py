"""Background jobs for complaints; the schedule is in egov/lib/periodic.py."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from egov.complaints import actions
from egov.complaints.models import Complaint

# One run sends at most this many notices; the next run (an hour later) takes the
# rest, so a backlog never turns into one job that holds the worker for hours.
PROGRESS_NOTICE_BATCH = 5000


@task()
def send_progress_notices() -> int:
    """Tell the citizens of every case open for 30 days where it stands (once per case)."""
    due = Complaint.objects.needing_progress_notice(timezone.now()).values_list("pk", flat=True)
    return sum(
        actions.send_progress_notice(complaint_id=complaint_id)
        for complaint_id in list(due[:PROGRESS_NOTICE_BATCH])
    )


@task()
def refresh_complaint_statistics() -> int:
    """Recompute the statistics per agency and unit that the pages and open data read."""
    return actions.refresh_statistics()


@task()
def refresh_complaint_surges() -> int:
    """Find the categories rising in a district, last full week against the week before."""
    return actions.refresh_surges()
