"""Permit pages for applicants and the public, mounted at /permits/."""

from django.urls import path, re_path

from egov.lib.http import ID_PATTERN
from egov.permits.limits import RECEIPT_NUMBER_PATTERN
from egov.permits.views import citizen, public

app_name = "permits"

RECEIPT = rf"(?P<receipt_number>{RECEIPT_NUMBER_PATTERN})"

urlpatterns = [
    path("", public.home, name="home"),
    path("track/", public.lookup, name="lookup"),
    re_path(rf"^track/{RECEIPT}/$", public.track, name="track"),
    path("applications/", public.public_list, name="public_list"),
    path("statistics/", public.statistics, name="statistics"),
    path("applications.csv", public.export_csv, name="export_csv"),
    path("applications.json", public.export_json, name="export_json"),
    re_path(r"^apply/(?P<code>[-a-z0-9]{1,40})/$", citizen.apply, name="apply"),
    re_path(rf"^{RECEIPT}/receipt/$", citizen.receipt, name="receipt"),
    re_path(rf"^{RECEIPT}/supplement/$", citizen.answer_supplement, name="answer_supplement"),
    re_path(rf"^{RECEIPT}/withdraw/$", citizen.withdraw, name="withdraw"),
    re_path(rf"^{RECEIPT}/questions/$", citizen.ask, name="ask"),
    re_path(
        rf"^{RECEIPT}/attachments/(?P<attachment_id>{ID_PATTERN})/$",
        citizen.attachment,
        name="attachment",
    ),
]
