from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from conftest import RunOnCommit
from egov.accounts.models import Role, User
from egov.audit.models import AuditAction, AuditEvent

URL = reverse("accounts:sign_up")
GOOD = {
    "name": "Siti Rahayu",
    "email": "Siti@Example.org",
    "password": "kopi-susu-di-pagi-hari",
    "preferred_language": "id",
}


def confirmation_link() -> str:
    match = re.search(r"https?://\S+/accounts/confirm/\S+/", str(mail.outbox[-1].body))
    assert match is not None
    return match.group(0).split("8000", 1)[-1]


@pytest.mark.django_db
def test_a_citizen_signs_up_confirms_and_signs_in(
    client: Client, run_on_commit: RunOnCommit
) -> None:
    with run_on_commit():
        response = client.post(URL, GOOD)
    assert response.status_code == 200
    assert "siti@example.org" in response.content.decode().lower()
    user = User.objects.get(email="siti@example.org")
    assert user.role == Role.CITIZEN
    assert user.email_confirmed_at is None
    assert user.password.startswith("argon2")
    assert mail.outbox[-1].to == ["siti@example.org"]
    assert "Konfirmasi" in mail.outbox[-1].subject or "konfirmasi" in mail.outbox[-1].body.lower()

    with run_on_commit():
        response = client.get(confirmation_link())
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email_confirmed_at is not None
    assert AuditEvent.objects.filter(action=AuditAction.USER_EMAIL_CONFIRMED).count() == 1
    (welcome,) = user.notifications.all()
    with translation.override(user.preferred_language):
        assert welcome.text().title == "Selamat datang di egov"

    response = client.post(
        reverse("accounts:sign_in"), {"email": "SITI@example.org", "password": GOOD["password"]}
    )
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "id"


@pytest.mark.django_db
def test_a_confirmation_link_works_once(client: Client, run_on_commit: RunOnCommit) -> None:
    with run_on_commit():
        client.post(URL, GOOD)
    link = confirmation_link()
    assert client.get(link).status_code == 302
    assert client.get(link).status_code == 400


@pytest.mark.django_db
def test_a_tampered_confirmation_link_is_refused(
    client: Client, run_on_commit: RunOnCommit
) -> None:
    with run_on_commit():
        client.post(URL, GOOD)
    assert client.get(confirmation_link()[:-3] + "xx/").status_code == 400
    assert client.get("/accounts/confirm/%%%/nonsense/").status_code == 400


def test_a_duplicate_email_looks_the_same_and_tells_the_owner(
    client: Client, citizen: User, run_on_commit: RunOnCommit
) -> None:
    with run_on_commit():
        response = client.post(URL, {**GOOD, "email": "CITIZEN@test.example"})
    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    assert User.objects.filter(email__iexact="citizen@test.example").count() == 1
    assert mail.outbox[-1].to == ["citizen@test.example"]
    assert "already" in mail.outbox[-1].body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-email", "Enter a valid email address."),
        ("email", "a@" + "b" * 300 + ".org", "at most 254 characters"),
        ("name", "x" * 10_000, "at most 100 characters"),
        ("name", "   ", "Fill in “"),
        ("password", "short", "too short"),
        ("password", "password1234", "too common"),
        ("password", "p" * 200, "at most 128 characters"),
        ("preferred_language", "xx", "Select a valid choice"),
        ("preferred_language", "<script>", "Select a valid choice"),
    ],
)
def test_bad_input_is_explained_and_kept(
    client: Client, field: str, value: str, message: str
) -> None:
    response = client.post(URL, {**GOOD, field: value})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    if field != "password":
        assert f'value="{GOOD["name"] if field != "name" else ""}' in page or field == "name"
    assert User.objects.count() == 0
    assert "<script>" not in page.split("<body>", 1)[1].replace("&lt;script&gt;", "")


@pytest.mark.django_db
def test_missing_fields_are_each_named(client: Client) -> None:
    response = client.post(URL, {})
    assert response.status_code == 200
    page = response.content.decode()
    assert "This field is required." not in page
    assert page.count('<li><a href="#') == 4


@pytest.mark.django_db
def test_hostile_markup_in_a_name_is_stored_as_text_and_escaped(client: Client) -> None:
    client.post(URL, {**GOOD, "name": '<img src=x onerror="alert(1)">'})
    user = User.objects.get()
    assert user.name == '<img src=x onerror="alert(1)">'
    client.force_login(user)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert "<img src=x" not in page
    assert "&lt;img src=x" in page
