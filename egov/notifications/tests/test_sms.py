"""Text-message backends, the way Django's email backends work."""

from __future__ import annotations

import io

import pytest
from pytest_django.fixtures import Settings

from egov.notifications import outbox, sms


def test_tests_read_what_was_sent_from_the_outbox_list() -> None:
    assert sms.send_text(to="010-1234-5678", body="Hello") == 1
    assert sms.outbox == [sms.TextMessage(to="010-1234-5678", body="Hello")]


def test_the_console_backend_prints(capsys: pytest.CaptureFixture[str]) -> None:
    stream = io.StringIO()
    backend = sms.get_backend("egov.notifications.sms.ConsoleBackend", stream=stream)
    backend.send_messages([sms.TextMessage(to="010-1234-5678", body="Hello")])
    assert "SMS to 010-1234-5678\nHello\n" in stream.getvalue()


def test_the_outbox_backend_writes_a_file_the_outbox_page_reads(settings: Settings) -> None:
    settings.SMS_BACKEND = "egov.notifications.sms.OutboxBackend"
    sms.send_text(to="010-1234-5678", body="접수번호 EP-2612-0000001 민원이 접수되었습니다")
    (message,) = outbox.messages()
    assert (message.channel, message.to) == ("sms", "010-1234-5678")
    assert message.body.strip() == "접수번호 EP-2612-0000001 민원이 접수되었습니다"
    assert sms.outbox == []


def test_the_dummy_backend_drops_everything_and_offers_nothing(settings: Settings) -> None:
    settings.SMS_BACKEND = "egov.notifications.sms.DummyBackend"
    assert sms.send_text(to="010-1234-5678", body="Hello") == 1
    assert sms.outbox == []
    assert not sms.available()


def test_a_gateway_backend_must_say_how_it_sends() -> None:
    with pytest.raises(NotImplementedError):
        sms.BaseBackend().send_messages([sms.TextMessage(to="1", body="x")])
