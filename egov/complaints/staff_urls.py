"""Officer pages, mounted at /staff/complaints/."""

from django.urls import path, re_path

from egov.complaints.limits import RECEIPT_NUMBER_PATTERN
from egov.complaints.views import offline, staff, surges
from egov.lib.http import ID_PATTERN

app_name = "complaints_staff"

# A receipt number such as EP-2611-0000123, in ASCII digits only: nothing else
# (no database id, no other script's digits) reaches the lookup.
CASE = rf"^(?P<receipt_number>{RECEIPT_NUMBER_PATTERN})/"

urlpatterns = [
    path("", staff.queue, name="queue"),
    path("file/", staff.file_on_behalf, name="file"),
    path("surges/", surges.surges, name="surges"),
    re_path(rf"^surges/(?P<surge_id>{ID_PATTERN})/$", surges.surge, name="surge"),
    path("file/complaint/", staff.file_complaint, name="file_complaint"),
    path("file/no-account/", offline.file_without_account, name="file_without_account"),
    re_path(CASE + r"$", staff.case, name="case"),
    re_path(CASE + r"contact/$", staff.show_contact, name="show_contact"),
    re_path(CASE + r"letter/$", offline.letter, name="letter"),
    re_path(
        CASE + rf"attachments/(?P<attachment_id>{ID_PATTERN})/$",
        staff.attachment,
        name="attachment",
    ),
    re_path(CASE + r"assign/$", staff.assign, name="assign"),
    re_path(CASE + r"note/$", staff.add_note, name="add_note"),
    re_path(CASE + r"transfer/$", staff.transfer, name="transfer"),
    re_path(CASE + r"transfer/find/$", staff.find_transfer_unit, name="find_transfer_unit"),
    re_path(CASE + r"transfer/units/$", staff.transfer_units, name="transfer_units"),
    re_path(CASE + r"supplement/$", staff.request_supplement, name="request_supplement"),
    re_path(CASE + r"extend/$", staff.extend, name="extend"),
    re_path(CASE + r"answer/$", staff.answer, name="answer"),
    re_path(CASE + r"second-review/$", staff.answer_second_review, name="answer_second_review"),
    re_path(
        CASE + r"close/no-supplement/$",
        staff.close_for_no_supplement,
        name="close_for_no_supplement",
    ),
    re_path(CASE + r"close/repeat/$", staff.close_as_repeat, name="close_as_repeat"),
]
