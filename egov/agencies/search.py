"""Finding a unit by its name: any unit in the country, by a few letters of any of its names.

Nationally there are thousands of units, too many for one list, so a unit is
found by typing. Each unit's names and its agency's names, in the three
languages, are indexed with ``egov.lib.search`` (Korean as two-syllable
pieces, so 민원 finds 민원여권과; other words whole), and every term of a
query is matched as a prefix, so "civ aff" finds "Civil Affairs Division"
while it is being typed. The index answers; no name column is scanned.

``create_unit`` writes a unit's row in its own transaction. Agencies and
units are never renamed (there is no action for it); one that is must be
indexed again.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import get_language

from egov.agencies.models import Agency, Unit
from egov.lib.search import Document, SearchTable, Term, backend_for, index_terms, parse_query

UNIT_INDEX = SearchTable(name="agencies_unit_index", key="unit_id")
# How many units one search shows: enough to pick from, few enough for a phone
# and a screen reader. More matches ask for more of the name.
UNIT_SEARCH_LIMIT = 20


def unit_terms(unit: Unit, agency: Agency) -> list[str]:
    """What is stored for a unit: its names and its agency's, in every language."""
    return index_terms(
        unit.name_en,
        unit.name_ko,
        unit.name_id,
        agency.name_en,
        agency.name_ko,
        agency.name_id,
    )


def index_unit(unit: Unit) -> None:
    """Write the unit's search row; inside the action's transaction, like every index write."""
    if not connection.in_atomic_block:
        raise RuntimeError("index_unit must run inside the action's transaction")
    with connection.cursor() as cursor:
        backend_for(connection).save(
            cursor, UNIT_INDEX, Document(unit.pk, unit_terms(unit, unit.agency))
        )


def query_terms(text: str) -> list[Term]:
    """The terms a unit must hold, each matched as a prefix (the last word is half typed)."""
    return [Term(term.text, prefix=True) for term in parse_query(text)]


@dataclass(frozen=True)
class UnitMatches:
    units: list[Unit]
    # More units matched than are shown: the officer should type more of the name.
    more: bool


def find_units(
    text: str, *, exclude_unit_id: int | None = None, limit: int = UNIT_SEARCH_LIMIT
) -> UnitMatches:
    """The units whose names (or their agency's) hold every word of ``text``, by name.

    Nothing when the text holds no word to search for (a lone Latin letter,
    punctuation only). Reads at most ``limit + 1`` units, with their agencies.
    """
    terms = query_terms(text)
    if not terms:
        return UnitMatches([], more=False)
    sql, params = backend_for(connection).matching_keys(UNIT_INDEX, terms)
    # The SQL names only the index table; the query text is a parameter.
    matching = Unit.objects.filter(pk__in=RawSQL(sql, params))  # noqa: S611
    return _first(matching, exclude_unit_id, limit)


def units_of(
    agency: Agency, *, exclude_unit_id: int | None = None, limit: int = UNIT_SEARCH_LIMIT
) -> UnitMatches:
    """The first units of one agency by name: what the transfer form offers before a search."""
    return _first(Unit.objects.filter(agency=agency), exclude_unit_id, limit)


def _first(units: QuerySet[Unit], exclude_unit_id: int | None, limit: int) -> UnitMatches:
    if exclude_unit_id is not None:
        units = units.exclude(pk=exclude_unit_id)
    # By agency, then unit, in the reader's language (English where a name is missing).
    language = (get_language() or "en")[:2]
    column = f"name_{language}" if language in ("ko", "id") else "name_en"
    found = list(
        units.select_related("agency").order_by(f"agency__{column}", column, "pk")[: limit + 1]
    )
    return UnitMatches(found[:limit], more=len(found) > limit)
