"""Staff search, mounted at /staff/search/."""

from django.urls import path

from egov.complaints.views import search

app_name = "complaints_search"

urlpatterns = [
    path("complaints/", search.search, name="complaints"),
]
