"""The notification centre: rendered when read, in the reader's language."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from conftest import RunOnCommit, log_in, make_user
from egov import notifications
from egov.accounts.models import User
from egov.audit.models import AuditAction, AuditEvent
from egov.notifications.models import Notification
from egov.notifications.tests.conftest import case_step, plain

CENTRE = reverse("notifications:centre")


def tell(run_on_commit: RunOnCommit, user: User, message: notifications.Message) -> Notification:
    with run_on_commit():
        notifications.on_commit([user], message, url="/my/")
    return Notification.objects.filter(recipient=user).first()  # type: ignore[return-value]


def test_the_urls_stay_where_they_were() -> None:
    assert CENTRE == "/my/notifications/"
    assert reverse("notifications:mark_all_read") == "/my/notifications/read/"


def test_a_notification_appears_in_the_centre_with_the_unread_count(
    signed_in: Client, citizen: User, run_on_commit: RunOnCommit
) -> None:
    tell(run_on_commit, citizen, plain("Your complaint was received"))
    page = signed_in.get(CENTRE).content.decode()
    assert "Your complaint was received" in page
    assert '1<span class="sr-only"> unread' in page
    assert "Testing" in page  # the sender's name


def test_a_korean_citizens_notification_reads_in_indonesian_after_they_switch(
    client: Client, db: None, run_on_commit: RunOnCommit
) -> None:
    korean = make_user("korean@test.example", preferred_language="ko")
    tell(run_on_commit, korean, case_step())
    log_in(client, korean)
    client.post(reverse("portal:set_language"), {"language": "ko", "next": CENTRE})
    page = client.get(CENTRE).content.decode()
    assert "접수번호 EP-2612-0000001 민원이 접수되었습니다" in page
    assert "도로과" in page
    client.post(reverse("portal:set_language"), {"language": "id", "next": CENTRE})
    page = client.get(CENTRE).content.decode()
    assert "Pengaduan EP-2612-0000001 sudah diterima" in page
    assert "Divisi Jalan" in page
    assert "민원" not in page


def test_nobody_sees_another_persons_notifications(
    signed_in: Client, citizen: User, other_citizen: User, run_on_commit: RunOnCommit
) -> None:
    tell(run_on_commit, other_citizen, plain("Private to Siti"))
    assert "Private to Siti" not in signed_in.get(CENTRE).content.decode()


def test_marking_all_read_touches_only_ones_own(
    signed_in: Client, citizen: User, other_citizen: User, run_on_commit: RunOnCommit
) -> None:
    tell(run_on_commit, citizen, plain("Mine"))
    theirs = tell(run_on_commit, other_citizen, plain("Theirs"))
    response = signed_in.post(reverse("notifications:mark_all_read"))
    assert response.status_code == 302
    assert response["Location"] == CENTRE
    assert not Notification.objects.filter(recipient=citizen, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert AuditEvent.objects.filter(action=AuditAction.NOTIFICATION_READ).count() == 1


def test_marking_read_needs_a_post(signed_in: Client) -> None:
    assert signed_in.get(reverse("notifications:mark_all_read")).status_code == 405


def test_the_centre_has_a_constant_number_of_queries(
    signed_in: Client,
    citizen: User,
    run_on_commit: RunOnCommit,
    django_assert_max_num_queries: Any,
) -> None:
    with run_on_commit():
        for number in range(30):
            notifications.on_commit([citizen], plain(f"Update {number}"))
    with django_assert_max_num_queries(6):
        assert signed_in.get(CENTRE).status_code == 200


def test_a_notification_from_before_message_keys_shows_its_stored_text(
    signed_in: Client, citizen: User
) -> None:
    Notification.objects.create(
        recipient=citizen, kind="complaints", title="Complaint EP-1 was received", body="Old"
    )
    page = signed_in.get(CENTRE).content.decode()
    assert "Complaint EP-1 was received" in page
    assert "Complaints" in page


def test_a_message_whose_params_no_longer_fit_does_not_break_the_page(
    signed_in: Client, citizen: User
) -> None:
    Notification.objects.create(recipient=citizen, kind="testing", key="testing.case_step")
    Notification.objects.create(recipient=citizen, kind="gone", key="gone.service_removed")
    response = signed_in.get(CENTRE)
    assert response.status_code == 200
    assert response.content.decode().count("Notification") >= 2


def test_hostile_params_are_escaped(
    signed_in: Client, citizen: User, run_on_commit: RunOnCommit
) -> None:
    tell(run_on_commit, citizen, plain("<script>alert(1)</script>", "<b>bold</b>"))
    page = signed_in.get(CENTRE).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert "<b>bold</b>" not in page
