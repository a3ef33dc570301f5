"""The agencies' staff pages for the attack suite (``egov.lib.attack_surface``)."""

from __future__ import annotations

from egov.lib.attack_surface import (
    AGENCY_ADMIN,
    OFFICER,
    PLATFORM_ADMIN,
    STAFF,
    SUPERVISOR,
    Url,
)

ADMIN = frozenset({PLATFORM_ADMIN})

URLS = (
    Url("agencies:my_unit", get=STAFF),
    Url(
        "agencies:unit_roster",
        get=frozenset({OFFICER, SUPERVISOR, AGENCY_ADMIN}),
        kwargs=lambda s: {"unit_id": s["unit"].pk},
    ),
    Url(
        "agencies:closures",
        get=ADMIN,
        post=ADMIN,
        fields=("day", "agency", "name_en", "name_ko", "name_id"),
    ),
    Url(
        "agencies:withdraw_closure",
        post=ADMIN,
        kwargs=lambda s: {"closure_id": s["closure"].pk},
    ),
)
