from __future__ import annotations

from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse

from egov.accounts.models import User
from egov.audit.models import AuditAction, AuditEvent
from egov.portal.actions import notify
from egov.portal.models import Notification, NotificationKind


def _notify(user: User, title: str, *, email: bool = True) -> Notification:
    with transaction.atomic():
        return notify(
            recipient=user, kind=NotificationKind.ACCOUNT, title=title, url="/my/", email=email
        )


def test_a_notification_appears_in_the_centre_and_by_email(
    signed_in: Client, citizen: User
) -> None:
    _notify(citizen, "Your complaint was received")
    page = signed_in.get(reverse("portal:notifications")).content.decode()
    assert "Your complaint was received" in page
    assert '1<span class="sr-only"> unread' in page
    assert mail.outbox[-1].to == [citizen.email]
    assert mail.outbox[-1].subject == "Your complaint was received"
    assert "http://127.0.0.1:8000/my/" in mail.outbox[-1].body


def test_nobody_sees_another_persons_notifications(
    signed_in: Client, citizen: User, other_citizen: User
) -> None:
    _notify(other_citizen, "Private to Siti", email=False)
    assert "Private to Siti" not in signed_in.get(reverse("portal:notifications")).content.decode()


def test_marking_all_read_touches_only_ones_own(
    signed_in: Client, citizen: User, other_citizen: User
) -> None:
    _notify(citizen, "Mine", email=False)
    theirs = _notify(other_citizen, "Theirs", email=False)
    response = signed_in.post(reverse("portal:mark_all_read"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=citizen, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert AuditEvent.objects.filter(action=AuditAction.NOTIFICATION_READ).count() == 1


def test_the_notification_list_has_a_constant_number_of_queries(
    signed_in: Client, citizen: User, django_assert_max_num_queries: object
) -> None:
    for number in range(30):
        _notify(citizen, f"Update {number}", email=False)
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        assert signed_in.get(reverse("portal:notifications")).status_code == 200
