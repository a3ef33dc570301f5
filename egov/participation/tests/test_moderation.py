"""One moderation queue: anyone reports a public text; a moderator withdraws it or keeps it."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import RunOnCommit, log_in
from egov.accounts.models import User
from egov.agencies.models import Agency
from egov.audit.models import AuditAction, AuditEvent
from egov.notifications.models import Notification
from egov.participation import actions
from egov.participation.models import (
    Comment,
    Petition,
    PetitionStatus,
    Proposal,
    RejectionReason,
    Report,
    ReportKind,
    ReportOutcome,
)
from egov.participation.queries import open_reports, public_proposals
from egov.participation.tests.conftest import district, propose

URL = "/participation/report/"


@pytest.fixture
def comment(officer: User, citizen: User) -> Comment:
    consultation = actions.open_consultation(
        actor=officer,
        question="Q?",
        description="",
        options=["A", "B"],
        closes_at=timezone.now() + datetime.timedelta(days=2),
    )
    return actions.comment(author=citizen, consultation=consultation, body="They are all idiots")


def test_anyone_reports_and_a_moderator_withdraws_a_comment_with_its_reason(
    client: Client,
    comment: Comment,
    citizen: User,
    platform_admin: User,
    run_on_commit: RunOnCommit,
) -> None:
    form = client.get(URL, {"kind": "comment", "id": str(comment.pk)})
    assert form.status_code == 200
    response = client.post(
        URL,
        {"kind": "comment", "object_id": comment.pk, "reason": "defamatory", "note": "Insults"},
    )
    assert response.status_code == 302
    second = actions.report_content(
        reporter=None,
        kind=ReportKind.COMMENT,
        object_id=comment.pk,
        reason=RejectionReason.DEFAMATORY,
        note="",
    )
    [first, _second] = open_reports(platform_admin)
    assert first.excerpt == "They are all idiots"
    with run_on_commit():
        actions.resolve_report(actor=platform_admin, report=second, hide=True)
    comment.refresh_from_db()
    assert comment.hidden_at is not None
    assert comment.hidden_reason == RejectionReason.DEFAMATORY
    assert set(Report.objects.values_list("outcome", flat=True)) == {ReportOutcome.HIDDEN}
    assert Notification.objects.filter(recipient=citizen, key="participation.hidden").exists()
    page = client.get(comment.consultation.get_absolute_url()).content.decode()
    assert "idiots" not in page
    assert AuditEvent.objects.filter(action=AuditAction.CONTENT_REPORTED).count() == 2
    assert AuditEvent.objects.filter(action=AuditAction.REPORT_RESOLVED).count() == 1


def test_a_withdrawn_proposal_leaves_the_public_list_and_tells_the_proposer_why(
    client: Client, citizen: User, agency: Agency, platform_admin: User
) -> None:
    proposal = propose(citizen, agency)
    report = actions.report_content(
        reporter=None,
        kind=ReportKind.PROPOSAL,
        object_id=proposal.pk,
        reason=RejectionReason.PERSONAL_DATA,
        note="",
    )
    actions.resolve_report(actor=platform_admin, report=report, hide=True)
    assert list(public_proposals()) == []
    assert client.get(proposal.get_absolute_url()).status_code == 404
    log_in(client, citizen)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "It contains personal data" in page


def test_a_kept_text_stays_and_an_open_petition_can_be_withdrawn(
    petition: Petition, supporters: list[User], platform_admin: User
) -> None:
    for supporter in supporters[:4]:
        actions.sign_petition(
            signer=supporter,
            petition=petition,
            district=district(),
            show_name=False,
        )
    actions.publish_petition(actor=platform_admin, petition=petition)
    kept = actions.report_content(
        reporter=None,
        kind=ReportKind.PETITION,
        object_id=petition.pk,
        reason=RejectionReason.UNCLEAR,
        note="",
    )
    assert actions.resolve_report(actor=platform_admin, report=kept, hide=False).outcome == "kept"
    with pytest.raises(ValidationError, match="resolved already"):
        actions.resolve_report(actor=platform_admin, report=kept, hide=True)
    withdrawn = actions.report_content(
        reporter=None,
        kind=ReportKind.PETITION,
        object_id=petition.pk,
        reason=RejectionReason.COURT_CASE,
        note="",
    )
    actions.resolve_report(actor=platform_admin, report=withdrawn, hide=True)
    petition.refresh_from_db()
    assert (petition.status, petition.rejection_reason) == (PetitionStatus.REJECTED, "court_case")


def test_only_moderators_resolve(comment: Comment, officer: User, client: Client) -> None:
    report = actions.report_content(
        reporter=None,
        kind=ReportKind.COMMENT,
        object_id=comment.pk,
        reason=RejectionReason.DEFAMATORY,
        note="",
    )
    with pytest.raises(PermissionDenied):
        actions.resolve_report(actor=officer, report=report, hide=True)
    log_in(client, officer)
    url = reverse("participation_staff:resolve_report", args=[report.pk])
    assert client.post(url, {"outcome": "hide"}).status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "comment", "object_id": "999999", "reason": "defamatory"},
        {"kind": "proposal", "object_id": "1", "reason": "defamatory"},
        {"kind": "user", "object_id": "1", "reason": "defamatory"},
        {"kind": "comment", "object_id": "-1", "reason": "defamatory"},
        {"kind": "comment", "object_id": "x", "reason": "defamatory"},
        {"kind": "comment", "object_id": "1", "reason": "boring"},
        {"kind": "comment", "object_id": "1", "reason": "defamatory", "note": "z" * 2001},
        {},
    ],
)
def test_wrong_reports_are_refused_on_the_form(
    client: Client, db: None, data: dict[str, str]
) -> None:
    assert client.post(URL, data).status_code == 400
    assert Report.objects.count() == 0


def test_a_private_proposal_cannot_be_reported(citizen: User, agency: Agency) -> None:
    private: Proposal = propose(citizen, agency, is_public=False)
    with pytest.raises(ValidationError):
        actions.report_content(
            reporter=None,
            kind=ReportKind.PROPOSAL,
            object_id=private.pk,
            reason=RejectionReason.UNCLEAR,
            note="",
        )


def test_the_queue_page_lists_reports_for_moderators(
    client: Client, comment: Comment, platform_admin: User
) -> None:
    actions.report_content(
        reporter=None,
        kind=ReportKind.COMMENT,
        object_id=comment.pk,
        reason=RejectionReason.DEFAMATORY,
        note="Call 010-3333-4444",
    )
    log_in(client, platform_admin)
    page = client.get(reverse("participation_staff:moderation")).content.decode()
    assert "They are all idiots" in page
    assert "3333-4444" not in page


def test_the_header_offers_moderation_to_moderators_and_reviews_to_agency_staff(
    client: Client, platform_admin: User, officer: User
) -> None:
    moderation = reverse("participation_staff:moderation")
    reviews = reverse("participation_staff:proposals")
    log_in(client, platform_admin)
    page = client.get("/").content.decode()
    assert moderation in page
    assert reviews not in page
    log_in(client, officer)
    page = client.get("/").content.decode()
    assert reviews in page
    assert moderation not in page
