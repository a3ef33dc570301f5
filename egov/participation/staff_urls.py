"""Participation pages for staff and moderators, mounted at /staff/participation/."""

from django.urls import path

from egov.participation.views import consultations, petitions, proposals

app_name = "participation_staff"

urlpatterns = [
    path("proposals/", proposals.review_list, name="proposals"),
    path("moderation/", petitions.moderation, name="moderation"),
    path("consultations/new/", consultations.new_consultation, name="new_consultation"),
]
