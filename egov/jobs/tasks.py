"""Background jobs for the jobs service; scheduled in JobsConfig.ready()."""

from __future__ import annotations

from django_tasks import task

from egov.jobs import actions


@task()
def expire_postings() -> int:
    """Close the live postings whose "applications close on" day has passed."""
    return actions.expire_postings()


@task()
def send_search_alerts() -> int:
    """Tell job seekers of the day's new postings matching their saved searches."""
    return actions.send_search_alerts()


@task()
def send_expiry_reminders() -> int:
    """Remind employers a week before their postings expire."""
    return actions.send_expiry_reminders()
