"""Each message's delivery per channel: as the person chose, with its state, retried on failure."""

from __future__ import annotations

import datetime

from django.core import mail
from django.utils import timezone
from pytest_django.fixtures import Settings

from conftest import RunOnCommit
from egov import notifications
from egov.accounts.models import User
from egov.notifications import actions, sms, tasks
from egov.notifications.models import Channel, Delivery, DeliveryState, Notification
from egov.notifications.tests.conftest import IN_APP_ONLY, case_step, plain

UNREACHABLE = "egov.notifications.tests.backends.UnreachableEmailBackend"


def tell(run_on_commit: RunOnCommit, user: User, message: notifications.Message) -> Notification:
    with run_on_commit():
        notifications.on_commit([user], message, url="/complaints/EP-2612-0000001/")
    return Notification.objects.filter(recipient=user).first()  # type: ignore[return-value]


def delivery(notification: Notification, channel: Channel) -> Delivery:
    return Delivery.objects.get(notification=notification, channel=channel)


def test_an_email_per_message_is_queued_then_sent(
    citizen: User, run_on_commit: RunOnCommit
) -> None:
    notification = tell(run_on_commit, citizen, plain("Received"))
    email = delivery(notification, Channel.EMAIL)
    assert (email.state, email.attempts, email.reason) == (DeliveryState.SENT, 1, "")
    assert email.sent_at is not None
    assert [message.subject for message in mail.outbox] == ["Received"]
    texts = delivery(notification, Channel.SMS)
    assert (texts.state, texts.reason) == (DeliveryState.SKIPPED, "preference")
    assert texts.sent_at is None


def test_a_daily_summary_holds_the_email(citizen: User, run_on_commit: RunOnCommit) -> None:
    actions.set_preferences(user=citizen, email="digest", sms=False)
    notification = tell(run_on_commit, citizen, plain("Received"))
    assert delivery(notification, Channel.EMAIL).state == DeliveryState.HELD
    assert mail.outbox == []


def test_no_email_is_skipped_by_preference(citizen: User, run_on_commit: RunOnCommit) -> None:
    actions.set_preferences(user=citizen, email="off", sms=False)
    notification = tell(run_on_commit, citizen, plain("Received"))
    email = delivery(notification, Channel.EMAIL)
    assert (email.state, email.reason) == (DeliveryState.SKIPPED, "preference")
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=citizen).count() == 1  # the centre has it


def test_a_text_message_is_short_and_links_to_the_page(
    citizen: User, run_on_commit: RunOnCommit
) -> None:
    actions.set_preferences(user=citizen, email="off", sms=True)
    notification = tell(run_on_commit, citizen, case_step())
    texts = delivery(notification, Channel.SMS)
    assert texts.state == DeliveryState.SENT
    (message,) = sms.outbox
    assert message.to == "010-1234-5678"
    assert message.body == (
        "Complaint EP-2612-0000001 was received http://127.0.0.1:8000/complaints/EP-2612-0000001/"
    )


def test_a_text_message_is_written_in_the_recipients_language(
    citizen: User, run_on_commit: RunOnCommit
) -> None:
    actions.set_preferences(user=citizen, email="off", sms=True)
    User.objects.filter(pk=citizen.pk).update(preferred_language="ko")
    citizen.refresh_from_db()
    tell(run_on_commit, citizen, case_step())
    assert sms.outbox[0].body.startswith("접수번호 EP-2612-0000001 민원이 접수되었습니다")


def test_texts_to_someone_who_removed_their_phone_are_skipped(
    citizen: User, run_on_commit: RunOnCommit
) -> None:
    actions.set_preferences(user=citizen, email="off", sms=True)
    User.objects.filter(pk=citizen.pk).update(phone="")
    citizen.refresh_from_db()
    notification = tell(run_on_commit, citizen, plain("Received"))
    texts = delivery(notification, Channel.SMS)
    assert (texts.state, texts.reason) == (DeliveryState.SKIPPED, "no_address")
    assert sms.outbox == []


def test_staff_get_case_steps_in_their_queue_only(
    officer: User, run_on_commit: RunOnCommit
) -> None:
    notification = tell(run_on_commit, officer, case_step())
    assert delivery(notification, Channel.EMAIL).state == DeliveryState.SKIPPED
    assert mail.outbox == []


def test_staff_who_ask_for_email_get_it(officer: User, run_on_commit: RunOnCommit) -> None:
    actions.set_preferences(user=officer, email="each", sms=False)
    tell(run_on_commit, officer, case_step())
    assert [message.to for message in mail.outbox] == [[officer.email]]


def test_an_in_app_message_has_no_deliveries(citizen: User, run_on_commit: RunOnCommit) -> None:
    notification = tell(run_on_commit, citizen, notifications.Message(IN_APP_ONLY, {"title": "Hi"}))
    assert not notification.deliveries.exists()


def test_a_failed_email_is_retried_later_with_a_reason_that_names_nobody(
    citizen: User, run_on_commit: RunOnCommit, settings: Settings
) -> None:
    settings.EMAIL_BACKEND = UNREACHABLE
    before = timezone.now()
    notification = tell(run_on_commit, citizen, plain("Received"))
    email = delivery(notification, Channel.EMAIL)
    assert (email.state, email.attempts) == (DeliveryState.QUEUED, 1)
    assert email.reason == "SMTPServerDisconnected"
    assert email.next_attempt_at is not None
    assert email.next_attempt_at >= before + actions.BACK_OFF[0]
    # Not due yet: running it again now sends nothing.
    assert tasks.deliver.call(delivery_id=email.pk) == "not_due"
    # Once the wait is over, the retry job queues it again, and it goes out.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Delivery.objects.filter(pk=email.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    assert tasks.retry_deliveries.call() == 1
    email.refresh_from_db()
    assert (email.state, email.attempts, email.reason) == (DeliveryState.SENT, 2, "")
    assert [message.subject for message in mail.outbox] == ["Received"]


def test_a_delivery_that_keeps_failing_is_given_up_after_the_last_attempt(
    citizen: User, run_on_commit: RunOnCommit, settings: Settings
) -> None:
    settings.EMAIL_BACKEND = UNREACHABLE
    notification = tell(run_on_commit, citizen, plain("Received"))
    email = delivery(notification, Channel.EMAIL)
    for _attempt in range(actions.MAX_ATTEMPTS - 1):
        Delivery.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
        tasks.deliver.call(delivery_id=email.pk)
    email.refresh_from_db()
    assert (email.state, email.attempts) == (DeliveryState.FAILED, actions.MAX_ATTEMPTS)
    assert email.next_attempt_at is None
    assert email.reason == "SMTPServerDisconnected"
    assert tasks.retry_deliveries.call() == 0


def test_a_failed_text_message_is_retried_too(
    citizen: User, run_on_commit: RunOnCommit, settings: Settings
) -> None:
    actions.set_preferences(user=citizen, email="off", sms=True)
    settings.SMS_BACKEND = "egov.notifications.tests.backends.RefusingSmsBackend"
    notification = tell(run_on_commit, citizen, plain("Received"))
    texts = delivery(notification, Channel.SMS)
    assert (texts.state, texts.reason) == (DeliveryState.QUEUED, "ConnectionRefusedError")


def test_a_delivery_is_sent_once_even_when_queued_twice(
    citizen: User, run_on_commit: RunOnCommit
) -> None:
    notification = tell(run_on_commit, citizen, plain("Received"))
    email = delivery(notification, Channel.EMAIL)
    assert tasks.deliver.call(delivery_id=email.pk) == "not_due"
    assert len(mail.outbox) == 1


def test_a_worker_that_died_mid_attempt_is_taken_over_after_its_lease(
    citizen: User, run_on_commit: RunOnCommit, settings: Settings
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    notification = tell(run_on_commit, citizen, plain("Received"))
    email = delivery(notification, Channel.EMAIL)
    claimed = actions.claim_delivery(delivery_id=email.pk)  # ...and the worker dies here
    assert claimed is not None
    assert actions.claim_delivery(delivery_id=email.pk) is None  # nobody else takes it
    Delivery.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now() - actions.LEASE)
    assert tasks.retry_deliveries.call() == 1


def test_a_long_reason_is_cut_to_fit(citizen: User, run_on_commit: RunOnCommit) -> None:
    notification = tell(run_on_commit, citizen, plain("Received"))
    email = delivery(notification, Channel.EMAIL)
    email.attempts = 1
    actions.record_failure(delivery=email, reason="x" * 500)
    email.refresh_from_db()
    assert len(email.reason) == 100


def test_an_email_is_written_in_the_language_the_recipient_has_when_it_goes_out(
    citizen: User, run_on_commit: RunOnCommit, settings: Settings
) -> None:
    # The queue holds the delivery (as a busy worker would) while the citizen
    # switches to Indonesian.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    notification = tell(run_on_commit, citizen, case_step())
    User.objects.filter(pk=citizen.pk).update(preferred_language="id")
    assert tasks.deliver.call(delivery_id=delivery(notification, Channel.EMAIL).pk) == "sent"
    (email,) = mail.outbox
    assert email.subject == "Pengaduan EP-2612-0000001 sudah diterima"
    assert "Divisi Jalan" in email.body


def test_a_queued_text_to_a_phone_removed_meanwhile_is_skipped(
    citizen: User, run_on_commit: RunOnCommit, settings: Settings
) -> None:
    actions.set_preferences(user=citizen, email="off", sms=True)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    notification = tell(run_on_commit, citizen, plain("Received"))
    User.objects.filter(pk=citizen.pk).update(phone="")
    texts = delivery(notification, Channel.SMS)
    assert tasks.deliver.call(delivery_id=texts.pk) == "skipped"
    texts.refresh_from_db()
    assert (texts.state, texts.reason) == (DeliveryState.SKIPPED, "no_address")
    assert sms.outbox == []
