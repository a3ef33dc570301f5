"""Participation pages for staff and moderators, mounted at /staff/participation/."""

from django.urls import path, re_path

from egov.lib.http import ID_PATTERN
from egov.participation.views import consultations, moderation, petitions, proposals

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
]
