"""Complaints' URLs for the attack suite (``egov.lib.attack_surface``).

The scenario's complaint is the citizen's, answered by the officer of the
unit it is routed to; ``offline`` was filed at a counter for someone with no
account.
"""

from __future__ import annotations

from typing import Any

from egov.lib.attack_surface import (
    AGENCY_ADMIN,
    CITIZEN,
    EMPLOYER,
    EVERYONE,
    OFFICER,
    OTHER_CITIZEN,
    SIGNED_IN,
    STAFF,
    SUPERVISOR,
    Scenario,
    Url,
    public,
)

AUTHOR = frozenset({CITIZEN})
# Citizens and employers file complaints; staff do so for others, at a counter.
FILERS = frozenset({CITIZEN, OTHER_CITIZEN, EMPLOYER})
# The case's unit: the officer who handles it, their supervisor, the agency's admin.
CASE_STAFF = frozenset({OFFICER, SUPERVISOR, AGENCY_ADMIN})
READERS = AUTHOR | CASE_STAFF


def _case(scenario: Scenario) -> dict[str, Any]:
    return {"receipt_number": scenario["complaint"].receipt_number}


def _offline(scenario: Scenario) -> dict[str, Any]:
    return {"receipt_number": scenario["offline_complaint"].receipt_number}


def _attachment(scenario: Scenario) -> dict[str, Any]:
    return {**_case(scenario), "attachment_id": scenario["complaint_attachment"].pk}


def _citizen_step(name: str, *fields: str) -> Url:
    """A step of the author's, offered on the case page (a GET goes back to it)."""
    return Url(f"complaints:{name}", get=READERS, post=AUTHOR, kwargs=_case, fields=fields)


def _staff_step(name: str, *fields: str) -> Url:
    return Url(f"complaints_staff:{name}", post=CASE_STAFF, kwargs=_case, fields=fields)


COMPLAINT = (
    "type",
    "category",
    "agency",
    "title",
    "body",
    "district",
    "location_text",
    "visibility",
)

URLS = (
    public("complaints:home"),
    Url("complaints:new", get=FILERS, post=FILERS, fields=COMPLAINT),
    # Answered public complaints like the one being typed: anyone signed in may look.
    Url("complaints:similar", get=SIGNED_IN, params=("category", "district", "title", "body")),
    Url("complaints:mine", get=SIGNED_IN, params=("after",)),
    Url(
        "complaints:follow",
        get=EVERYONE,
        post=EVERYONE,
        params=("receipt_number", "access_code"),
        fields=("receipt_number", "access_code"),
    ),
    Url("complaints:claim", get=FILERS, post=FILERS, fields=("receipt_number", "code")),
    public("complaints:public_list", params=("after", "category", "agency")),
    public("complaints:public_detail", kwargs=_case),
    public("complaints:statistics", params=("agency",)),
    Url("complaints:detail", get=READERS, kwargs=_case),
    Url("complaints:receipt", get=READERS, kwargs=_case),
    Url("complaints:attachment", get=READERS, kwargs=_attachment),
    _citizen_step("answer_supplement", "answer_text"),
    _citizen_step("consent_extension"),
    _citizen_step("refuse_extension"),
    Url("complaints:withdraw", get=AUTHOR, post=AUTHOR, kwargs=_case),
    _citizen_step("rate", "score", "comment"),
    _citizen_step("appeal", "reason"),
    _citizen_step("invite_cosigner", "email"),
    # Only an invited co-signer may sign; the scenario invites nobody.
    Url("complaints:cosign", get=READERS, kwargs=_case),
    Url(
        "complaints_staff:queue",
        get=STAFF,
        params=("status", "type", "due_today", "overdue", "mine", "after"),
    ),
    Url("complaints_staff:file", get=STAFF, post=STAFF, fields=("phone", "email")),
    # Every position in the agency handling the surge's complaints.
    Url("complaints_staff:surges", get=STAFF),
    Url("complaints_staff:surge", get=STAFF, kwargs=lambda s: {"surge_id": s["surge"].pk}),
    Url(
        "complaints_staff:file_complaint",
        post=STAFF,
        fields=("citizen", "channel", *COMPLAINT, "is_public"),
    ),
    Url(
        "complaints_staff:file_without_account",
        get=STAFF,
        post=STAFF,
        fields=(
            "name",
            "phone",
            "postal_address",
            "language",
            "answer_by_post",
            "consent",
            "channel",
            "type",
            "category",
            "district",
            "title",
            "body",
        ),
    ),
    Url("complaints_staff:case", get=CASE_STAFF, kwargs=_case),
    _staff_step("show_contact"),
    # The answer as a letter to post, for a complaint filed for someone with no account.
    Url("complaints_staff:letter", get=CASE_STAFF, kwargs=_offline),
    Url("complaints_staff:attachment", get=CASE_STAFF, kwargs=_attachment),
    _staff_step("assign", "officer"),
    _staff_step("add_note", "body"),
    _staff_step("transfer", "unit_query", "to_unit", "reason"),
    # Finding a unit by name: the page again (no JavaScript), or the list for the script.
    _staff_step("find_transfer_unit", "unit_query", "to_unit", "reason"),
    # The scenario's case is answered, so nobody may transfer it any more, nor list
    # units for it (egov/complaints/tests/test_staff_actions.py covers the open case).
    Url("complaints_staff:transfer_units", kwargs=_case, params=("unit_query", "to_unit")),
    _staff_step("request_supplement", "request_text", "respond_within_days"),
    _staff_step("extend", "days", "reason"),
    _staff_step("answer", "outcome", "body", "legal_basis", "refusal_reason", "remedy"),
    _staff_step("answer_second_review", "outcome", "body", "legal_basis"),
    _staff_step("close_for_no_supplement", "notice"),
    _staff_step("close_as_repeat", "explanation"),
    Url("complaints_search:complaints", get=STAFF, params=("q", "after")),
)
