"""Sending: after the commit, never inside the action, to the page each person can open."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.db import transaction

from conftest import RunOnCommit, make_user
from egov import notifications
from egov.accounts.models import Role, User
from egov.agencies.models import Unit
from egov.notifications import Message, MessageType
from egov.notifications.models import Notification
from egov.notifications.tests.conftest import IN_APP_ONLY, case_step, plain


def test_nothing_is_written_until_the_transaction_commits(
    citizen: User, run_on_commit: RunOnCommit
) -> None:
    with run_on_commit(), transaction.atomic():
        notifications.on_commit([citizen], plain("Your complaint was received"))
        assert not Notification.objects.exists()
        assert mail.outbox == []
    notification = Notification.objects.get(recipient=citizen)
    assert (notification.kind, notification.key) == ("testing", "testing.plain")
    assert notification.params == {"title": "Your complaint was received", "body": ""}
    assert notification.title == ""  # no text is stored: it is written when read
    assert [message.to for message in mail.outbox] == [[citizen.email]]


def test_nobody_hears_of_an_action_that_rolled_back(
    citizen: User, run_on_commit: RunOnCommit
) -> None:
    def failing_action() -> None:
        with transaction.atomic():
            notifications.on_commit([citizen], plain("This never happened"))
            raise RuntimeError("the action failed")

    with run_on_commit(), pytest.raises(RuntimeError):
        failing_action()
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_each_recipient_gets_the_page_they_can_open(
    citizen: User, officer: User, run_on_commit: RunOnCommit
) -> None:
    with run_on_commit():
        notifications.on_commit(
            [citizen, officer],
            case_step(),
            url=lambda person: "/staff/case/" if person.is_government_staff else "/case/",
        )
    assert Notification.objects.get(recipient=citizen).url == "/case/"
    assert Notification.objects.get(recipient=officer).url == "/staff/case/"


def test_the_email_is_written_in_the_recipients_language_when_it_is_sent(
    other_citizen: User, run_on_commit: RunOnCommit
) -> None:
    with run_on_commit():
        notifications.on_commit([other_citizen], case_step(), url="/case/")
    (email,) = mail.outbox
    assert email.to == [other_citizen.email]
    assert email.subject == "Pengaduan EP-2612-0000001 sudah diterima"
    assert "Divisi Jalan" in email.body
    assert "http://127.0.0.1:8000/case/" in email.body  # absolute, from SITE_URL


def test_staff_read_case_steps_in_their_queue_not_by_email(
    officer: User, run_on_commit: RunOnCommit
) -> None:
    with run_on_commit():
        notifications.on_commit([officer], case_step())
    assert Notification.objects.filter(recipient=officer).count() == 1
    assert mail.outbox == []


def test_an_in_app_message_is_never_emailed(citizen: User, run_on_commit: RunOnCommit) -> None:
    with run_on_commit():
        notifications.on_commit([citizen], Message(IN_APP_ONLY, {"title": "Welcome"}))
    assert Notification.objects.filter(recipient=citizen).count() == 1
    assert mail.outbox == []


def test_an_unregistered_message_type_is_refused_at_once(citizen: User) -> None:
    unknown = MessageType("testing.unregistered", lambda params: ("", ""))
    with pytest.raises(LookupError, match=r"testing\.unregistered"):
        notifications.on_commit([citizen], Message(unknown))


@pytest.mark.parametrize(
    "value", [datetime.date(2026, 12, 2), object(), {"nested": {1, 2}}], ids=repr
)
def test_params_must_be_json(citizen: User, value: object) -> None:
    with pytest.raises(TypeError):
        notifications.on_commit([citizen], Message(IN_APP_ONLY, {"title": value}))  # type: ignore[dict-item]


def test_no_recipients_sends_nothing(run_on_commit: RunOnCommit) -> None:
    with run_on_commit() as callbacks:
        notifications.on_commit([], plain("To nobody"))
    assert callbacks == []


def test_a_key_must_name_its_sender() -> None:
    with pytest.raises(ValueError, match=r"<sender>\.<name>"):
        MessageType("nodot", lambda params: ("", ""))


def test_the_same_key_cannot_name_two_message_types() -> None:
    with pytest.raises(ValueError, match="registered already"):
        notifications.register(
            MessageType("testing.plain", lambda params: ("", "")), sender_name="Other"
        )


def test_an_account_without_an_email_address_is_told_in_the_centre_only(
    db: None, run_on_commit: RunOnCommit, unit: Unit
) -> None:
    person = make_user("someone@test.example", Role.CITIZEN)
    User.objects.filter(pk=person.pk).update(email="")
    person.refresh_from_db()
    with run_on_commit():
        notifications.on_commit([person], plain("Hello"))
    assert Notification.objects.filter(recipient=person).count() == 1
    assert mail.outbox == []
