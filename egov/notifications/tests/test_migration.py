"""Moving the portal's notifications into this app keeps every row."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from egov.accounts.models import User
from egov.notifications.models import Notification

BEFORE = [("portal", "0001_initial"), ("notifications", "0001_initial")]


@pytest.fixture
def migrated_back() -> Iterator[MigrationExecutor]:
    """The schema as it was before the move; the latest one again afterwards, whatever happens."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        yield executor
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


# Transactional, because SQLite changes its schema only outside a transaction.
@pytest.mark.django_db(transaction=True)
def test_old_notifications_move_with_their_text_and_read_state(
    migrated_back: MigrationExecutor,
) -> None:
    # Arranged without the actions: an account made through them would leave
    # an audit event, which nothing (not even the test's clean-up) may delete.
    citizen = User.objects.create(email="citizen@test.example")
    Old = migrated_back.loader.project_state(BEFORE).apps.get_model("portal", "Notification")
    sent = timezone.now() - datetime.timedelta(days=3)
    Old.objects.create(
        recipient_id=citizen.pk,
        kind="complaint",
        title="Complaint EP-2611-0000001 was received",
        body="Civil Affairs Division will handle it.",
        url="/complaints/EP-2611-0000001/",
        created_at=sent,
        read_at=sent,
    )
    Old.objects.create(recipient_id=citizen.pk, kind="account", title="Welcome to egov")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    moved = list(Notification.objects.filter(recipient=citizen).order_by("created_at"))
    assert [(n.kind, n.key, n.text().title) for n in moved] == [
        ("complaints", "", "Complaint EP-2611-0000001 was received"),
        ("accounts", "", "Welcome to egov"),
    ]
    assert moved[0].text().body == "Civil Affairs Division will handle it."
    assert (moved[0].url, moved[0].created_at, moved[0].read_at) == (
        "/complaints/EP-2611-0000001/",
        sent,
        sent,
    )
    assert moved[1].read_at is None
