"""Signing in to do something explains why, and signing up on the way keeps the way back."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, RunOnCommit
from egov.accounts.models import User
from egov.audit.models import AuditAction, AuditEvent

FORM = "/complaints/new/"
SIGN_UP = {
    "name": "Siti Rahayu",
    "email": "siti@example.org",
    "password": "kopi-susu-di-pagi-hari",
    "preferred_language": "en",
}


def emailed_link() -> str:
    match = re.search(r"https?://\S+?(/accounts/confirm/\S+)", str(mail.outbox[-1].body))
    assert match is not None
    return match.group(1)


@pytest.mark.django_db
def test_a_form_that_needs_an_account_sends_a_visitor_to_sign_in_and_says_why(
    client: Client,
) -> None:
    response = client.get(FORM)
    assert response.status_code == 302
    sign_in = client.get(response["Location"])
    text = sign_in.content.decode()
    assert "We need to know who is asking" in text
    assert "You will come back to the page you were on." in text
    # Signing up from there keeps the form as the way back.
    assert f'href="/accounts/sign-up/?next={FORM}"' in text


@pytest.mark.django_db
def test_a_plain_sign_in_explains_nothing() -> None:
    text = Client().get(reverse("accounts:sign_in")).content.decode()
    assert "We need to know who is asking" not in text
    assert 'href="/accounts/sign-up/"' in text


@pytest.mark.django_db
def test_signing_up_on_the_way_leads_back_to_the_form_after_confirming_and_signing_in(
    client: Client, run_on_commit: RunOnCommit
) -> None:
    page = client.get(reverse("accounts:sign_up"), {"next": FORM}).content.decode()
    assert f'name="next" value="{FORM}"' in page
    with run_on_commit():
        sent = client.post(reverse("accounts:sign_up"), {**SIGN_UP, "next": FORM})
    assert "you will come back to the page you were on" in sent.content.decode()
    link = emailed_link()
    assert link.endswith(f"?next={quote(FORM, safe='')}")
    with run_on_commit():
        confirmed = client.get(link)
    assert confirmed.status_code == 302
    assert confirmed["Location"] == f"/accounts/sign-in/?next={quote(FORM, safe='')}"
    signed_in = client.post(
        confirmed["Location"],
        {"email": SIGN_UP["email"], "password": SIGN_UP["password"], "next": FORM},
    )
    assert signed_in.status_code == 302
    assert signed_in["Location"] == FORM
    assert User.objects.get(email=SIGN_UP["email"]).email_confirmed_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize("hostile", ["//evil.example/", "https://evil.example/", "x", "/\\evil"])
def test_a_foreign_way_back_is_dropped_on_the_way_through_sign_up(
    client: Client, run_on_commit: RunOnCommit, hostile: str
) -> None:
    with run_on_commit():
        client.post(reverse("accounts:sign_up"), {**SIGN_UP, "next": hostile})
    link = emailed_link()
    assert "next=" not in link
    with run_on_commit():
        confirmed = client.get(f"{link}?next={quote(hostile, safe='')}")
    assert confirmed["Location"] == "/accounts/sign-in/"


@pytest.mark.django_db
def test_an_existing_owner_is_emailed_a_sign_in_link_that_leads_back(
    client: Client, citizen: User, run_on_commit: RunOnCommit
) -> None:
    with run_on_commit():
        client.post(reverse("accounts:sign_up"), {**SIGN_UP, "email": citizen.email, "next": FORM})
    assert f"/accounts/sign-in/?next={quote(FORM, safe='')}" in str(mail.outbox[-1].body)


@pytest.mark.django_db
def test_the_language_chosen_before_signing_in_stays_chosen_and_becomes_the_profile_s(
    client: Client, citizen: User
) -> None:
    assert citizen.preferred_language != "id"
    client.get(reverse("portal:set_language"), {"language": "id", "next": "/"})
    response = client.post(
        reverse("accounts:sign_in"), {"email": citizen.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "id"
    citizen.refresh_from_db()
    assert citizen.preferred_language == "id"
    assert AuditEvent.objects.filter(action=AuditAction.USER_LANGUAGE_CHANGED).count() == 1


@pytest.mark.django_db
def test_a_browser_that_chose_no_language_takes_the_profile_s(
    client: Client, citizen: User
) -> None:
    response = client.post(
        reverse("accounts:sign_in"), {"email": citizen.email, "password": PASSWORD}
    )
    assert response.cookies["django_language"].value == citizen.preferred_language
    assert not AuditEvent.objects.filter(action=AuditAction.USER_LANGUAGE_CHANGED).exists()


@pytest.mark.django_db
def test_the_last_person_s_language_on_a_shared_browser_is_not_a_choice(
    client: Client, citizen: User, other_citizen: User
) -> None:
    other_citizen.preferred_language = "id"
    other_citizen.save(update_fields=["preferred_language"])
    client.post(reverse("accounts:sign_in"), {"email": other_citizen.email, "password": PASSWORD})
    client.post(reverse("accounts:sign_out"))
    response = client.post(
        reverse("accounts:sign_in"), {"email": citizen.email, "password": PASSWORD}
    )
    assert response.cookies["django_language"].value == citizen.preferred_language
    citizen.refresh_from_db()
    assert citizen.preferred_language != "id"
