"""Participation pages for citizens and the public, mounted at /participation/."""

from django.urls import path, re_path

from egov.lib.http import ID_PATTERN
from egov.participation.views import (
    consultations,
    feedback,
    moderation,
    petitions,
    proposals,
    public,
    scorecard,
)

app_name = "participation"

PROPOSAL = rf"(?P<proposal_id>{ID_PATTERN})"
PETITION = rf"(?P<petition_id>{ID_PATTERN})"
CONSULTATION = rf"(?P<consultation_id>{ID_PATTERN})"

urlpatterns = [
    path("", public.home, name="home"),
    path("proposals/", proposals.public_list, name="proposals"),
    path("proposals/new/", proposals.new_proposal, name="new_proposal"),
    path("proposals/mine/", proposals.my_proposals, name="my_proposals"),
    re_path(rf"^proposals/{PROPOSAL}/$", proposals.proposal, name="proposal"),
    re_path(
        rf"^proposals/{PROPOSAL}/attachments/(?P<attachment_id>{ID_PATTERN})/$",
        proposals.attachment,
        name="proposal_attachment",
    ),
    re_path(rf"^proposals/{PROPOSAL}/decide/$", proposals.decide, name="decide"),
    re_path(rf"^proposals/{PROPOSAL}/milestones/$", proposals.add_milestone, name="add_milestone"),
    re_path(
        rf"^proposals/{PROPOSAL}/milestones/(?P<milestone_id>{ID_PATTERN})/done/$",
        proposals.complete_milestone,
        name="complete_milestone",
    ),
    re_path(rf"^proposals/{PROPOSAL}/awards/$", proposals.award, name="award"),
    re_path(rf"^proposals/{PROPOSAL}/rating/$", proposals.rate, name="rate"),
    path("petitions/", petitions.petition_list, name="petitions"),
    path("petitions/new/", petitions.new_petition, name="new_petition"),
    re_path(rf"^petitions/{PETITION}/$", petitions.petition, name="petition"),
    re_path(rf"^petitions/{PETITION}\.json$", petitions.petition_json, name="petition_json"),
    re_path(rf"^petitions/{PETITION}/sign/$", petitions.sign, name="sign"),
    re_path(rf"^petitions/{PETITION}/publish/$", petitions.publish, name="publish"),
    re_path(rf"^petitions/{PETITION}/reject/$", petitions.reject, name="reject"),
    re_path(rf"^petitions/{PETITION}/respond/$", petitions.respond, name="respond"),
    path("report/", moderation.report, name="report"),
    path("scorecard/", scorecard.scorecard_page, name="scorecard"),
    path("scorecard.csv", scorecard.scorecard_csv, name="scorecard_csv"),
    path("feedback/", feedback.page_feedback, name="page_feedback"),
    path("feedback/summary/", feedback.feedback_summary, name="feedback_summary"),
    path("consultations/", consultations.consultation_list, name="consultations"),
    re_path(rf"^consultations/{CONSULTATION}/$", consultations.consultation, name="consultation"),
    re_path(rf"^consultations/{CONSULTATION}/vote/$", consultations.vote, name="vote"),
    re_path(rf"^consultations/{CONSULTATION}/comment/$", consultations.comment, name="comment"),
]
