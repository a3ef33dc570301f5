from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from egov.accounts.models import User
from egov.audit.models import AuditAction, AuditEvent

URL = reverse("accounts:profile")


def test_profile_needs_sign_in(client: Client, db: None) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))


def test_a_citizen_edits_their_profile(signed_in: Client, citizen: User) -> None:
    response = signed_in.post(
        URL, {"name": "김 민수", "phone": "010-9876-5432", "preferred_language": "ko"}
    )
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "ko"
    citizen.refresh_from_db()
    assert (citizen.name, citizen.phone, citizen.preferred_language) == (
        "김 민수",
        "010-9876-5432",
        "ko",
    )
    event = AuditEvent.objects.get(action=AuditAction.USER_PROFILE_UPDATED)
    assert event.detail == {"fields": "name,phone,preferred_language"}
    assert "010" not in str(event.detail)


def test_saving_an_unchanged_profile_writes_nothing(signed_in: Client, citizen: User) -> None:
    signed_in.post(URL, {"name": citizen.name, "phone": citizen.phone, "preferred_language": "en"})
    assert not AuditEvent.objects.filter(action=AuditAction.USER_PROFILE_UPDATED).exists()


def test_bad_profile_input_is_explained_and_kept(signed_in: Client, citizen: User) -> None:
    response = signed_in.post(
        URL, {"name": "x" * 10_000, "phone": "call me maybe", "preferred_language": "fr"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "at most 100 characters" in page
    assert "Enter a phone number such as 010-1234-5678." in page
    assert "Select a valid choice" in page
    assert 'value="call me maybe"' in page
    citizen.refresh_from_db()
    assert citizen.name == "김민수"


def test_address_and_birth_date_are_kept_encrypted(signed_in: Client, citizen: User) -> None:
    from django.db import connection

    signed_in.post(
        URL,
        {
            "name": citizen.name,
            "phone": citizen.phone,
            "preferred_language": "en",
            "address": "서울특별시 종로구 세종대로 209",
            "date_of_birth": "1990-01-31",
        },
    )
    citizen.refresh_from_db()
    assert citizen.address == "서울특별시 종로구 세종대로 209"
    assert citizen.date_of_birth == "1990-01-31"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT address, date_of_birth, phone FROM accounts_user WHERE id = %s", [citizen.pk]
        )
        row = cursor.fetchone()
    assert "세종대로" not in row[0]
    assert "1990" not in row[1]
    assert "5678" not in row[2]


def test_an_impossible_birth_date_is_explained(signed_in: Client, citizen: User) -> None:
    for value, message in (("2999-01-01", "between 1900 and today"), ("31/01/1990", "valid date")):
        response = signed_in.post(
            URL,
            {"name": citizen.name, "preferred_language": "en", "date_of_birth": value},
        )
        assert message in response.content.decode()


def test_the_address_is_one_field_of_several_lines_for_the_home_address(
    signed_in: Client, citizen: User
) -> None:
    # street-address is the autofill token of a multi-line field (HTML autofill).
    page = signed_in.get(URL).content.decode()
    assert re.search(r'<textarea name="address"[^>]* autocomplete="street-address"', page)
    address = "서울특별시 종로구 세종대로 209\n정부서울청사 본관 101호"
    signed_in.post(URL, {"name": citizen.name, "preferred_language": "en", "address": address})
    citizen.refresh_from_db()
    assert citizen.address == address
