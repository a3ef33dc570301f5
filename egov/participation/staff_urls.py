"""Participation pages for staff and moderators, mounted at /staff/participation/."""

from django.urls import path, re_path

from egov.lib.http import ID_PATTERN
from egov.participation.views import consultations, moderation, petitions, proposals, surges

app_name = "participation_staff"

urlpatterns = [
    path("proposals/", proposals.review_list, name="proposals"),
    path("moderation/", petitions.moderation, name="moderation"),
    re_path(
        rf"^moderation/reports/(?P<report_id>{ID_PATTERN})/$",
        moderation.resolve,
        name="resolve_report",
    ),
    path("consultations/new/", consultations.new_consultation, name="new_consultation"),
    re_path(
        rf"^surges/(?P<surge_id>{ID_PATTERN})/consultation/$",
        surges.consultation_from_surge,
        name="consultation_from_surge",
    ),
    re_path(
        rf"^surges/(?P<surge_id>{ID_PATTERN})/review/$",
        surges.review_from_surge,
        name="review_from_surge",
    ),
]
