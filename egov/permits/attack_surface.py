"""Permits' URLs for the attack suite (``egov.lib.attack_surface``).

The scenario's application is the citizen's, of a permit type handled in the
officer's unit; it has one document and one question.
"""

from __future__ import annotations

from typing import Any

from egov.lib.attack_surface import (
    AGENCY_ADMIN,
    CITIZEN,
    EMPLOYER,
    OFFICER,
    OTHER_CITIZEN,
    OTHER_UNIT_OFFICER,
    PLATFORM_ADMIN,
    STAFF,
    SUPERVISOR,
    Scenario,
    Url,
    public,
)

APPLICANT = frozenset({CITIZEN})
APPLICANTS = frozenset({CITIZEN, OTHER_CITIZEN, EMPLOYER})
CASE_STAFF = frozenset({OFFICER, SUPERVISOR, AGENCY_ADMIN})
LIST = ("permit_type", "agency", "unit", "status", "received_from", "received_to", "after")


def _case(scenario: Scenario) -> dict[str, Any]:
    return {"receipt_number": scenario["application"].receipt_number}


def _type(scenario: Scenario) -> dict[str, Any]:
    return {"code": scenario["permit_type"].code}


URLS = (
    public("permits:home"),
    public("permits:lookup", params=("number",)),
    public("permits:track", kwargs=_case),
    public("permits:public_list", params=LIST),
    public("permits:statistics"),
    public("permits:export_csv", params=LIST),
    public("permits:export_json", params=LIST),
    Url(
        "permits:apply",
        get=APPLICANTS,
        post=APPLICANTS,
        kwargs=_type,
        fields=("summary", "site_address"),
    ),
    Url("permits:receipt", get=APPLICANT | CASE_STAFF, kwargs=_case),
    Url(
        "permits:answer_supplement",
        get=APPLICANT,
        post=APPLICANT,
        kwargs=_case,
        fields=("answer",),
    ),
    Url("permits:withdraw", post=APPLICANT, kwargs=_case),
    Url("permits:ask", get=APPLICANT, post=APPLICANT, kwargs=_case, fields=("text",)),
    Url(
        "permits:attachment",
        get=APPLICANT | CASE_STAFF,
        kwargs=lambda s: {**_case(s), "attachment_id": s["application_attachment"].pk},
    ),
    Url("permits_staff:queue", get=STAFF, params=("mine", "after")),
    Url(
        "permits_staff:counter",
        get=frozenset({OFFICER, OTHER_UNIT_OFFICER, SUPERVISOR}),
        post=frozenset({OFFICER, OTHER_UNIT_OFFICER, SUPERVISOR}),
        params=("permit_type",),
        fields=("summary", "site_address", "applicant_email"),
    ),
    Url(
        "permits_staff:record_absence",
        post=frozenset({SUPERVISOR, AGENCY_ADMIN}),
        fields=("officer", "first_day", "last_day"),
    ),
    Url("permits_staff:catalogue", get=frozenset({AGENCY_ADMIN, PLATFORM_ADMIN})),
    Url(
        "permits_staff:revise",
        get=frozenset({AGENCY_ADMIN, PLATFORM_ADMIN}),
        post=frozenset({AGENCY_ADMIN, PLATFORM_ADMIN}),
        kwargs=_type,
        fields=(
            "legal_basis_en",
            "legal_basis_ko",
            "legal_basis_id",
            "period_amount",
            "period_unit",
            "fee_won",
        ),
    ),
    Url("permits_staff:case", get=CASE_STAFF, kwargs=_case),
    Url(
        "permits_staff:act",
        post=CASE_STAFF,
        kwargs=lambda s: {**_case(s), "action": "start"},
        fields=("occurred_at",),
    ),
    Url(
        "permits_staff:answer_question",
        post=CASE_STAFF,
        kwargs=lambda s: {**_case(s), "question_id": s["question"].pk},
        fields=("answer",),
    ),
)
