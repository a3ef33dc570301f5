"""The daily summary: one email per person with what was held for them."""

from __future__ import annotations

from django.core import mail
from pytest_django.fixtures import Settings

from conftest import RunOnCommit
from egov import notifications
from egov.accounts.models import User
from egov.notifications import actions, tasks
from egov.notifications.models import Channel, Delivery, DeliveryState
from egov.notifications.tests.conftest import case_step, plain


def hold(run_on_commit: RunOnCommit, user: User, *messages: notifications.Message) -> None:
    actions.set_preferences(user=user, email="digest", sms=False)
    with run_on_commit():
        for message in messages:
            notifications.on_commit([user], message, url="/complaints/EP-2612-0000001/")


def held(user: User) -> list[str]:
    return list(
        Delivery.objects.filter(notification__recipient=user, channel=Channel.EMAIL)
        .order_by("pk")
        .values_list("state", flat=True)
    )


def test_one_summary_per_person_carries_everything_held_and_marks_it_sent(
    citizen: User, other_citizen: User, run_on_commit: RunOnCommit
) -> None:
    hold(run_on_commit, citizen, plain("First step"), plain("Second step"))
    hold(run_on_commit, other_citizen, case_step())
    assert held(citizen) == [DeliveryState.HELD, DeliveryState.HELD]
    assert tasks.send_digests.call() == 2
    by_recipient = {message.to[0]: message for message in mail.outbox}
    summary = by_recipient[citizen.email]
    assert summary.subject == "Your daily summary: 2 messages"
    assert summary.body.index("First step") < summary.body.index("Second step")
    assert "http://127.0.0.1:8000/complaints/EP-2612-0000001/" in summary.body
    assert "http://127.0.0.1:8000/my/notifications/" in summary.body
    assert held(citizen) == [DeliveryState.SENT, DeliveryState.SENT]
    assert Delivery.objects.filter(state=DeliveryState.SENT, sent_at__isnull=True).count() == 0
    # Written in each person's own language.
    assert "Pengaduan EP-2612-0000001 sudah diterima" in by_recipient[other_citizen.email].body
    # Nothing is held any more, so tomorrow's run sends nothing.
    assert tasks.send_digests.call() == 0
    assert len(mail.outbox) == 2


def test_someone_who_turned_email_off_gets_no_summary(
    citizen: User, run_on_commit: RunOnCommit
) -> None:
    hold(run_on_commit, citizen, plain("First step"))
    actions.set_preferences(user=citizen, email="off", sms=False)
    assert tasks.send_digests.call() == 0
    assert mail.outbox == []
    assert held(citizen) == [DeliveryState.SKIPPED]


def test_a_summary_that_fails_waits_for_the_next_day_a_bounded_number_of_times(
    citizen: User, run_on_commit: RunOnCommit, settings: Settings
) -> None:
    hold(run_on_commit, citizen, plain("First step"))
    settings.EMAIL_BACKEND = "egov.notifications.tests.backends.UnreachableEmailBackend"
    assert tasks.send_digests.call() == 0
    delivery = Delivery.objects.get(notification__recipient=citizen, channel=Channel.EMAIL)
    assert (delivery.state, delivery.attempts) == (DeliveryState.HELD, 1)
    assert delivery.reason == "SMTPServerDisconnected"
    for _day in range(actions.MAX_ATTEMPTS - 1):
        tasks.send_digests.call()
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (DeliveryState.FAILED, actions.MAX_ATTEMPTS)


def test_a_summary_of_one_message_says_so(citizen: User, run_on_commit: RunOnCommit) -> None:
    hold(run_on_commit, citizen, plain("Only step"))
    tasks.send_digests.call()
    assert mail.outbox[0].subject == "Your daily summary: 1 message"
