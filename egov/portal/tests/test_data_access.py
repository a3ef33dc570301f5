"""Who looked at my data: the person's own access log, page by page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pytest_django import DjangoAssertNumQueries

from conftest import log_in
from egov.accounts.models import User
from egov.portal.views import ACCESS_PAGE_SIZE
from egov.privacy.access import record_access
from egov.privacy.models import AccessPurpose

URL = "/my/data-access/"


def looks(viewer: User, owner: User, count: int, fields: list[str] | None = None) -> None:
    for _ in range(count):
        record_access(
            viewer=viewer,
            owner=owner,
            fields=fields or ["name", "phone"],
            purpose=AccessPurpose.COMPLAINT_HANDLING,
        )


def test_the_page_has_its_address_and_needs_a_sign_in(client: Client) -> None:
    assert reverse("portal:data_access") == URL
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")


def test_each_look_names_who_why_and_what_in_the_reader_s_language(
    client: Client, citizen: User, officer: User, platform_admin: User
) -> None:
    looks(officer, citizen, 1)
    looks(platform_admin, citizen, 1, fields=["address", "body", "date_of_birth", "body"])
    log_in(client, citizen)
    with translation.override("en"):
        text = client.get(URL).content.decode()
    assert "Name, Phone number" in text
    # The console's masked texts read as one "other details", after the fields it names.
    other = "Other details of your case, with personal details masked"
    assert f"Postal address, {other}, Date of birth" in text
    assert "Platform administrator" in text  # no position: the role at the time
    assert "Integrity audit" not in text
    assert "Complaint handling" in text
    client.get(reverse("portal:set_language"), {"language": "ko", "next": URL})
    korean = client.get(URL).content.decode()
    assert "내 정보를 열람한 사람" in korean


def test_fifty_one_looks_fill_a_page_and_begin_the_next(
    client: Client, citizen: User, officer: User
) -> None:
    looks(officer, citizen, ACCESS_PAGE_SIZE + 1)
    log_in(client, citizen)
    first = client.get(URL)
    assert len(first.context["rows"]) == ACCESS_PAGE_SIZE
    cursor = first.context["next_cursor"]
    assert cursor
    second = client.get(URL, {"after": cursor})
    assert len(second.context["rows"]) == 1
    assert second.context["next_cursor"] == ""
    seen = {row.event.pk for row in first.context["rows"]} | {
        row.event.pk for row in second.context["rows"]
    }
    assert len(seen) == ACCESS_PAGE_SIZE + 1


@pytest.mark.parametrize("after", ["nonsense", "x" * 5000, "2026-01-01.\x00", "-1.-1"])
def test_a_bad_page_link_is_explained_not_a_server_error(
    client: Client, citizen: User, after: str
) -> None:
    log_in(client, citizen)
    response = client.get(URL, {"after": after})
    assert response.status_code == 400
    message = "This page link is not valid. Start again from the first page."
    assert message in response.content.decode()


def test_the_page_costs_the_same_queries_for_two_looks_or_forty(
    client: Client,
    citizen: User,
    officer: User,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    log_in(client, citizen)
    looks(officer, citizen, 2)
    client.get(URL)
    with django_assert_num_queries(4) as two:
        client.get(URL)
    looks(officer, citizen, 38)
    with django_assert_num_queries(len(two)):
        client.get(URL)
