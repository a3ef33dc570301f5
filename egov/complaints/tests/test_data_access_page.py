"""A citizen reads on "Who looked at my data" each time staff opened their case."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import translation

from conftest import log_in
from egov.accounts.models import User
from egov.complaints.models import Complaint


def test_an_officer_opening_the_case_is_listed_with_position_purpose_and_case(
    complaint: Complaint, citizen: User, officer: User, client: Client
) -> None:
    log_in(Client(), officer).get(reverse("complaints_staff:case", args=[complaint.receipt_number]))
    log_in(client, citizen)
    with translation.override("en"):
        page = client.get(reverse("portal:data_access"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    text = page.content.decode()
    assert officer.name in text
    assert str(officer.officer.unit) in text  # position and unit, as the staff roster says
    assert "Complaint handling" in text
    assert "Name, Email address" in text
    assert f"Complaint {complaint.receipt_number}" in text


def test_the_citizen_s_own_look_and_another_person_s_case_are_not_listed(
    complaint: Complaint, citizen: User, other_citizen: User, officer: User
) -> None:
    log_in(Client(), officer).get(reverse("complaints_staff:case", args=[complaint.receipt_number]))
    own = log_in(Client(), citizen)
    own.get(reverse("complaints:detail", args=[complaint.receipt_number]))
    stranger = log_in(Client(), other_citizen).get(reverse("portal:data_access"))
    assert complaint.receipt_number not in stranger.content.decode()
    assert "Nobody has been shown your personal details yet." in stranger.content.decode()
    mine = own.get(reverse("portal:data_access")).content.decode()
    assert mine.count(complaint.receipt_number) == 1  # the officer's look, not the citizen's
