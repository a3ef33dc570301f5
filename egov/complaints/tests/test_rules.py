"""Who may see and handle a complaint, with a named user for every branch."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from egov.accounts.models import User
from egov.agencies import rules as agency_rules
from egov.agencies.models import Agency
from egov.complaints import actions, rules
from egov.complaints.models import Complaint
from egov.complaints.queries import access_complaint, timeline_for

# (fixture name, may view, may handle)
PEOPLE = [
    ("citizen", True, False),  # the owner
    ("other_citizen", False, False),  # an outsider
    ("officer", True, True),  # an officer of the handling unit
    ("officer_of_other_unit", False, False),  # same agency, another unit
    ("supervisor", True, True),  # the handling unit's supervisor
    ("agency_admin", True, True),  # an administrator of the handling agency
    ("admin_of_other_agency", False, False),  # an administrator elsewhere
    ("officer_of_other_agency", False, False),
    ("platform_admin", False, False),  # runs the platform, handles no cases
]


@pytest.mark.parametrize(("person", "may_view", "may_handle"), PEOPLE)
def test_who_may_see_and_handle_a_complaint(
    request: pytest.FixtureRequest,
    complaint: Complaint,
    person: str,
    may_view: bool,
    may_handle: bool,
) -> None:
    user: User = request.getfixturevalue(person)
    assert rules.can_view(user, complaint) is may_view
    assert rules.can_handle(user, complaint) is may_handle
    assert rules.can_see_internal(user, complaint) is may_handle
    if may_view:
        assert access_complaint(user, complaint.receipt_number) == complaint
    else:
        with pytest.raises(Http404):
            access_complaint(user, complaint.receipt_number)


@pytest.mark.parametrize(("person", "may_view", "may_handle"), PEOPLE)
def test_only_handlers_may_take_an_officers_step(
    request: pytest.FixtureRequest,
    complaint: Complaint,
    person: str,
    may_view: bool,
    may_handle: bool,
) -> None:
    user: User = request.getfixturevalue(person)
    if may_handle:
        actions.add_internal_note(actor=user, complaint=complaint, body="Checked the lamp.")
    else:
        with pytest.raises(PermissionDenied):
            actions.add_internal_note(actor=user, complaint=complaint, body="Checked the lamp.")


@pytest.mark.parametrize(
    "person", ["other_citizen", "officer", "supervisor", "agency_admin", "platform_admin"]
)
def test_only_the_author_may_withdraw(
    request: pytest.FixtureRequest, complaint: Complaint, person: str
) -> None:
    with pytest.raises(PermissionDenied):
        actions.withdraw_complaint(citizen=request.getfixturevalue(person), complaint=complaint)


def test_a_missing_and_a_forbidden_complaint_look_the_same(
    complaint: Complaint, other_citizen: User
) -> None:
    with pytest.raises(Http404):
        access_complaint(other_citizen, complaint.receipt_number)
    with pytest.raises(Http404):
        access_complaint(other_citizen, "EP-9912-9999999")
    with pytest.raises(Http404):
        access_complaint(other_citizen, 999_999)


def test_a_complaint_is_found_by_receipt_number_or_id(complaint: Complaint, citizen: User) -> None:
    assert access_complaint(citizen, complaint.pk) == complaint
    assert access_complaint(citizen, str(complaint.pk)) == complaint
    assert access_complaint(citizen, complaint.receipt_number.lower()) == complaint


def test_an_anonymous_visitor_sees_no_private_case(complaint: Complaint) -> None:
    assert not rules.can_view(AnonymousUser(), complaint)
    with pytest.raises(Http404):
        access_complaint(AnonymousUser(), complaint.receipt_number)


def test_a_deactivated_officer_loses_the_case(complaint: Complaint, officer: User) -> None:
    User.objects.filter(pk=officer.pk).update(is_active=False)
    officer.refresh_from_db()
    assert not rules.can_handle(officer, complaint)


def test_internal_notes_never_reach_the_citizens_timeline(
    complaint: Complaint, officer: User, citizen: User
) -> None:
    actions.add_internal_note(actor=officer, complaint=complaint, body="Caller sounded upset.")
    staff_view = [event.internal_note for event in timeline_for(officer, complaint)]
    citizen_view = list(timeline_for(citizen, complaint))
    assert "Caller sounded upset." in staff_view
    assert all(not event.internal and event.internal_note == "" for event in citizen_view)


@pytest.mark.parametrize(
    ("person", "own_agency", "other"),
    [
        ("agency_admin", True, False),
        ("platform_admin", True, True),
        ("officer", False, False),
        ("supervisor", False, False),
        ("citizen", False, False),
    ],
)
def test_who_may_configure_an_agency(
    request: pytest.FixtureRequest,
    agency: Agency,
    other_agency: Agency,
    person: str,
    own_agency: bool,
    other: bool,
) -> None:
    user: User = request.getfixturevalue(person)
    assert agency_rules.can_configure_agency(user, agency) is own_agency
    assert agency_rules.can_configure_agency(user, other_agency) is other
    # The platform default belongs to the platform administrators alone.
    assert agency_rules.can_configure_agency(user, None) is (person == "platform_admin")


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["²", "٣", "9" * 40, "EP-2611-\u0661\u0662"])
def test_odd_keys_are_simply_not_found(key: str) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.http import Http404

    from egov.complaints.queries import access_complaint

    with pytest.raises(Http404):
        access_complaint(AnonymousUser(), key)


# ---- "who may do what now": one verdict for the page and the action -----------------------


def test_a_verdict_refuses_who_with_permission_denied_and_when_with_a_reason(
    complaint: Complaint, citizen: User, other_citizen: User
) -> None:
    assert rules.may_withdraw(citizen, complaint)
    stranger = rules.may_withdraw(other_citizen, complaint)
    assert not stranger
    with pytest.raises(PermissionDenied):
        stranger.require()
    actions.withdraw_complaint(citizen=citizen, complaint=complaint)
    too_late = rules.may_withdraw(citizen, complaint)
    assert not too_late
    assert not too_late.forbidden
    with pytest.raises(ValidationError, match="still open can be withdrawn") as refused:
        too_late.require()
    assert refused.value.code == "status"


@pytest.mark.parametrize("step", ["assign", "transfer", "answer", "close_repeat"])
def test_an_officer_of_another_unit_is_forbidden_every_step(
    complaint: Complaint, officer: User, officer_of_other_unit: User, step: str
) -> None:
    ask = {
        "assign": rules.may_assign,
        "transfer": rules.may_transfer,
        "answer": rules.may_answer,
        "close_repeat": rules.may_close_as_repeat,
    }[step]
    assert ask(officer_of_other_unit, complaint).forbidden
    assert not ask(officer, complaint).forbidden


def test_the_staff_page_offers_exactly_the_steps_the_actions_accept(
    assigned: Complaint, officer: User, citizen: User
) -> None:
    from django.test import Client
    from django.urls import reverse

    from conftest import log_in

    client = Client()
    log_in(client, officer)
    url = reverse("complaints_staff:case", args=[assigned.receipt_number])
    assert "Extend the deadline" in client.get(url).content.decode()
    now = timezone.now()
    for days in (1, 1):
        extensions = list(assigned.extensions.all())
        assert rules.may_extend(officer, assigned, extensions=extensions, now=now)
        actions.extend_deadline(actor=officer, complaint=assigned, days=days, reason="Parts")
        assigned.refresh_from_db()
    # The second extension waits for the citizen: neither the page nor the action offers a third.
    verdict = rules.may_extend(
        officer, assigned, extensions=list(assigned.extensions.all()), now=now
    )
    assert (bool(verdict), verdict.code) == (False, "pending")
    assert "Extend the deadline" not in client.get(url).content.decode()
    with pytest.raises(ValidationError, match="not yet answered"):
        actions.extend_deadline(actor=officer, complaint=assigned, days=1, reason="Again")
    actions.refuse_extension(citizen=citizen, complaint=assigned)
    verdict = rules.may_extend(
        officer, assigned, extensions=list(assigned.extensions.all()), now=now
    )
    assert (bool(verdict), verdict.code) == (False, "too_many")
