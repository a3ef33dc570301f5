"""Where a complaint goes: the unit that handles its category for its place.

A complaint about a place names a district (시·군·구, ``egov.lib.regions``).
The agency serving that district (``DistrictOffice``) handles the category
when it has a routing for it; otherwise the agencies above it are asked in
turn (a district office's city), then the category's default agency, unless
that default is the office of another district: a roads complaint about
Jongno must never land in Mapo's roads division because Mapo is the default.

A citizen may also name an agency. When that agency does not handle the
category, ``find_route`` says which agency does (``suggestion``), so the page
can offer it in one step instead of a dead end.

This is the routing art. 16 of the Civil Petitions Treatment Act asks of an
agency that receives a complaint another one handles (이송): getting the place
right first means fewer transfers, each of which costs the citizen days.
"""

from __future__ import annotations

from dataclasses import dataclass

from egov.agencies.models import Agency, AgencyKind, Unit
from egov.complaints.models import Category, DistrictOffice, Routing
from egov.lib.regions import District

# How far up the agency tree routing looks (district office → city → ...).
_MAX_ANCESTORS = 4


@dataclass(frozen=True)
class Route:
    """The unit a complaint goes to, or, when there is none, the agency that would take it."""

    unit: Unit | None
    # The agency that handles the category when the one asked for does not.
    suggestion: Agency | None = None
    # The agency the citizen named that does not handle the category.
    refused_by: Agency | None = None

    @property
    def agency(self) -> Agency | None:
        return self.unit.agency if self.unit is not None else None


def _routed_unit(category: Category, agency: Agency) -> Unit | None:
    routing = (
        Routing.objects.filter(category=category, agency=agency)
        .select_related("unit__agency")
        .first()
    )
    return routing.unit if routing is not None else None


def _candidates(category: Category, district: District | None) -> list[Agency]:
    """The agencies to ask, in order, for a complaint about ``district``."""
    found: list[Agency] = []
    if district is not None:
        office = (
            DistrictOffice.objects.filter(district_code=district.code)
            .select_related("agency")
            .first()
        )
        agency = office.agency if office is not None else None
        while agency is not None and len(found) <= _MAX_ANCESTORS:
            found.append(agency)
            agency = agency.parent
    default = category.default_agency
    if default is not None and default not in found and _may_take_any_place(default, district):
        found.append(default)
    return found


def _may_take_any_place(agency: Agency, district: District | None) -> bool:
    """Whether ``agency`` may take a complaint about ``district`` as the category's default.

    A district office serves its own district only: another district's
    complaints never fall back to it. Without a district there is no place to
    get wrong, and the default agency takes it as before.
    """
    if district is None or agency.kind != AgencyKind.DISTRICT:
        return True
    return DistrictOffice.objects.filter(agency=agency, district_code=district.code).exists()


def find_route(category: Category, district: District | None, agency: Agency | None) -> Route:
    """The unit for ``category`` about ``district``, in ``agency`` when one is named."""
    if agency is not None:
        unit = _routed_unit(category, agency)
        if unit is not None:
            return Route(unit)
        suggested = find_route(category, district, None)
        return Route(None, suggestion=suggested.agency, refused_by=agency)
    for candidate in _candidates(category, district):
        unit = _routed_unit(category, candidate)
        if unit is not None:
            return Route(unit)
    return Route(None)
