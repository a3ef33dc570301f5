"""Who may see and handle a complaint, with a named user for every branch."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from egov.accounts.models import User
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
    assert rules.can_configure_agency(user, agency) is own_agency
    assert rules.can_configure_agency(user, other_agency) is other
    # The platform default belongs to the platform administrators alone.
    assert rules.can_configure_agency(user, None) is (person == "platform_admin")


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["²", "٣", "9" * 40, "EP-2611-\u0661\u0662"])
def test_odd_keys_are_simply_not_found(key: str) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.http import Http404

    from egov.complaints.queries import access_complaint

    with pytest.raises(Http404):
        access_complaint(AnonymousUser(), key)
