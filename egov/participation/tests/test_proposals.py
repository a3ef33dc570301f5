"""Proposals (국민제안): reviewed on the statutory clock, decided with reasons, followed up."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import RunOnCommit, log_in, make_user
from egov.accounts.models import Role, User
from egov.agencies.calendar import calendar_for
from egov.agencies.models import Agency
from egov.audit.models import AuditAction, AuditEvent
from egov.lib.calendar import WorkingCalendar, calendar_days_due
from egov.notifications.models import Notification
from egov.participation import actions
from egov.participation.models import Proposal, ProposalStatus
from egov.participation.queries import adoption_rates
from egov.participation.search import similar_proposals
from egov.participation.tests.conftest import propose

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def events(action: AuditAction, subject: Proposal) -> int:
    return AuditEvent.objects.filter(action=action, subject_id=str(subject.pk)).count()


# ---- the statutory clock: Regulations on Public Proposals art. 10(1) ----------------------


def test_thirty_days_end_on_the_thirtieth_day_after_receipt() -> None:
    # Received Monday 2 March 2026: the day of receipt does not count (Civil Act
    # art. 157), so day 30 is Wednesday 1 April, and the period ends at its midnight.
    received = datetime.datetime(2026, 3, 2, 15, 0, tzinfo=SEOUL)
    due = calendar_days_due(received, 30, WorkingCalendar())
    assert due.day == datetime.date(2026, 4, 1)
    assert due.at == datetime.datetime(2026, 4, 2, 0, 0, tzinfo=SEOUL)


def test_a_period_ending_on_a_weekend_or_holiday_ends_on_the_next_working_day() -> None:
    # Received Friday 13 February 2026: day 30 is Sunday 15 March, so the
    # period ends on Monday 16 March (Civil Act art. 161).
    received = datetime.datetime(2026, 2, 13, 10, 0, tzinfo=SEOUL)
    assert calendar_days_due(received, 30, WorkingCalendar()).day == datetime.date(2026, 3, 16)


def test_a_proposal_is_due_thirty_days_after_receipt_unless_the_agency_promises_less(
    citizen: User, agency: Agency, agency_admin: User
) -> None:
    first = propose(citizen, agency)
    expected = calendar_days_due(first.received_at, 30, calendar_for(agency.pk))
    assert first.due_at == expected.at
    actions.set_review_period(actor=agency_admin, agency=agency, days=14)
    second = propose(citizen, agency)
    assert second.due_at == calendar_days_due(second.received_at, 14, calendar_for(agency.pk)).at
    with pytest.raises(ValidationError):
        actions.set_review_period(actor=agency_admin, agency=agency, days=31)


def test_only_the_agencys_administrator_sets_its_period(officer: User, agency: Agency) -> None:
    with pytest.raises(PermissionDenied):
        actions.set_review_period(actor=officer, agency=agency, days=10)


# ---- proposing ---------------------------------------------------------------------------


def test_a_foreign_resident_proposes_and_is_told_in_their_language(
    other_citizen: User, agency: Agency, run_on_commit: RunOnCommit
) -> None:
    with run_on_commit():
        proposal = propose(
            other_citizen,
            agency,
            attachments=[SimpleUploadedFile("plan.png", PNG, content_type="image/png")],
        )
    assert proposal.status == ProposalStatus.UNDER_REVIEW
    assert proposal.attachments.get().extension == "png"
    notice = Notification.objects.get(recipient=other_citizen)
    assert notice.key == "participation.proposal_received"
    assert events(AuditAction.PROPOSAL_SUBMITTED, proposal) == 1


def test_staff_cannot_propose_as_citizens(officer: User, agency: Agency) -> None:
    with pytest.raises(PermissionDenied):
        propose(officer, agency)


def test_blank_and_oversized_parts_are_refused(citizen: User, agency: Agency) -> None:
    with pytest.raises(ValidationError):
        propose(citizen, agency, problem="   ")
    with pytest.raises(ValidationError):
        propose(citizen, agency, expected_effect="x" * 5001)


def test_similar_public_proposals_are_found_by_their_words(citizen: User, agency: Agency) -> None:
    shown = propose(citizen, agency, title="버스 정류장 쉼터 설치")
    propose(citizen, agency, title="버스 정류장 온열의자", is_public=False)
    propose(citizen, agency, title="Library opening hours")
    found = similar_proposals("정류장 쉼터")
    assert found == [shown]
    assert similar_proposals("bus shelters everywhere") != []


# ---- deciding --------------------------------------------------------------------------------


def test_every_decision_is_audited_and_the_proposer_told(
    citizen: User, agency: Agency, officer: User, run_on_commit: RunOnCommit
) -> None:
    for outcome in (
        ProposalStatus.ADOPTED,
        ProposalStatus.PARTLY_ADOPTED,
        ProposalStatus.NOT_ADOPTED,
    ):
        proposal = propose(citizen, agency)
        with run_on_commit():
            actions.decide_proposal(
                actor=officer, proposal=proposal, outcome=outcome, reason="Budget 2027 covers it."
            )
        proposal.refresh_from_db()
        assert proposal.status == outcome
        assert events(AuditAction.PROPOSAL_DECIDED, proposal) == 1
        event = AuditEvent.objects.get(
            action=AuditAction.PROPOSAL_DECIDED, subject_id=str(proposal.pk)
        )
        assert event.detail == {"outcome": str(outcome), "on_time": True}
    assert (
        Notification.objects.filter(recipient=citizen, key="participation.proposal_decided").count()
        == 3
    )


def test_a_decision_needs_reasons_and_is_taken_once(proposal: Proposal, officer: User) -> None:
    with pytest.raises(ValidationError):
        actions.decide_proposal(
            actor=officer, proposal=proposal, outcome=ProposalStatus.NOT_ADOPTED, reason=" "
        )
    actions.decide_proposal(
        actor=officer,
        proposal=proposal,
        outcome=ProposalStatus.NOT_ADOPTED,
        reason="No road space.",
    )
    with pytest.raises(ValidationError):
        actions.decide_proposal(
            actor=officer, proposal=proposal, outcome=ProposalStatus.ADOPTED, reason="Changed mind"
        )
    with pytest.raises(ValidationError):
        actions.decide_proposal(
            actor=officer,
            proposal=propose(proposal.proposer, proposal.agency),
            outcome=ProposalStatus.UNDER_REVIEW,
            reason="Still looking",
        )


def test_another_agency_cannot_decide(proposal: Proposal, db: None) -> None:
    from egov.agencies import actions as agency_actions
    from egov.agencies.models import AgencyKind

    other = agency_actions.create_agency(
        actor=None,
        code="elsewhere",
        kind=AgencyKind.DISTRICT,
        name_en="Elsewhere",
        name_ko="다른곳",
        name_id="Lain",
    )
    unit = agency_actions.create_unit(
        actor=None, agency=other, code="x", name_en="X", name_ko="엑스", name_id="X"
    )
    from conftest import make_officer

    stranger = make_officer("stranger@test.example", unit)
    with pytest.raises(PermissionDenied):
        actions.decide_proposal(
            actor=stranger, proposal=proposal, outcome=ProposalStatus.ADOPTED, reason="Yes"
        )


def test_an_adopted_proposal_is_followed_step_by_step_and_awarded(
    proposal: Proposal, officer: User, citizen: User, run_on_commit: RunOnCommit
) -> None:
    with pytest.raises(ValidationError):
        actions.add_milestone(
            actor=officer, proposal=proposal, title="Design", due_on=datetime.date(2027, 1, 5)
        )
    actions.decide_proposal(
        actor=officer, proposal=proposal, outcome=ProposalStatus.ADOPTED, reason="Good idea."
    )
    with run_on_commit():
        step = actions.add_milestone(
            actor=officer, proposal=proposal, title="Design", due_on=datetime.date(2027, 1, 5)
        )
        actions.complete_milestone(actor=officer, milestone=step, done_on=timezone.localdate())
        actions.record_award(
            actor=officer,
            proposal=proposal,
            description="Mayor's commendation",
            amount=300_000,
            awarded_on=timezone.localdate(),
        )
    with pytest.raises(ValidationError):
        actions.complete_milestone(actor=officer, milestone=step, done_on=timezone.localdate())
    keys = set(Notification.objects.filter(recipient=citizen).values_list("key", flat=True))
    assert {
        "participation.milestone_added",
        "participation.milestone_done",
        "participation.awarded",
    } <= keys
    for action in (
        AuditAction.PROPOSAL_MILESTONE_ADDED,
        AuditAction.PROPOSAL_MILESTONE_DONE,
        AuditAction.PROPOSAL_AWARDED,
    ):
        assert events(action, proposal) == 1


def test_adoption_rates_count_every_decided_proposal_per_agency(
    citizen: User, agency: Agency, officer: User
) -> None:
    for outcome in (
        ProposalStatus.ADOPTED,
        ProposalStatus.PARTLY_ADOPTED,
        ProposalStatus.NOT_ADOPTED,
    ):
        actions.decide_proposal(
            actor=officer,
            proposal=propose(citizen, agency, is_public=False),
            outcome=outcome,
            reason="Reasons.",
        )
    propose(citizen, agency)
    [rate] = adoption_rates()
    assert (rate.decided, rate.adopted, rate.percent) == (3, 2, 67)


# ---- pages --------------------------------------------------------------------------------


def test_the_proposer_sends_a_proposal_from_the_page(
    client: Client, citizen: User, agency: Agency
) -> None:
    log_in(client, citizen)
    form = {
        "agency": agency.code,
        "title": "Shelters",
        "problem": "Rain",
        "current_situation": "None",
        "proposed_change": "Build",
        "expected_effect": "Dry",
        "visibility": "public",
    }
    similar = client.post(reverse("participation:new_proposal"), {**form, "similar": "1"})
    assert similar.status_code == 200
    assert Proposal.objects.count() == 0
    response = client.post(reverse("participation:new_proposal"), form)
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url()
    assert client.get(proposal.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "change",
    [
        {"agency": "no-such-agency"},
        {"title": ""},
        {"title": "x" * 201},
        {"problem": "y" * 5001},
        {"visibility": "everyone"},
        {"agency": "<script>alert(1)</script>"},
        {"title": "\x00"},
    ],
)
def test_wrong_input_is_refused_on_the_form(
    client: Client, citizen: User, agency: Agency, change: dict[str, str]
) -> None:
    log_in(client, citizen)
    form = {
        "agency": agency.code,
        "title": "T",
        "problem": "P",
        "current_situation": "C",
        "proposed_change": "X",
        "expected_effect": "E",
        "visibility": "private",
    }
    response = client.post(reverse("participation:new_proposal"), {**form, **change})
    assert response.status_code == 200
    assert Proposal.objects.count() == 0


def test_a_private_proposal_is_hidden_from_others(
    client: Client, citizen: User, other_citizen: User, agency: Agency, officer: User
) -> None:
    private = propose(citizen, agency, is_public=False)
    assert client.get(private.get_absolute_url()).status_code == 404
    log_in(client, other_citizen)
    assert client.get(private.get_absolute_url()).status_code == 404
    log_in(client, officer)
    assert client.get(private.get_absolute_url()).status_code == 200
    assert client.get(reverse("participation:proposal", args=["99999"])).status_code == 404


def test_the_agency_decides_on_the_page(
    client: Client, proposal: Proposal, officer: User, citizen: User
) -> None:
    url = reverse("participation:decide", args=[proposal.pk])
    log_in(client, citizen)
    assert client.post(url, {"outcome": "adopted", "reason": "Me"}).status_code in (403, 404)
    log_in(client, officer)
    assert client.post(url, {"outcome": "maybe", "reason": "?"}).status_code == 400
    assert client.post(url, {"outcome": "not_adopted", "reason": ""}).status_code == 400
    response = client.post(url, {"outcome": "not_adopted", "reason": "No space; try stop 12."})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.NOT_ADOPTED
    page = client.get(proposal.get_absolute_url())
    assert "No space; try stop 12." in page.content.decode()


def test_public_pages_answer(client: Client, proposal: Proposal, officer: User) -> None:
    assert client.get(reverse("participation:home")).status_code == 200
    assert client.get(reverse("participation:proposals")).status_code == 200
    log_in(client, officer)
    assert client.get(reverse("participation_staff:proposals")).status_code == 200


def test_employers_may_propose_too(agency: Agency, db: None) -> None:
    employer = make_user("firm@test.example", Role.EMPLOYER)
    assert propose(employer, agency).pk


def test_the_service_is_on_the_home_page_and_my_government(
    client: Client, proposal: Proposal, citizen: User
) -> None:
    assert reverse("participation:home") in client.get("/").content.decode()
    log_in(client, citizen)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert proposal.title in page


def test_others_read_a_public_proposal_with_personal_data_masked(
    client: Client, citizen: User, agency: Agency, officer: User
) -> None:
    proposal = propose(citizen, agency, problem="Call 010-4444-5555 about it.")
    assert "4444-5555" not in client.get(proposal.get_absolute_url()).content.decode()
    assert "김민수" not in client.get(proposal.get_absolute_url()).content.decode()
    log_in(client, officer)
    assert "010-4444-5555" in client.get(proposal.get_absolute_url()).content.decode()


# ---- the proposer rates the handling ---------------------------------------------------------


def test_the_proposer_rates_a_decided_proposal_once(
    client: Client, proposal: Proposal, citizen: User, other_citizen: User, officer: User
) -> None:
    with pytest.raises(ValidationError, match="once the proposal is decided"):
        actions.rate_proposal(rater=citizen, proposal=proposal, score=4)
    actions.decide_proposal(
        actor=officer, proposal=proposal, outcome=ProposalStatus.NOT_ADOPTED, reason="No space."
    )
    with pytest.raises(PermissionDenied):
        actions.rate_proposal(rater=other_citizen, proposal=proposal, score=5)
    url = reverse("participation:rate", args=[proposal.pk])
    log_in(client, citizen)
    for wrong in (
        {"score": "6"},
        {"score": "0"},
        {"score": "x"},
        {},
        {"score": "3", "comment": "y" * 2001},
    ):
        assert client.post(url, wrong).status_code == 400
    assert client.post(url, {"score": "2", "comment": "Call 010-1111-2222"}).status_code == 302
    assert client.post(url, {"score": "5"}).status_code == 400
    rating = AuditEvent.objects.get(action=AuditAction.SERVICE_RATED)
    assert rating.detail == {"service": "participation", "score": 2}
    summary = client.get(reverse("participation:feedback_summary")).content.decode()
    assert "2.0" in summary
    with pytest.raises(ValidationError):
        actions.rate_service(rater=citizen, service="participation", subject="x", score=9)
