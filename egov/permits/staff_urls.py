"""Officer pages, mounted at /staff/permits/."""

from django.urls import path, re_path

from egov.lib.http import ID_PATTERN
from egov.permits.limits import RECEIPT_NUMBER_PATTERN
from egov.permits.views import staff

app_name = "permits_staff"

CASE = rf"^(?P<receipt_number>{RECEIPT_NUMBER_PATTERN})/"

urlpatterns = [
    path("", staff.queue, name="queue"),
    path("counter/", staff.counter, name="counter"),
    path("absences/", staff.record_absence, name="record_absence"),
    path("catalogue/", staff.catalogue, name="catalogue"),
    re_path(r"^catalogue/(?P<code>[-a-z0-9]{1,40})/$", staff.revise, name="revise"),
    re_path(CASE + r"$", staff.case, name="case"),
    re_path(
        CASE + r"(?P<action>start|complete|skip|supplement|extend|reject|fee|reassign)/$",
        staff.act,
        name="act",
    ),
    re_path(
        CASE + rf"questions/(?P<question_id>{ID_PATTERN})/answer/$",
        staff.answer_question,
        name="answer_question",
    ),
]
