"""Finding a unit by a part of any of its names, through the search index."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from egov.agencies import actions
from egov.agencies.models import Agency, AgencyKind, Unit
from egov.agencies.search import UNIT_INDEX, find_units, units_of


@pytest.fixture
def seoul(db: None) -> Agency:
    return actions.create_agency(
        actor=None,
        code="seoul",
        kind=AgencyKind.METROPOLITAN,
        name_en="Seoul Metropolitan Government",
        name_ko="서울특별시",
        name_id="Pemerintah Metropolitan Seoul",
    )


@pytest.fixture
def housing(seoul: Agency) -> Unit:
    return actions.create_unit(
        actor=None,
        agency=seoul,
        code="housing",
        name_en="Housing Policy Division",
        name_ko="주택정책과",
        name_id="Divisi Kebijakan Perumahan",
    )


def names(units: list[Unit]) -> list[str]:
    return [unit.name_en for unit in units]


@pytest.mark.parametrize(
    "typed",
    [
        "housing",
        "HOUS",
        "housing pol",
        "주택",
        "정책과",
        "주",
        "perumahan",
        "seoul housing",
        "서울 주택",
    ],
)
def test_a_unit_is_found_by_a_part_of_any_of_its_names_or_its_agency_s(
    housing: Unit, unit: Unit, typed: str
) -> None:
    assert names(find_units(typed).units) == ["Housing Policy Division"]


def test_every_word_must_match_and_nothing_is_found_for_no_word(housing: Unit, unit: Unit) -> None:
    assert find_units("housing roads").units == []
    assert find_units("division").more is False
    assert set(names(find_units("division").units)) == {
        "Housing Policy Division",
        "Civil Affairs Division",
    }
    for nothing in ("", "a", "!!!", "\x00", "' OR '1'='1", '"*"'):
        assert find_units(nothing).units == [], nothing


def test_a_search_is_one_query_that_asks_the_index_not_the_names(housing: Unit, unit: Unit) -> None:
    with CaptureQueriesContext(connection) as queries:
        found = find_units("policy", exclude_unit_id=unit.pk)
        _ = [(item.name, item.agency.name) for item in found.units]
    assert len(queries.captured_queries) == 1
    sql = queries.captured_queries[0]["sql"]
    assert UNIT_INDEX.name in sql
    # No scan of the name columns: the words are matched in the index only.
    assert "LIKE" not in sql.upper()


def test_the_limit_says_when_there_are_more_and_the_order_follows_the_language(
    seoul: Agency,
) -> None:
    for number, korean in enumerate(["다", "가", "나"]):
        actions.create_unit(
            actor=None,
            agency=seoul,
            code=f"parks-{number}",
            name_en=f"Parks Team {number}",
            name_ko=f"{korean}공원팀",
            name_id=f"Tim Taman {number}",
        )
    found = find_units("parks", limit=2)
    assert (names(found.units), found.more) == (["Parks Team 0", "Parks Team 1"], True)
    with translation.override("ko"):
        assert [unit.name for unit in find_units("공원").units] == [
            "가공원팀",
            "나공원팀",
            "다공원팀",
        ]
    assert names(units_of(seoul, limit=5).units) == ["Parks Team 0", "Parks Team 1", "Parks Team 2"]


def test_the_current_unit_is_left_out(housing: Unit, seoul: Agency) -> None:
    assert find_units("housing", exclude_unit_id=housing.pk).units == []
    assert units_of(seoul, exclude_unit_id=housing.pk).units == []
