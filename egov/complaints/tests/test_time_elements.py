"""Every time a complaint page gives machines is a valid HTML time, to the second.

Received, answered and every step are stored to the microsecond; HTML allows
at most three fractional digits, so the pages write none (lib/time_elements).
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from conftest import RunOnCommit, log_in
from egov.accounts.models import User
from egov.complaints.models import Category, Complaint
from egov.complaints.tests.conftest import answer, submit

DATETIME = re.compile(r'<time datetime="([^"]*)"')
# A date, or a date and time to the second with its offset from UTC.
VALID = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?")


@pytest.fixture
def answered_case(
    citizen: User, officer: User, category: Category, run_on_commit: RunOnCommit
) -> Complaint:
    with run_on_commit():
        complaint = submit(citizen, category)
        answer(complaint, officer)
    complaint.refresh_from_db()
    return complaint


def times_on(client: Client, url: str, **query: str) -> list[str]:
    response = client.get(url, query)
    assert response.status_code == 200, url
    return DATETIME.findall(response.content.decode())


def assert_all_valid(values: list[str]) -> None:
    assert values, "the page shows no time"
    assert [value for value in values if not VALID.fullmatch(value)] == []


def test_the_citizens_pages_write_every_time_to_the_second(
    client: Client, citizen: User, answered_case: Complaint
) -> None:
    log_in(client, citizen)
    case = times_on(client, reverse("complaints:detail", args=[answered_case.receipt_number]))
    assert_all_valid(case)
    assert len(case) >= 4  # received, the due date, the answer and each step
    assert_all_valid(times_on(client, reverse("portal:dashboard")))
    assert_all_valid(times_on(client, reverse("complaints:mine")))
    assert_all_valid(times_on(client, reverse("notifications:centre")))


def test_the_staff_pages_write_every_time_to_the_second(
    client: Client, officer: User, answered_case: Complaint
) -> None:
    log_in(client, officer)
    case_url = reverse("complaints_staff:case", args=[answered_case.receipt_number])
    assert_all_valid(times_on(client, case_url))
    search = times_on(client, reverse("complaints_search:complaints"), q="streetlight")
    assert_all_valid(search)
