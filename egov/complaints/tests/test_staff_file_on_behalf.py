"""Filing a complaint for a citizen at a counter or on the phone."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from conftest import assert_only_these_can_see, log_in, make_user
from egov.accounts.models import Role, User
from egov.agencies.models import Agency, Unit
from egov.audit.models import AuditEvent
from egov.complaints import actions
from egov.complaints.forms.staff import CITIZEN_TOKEN_SALT, citizen_token
from egov.complaints.models import (
    Category,
    Channel,
    Complaint,
    ComplaintEvent,
    ComplaintType,
    EventKind,
)
from egov.privacy.models import AccessEvent, AccessPurpose

FIND = "/staff/complaints/file/"
FILE = "/staff/complaints/file/complaint/"


def signed_in_as(user: User) -> Client:
    return log_in(Client(), user)


def token_on(html: str) -> str:
    match = re.search(r'<input type="hidden" name="citizen" value="([^"]+)"', html)
    assert match is not None, "the filing form carries no citizen"
    return match.group(1)


def complaint_data(token: str, chosen: Category, /, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "citizen": token,
        "channel": Channel.COUNTER,
        "type": ComplaintType.GRIEVANCE,
        "category": chosen.pk,
        "agency": "",
        "title": "Broken streetlight",
        "body": "The lamp outside number 12 has been dark for a week.",
        "location_text": "12 Yulgok-ro",
    }
    data.update(changes)
    return data


# ---- finding the citizen ------------------------------------------------------------


def test_only_staff_who_handle_cases_can_file_for_a_citizen(everyone: dict[str, User]) -> None:
    assert_only_these_can_see(
        FIND, everyone, {"officer", "officer of another unit", "supervisor", "agency admin"}
    )


@pytest.mark.parametrize("typed", ["010-1234-5678", "01012345678", "+82 10-1234-5678"])
def test_a_citizen_found_by_phone_is_shown_masked_and_the_search_recorded(
    citizen: User, officer: User, typed: str
) -> None:
    page = signed_in_as(officer).post(FIND, {"phone": typed})

    assert page.status_code == 200
    assert "김*수" in page.text
    assert "010-****-5678" in page.text
    assert "김민수" not in page.text
    assert "010-1234-5678" not in page.text
    assert citizen.email not in page.text
    event = AccessEvent.objects.get()
    assert (event.viewer, event.owner, event.purpose, event.fields) == (
        officer,
        citizen,
        AccessPurpose.COUNTER_ASSISTANCE,
        ["name", "phone"],
    )


def test_a_citizen_found_by_email_is_shown_masked(citizen: User, officer: User) -> None:
    page = signed_in_as(officer).post(FIND, {"email": "CITIZEN@test.example"})
    assert "ci***@test.example" in page.text
    assert "김*수" in page.text
    assert AccessEvent.objects.get().fields == ["name", "email"]


def test_no_account_is_said_plainly_with_the_way_to_register(officer: User) -> None:
    page = signed_in_as(officer).post(FIND, {"phone": "010-9999-0000"})
    assert page.status_code == 200
    assert "No citizen account was found." in page.text
    assert f'href="{reverse("accounts:sign_up")}"' in page.text
    assert not AccessEvent.objects.exists()


def test_a_phone_shared_by_two_accounts_finds_nobody(citizen: User, officer: User) -> None:
    make_user("spouse@test.example", name="김영희", phone="010 1234 5678")
    page = signed_in_as(officer).post(FIND, {"phone": "010-1234-5678"})
    assert "No citizen account was found." in page.text
    assert not AccessEvent.objects.exists()


def test_a_staff_account_is_never_offered_as_the_citizen(officer: User, supervisor: User) -> None:
    page = signed_in_as(officer).post(FIND, {"email": supervisor.email})
    assert "No citizen account was found." in page.text
    assert not AccessEvent.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Enter the citizen&#x27;s phone number or email address."),
        ({"phone": "", "email": ""}, "Enter the citizen&#x27;s phone number or email address."),
        ({"phone": "call me"}, "Enter a phone number such as 010-1234-5678."),
        ({"phone": "0" * 21}, "at most 20 characters"),
        ({"email": "not-an-address"}, "Enter a valid email address."),
        ({"email": "a" * 250 + "@x.org"}, "at most 254 characters"),
        ({"email": "x@y.org' OR 1=1 --"}, "Enter a valid email address."),
        ({"phone": "010\x001234"}, "Null characters are not allowed."),
    ],
)
def test_a_search_that_is_missing_or_malformed_is_explained(
    citizen: User, officer: User, data: dict[str, str], message: str
) -> None:
    page = signed_in_as(officer).post(FIND, data)
    assert page.status_code == 400
    assert message in page.text
    assert not AccessEvent.objects.exists()


# ---- filing ---------------------------------------------------------------------------


def test_the_complaint_is_filed_in_the_citizens_name_and_opens_on_the_case_page(
    citizen: User, officer: User, category: Category
) -> None:
    client = signed_in_as(officer)
    token = token_on(client.post(FIND, {"phone": "010-1234-5678"}).text)

    response = client.post(FILE, complaint_data(token, category, channel=Channel.PHONE))

    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("complaints_staff:case", args=[complaint.receipt_number])
    assert (complaint.citizen, complaint.filed_by, complaint.channel) == (
        citizen,
        officer,
        Channel.PHONE,
    )
    received = ComplaintEvent.objects.get(complaint=complaint, kind=EventKind.RECEIVED)
    assert received.detail == {"channel": Channel.PHONE, "filed_on_behalf": True}
    case_page = client.get(response["Location"]).text
    assert "Filed on the citizen's behalf by 박공무" in case_page
    assert complaint.receipt_number in case_page


def test_a_complaint_for_another_unit_is_filed_and_its_receipt_number_shown(
    citizen: User,
    officer_of_other_unit: User,
    category: Category,
) -> None:
    client = signed_in_as(officer_of_other_unit)
    token = token_on(client.post(FIND, {"email": citizen.email}).text)

    response = client.post(FILE, complaint_data(token, category))

    complaint = Complaint.objects.get()
    assert response["Location"] == FIND
    page = client.get(FIND).text
    assert complaint.receipt_number in page
    assert "Civil Affairs Division" in page


def test_a_refused_complaint_keeps_what_was_typed_and_the_citizen_found(
    citizen: User, officer: User, category: Category
) -> None:
    client = signed_in_as(officer)
    token = token_on(client.post(FIND, {"phone": "010-1234-5678"}).text)

    page = client.post(FILE, complaint_data(token, category, title=""))

    assert page.status_code == 400
    assert "Fill in “Title”." in page.text
    assert "The lamp outside number 12 has been dark for a week." in page.text
    assert "김*수" in page.text
    assert token_on(page.text)
    assert not Complaint.objects.exists()


def test_an_agency_that_does_not_handle_the_category_is_explained_on_the_field(
    citizen: User, officer: User, category: Category, unit_of_other_agency: Unit
) -> None:
    other_agency = unit_of_other_agency.agency
    page = signed_in_as(officer).post(
        FILE,
        complaint_data(citizen_token(citizen, found_by="phone"), category, agency=other_agency.pk),
    )
    assert page.status_code == 400
    assert "does not handle this category" in page.text
    assert not Complaint.objects.exists()


def test_a_refusal_naming_a_field_the_filing_form_lacks_is_a_message_not_a_server_error(
    citizen: User, officer: User, category: Category, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(**arguments: Any) -> None:
        raise ValidationError({"routing": "No unit takes this category today."})

    monkeypatch.setattr(actions, "submit_complaint", refuse)
    page = signed_in_as(officer).post(
        FILE, complaint_data(citizen_token(citizen, found_by="phone"), category)
    )
    assert page.status_code == 400
    assert "No unit takes this category today." in page.text
    assert "The lamp outside number 12 has been dark for a week." in page.text


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"channel": Channel.WEB}, "Select a valid choice"),
        ({"channel": ""}, "Choose an option for “"),
        ({"type": "rant"}, "Select a valid choice"),
        ({"category": "99999999999999999999"}, "Select a valid choice"),
        ({"category": "<b>"}, "Select a valid choice"),
        ({"title": "x" * 201}, "at most 200 characters"),
        ({"body": "   "}, "Fill in “"),
        ({"body": "x" * 20_001}, "at most 20000 characters"),
        ({"location_text": "x" * 301}, "at most 300 characters"),
    ],
)
def test_wrong_missing_or_oversized_complaint_fields_are_refused(
    citizen: User, officer: User, category: Category, changes: dict[str, str], message: str
) -> None:
    before = AuditEvent.objects.count()
    page = signed_in_as(officer).post(
        FILE, complaint_data(citizen_token(citizen, found_by="phone"), category, **changes)
    )
    assert page.status_code == 400
    assert message in page.text
    assert not Complaint.objects.exists()
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    "token",
    [
        "",
        "forged",
        "x" * 501,
        "tampered-signature",
        "not a citizen",
        "staff member",
    ],
)
def test_a_missing_forged_or_foreign_citizen_reference_sends_the_officer_back_to_search(
    citizen: User, supervisor: User, officer: User, category: Category, token: str
) -> None:
    if token == "tampered-signature":
        token = citizen_token(citizen, found_by="phone")[:-3] + "abc"
    elif token == "not a citizen":
        token = signing.dumps({"citizen": "everyone", "by": "phone"}, salt=CITIZEN_TOKEN_SALT)
    elif token == "staff member":
        token = citizen_token(supervisor, found_by="email")
    page = signed_in_as(officer).post(FILE, complaint_data(token, category))
    assert page.status_code == 400
    assert "Find the citizen again" in page.text
    assert 'name="phone"' in page.text
    assert not Complaint.objects.exists()


def test_a_citizen_reference_from_another_purpose_is_refused(
    citizen: User, officer: User, category: Category
) -> None:
    foreign = signing.dumps({"citizen": citizen.pk, "by": "phone"}, salt="something-else")
    page = signed_in_as(officer).post(FILE, complaint_data(foreign, category))
    assert "Find the citizen again" in page.text
    assert not Complaint.objects.exists()


def test_a_citizen_cannot_use_the_staff_filing_form_and_it_takes_no_get(
    citizen: User, officer: User, category: Category
) -> None:
    assert signed_in_as(officer).get(FILE).status_code == 405
    assert (
        signed_in_as(citizen)
        .post(FILE, complaint_data(citizen_token(citizen, found_by="phone"), category))
        .status_code
        == 404
    )
    assert not Complaint.objects.exists()


def test_an_employer_can_be_filed_for(
    employer: User, officer: User, category: Category, agency: Agency
) -> None:
    client = signed_in_as(officer)
    token = token_on(client.post(FIND, {"email": employer.email}).text)
    client.post(FILE, complaint_data(token, category, agency=agency.pk))
    assert Complaint.objects.get().citizen == employer


def test_an_officer_cannot_be_filed_for_even_through_a_valid_token(
    officer: User, category: Category
) -> None:
    colleague = make_user("clerk@test.example", Role.OFFICER)
    page = signed_in_as(officer).post(
        FILE, complaint_data(citizen_token(colleague, found_by="email"), category)
    )
    assert "Find the citizen again" in page.text
    assert not Complaint.objects.exists()


def test_the_location_is_not_offered_the_officers_own_address(
    citizen: User, officer: User, category: Category
) -> None:
    page = signed_in_as(officer).post(FIND, {"email": citizen.email}).text
    field = re.search(r'<input type="text" name="location_text"[^>]*>', page)
    assert field is not None
    assert 'autocomplete="off"' in field.group(0)
