"""Job pages for job seekers and employers, mounted at /jobs/."""

from django.urls import path, re_path

from egov.jobs.views import employer, public, seeker
from egov.lib.http import ID_PATTERN

app_name = "jobs"

POSTING = rf"(?P<posting_id>{ID_PATTERN})"

urlpatterns = [
    path("", public.home, name="home"),
    re_path(rf"^{POSTING}/$", public.posting, name="posting"),
    re_path(rf"^{POSTING}/report/$", public.report, name="report"),
    path("feed/", seeker.feed, name="feed"),
    path("saved/", seeker.saved_searches, name="saved_searches"),
    re_path(
        rf"^saved/(?P<saved_id>{ID_PATTERN})/delete/$",
        seeker.delete_saved_search,
        name="delete_saved_search",
    ),
    path("employer/", employer.employer, name="employer"),
    path("employer/company/", employer.register_company, name="register_company"),
    path("employer/postings/new/", employer.edit_posting, name="new_posting"),
    re_path(rf"^employer/postings/{POSTING}/$", employer.edit_posting, name="edit_posting"),
    re_path(rf"^employer/postings/{POSTING}/close/$", employer.close_posting, name="close_posting"),
]
