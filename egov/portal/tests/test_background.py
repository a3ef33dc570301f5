"""The worker and the scheduler, with the real database task backend."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks import task_backends
from django_tasks_db.models import DBTaskResult
from pytest_django.fixtures import Settings

from egov.notifications.tasks import send_email

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_tasks(settings: Settings) -> None:
    # django_tasks rebuilds its backends when the TASKS setting changes.
    settings.TASKS = DATABASE_BACKEND
    assert type(task_backends["default"]).__name__ == "DatabaseBackend"


# Transactional: the worker commits and closes connections, as it does in production.
@pytest.mark.django_db(transaction=True)
def test_the_worker_delivers_queued_email(database_tasks: None) -> None:
    send_email.enqueue(to="someone@test.example", subject="Hello", body="Body")
    assert mail.outbox == []
    assert DBTaskResult.objects.count() == 1
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    assert [message.to for message in mail.outbox] == [["someone@test.example"]]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db
def test_the_scheduler_enqueues_due_jobs(
    database_tasks: None, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("run_scheduler", once=True)
    assert "enqueued: clear expired sessions" in capsys.readouterr().out
    assert DBTaskResult.objects.filter(task_path__endswith="clear_expired_sessions").count() == 1
