"""Participation's URLs for the attack suite (``egov.lib.attack_surface``).

The scenario's proposal is the citizen's, to the officer's agency, adopted with
one milestone; the petition is the citizen's, waiting for supporters; the
consultation is open; the report is the other citizen's, of the proposal.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from egov.lib.attack_surface import (
    AGENCY_ADMIN,
    CITIZEN,
    EMPLOYER,
    EVERYONE,
    NOBODY,
    OFFICER,
    OTHER_CITIZEN,
    OTHER_UNIT_OFFICER,
    PLATFORM_ADMIN,
    SIGNED_IN,
    STAFF,
    SUPERVISOR,
    Scenario,
    Url,
    public,
)

PROPOSER = frozenset({CITIZEN})
CITIZENS = frozenset({CITIZEN, OTHER_CITIZEN, EMPLOYER})
# Every position in the agency the proposal was sent to.
AGENCY_STAFF = frozenset({OFFICER, OTHER_UNIT_OFFICER, SUPERVISOR, AGENCY_ADMIN})
MODERATORS = frozenset({PLATFORM_ADMIN})
DAY = "2027-03-02"


def _proposal(scenario: Scenario) -> dict[str, Any]:
    return {"proposal_id": scenario["proposal"].pk}


def _petition(scenario: Scenario) -> dict[str, Any]:
    return {"petition_id": scenario["petition"].pk}


def _surge(scenario: Scenario) -> dict[str, Any]:
    return {"surge_id": scenario["surge"].pk}


def _consultation(scenario: Scenario) -> dict[str, Any]:
    return {"consultation_id": scenario["consultation"].pk}


URLS = (
    public("participation:home"),
    public("participation:proposals", params=("after", "agency", "status")),
    Url(
        "participation:new_proposal",
        get=CITIZENS,
        post=CITIZENS,
        fields=(
            "agency",
            "title",
            "problem",
            "current_situation",
            "proposed_change",
            "expected_effect",
            "visibility",
        ),
    ),
    Url("participation:my_proposals", get=SIGNED_IN, params=("after",)),
    public("participation:proposal", kwargs=_proposal),
    Url(
        "participation:proposal_attachment",
        get=PROPOSER | AGENCY_STAFF,
        kwargs=lambda s: {**_proposal(s), "attachment_id": s["proposal_attachment"].pk},
    ),
    Url(
        "participation:decide",
        post=AGENCY_STAFF,
        kwargs=_proposal,
        fields=("outcome", "reason"),
        data=lambda s: {"outcome": "not_adopted", "reason": "The budget is spent."},
    ),
    Url(
        "participation:add_milestone",
        post=AGENCY_STAFF,
        kwargs=_proposal,
        fields=("title", "due_on"),
        data=lambda s: {"title": "Order the shelters", "due_on": DAY},
    ),
    Url(
        "participation:complete_milestone",
        post=AGENCY_STAFF,
        kwargs=lambda s: {**_proposal(s), "milestone_id": s["milestone"].pk},
        fields=("done_on",),
        data=lambda s: {"done_on": "2026-12-01"},
    ),
    Url(
        "participation:award",
        post=AGENCY_STAFF,
        kwargs=_proposal,
        fields=("description", "amount", "awarded_on"),
        data=lambda s: {"description": "Prize", "amount": 100000, "awarded_on": "2026-12-01"},
    ),
    Url(
        "participation:rate",
        post=PROPOSER,
        kwargs=_proposal,
        fields=("score", "comment"),
        data=lambda s: {"score": 5, "comment": ""},
    ),
    public("participation:petitions", params=("after", "state")),
    Url(
        "participation:new_petition",
        get=CITIZENS,
        post=CITIZENS,
        fields=("agency", "title", "body", "district"),
    ),
    # Before moderation a petition is opened by its address, signed in.
    Url("participation:petition", get=SIGNED_IN, kwargs=_petition),
    # ...and has no data to download.
    Url("participation:petition_json", get=NOBODY, kwargs=_petition),
    Url(
        "participation:sign",
        post=SIGNED_IN,
        kwargs=_petition,
        fields=("district", "show_name"),
        data=lambda s: {"district": "11110"},
    ),
    Url("participation:publish", post=MODERATORS, kwargs=_petition),
    Url(
        "participation:reject",
        post=MODERATORS,
        kwargs=_petition,
        fields=("reason", "note"),
        data=lambda s: {"reason": "unclear", "note": ""},
    ),
    Url(
        "participation:respond",
        post=AGENCY_STAFF,
        kwargs=_petition,
        fields=("response",),
        data=lambda s: {"response": "We will open on Sundays."},
    ),
    Url(
        "participation:report",
        get=EVERYONE,
        post=EVERYONE,
        params=("kind", "id"),
        fields=("kind", "object_id", "reason", "note"),
    ),
    public("participation:scorecard"),
    public("participation:scorecard_csv"),
    Url(
        "participation:page_feedback",
        get=EVERYONE,
        post=EVERYONE,
        params=("path",),
        fields=("path", "useful", "comment"),
    ),
    public("participation:feedback_summary"),
    public("participation:consultations", params=("after",)),
    public("participation:consultation", kwargs=_consultation),
    Url(
        "participation:vote",
        post=SIGNED_IN,
        kwargs=_consultation,
        fields=("option", "district"),
        data=lambda s: {"option": s["consultation"].options.first().pk, "district": "11110"},
    ),
    Url(
        "participation:comment",
        post=SIGNED_IN,
        kwargs=_consultation,
        fields=("body",),
        data=lambda s: {"body": "By the river, please."},
    ),
    Url("participation_staff:proposals", get=STAFF),
    Url("participation_staff:moderation", get=MODERATORS),
    Url(
        "participation_staff:resolve_report",
        post=MODERATORS,
        kwargs=lambda s: {"report_id": s["report"].pk},
    ),
    Url(
        "participation_staff:new_consultation",
        get=STAFF,
        post=STAFF,
        fields=("question", "description", "options", "closes_on"),
    ),
    Url(
        "participation_staff:consultation_from_surge",
        get=AGENCY_STAFF,
        post=AGENCY_STAFF,
        kwargs=_surge,
        fields=("question", "description", "options", "closes_on"),
        data=lambda s: {
            "question": "Where should the new streetlights go?",
            "description": "",
            "options": "Yulgok-ro\nSejong-daero",
            "closes_on": (timezone.localdate() + datetime.timedelta(days=14)).isoformat(),
        },
    ),
    Url(
        "participation_staff:review_from_surge",
        get=AGENCY_STAFF,
        post=AGENCY_STAFF,
        kwargs=_surge,
        fields=("title", "problem", "proposed_change", "expected_effect"),
        data=lambda s: {
            "title": "Streetlight maintenance in Jongno",
            "problem": "Many streetlights went dark.",
            "proposed_change": "Check every lamp monthly.",
            "expected_effect": "Fewer dark streets.",
        },
    ),
)
