"""From voice to policy: a consultation or a policy review opened from a surge of complaints."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from conftest import RunOnCommit, log_in, make_officer
from egov.accounts.models import User
from egov.agencies import actions as agency_actions
from egov.agencies.models import Agency, AgencyKind, Unit
from egov.audit.models import AuditAction, AuditEvent
from egov.complaints import actions as complaint_actions
from egov.complaints.models import Complaint, FollowUp, Surge
from egov.complaints.queries import surge_complaints
from egov.complaints.tests.test_surges import NOW, build_scene
from egov.notifications.models import Notification
from egov.participation import actions
from egov.participation.models import Consultation, Proposal, ProposalStatus


@pytest.fixture
def surge(citizen: User, platform_admin: User, agency: Agency, unit: Unit) -> Surge:
    """The complaints' worked example (test_surges.py): ten streetlights in Jongno against five."""
    category = complaint_actions.create_category(
        actor=platform_admin,
        code="streetlights",
        name_en="Streetlights",
        name_ko="가로등",
        name_id="Lampu jalan",
        default_agency=agency,
    )
    complaint_actions.set_routing(actor=platform_admin, category=category, agency=agency, unit=unit)
    build_scene(citizen, category)
    complaint_actions.refresh_surges(now=NOW)
    return Surge.objects.get()


def _consultation_form(**overrides: str) -> dict[str, str]:
    return {
        "question": "Where should the new streetlights go first?",
        "description": "",
        "options": "Yulgok-ro\nSejong-daero",
        "closes_on": (timezone.localdate() + datetime.timedelta(days=14)).isoformat(),
        **overrides,
    }


def _review_form(**overrides: str) -> dict[str, str]:
    return {
        "title": "Streetlight maintenance in Jongno",
        "problem": "Many streetlights went dark at once.",
        "proposed_change": "Check every lamp each month.",
        "expected_effect": "Fewer dark streets.",
        **overrides,
    }


def _url(name: str, surge: Surge) -> str:
    return reverse(f"participation_staff:{name}", kwargs={"surge_id": surge.pk})


@pytest.fixture
def behind(surge: Surge, other_citizen: User) -> list[Complaint]:
    """The ten complaints behind the surge; one of them is the other citizen's."""
    complaints = list(surge_complaints(surge))
    Complaint.objects.filter(pk=complaints[0].pk).update(citizen=other_citizen)
    return complaints


def test_an_officer_opens_a_consultation_linked_to_the_complaints_and_it_is_audited(
    client: Client,
    surge: Surge,
    behind: list[Complaint],
    officer: User,
    citizen: User,
    other_citizen: User,
    run_on_commit: RunOnCommit,
) -> None:
    log_in(client, officer)
    with run_on_commit():
        response = client.post(_url("consultation_from_surge", surge), _consultation_form())
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == consultation.get_absolute_url()
    follow_up = FollowUp.objects.get()
    assert (follow_up.kind, follow_up.reference) == ("consultation", consultation.pk)
    assert sorted(follow_up.complaints.values_list("pk", flat=True)) == sorted(
        complaint.pk for complaint in behind
    )
    assert (follow_up.this_week, follow_up.last_week) == (10, 5)
    # Two writes, one audit event each: the consultation, and the complaints linked to it.
    opened = AuditEvent.objects.filter(action=AuditAction.CONSULTATION_OPENED)
    linked = AuditEvent.objects.get(action=AuditAction.COMPLAINTS_FOLLOWED_UP)
    assert opened.count() == 1
    assert linked.detail["complaints"] == 10
    assert linked.actor_id == officer.pk
    # Each complainant is told once, however many of their complaints it counted.
    told = Notification.objects.filter(key="complaints.followed_up")
    assert sorted(told.values_list("recipient_id", flat=True)) == sorted(
        [citizen.pk, other_citizen.pk]
    )
    with translation.override("ko"):
        title = told.get(recipient=citizen).text().title
    assert title == "민원이 국민생각함 의견 수렴으로 이어졌습니다"
    assert told.get(recipient=citizen).url == consultation.get_absolute_url()


def test_the_complaint_pages_show_what_came_of_it_though_they_were_cached(
    client: Client,
    surge: Surge,
    behind: list[Complaint],
    officer: User,
    citizen: User,
) -> None:
    mine = behind[1]
    case_page = mine.get_absolute_url()
    public_page = reverse(
        "complaints:public_detail", kwargs={"receipt_number": mine.receipt_number}
    )
    log_in(client, citizen)
    assert "What came of it" not in client.get(case_page).content.decode()
    assert "What came of it" not in Client().get(public_page).content.decode()
    revision = Complaint.objects.get(pk=mine.pk).revision

    with client_for(officer) as staff:
        staff.post(_url("consultation_from_surge", surge), _consultation_form())
    consultation = Consultation.objects.get()

    assert Complaint.objects.get(pk=mine.pk).revision == revision + 1
    for page in (client.get(case_page), Client().get(public_page)):
        text = page.content.decode()
        assert "What came of it" in text
        assert f'href="{consultation.get_absolute_url()}"' in text
        assert "Opened after 10 complaints like this one" in text


class client_for:
    """A signed-in client whose on-commit callbacks run (the public page is cleared then)."""

    def __init__(self, user: User) -> None:
        self.client = log_in(Client(), user)

    def __enter__(self) -> Client:
        from django.test import TestCase

        self._capture = TestCase.captureOnCommitCallbacks(execute=True)
        self._capture.__enter__()
        return self.client

    def __exit__(self, *exc: Any) -> None:
        self._capture.__exit__(*exc)


def test_a_policy_review_is_decided_and_the_outcome_reaches_the_complaints(
    client: Client,
    surge: Surge,
    behind: list[Complaint],
    agency_admin: User,
    officer: User,
    citizen: User,
    run_on_commit: RunOnCommit,
) -> None:
    log_in(client, agency_admin)
    with run_on_commit():
        response = client.post(_url("review_from_surge", surge), _review_form())
    review = Proposal.objects.get()
    assert response.status_code == 302
    assert review.is_public
    assert review.proposer == agency_admin
    assert "10 complaints" in review.current_situation
    assert AuditEvent.objects.filter(action=AuditAction.POLICY_REVIEW_OPENED).count() == 1
    # The review's page shows the surge's figures, and nothing of the complainants.
    page = Client().get(review.get_absolute_url()).content.decode()
    assert "Opened from complaints" in page
    assert citizen.name not in page

    with run_on_commit():
        actions.decide_proposal(
            actor=officer,
            proposal=review,
            outcome=ProposalStatus.ADOPTED,
            reason="Monthly checks start in January.",
        )
    assert FollowUp.objects.get().outcome == "adopted"
    assert AuditEvent.objects.filter(action=AuditAction.COMPLAINTS_FOLLOW_UP_DECIDED).count() == 1
    assert Notification.objects.filter(
        key="complaints.follow_up_decided", recipient=citizen
    ).exists()
    log_in(client, citizen)
    assert "Outcome: Adopted." in client.get(behind[1].get_absolute_url()).content.decode()


def test_only_staff_of_the_handling_agency_may_open_from_a_surge(
    surge: Surge,
    citizen: User,
    platform_admin: User,
) -> None:
    other_agency = agency_actions.create_agency(
        actor=None,
        code="other-district",
        kind=AgencyKind.DISTRICT,
        name_en="Other District Office",
        name_ko="다른구청",
        name_id="Kantor Distrik Lain",
    )
    other_unit = agency_actions.create_unit(
        actor=None,
        agency=other_agency,
        code="roads",
        name_en="Roads",
        name_ko="도로과",
        name_id="Jalan",
    )
    stranger = make_officer("stranger@test.example", other_unit)
    for user in (citizen, platform_admin, stranger):
        client = log_in(Client(), user)
        for name in ("consultation_from_surge", "review_from_surge"):
            assert client.get(_url(name, surge)).status_code == 404
            form = _consultation_form() if name == "consultation_from_surge" else _review_form()
            assert client.post(_url(name, surge), form).status_code == 404
        with pytest.raises(PermissionDenied):
            actions.open_consultation_from_surge(
                actor=user,
                surge_id=surge.pk,
                question="Q?",
                description="",
                options=["A", "B"],
                closes_at=timezone.now() + datetime.timedelta(days=3),
            )
    assert not Consultation.objects.exists()
    assert not Proposal.objects.exists()
    assert not FollowUp.objects.exists()


def test_hostile_or_missing_input_gets_clear_errors_and_opens_nothing(
    client: Client,
    surge: Surge,
    officer: User,
) -> None:
    log_in(client, officer)
    response = client.post(
        _url("consultation_from_surge", surge), _consultation_form(options="Only one")
    )
    assert response.status_code == 400
    assert "Give between 2 and 10 different options." in response.content.decode()
    assert "What came of it" not in response.content.decode()
    response = client.post(
        _url("review_from_surge", surge), _review_form(title="x" * 5000, problem="")
    )
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    response = client.post(
        _url("consultation_from_surge", surge), _consultation_form(closes_on="<script>")
    )
    assert response.status_code == 400
    assert not Consultation.objects.exists()
    assert not Proposal.objects.exists()
    assert not FollowUp.objects.exists()
    assert (
        client.get(f"/staff/participation/surges/{surge.pk + 99}/consultation/").status_code == 404
    )
