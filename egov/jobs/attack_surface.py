"""The employment portal's URLs for the attack suite (``egov.lib.attack_surface``).

The scenario's posting is the employer's, in review; the officer's unit is an
employment office, so the officer and the supervisor are employment officers.
"""

from __future__ import annotations

from typing import Any

from egov.lib.attack_surface import (
    CITIZEN,
    EMPLOYER,
    EVERYONE,
    OFFICER,
    OTHER_CITIZEN,
    SIGNED_IN,
    SUPERVISOR,
    Scenario,
    Url,
    public,
)

EMPLOYMENT_OFFICERS = frozenset({OFFICER, SUPERVISOR})
OWNER = frozenset({EMPLOYER})
SEEKERS = frozenset({CITIZEN, OTHER_CITIZEN, EMPLOYER})
SEARCH = (
    "q",
    "province",
    "occupation",
    "employment_type",
    "min_salary",
    "experience",
    "education",
    "remote",
    "posted_within",
    "sort",
    "after",
)
POSTING = (
    "title",
    "description",
    "occupation_code",
    "employment_type",
    "district_code",
    "salary_min",
    "salary_max",
    "salary_unit",
    "experience_years",
    "openings",
    "valid_through",
)


def _posting(scenario: Scenario) -> dict[str, Any]:
    return {"posting_id": scenario["posting"].pk}


URLS = (
    public("jobs:home", params=SEARCH),
    public("jobs:posting", kwargs=_posting),
    Url("jobs:report", get=EVERYONE, post=EVERYONE, kwargs=_posting, fields=("reason",)),
    public("jobs:feed", params=SEARCH),
    Url("jobs:saved_searches", get=SEEKERS, post=SEEKERS, fields=("name", "query")),
    Url(
        "jobs:delete_saved_search",
        post=frozenset({CITIZEN}),
        kwargs=lambda s: {"saved_id": s["saved_search"].pk},
    ),
    # Anyone signed in reaches the employer's page; without a company it sends them to register one.
    Url("jobs:employer", get=SIGNED_IN),
    Url(
        "jobs:register_company",
        get=SEEKERS,
        post=SEEKERS,
        fields=("registration_number", "name", "website"),
    ),
    Url("jobs:new_posting", get=OWNER, post=OWNER, fields=POSTING),
    Url("jobs:edit_posting", get=OWNER, post=OWNER, kwargs=_posting, fields=POSTING),
    Url("jobs:close_posting", post=OWNER, kwargs=_posting, fields=("reason",)),
    Url("jobs_staff:companies", get=EMPLOYMENT_OFFICERS),
    Url(
        "jobs_staff:verify_company",
        post=EMPLOYMENT_OFFICERS,
        kwargs=lambda s: {"company_id": s["company"].pk},
    ),
    Url("jobs_staff:queue", get=EMPLOYMENT_OFFICERS),
    Url(
        "jobs_staff:moderate",
        post=EMPLOYMENT_OFFICERS,
        kwargs=lambda s: {**_posting(s), "decision": "reject"},
        fields=("reason",),
        data=lambda s: {"reason": "The posting names no employer address."},
    ),
    Url(
        "jobs_staff:rules",
        get=EMPLOYMENT_OFFICERS,
        post=EMPLOYMENT_OFFICERS,
        fields=("kind", "category", "language", "pattern", "note"),
    ),
    Url(
        "jobs_staff:remove_rule",
        post=EMPLOYMENT_OFFICERS,
        kwargs=lambda s: {"rule_id": s["rule"].pk},
    ),
    Url(
        "jobs_staff:minimum_wage",
        post=EMPLOYMENT_OFFICERS,
        fields=("year", "hourly_won"),
        data=lambda s: {"year": 2031, "hourly_won": 12000},
    ),
)
