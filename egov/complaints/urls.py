"""Complaint pages for citizens and the public, mounted at /complaints/.

A case lives at its receipt number (``EP-2611-0000123``: limits.py says which
ones exist), the address notifications link to (``Complaint.get_absolute_url``).
"""

from django.urls import path, re_path

from egov.complaints.limits import RECEIPT_NUMBER_PATTERN
from egov.complaints.views import citizen, offline, public
from egov.lib.http import ID_PATTERN

app_name = "complaints"

RECEIPT = rf"(?P<receipt_number>{RECEIPT_NUMBER_PATTERN})"

urlpatterns = [
    path("", public.home, name="home"),
    path("new/", citizen.new_complaint, name="new"),
    path("new/similar/", citizen.similar, name="similar"),
    path("mine/", citizen.my_complaints, name="mine"),
    path("follow/", offline.follow, name="follow"),
    path("claim/", offline.claim, name="claim"),
    path("public/", public.public_list, name="public_list"),
    re_path(rf"^public/{RECEIPT}/$", public.public_detail, name="public_detail"),
    path("statistics/", public.statistics, name="statistics"),
    re_path(rf"^{RECEIPT}/$", citizen.detail, name="detail"),
    re_path(rf"^{RECEIPT}/receipt/$", citizen.receipt, name="receipt"),
    re_path(
        rf"^{RECEIPT}/attachments/(?P<attachment_id>{ID_PATTERN})/$",
        citizen.attachment,
        name="attachment",
    ),
    re_path(rf"^{RECEIPT}/supplement/$", citizen.answer_supplement, name="answer_supplement"),
    re_path(
        rf"^{RECEIPT}/extension/consent/$", citizen.consent_extension, name="consent_extension"
    ),
    re_path(rf"^{RECEIPT}/extension/refuse/$", citizen.refuse_extension, name="refuse_extension"),
    re_path(rf"^{RECEIPT}/withdraw/$", citizen.withdraw, name="withdraw"),
    re_path(rf"^{RECEIPT}/rating/$", citizen.rate, name="rate"),
    re_path(rf"^{RECEIPT}/appeal/$", citizen.appeal, name="appeal"),
    re_path(rf"^{RECEIPT}/cosigners/$", citizen.invite_cosigner, name="invite_cosigner"),
    re_path(rf"^{RECEIPT}/sign/$", citizen.cosign, name="cosign"),
]
