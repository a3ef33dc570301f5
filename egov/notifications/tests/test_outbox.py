"""The development outbox: sent messages as files, on a page that exists only in development."""

from __future__ import annotations

import pytest
from django.core.mail import EmailMessage
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from egov.notifications import outbox, sms

OUTBOX = reverse("notifications:outbox")


@pytest.fixture
def enabled(settings: Settings) -> None:
    settings.OUTBOX_ENABLED = True
    settings.EMAIL_BACKEND = "egov.notifications.outbox.EmailBackend"
    settings.SMS_BACKEND = "egov.notifications.sms.OutboxBackend"


def send_email(subject: str, body: str, to: str = "citizen@test.example") -> None:
    EmailMessage(subject=subject, body=body, to=[to]).send()


@pytest.mark.usefixtures("enabled")
def test_sent_messages_are_listed_newest_first_and_readable(client: Client) -> None:
    send_email("Confirm your email address", "Open http://127.0.0.1:8000/accounts/confirm/x/")
    sms.send_text(to="010-1234-5678", body="Complaint EP-2612-0000001 was received")
    send_email("Complaint EP-2612-0000001 was answered", "Outcome: Accepted.")
    page = client.get(OUTBOX).content.decode()
    assert page.index("was answered") < page.index("was received") < page.index("Confirm your")
    assert "010-1234-5678" in page
    first = outbox.messages()[-1]
    detail = client.get(reverse("notifications:outbox_message", args=[first.name]))
    assert detail.status_code == 200
    text = detail.content.decode()
    assert "Confirm your email address" in text
    # The link can be followed from the page.
    assert 'href="http://127.0.0.1:8000/accounts/confirm/x/"' in text


@pytest.mark.usefixtures("enabled")
def test_korean_and_indonesian_messages_read_as_written(client: Client) -> None:
    send_email("민원이 접수되었습니다", "처리 기한: 2026년 12월 2일", to="siti@test.example")
    name = outbox.messages()[0].name
    text = client.get(reverse("notifications:outbox_message", args=[name])).content.decode()
    assert "민원이 접수되었습니다" in text
    assert "처리 기한: 2026년 12월 2일" in text


@pytest.mark.usefixtures("enabled")
def test_what_a_message_says_is_escaped(client: Client) -> None:
    send_email("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
    page = client.get(OUTBOX).content.decode()
    assert "<script>alert(1)</script>" not in page
    name = outbox.messages()[0].name
    text = client.get(reverse("notifications:outbox_message", args=[name])).content.decode()
    assert "<img src=x" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text


@pytest.mark.usefixtures("enabled")
@pytest.mark.parametrize(
    "name",
    [
        "..%2F..%2Fetc%2Fpasswd",
        "20261129T141500123456-abcdef01.txt",
        "20261129T141500123456-abcdef01.eml.bak",
        "20261129T141500123456-abcdef01.eml",  # well formed, but never written
        "x" * 300,
        "%3Cscript%3E",
    ],
)
def test_anything_but_a_message_the_outbox_wrote_is_not_found(client: Client, name: str) -> None:
    assert client.get(f"{OUTBOX}{name}/").status_code == 404


@pytest.mark.usefixtures("enabled")
def test_an_empty_outbox_says_so(client: Client) -> None:
    page = client.get(OUTBOX).content.decode()
    assert "Nothing has been sent yet." in page


def test_the_outbox_does_not_exist_unless_enabled(client: Client, settings: Settings) -> None:
    settings.OUTBOX_ENABLED = False
    settings.EMAIL_BACKEND = "egov.notifications.outbox.EmailBackend"
    send_email("Private", "Body")
    name = outbox.messages()[0].name
    assert client.get(OUTBOX).status_code == 404
    assert client.get(reverse("notifications:outbox_message", args=[name])).status_code == 404


@pytest.mark.usefixtures("enabled")
def test_the_outbox_needs_no_write_method(client: Client) -> None:
    assert client.post(OUTBOX).status_code == 405
