"""Complaint pages for citizens and the public, mounted at /complaints/.

A case lives at its receipt number (``EP-2611-0000123``; an eighth or ninth
digit appears if a month ever needs it), the address notifications link to
(``Complaint.get_absolute_url``).
"""

from django.urls import path, re_path

from egov.complaints.views import citizen, public

app_name = "complaints"

RECEIPT = r"(?P<receipt_number>[A-Za-z]{2}-[0-9]{4}-[0-9]{7,9})"

urlpatterns = [
    path("", public.home, name="home"),
    path("new/", citizen.new_complaint, name="new"),
    path("mine/", citizen.my_complaints, name="mine"),
    path("public/", public.public_list, name="public_list"),
    re_path(rf"^public/{RECEIPT}/$", public.public_detail, name="public_detail"),
    path("statistics/", public.statistics, name="statistics"),
    re_path(rf"^{RECEIPT}/$", citizen.detail, name="detail"),
    re_path(rf"^{RECEIPT}/receipt/$", citizen.receipt, name="receipt"),
    re_path(
        rf"^{RECEIPT}/attachments/(?P<attachment_id>[0-9]{{1,10}})/$",
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
