"""The case page's forms: each posts to its own address and calls one action.

Good input changes the case and returns to it; wrong, missing, oversized or
hostile input shows the page again with a message and what was typed, and
changes nothing. Nobody outside the handling unit can post at all.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import log_in
from egov.accounts.models import User
from egov.agencies.models import Unit
from egov.audit.models import AuditEvent
from egov.complaints import actions
from egov.complaints.models import (
    Answer,
    Attachment,
    ClosureReason,
    Complaint,
    ComplaintEvent,
    EventKind,
    Extension,
    ExtensionStatus,
    Outcome,
    Status,
    SupplementRequest,
)
from egov.complaints.tests.conftest import answer, submit
from egov.lib.calendar import local_date
from egov.lib.files import MAX_ATTACHMENT_BYTES

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def url(name: str, complaint: Complaint) -> str:
    return reverse(f"complaints_staff:{name}", args=[complaint.receipt_number])


def case_url(complaint: Complaint) -> str:
    return url("case", complaint)


def signed_in_as(user: User) -> Client:
    return log_in(Client(), user)


def pdf(name: str = "photo.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def snapshot(complaint: Complaint) -> tuple[Any, ...]:
    """Everything an action could change, to prove that nothing did."""
    fresh = Complaint.objects.get(pk=complaint.pk)
    return (
        fresh.status,
        fresh.unit_id,
        fresh.assigned_officer_id,
        fresh.due_at,
        fresh.updated_at,
        ComplaintEvent.objects.filter(complaint=complaint).count(),
        AuditEvent.objects.count(),
        Answer.objects.count(),
        Attachment.objects.count(),
    )


def valid_posts(officer: User, other_unit: Unit) -> dict[str, dict[str, Any]]:
    """For each form, input it would accept from the case's own handlers."""
    return {
        "assign": {"officer": officer.pk},
        "add_note": {"body": "A note"},
        "transfer": {"to_unit": other_unit.pk, "reason": "Roads are theirs"},
        "request_supplement": {"request_text": "A photo?", "respond_within_days": 7},
        "extend": {"days": 2, "reason": "Parts on order"},
        "answer": {"outcome": Outcome.ACCEPTED, "body": "Fixed.", "legal_basis": ""},
        "answer_second_review": {"outcome": Outcome.ACCEPTED, "body": "Fixed.", "legal_basis": ""},
        "close_for_no_supplement": {"notice": "Closed."},
        "close_as_repeat": {"explanation": "Answered twice."},
    }


ACTION_NAMES = [
    "assign",
    "add_note",
    "transfer",
    "request_supplement",
    "extend",
    "answer",
    "answer_second_review",
    "close_for_no_supplement",
    "close_as_repeat",
]


# ---- nobody else can act ---------------------------------------------------------


@pytest.mark.parametrize("name", ACTION_NAMES)
def test_an_officer_of_another_unit_cannot_post_any_form_and_nothing_changes(
    complaint: Complaint,
    officer: User,
    officer_of_other_unit: User,
    other_unit: Unit,
    name: str,
) -> None:
    before = snapshot(complaint)
    response = signed_in_as(officer_of_other_unit).post(
        url(name, complaint), valid_posts(officer, other_unit)[name]
    )
    assert response.status_code == 404
    assert snapshot(complaint) == before


@pytest.mark.parametrize("name", ACTION_NAMES)
def test_the_citizen_who_wrote_it_cannot_post_the_staff_forms(
    complaint: Complaint, officer: User, citizen: User, other_unit: Unit, name: str
) -> None:
    before = snapshot(complaint)
    response = signed_in_as(citizen).post(
        url(name, complaint), valid_posts(officer, other_unit)[name]
    )
    assert response.status_code == 404
    assert snapshot(complaint) == before


@pytest.mark.parametrize("name", ACTION_NAMES)
def test_a_visitor_is_sent_to_sign_in(complaint: Complaint, name: str) -> None:
    response = Client().post(url(name, complaint), {})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")


@pytest.mark.parametrize("name", ACTION_NAMES)
def test_the_forms_take_no_get(complaint: Complaint, officer: User, name: str) -> None:
    assert signed_in_as(officer).get(url(name, complaint)).status_code == 405


@pytest.mark.parametrize("name", ACTION_NAMES)
def test_an_empty_post_is_explained_and_changes_nothing(
    complaint: Complaint, officer: User, name: str
) -> None:
    before = snapshot(complaint)
    response = signed_in_as(officer).post(url(name, complaint), {})
    assert response.status_code == 400
    assert 'role="alert"' in response.text
    assert snapshot(complaint) == before


# ---- an action's refusal is a message on the page ----------------------------------

ACTIONS = {
    "assign": "assign_complaint",
    "add_note": "add_internal_note",
    "transfer": "transfer_complaint",
    "request_supplement": "request_supplement",
    "extend": "extend_deadline",
    "answer": "answer_complaint",
    "answer_second_review": "answer_second_review",
    "close_for_no_supplement": "close_for_no_supplement",
    "close_as_repeat": "close_as_repeat",
}


@pytest.mark.parametrize("name", ACTION_NAMES)
def test_a_refusal_naming_a_field_the_form_lacks_is_a_message_not_a_server_error(
    complaint: Complaint,
    officer: User,
    other_unit: Unit,
    name: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Actions name fields by their keyword arguments, and a form need not have them
    # all; Django's add_error raised for such a field, which answered 500.
    def refuse(**arguments: Any) -> None:
        raise ValidationError(
            {
                "handling_unit": "The unit stopped taking cases today.",
                "__all__": "Nothing was changed.",
            }
        )

    monkeypatch.setattr(actions, ACTIONS[name], refuse)
    before = snapshot(complaint)
    response = signed_in_as(officer).post(
        url(name, complaint), valid_posts(officer, other_unit)[name]
    )
    assert response.status_code == 400
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', response.text, re.S)
    assert summary is not None
    assert "The unit stopped taking cases today." in summary.group(1)
    assert "Nothing was changed." in summary.group(1)
    assert snapshot(complaint) == before


def test_a_refusal_naming_a_field_the_form_has_is_shown_next_to_it(
    complaint: Complaint, officer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(**arguments: Any) -> None:
        raise ValidationError({"body": "Say who was called."})

    monkeypatch.setattr(actions, "add_internal_note", refuse)
    response = signed_in_as(officer).post(url("add_note", complaint), {"body": "Called."})
    assert response.status_code == 400
    assert '<div class="field-error" id="note_body_error"><p>Say who was called.</p>' in (
        response.text
    )
    assert 'aria-describedby="note_body_helptext note_body_error"' in response.text
    assert "There is a problem" in response.text


# ---- assign ----------------------------------------------------------------------


def test_an_officer_takes_a_case_themselves(complaint: Complaint, officer: User) -> None:
    response = signed_in_as(officer).post(url("assign", complaint), {"officer": officer.pk})
    assert response.status_code == 302
    assert response["Location"] == case_url(complaint)
    complaint.refresh_from_db()
    assert (complaint.assigned_officer, complaint.status) == (officer, Status.IN_PROGRESS)


def test_a_supervisor_assigns_a_case_to_an_officer_of_the_unit(
    complaint: Complaint, supervisor: User, second_officer: User
) -> None:
    signed_in_as(supervisor).post(url("assign", complaint), {"officer": second_officer.pk})
    complaint.refresh_from_db()
    assert complaint.assigned_officer == second_officer


def test_the_assign_list_offers_only_the_units_staff(
    complaint: Complaint, officer: User, supervisor: User, officer_of_other_unit: User
) -> None:
    html = signed_in_as(officer).get(case_url(complaint)).text
    assert f'<option value="{officer.pk}" selected>' in html
    assert f'<option value="{supervisor.pk}">' in html
    assert f'<option value="{officer_of_other_unit.pk}"' not in html


@pytest.mark.parametrize("value", ["other unit", "0", "abc", "1 OR 1=1", "9" * 40, "-1"])
def test_assigning_to_someone_not_offered_is_refused(
    complaint: Complaint, officer: User, officer_of_other_unit: User, value: str
) -> None:
    chosen = str(officer_of_other_unit.pk) if value == "other unit" else value
    before = snapshot(complaint)
    response = signed_in_as(officer).post(url("assign", complaint), {"officer": chosen})
    assert response.status_code == 400
    assert "Select a valid choice" in response.text
    assert snapshot(complaint) == before


def test_a_closed_case_cannot_be_assigned(answered: Complaint, officer: User) -> None:
    before = snapshot(answered)
    response = signed_in_as(officer).post(url("assign", answered), {"officer": officer.pk})
    assert response.status_code == 400
    assert "Only a complaint that is being handled can be assigned." in response.text
    assert snapshot(answered) == before


# ---- internal notes ----------------------------------------------------------------


def test_a_note_is_added_for_colleagues_only(complaint: Complaint, officer: User) -> None:
    response = signed_in_as(officer).post(url("add_note", complaint), {"body": "Called him."})
    assert response.status_code == 302
    note = ComplaintEvent.objects.get(complaint=complaint, kind=EventKind.NOTE)
    assert (note.internal, note.internal_note, note.actor) == (True, "Called him.", officer)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("   ", "Fill in “"),
        ("x" * 5001, "Ensure this value has at most 5000 characters"),
        ("null\x00byte", "Null characters are not allowed."),
    ],
)
def test_a_blank_oversized_or_binary_note_is_refused(
    complaint: Complaint, officer: User, body: str, message: str
) -> None:
    before = snapshot(complaint)
    response = signed_in_as(officer).post(url("add_note", complaint), {"body": body})
    assert response.status_code == 400
    assert message in response.text
    assert snapshot(complaint) == before


def test_markup_in_a_note_is_shown_as_text(complaint: Complaint, officer: User) -> None:
    client = signed_in_as(officer)
    client.post(url("add_note", complaint), {"body": "<script>alert('x')</script>"})
    html = client.get(case_url(complaint)).text
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_a_refused_note_keeps_what_was_typed(complaint: Complaint, officer: User) -> None:
    typed = "Remember the Tuesday visit " + "x" * 5000
    html = signed_in_as(officer).post(url("add_note", complaint), {"body": typed}).text
    assert "Remember the Tuesday visit" in html


# ---- transfer ------------------------------------------------------------------------


def test_a_transfer_sends_the_case_to_the_other_unit_and_the_officer_back_to_the_queue(
    assigned: Complaint, officer: User, other_unit: Unit
) -> None:
    response = signed_in_as(officer).post(
        url("transfer", assigned), {"to_unit": other_unit.pk, "reason": "Roads are theirs"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("complaints_staff:queue")
    assigned.refresh_from_db()
    assert (assigned.unit, assigned.assigned_officer, assigned.transfer_count) == (
        other_unit,
        None,
        1,
    )


def test_an_agency_admin_who_still_handles_it_returns_to_the_case(
    complaint: Complaint, agency_admin: User, other_unit: Unit
) -> None:
    response = signed_in_as(agency_admin).post(
        url("transfer", complaint), {"to_unit": other_unit.pk, "reason": "Roads"}
    )
    assert response["Location"] == case_url(complaint)


def radio_units(html: str) -> dict[int, str]:
    """The transfer form's radio buttons: unit id -> label."""
    return {
        int(value): label
        for value, label in re.findall(
            r'<input type="radio" name="to_unit" value="(\d+)"[^>]*> '
            r'<label for="[^"]+">([^<]+)</label>',
            html,
        )
    }


def checked_unit(html: str) -> str | None:
    found = re.search(r'<input type="radio" name="to_unit" value="(\d+)"[^>]*checked', html)
    return found.group(1) if found else None


def test_before_a_search_the_form_lists_the_case_s_own_agency_without_the_current_unit(
    complaint: Complaint, officer: User, unit: Unit, other_unit: Unit, unit_of_other_agency: Unit
) -> None:
    html = signed_in_as(officer).get(case_url(complaint)).text
    assert radio_units(html) == {other_unit.pk: "Roads Division — Test District Office"}
    assert "Units of Test District Office." in html
    # No list of every agency or unit in the country: a search box instead.
    assert '<select name="agency"' not in html
    assert 'name="unit_query"' in html


@pytest.mark.parametrize(
    "typed",
    [
        "roads",
        "ROAD",
        "roa",
        "도로",
        "도",
        "jalan",
        "divisi jal",
        "other district",
        "다른구청 도로",
    ],
)
def test_find_unit_lists_the_units_of_any_agency_by_any_of_their_names(
    complaint: Complaint, officer: User, other_unit: Unit, unit_of_other_agency: Unit, typed: str
) -> None:
    client = signed_in_as(officer)
    response = client.post(
        url("find_transfer_unit", complaint), {"unit_query": typed, "reason": "Theirs, not ours"}
    )
    assert response.status_code == 200
    found = radio_units(response.text)
    assert unit_of_other_agency.pk in found
    assert found[unit_of_other_agency.pk] == "Roads Division — Other District Office"
    # What was typed stays typed; nothing was checked or changed yet.
    assert "Theirs, not ours</textarea>" in response.text
    assert f'value="{typed}"' in response.text
    assert "There is a problem" not in response.text


def test_a_search_matches_every_word_and_never_the_case_s_own_unit(
    complaint: Complaint, officer: User, unit: Unit, other_unit: Unit, unit_of_other_agency: Unit
) -> None:
    client = signed_in_as(officer)
    html = client.post(url("find_transfer_unit", complaint), {"unit_query": "roads other"}).text
    assert set(radio_units(html)) == {unit_of_other_agency.pk}
    html = client.post(url("find_transfer_unit", complaint), {"unit_query": "civil"}).text
    assert unit.pk not in radio_units(html)
    assert "No unit matches “civil”." in html


def test_a_found_unit_of_another_agency_receives_the_case(
    complaint: Complaint, officer: User, unit_of_other_agency: Unit
) -> None:
    client = signed_in_as(officer)
    html = client.post(url("find_transfer_unit", complaint), {"unit_query": "다른구청"}).text
    assert unit_of_other_agency.pk in radio_units(html)
    response = client.post(
        url("transfer", complaint),
        {"unit_query": "다른구청", "to_unit": unit_of_other_agency.pk, "reason": "Theirs"},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.unit, complaint.agency) == (unit_of_other_agency, unit_of_other_agency.agency)
    event = AuditEvent.objects.order_by("-pk").first()
    assert event is not None
    assert event.action == "complaint.transferred"


def test_the_search_shows_at_most_twenty_units_and_says_there_are_more(
    complaint: Complaint, officer: User, other_agency: Any
) -> None:
    from egov.agencies import actions as agency_actions

    for number in range(25):
        agency_actions.create_unit(
            actor=None,
            agency=other_agency,
            code=f"team-{number}",
            name_en=f"Parks Team {number:02d}",
            name_ko=f"공원{number}팀",
            name_id=f"Tim Taman {number}",
        )
    html = (
        signed_in_as(officer)
        .post(url("find_transfer_unit", complaint), {"unit_query": "parks"})
        .text
    )
    assert len(radio_units(html)) == 20
    assert "Only the first 20 are shown: type more of the name." in html
    assert next(iter(radio_units(html).values())) == "Parks Team 00 — Other District Office"


def test_the_unit_search_for_the_script_answers_with_the_list_alone(
    complaint: Complaint, officer: User, unit_of_other_agency: Unit
) -> None:
    client = signed_in_as(officer)
    response = client.get(url("transfer_units", complaint), {"unit_query": "jalan"})
    assert response.status_code == 200
    assert "<html" not in response.text
    assert radio_units(response.text) == {
        unit_of_other_agency.pk: "Roads Division — Other District Office"
    }
    assert "1 unit matches “jalan”." in response.text
    # The unit chosen before stays listed and chosen when the words change.
    again = client.get(
        url("transfer_units", complaint),
        {"unit_query": "nothing like it", "to_unit": str(unit_of_other_agency.pk)},
    )
    assert checked_unit(again.text) == str(unit_of_other_agency.pk)


def test_only_those_who_may_transfer_the_case_can_search_for_units(
    category: Any, citizen: User, answered: Complaint, everyone: dict[str, User], officer: User
) -> None:
    complaint = submit(citizen, category, title="Still open")
    for name, user in everyone.items():
        client = signed_in_as(user)
        for path, method in (("transfer_units", "get"), ("find_transfer_unit", "post")):
            response = getattr(client, method)(url(path, complaint), {"unit_query": "roads"})
            expected = 200 if name in {"officer", "supervisor", "agency admin"} else 404
            assert response.status_code == expected, (name, path)
    # An answered case cannot be transferred, so there is nothing to search for.
    assert signed_in_as(officer).get(url("transfer_units", answered)).status_code == 404
    assert signed_in_as(officer).post(url("find_transfer_unit", answered)).status_code == 404
    assert signed_in_as(officer).post(url("transfer_units", complaint)).status_code == 405
    assert signed_in_as(officer).get(url("find_transfer_unit", complaint)).status_code == 405


@pytest.mark.parametrize(
    ("typed", "status", "message"),
    [
        ("x" * 101, 400, "Type at most 100 characters of the unit&#x27;s name."),
        ("roads\x00", 400, "Type the unit&#x27;s name in letters and numbers."),
        ("' OR 1=1 --", 200, "No unit matches"),
        ('"roads" & * | !', 200, "1 unit matches"),
        (
            "<script>alert(1)</script>",
            200,
            "No unit matches “&lt;script&gt;alert(1)&lt;/script&gt;”",
        ),
        ("a", 200, "No unit matches"),
        ("!!! ??? ***", 200, "No unit matches"),
        ("road " * 19, 200, "1 unit matches"),
    ],
)
def test_hostile_or_odd_search_text_gets_a_clear_answer_never_a_server_error(
    complaint: Complaint,
    officer: User,
    unit_of_other_agency: Unit,
    typed: str,
    status: int,
    message: str,
) -> None:
    client = signed_in_as(officer)
    before = snapshot(complaint)
    for response in (
        client.get(url("transfer_units", complaint), {"unit_query": typed}),
        client.post(url("find_transfer_unit", complaint), {"unit_query": typed, "reason": "R"}),
    ):
        assert response.status_code == status, typed
        assert message in response.text
        assert "<script>alert" not in response.text
    assert snapshot(complaint) == before


def test_a_refused_transfer_comes_back_with_the_search_and_the_unit_chosen(
    complaint: Complaint, officer: User, unit_of_other_agency: Unit
) -> None:
    before = snapshot(complaint)
    response = signed_in_as(officer).post(
        url("transfer", complaint),
        {"unit_query": "jalan", "to_unit": unit_of_other_agency.pk, "reason": ""},
    )
    assert response.status_code == 400
    assert checked_unit(response.text) == str(unit_of_other_agency.pk)
    assert 'value="jalan"' in response.text
    assert '<a href="#transfer_reason">' in response.text
    assert snapshot(complaint) == before


@pytest.mark.parametrize(
    ("to_unit", "reason", "message"),
    [
        ("same unit", "Why not", "That unit cannot take the case, or it does not exist."),
        ("", "Why not", "Find the unit and choose it from the list."),
        ("other unit", "", "Fill in “"),
        ("other unit", "x" * 2001, "at most 2000 characters"),
        ("abc", "Why not", "That unit cannot take the case, or it does not exist."),
        (
            "99999999999999999999",
            "Why not",
            "That unit cannot take the case, or it does not exist.",
        ),
        ("999999999", "Why not", "That unit cannot take the case, or it does not exist."),
        ("1\x00", "Why not", "That unit cannot take the case, or it does not exist."),
        ("-1", "Why not", "That unit cannot take the case, or it does not exist."),
    ],
)
def test_a_transfer_to_nowhere_or_without_a_reason_is_refused(
    complaint: Complaint,
    officer: User,
    unit: Unit,
    other_unit: Unit,
    to_unit: str,
    reason: str,
    message: str,
) -> None:
    chosen = {"same unit": str(unit.pk), "other unit": str(other_unit.pk)}.get(to_unit, to_unit)
    before = snapshot(complaint)
    response = signed_in_as(officer).post(
        url("transfer", complaint), {"to_unit": chosen, "reason": reason}
    )
    assert response.status_code == 400
    assert message in response.text
    # The page opens at the transfer form's summary, which links to the field.
    assert '<div class="error-summary" id="transfer_errors"' in response.text
    assert snapshot(complaint) == before


# ---- supplement requests ---------------------------------------------------------------


def test_asking_for_more_information_stops_the_clock(complaint: Complaint, officer: User) -> None:
    response = signed_in_as(officer).post(
        url("request_supplement", complaint),
        {"request_text": "Which lamp post?", "respond_within_days": 5},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.AWAITING_SUPPLEMENT
    request = SupplementRequest.objects.get(complaint=complaint)
    assert request.request_text == "Which lamp post?"
    html = signed_in_as(officer).get(case_url(complaint)).text
    assert "the clock runs again when the information is given" in html
    assert "Which lamp post?" in html


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ("0", "greater than or equal to 1"),
        ("31", "less than or equal to 30"),
        ("seven", "Enter a whole number."),
        ("1e9", "Enter a whole number."),
        ("", "Fill in “"),
    ],
)
def test_a_supplement_request_with_a_wrong_number_of_days_is_refused(
    complaint: Complaint, officer: User, days: str, message: str
) -> None:
    before = snapshot(complaint)
    response = signed_in_as(officer).post(
        url("request_supplement", complaint),
        {"request_text": "Which lamp post?", "respond_within_days": days},
    )
    assert response.status_code == 400
    assert message in response.text
    assert "Which lamp post?" in response.text
    assert snapshot(complaint) == before


def test_a_third_request_for_information_is_refused_by_the_law(
    complaint: Complaint, officer: User, citizen: User
) -> None:
    for _round in range(2):
        actions.request_supplement(actor=officer, complaint=complaint, request_text="More?")
        actions.answer_supplement_request(citizen=citizen, complaint=complaint, answer_text="Here")
    before = snapshot(complaint)
    response = signed_in_as(officer).post(
        url("request_supplement", complaint),
        {"request_text": "Once more?", "respond_within_days": 7},
    )
    assert response.status_code == 400
    assert "More information can be asked for at most twice." in response.text
    assert snapshot(complaint) == before


# ---- extensions ----------------------------------------------------------------------


def test_the_first_extension_applies_at_once(assigned: Complaint, officer: User) -> None:
    due_before = assigned.due_at
    client = signed_in_as(officer)
    response = client.post(url("extend", assigned), {"days": 2, "reason": "Parts on order"})
    assert response.status_code == 302
    assigned.refresh_from_db()
    assert assigned.due_at > due_before
    assert "The deadline is now" in client.get(case_url(assigned)).text


def test_the_second_extension_asks_the_citizen(assigned: Complaint, officer: User) -> None:
    actions.extend_deadline(actor=officer, complaint=assigned, days=2, reason="Parts")
    due_before = Complaint.objects.get(pk=assigned.pk).due_at
    client = signed_in_as(officer)
    assert "Ask the citizen to consent" in client.get(case_url(assigned)).text

    client.post(url("extend", assigned), {"days": 3, "reason": "Supplier late"})

    second = Extension.objects.get(complaint=assigned, number=2)
    assert second.status == ExtensionStatus.AWAITING_CONSENT
    assert Complaint.objects.get(pk=assigned.pk).due_at == due_before
    html = client.get(case_url(assigned)).text
    assert "The citizen was asked to consent to the extension." in html
    assert "has not yet answered the request to extend" in html


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ("8", "An extension is between 1 and 7 days, the original period."),
        ("0", "greater than or equal to 1"),
        ("61", "less than or equal to 60"),
        ("two", "Enter a whole number."),
        ("99999999999999999999999", "less than or equal to 60"),
    ],
)
def test_an_extension_beyond_the_original_period_is_refused(
    assigned: Complaint, officer: User, days: str, message: str
) -> None:
    before = snapshot(assigned)
    response = signed_in_as(officer).post(
        url("extend", assigned), {"days": days, "reason": "Parts on order"}
    )
    assert response.status_code == 400
    assert message in response.text
    assert "Parts on order" in response.text
    assert snapshot(assigned) == before


def test_an_extension_after_the_deadline_is_refused(assigned: Complaint, officer: User) -> None:
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    Complaint.objects.filter(pk=assigned.pk).update(due_at=an_hour_ago)
    before = snapshot(assigned)
    response = signed_in_as(officer).post(
        url("extend", assigned), {"days": 2, "reason": "Parts on order"}
    )
    assert response.status_code == 400
    assert "The deadline has passed" in response.text
    assert snapshot(assigned) == before


# ---- answers --------------------------------------------------------------------------


def test_an_answer_with_an_attachment_is_sent(assigned: Complaint, officer: User) -> None:
    response = signed_in_as(officer).post(
        url("answer", assigned),
        {
            "outcome": Outcome.ACCEPTED,
            "body": "The lamp was replaced on Tuesday.",
            "legal_basis": "Road Act, Article 31",
            "attachments": [pdf("work order.pdf")],
        },
    )
    assert response.status_code == 302
    assigned.refresh_from_db()
    assert assigned.status == Status.ANSWERED
    sent = Answer.objects.get(complaint=assigned)
    assert (sent.officer, sent.body, sent.outcome) == (
        officer,
        "The lamp was replaced on Tuesday.",
        Outcome.ACCEPTED,
    )
    assert [file.download_name for file in sent.attachments.all()] == ["work order.pdf"]


def test_the_officer_downloads_the_answers_attachment_and_others_cannot(
    assigned: Complaint, officer: User, officer_of_other_unit: User
) -> None:
    answer(assigned, officer, attachments=[pdf()])
    stored = Attachment.objects.get()
    address = reverse("complaints_staff:attachment", args=[assigned.receipt_number, stored.pk])
    download = signed_in_as(officer).get(address)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES  # type: ignore[attr-defined]
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="photo.pdf"'
    assert signed_in_as(officer_of_other_unit).get(address).status_code == 404
    missing = reverse("complaints_staff:attachment", args=[assigned.receipt_number, 999999])
    assert signed_in_as(officer).get(missing).status_code == 404


def test_a_refusal_without_its_reason_and_remedy_is_sent_back_with_the_text_kept(
    assigned: Complaint, officer: User
) -> None:
    before = snapshot(assigned)
    response = signed_in_as(officer).post(
        url("answer", assigned),
        {"outcome": Outcome.NOT_ACCEPTED, "body": "We cannot help.", "legal_basis": ""},
    )
    assert response.status_code == 400
    assert "A refusal must give its reason." in response.text
    assert "A refusal must name the remedy open to the citizen" in response.text
    assert "We cannot help." in response.text
    assert re.search(
        r'<input type="radio" name="outcome" value="not_accepted"[^>]* checked', response.text
    )
    assert snapshot(assigned) == before


def test_a_refusal_with_its_reason_and_remedy_is_sent(assigned: Complaint, officer: User) -> None:
    signed_in_as(officer).post(
        url("answer", assigned),
        {
            "outcome": Outcome.NOT_ACCEPTED,
            "body": "We cannot help.",
            "legal_basis": "",
            "refusal_reason": "Private land.",
            "remedy": "An administrative appeal within 90 days.",
        },
    )
    assert Answer.objects.get(complaint=assigned).refusal_reason == "Private land."


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"outcome": "delighted"}, "Select a valid choice"),
        ({"outcome": ""}, "Choose an option for “"),
        ({"body": ""}, "Fill in “"),
        ({"body": "x" * 20_001}, "at most 20000 characters"),
        ({"legal_basis": "x" * 2_001}, "at most 2000 characters"),
    ],
)
def test_an_answer_with_a_wrong_outcome_or_body_is_refused(
    assigned: Complaint, officer: User, changes: dict[str, str], message: str
) -> None:
    before = snapshot(assigned)
    data = {"outcome": Outcome.ACCEPTED, "body": "Fixed.", "legal_basis": "", **changes}
    response = signed_in_as(officer).post(url("answer", assigned), data)
    assert response.status_code == 400
    assert message in response.text
    assert snapshot(assigned) == before


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            [SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * MAX_ATTACHMENT_BYTES)],
            "a file can be at most 10",
        ),
        ([SimpleUploadedFile("setup.pdf", b"MZ\x90\x00" + b"\x00" * 60)], "not a file type"),
        # One attachments field for every form, so the message names the file here too.
        ([SimpleUploadedFile("empty.pdf", b"")], "empty.pdf is empty."),
        ([pdf(f"page {number}.pdf") for number in range(6)], "at most 5 files"),
    ],
)
def test_an_answer_with_an_oversized_disguised_or_sixth_file_is_refused(
    assigned: Complaint, officer: User, files: list[SimpleUploadedFile], message: str
) -> None:
    before = snapshot(assigned)
    response = signed_in_as(officer).post(
        url("answer", assigned),
        {"outcome": Outcome.ACCEPTED, "body": "Fixed.", "legal_basis": "", "attachments": files},
    )
    assert response.status_code == 400
    assert message in response.text
    assert snapshot(assigned) == before


def test_a_case_waiting_for_the_citizen_cannot_be_answered_yet(
    assigned: Complaint, officer: User
) -> None:
    actions.request_supplement(actor=officer, complaint=assigned, request_text="Where?")
    before = snapshot(assigned)
    response = signed_in_as(officer).post(
        url("answer", assigned), {"outcome": Outcome.ACCEPTED, "body": "Fixed.", "legal_basis": ""}
    )
    assert response.status_code == 400
    assert "The citizen was asked for more information" in response.text
    assert snapshot(assigned) == before


# ---- second review --------------------------------------------------------------------


@pytest.fixture
def in_second_review(answered: Complaint, citizen: User, supervisor: User) -> Complaint:
    actions.rate_answer(citizen=citizen, complaint=answered, score=1)
    answered.refresh_from_db()
    assert answered.status == Status.SECOND_REVIEW
    return answered


def test_the_reviewer_answers_the_second_review(
    in_second_review: Complaint, supervisor: User
) -> None:
    client = signed_in_as(supervisor)
    assert "Answer the second review" in client.get(case_url(in_second_review)).text
    response = client.post(
        url("answer_second_review", in_second_review),
        {"outcome": Outcome.PARTLY_ACCEPTED, "body": "A new lamp is ordered.", "legal_basis": ""},
    )
    assert response.status_code == 302
    in_second_review.refresh_from_db()
    assert in_second_review.status == Status.ANSWERED
    assert in_second_review.answers.count() == 2


def test_the_officer_who_answered_cannot_review_their_own_answer(
    in_second_review: Complaint, officer: User
) -> None:
    client = signed_in_as(officer)
    assert "Answer the second review" not in client.get(case_url(in_second_review)).text
    before = snapshot(in_second_review)
    response = client.post(
        url("answer_second_review", in_second_review),
        {"outcome": Outcome.ACCEPTED, "body": "It was fine.", "legal_basis": ""},
    )
    assert response.status_code == 403
    assert snapshot(in_second_review) == before


def test_a_case_not_in_review_cannot_get_a_review_answer(
    assigned: Complaint, supervisor: User
) -> None:
    before = snapshot(assigned)
    response = signed_in_as(supervisor).post(
        url("answer_second_review", assigned),
        {"outcome": Outcome.ACCEPTED, "body": "Fine.", "legal_basis": ""},
    )
    assert response.status_code == 400
    assert "This complaint is not in a second review." in response.text
    assert snapshot(assigned) == before


# ---- closing ---------------------------------------------------------------------------


def test_a_case_cannot_be_closed_before_the_citizens_date_has_passed(
    assigned: Complaint, officer: User
) -> None:
    actions.request_supplement(actor=officer, complaint=assigned, request_text="Where?")
    client = signed_in_as(officer)
    assert "Close: the information never came" not in client.get(case_url(assigned)).text
    before = snapshot(assigned)
    response = client.post(url("close_for_no_supplement", assigned), {"notice": "Closed."})
    assert response.status_code == 400
    assert "the complaint can be closed after that" in response.text
    assert snapshot(assigned) == before


def test_a_case_is_closed_once_the_information_never_came(
    assigned: Complaint, officer: User
) -> None:
    actions.request_supplement(actor=officer, complaint=assigned, request_text="Where?")
    long_ago = local_date(timezone.now()) - datetime.timedelta(days=20)
    SupplementRequest.objects.filter(complaint=assigned).update(respond_by=long_ago)
    client = signed_in_as(officer)
    assert "Close: the information never came" in client.get(case_url(assigned)).text

    response = client.post(
        url("close_for_no_supplement", assigned), {"notice": "We never heard back."}
    )

    assert response.status_code == 302
    assigned.refresh_from_db()
    assert (assigned.status, assigned.closure_reason) == (
        Status.CLOSED,
        ClosureReason.NO_SUPPLEMENT,
    )


def test_only_a_repeat_candidate_can_be_closed_as_a_repeat(
    complaint: Complaint, officer: User
) -> None:
    before = snapshot(complaint)
    response = signed_in_as(officer).post(
        url("close_as_repeat", complaint), {"explanation": "Answered twice."}
    )
    assert response.status_code == 400
    assert "Only a complaint repeating two answered ones can be closed as a repeat." in (
        response.text
    )
    assert snapshot(complaint) == before


def test_a_repeat_candidate_is_closed_as_a_repeat(complaint: Complaint, officer: User) -> None:
    Complaint.objects.filter(pk=complaint.pk).update(is_repeat_candidate=True)
    response = signed_in_as(officer).post(
        url("close_as_repeat", complaint),
        {"explanation": "Answered on 3 and 10 March."},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.status, complaint.closure_reason) == (Status.CLOSED, ClosureReason.REPEAT)
