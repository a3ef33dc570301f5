"""\"Was this page useful?\" on every public page: answered by anyone, redacted, audited."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import log_in
from egov.accounts.models import User
from egov.audit.models import AuditAction, AuditEvent
from egov.participation.models import PageFeedback

URL = "/participation/feedback/"


def test_every_public_page_asks_and_staff_pages_do_not(client: Client, officer: User) -> None:
    home = client.get("/").content.decode()
    assert 'id="page-feedback"' in home
    assert "csrfmiddlewaretoken" not in home
    form = client.get(URL, {"path": "/complaints/"})
    assert form.status_code == 200
    assert 'value="/complaints/"' in form.content.decode()
    assert 'value="/"' in client.get(URL, {"path": "https://evil.example/"}).content.decode()
    assert 'id="page-feedback"' in client.get(reverse("participation:petitions")).content.decode()
    log_in(client, officer)
    staff = client.get(reverse("participation_staff:proposals")).content.decode()
    assert 'id="page-feedback"' not in staff


def test_an_answer_is_kept_redacted_and_audited(client: Client, db: None) -> None:
    response = client.post(
        URL,
        {"path": "/participation/", "useful": "no", "comment": "Call me: 010-1234-5678"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/participation/"
    feedback = PageFeedback.objects.get()
    assert (feedback.useful, feedback.account) == (False, None)
    assert "1234-5678" not in feedback.comment
    event = AuditEvent.objects.get(action=AuditAction.PAGE_FEEDBACK_GIVEN)
    assert event.detail == {"useful": False, "comment": True}
    summary = client.get(reverse("participation:feedback_summary")).content.decode()
    assert "/participation/" in summary


def test_a_signed_in_answer_names_its_account(client: Client, citizen: User) -> None:
    log_in(client, citizen)
    client.post(URL, {"path": "/", "useful": "yes"})
    assert PageFeedback.objects.get().account == citizen


@pytest.mark.parametrize(
    "data",
    [
        {"path": "/", "useful": "maybe"},
        {"path": "/complaints/"},
        {"path": "/", "useful": "yes", "comment": "x" * 1001},
        {"path": "/" + "a" * 400, "useful": "yes"},
        {"useful": "yes"},
        {"path": "/\x00", "useful": "yes"},
    ],
)
def test_wrong_answers_are_shown_again_and_keep_nothing(
    client: Client, db: None, data: dict[str, str]
) -> None:
    assert client.post(URL, data).status_code == 400
    assert PageFeedback.objects.count() == 0


@pytest.mark.parametrize("path", ["//evil.example/", "https://evil.example/", "javascript:x"])
def test_an_answer_about_another_site_sends_nobody_there(
    client: Client, db: None, path: str
) -> None:
    response = client.post(URL, {"path": path, "useful": "yes"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert PageFeedback.objects.count() == 0
