"""Job search: Korean short words inside longer ones, filters, facets, sorts, deep pages."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from egov.accounts.models import User
from egov.jobs import actions
from egov.jobs.models import ClosedReason, Company, Posting, PostingSearchRow
from egov.jobs.search import SEARCH_ROW_COLUMNS, Filters, copy_search_columns, search_postings
from egov.jobs.tests.conftest import publish

# title, description, skills: a small fixed collection of postings.
POSTINGS: dict[str, dict[str, Any]] = {
    "guard": {"title": "아파트경비원", "description": "야간 순찰과 출입 관리.", "skills": "보안"},
    "nurse": {"title": "간호조무사", "description": "내과의원 외래 보조.", "skills": "주사"},
    "cook": {"title": "한식조리사", "description": "구내식당 점심 조리.", "skills": "조리기능사"},
    "driver": {"title": "택배배송기사", "description": "1톤 화물차 배송.", "skills": "운전면허"},
    "developer": {
        "title": "Backend developer",
        "description": "Python and Django.",
        "skills": "SQL",
    },
    "welder": {
        "title": "Tukang las",
        "description": "Pengelasan pipa baja.",
        "skills": "las listrik",
    },
}

# Korean one- and two-syllable words, each with the postings it must find.
KOREAN_SHORT_WORDS = {
    "경비": {"guard"},
    "비원": {"guard"},
    "간호": {"nurse"},
    "조무": {"nurse"},
    "조리": {"cook"},
    "한식": {"cook"},
    "배송": {"driver"},
    "기사": {"driver"},
    "택배": {"driver"},
    "외래": {"nurse"},
    "순찰": {"guard"},
    "식당": {"cook"},
    "간": {"nurse", "guard"},  # 간호조무사, and 야간 in the guard's description
    "찰": {"guard"},
}


@pytest.fixture
def collection(company_owner: User, verified_company: Company) -> dict[str, Posting]:
    made = {}
    for name, texts in POSTINGS.items():
        made[name] = publish(company_owner, **texts)
    return made


def names(collection: dict[str, Posting], filters: Filters) -> set[str]:
    by_pk = {posting.pk: name for name, posting in collection.items()}
    return {by_pk[posting.pk] for posting in search_postings(filters, size=50).page.items}


@pytest.mark.parametrize(("word", "expected"), KOREAN_SHORT_WORDS.items())
def test_every_korean_short_word_finds_its_postings(
    collection: dict[str, Posting], word: str, expected: set[str]
) -> None:
    assert names(collection, Filters(text=word)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("developer", {"developer"}),
        ("DJANGO", {"developer"}),
        ("las", {"welder"}),
        ("pipa baja", {"welder"}),
        ("한빛물산 경비", {"guard"}),
        ("경비 간호", set()),
        ("' OR 1=1 --", set()),
        ('"*:()&|!', {"guard", "nurse", "cook", "driver", "developer", "welder"}),
    ],
)
def test_keywords_in_english_and_indonesian_and_the_company_name(
    collection: dict[str, Posting], text: str, expected: set[str]
) -> None:
    assert names(collection, Filters(text=text)) == expected


def test_filters_narrow_and_facets_count_without_their_own_filter(
    company_owner: User, verified_company: Company
) -> None:
    seoul = publish(company_owner, title="경비원 서울")
    busan = publish(company_owner, title="경비원 부산", district_code="26110")
    part_time = publish(
        company_owner,
        title="경비원 시간제",
        employment_type="PART_TIME",
        salary_min=11_000,
        salary_max=12_000,
        salary_unit="HOUR",
    )
    results = search_postings(Filters(text="경비", province="11"))
    assert {posting.pk for posting in results.page.items} == {seoul.pk, part_time.pk}
    assert dict(results.facets["province"]) == {"11": 2, "26": 1}
    assert dict(results.facets["employment_type"]) == {"FULL_TIME": 1, "PART_TIME": 1}
    paid = search_postings(Filters(text="경비", min_monthly_salary=2_290_000))
    assert [posting.pk for posting in paid.page.items] == [
        part_time.pk
    ]  # 11,000 a hour, 209 hours: 2,299,000
    typed = search_postings(Filters(employment_type="PART_TIME"))
    assert [posting.pk for posting in typed.page.items] == [part_time.pk]
    assert busan.pk in {p.pk for p in search_postings(Filters(occupation_major="5")).page.items}


def test_experience_education_remote_and_recent_filters(
    company_owner: User, verified_company: Company
) -> None:
    senior = publish(company_owner, experience_years=5, education="bachelor degree")
    junior = publish(company_owner)
    remote = publish(company_owner, district_code="", remote=True, applicant_country="KR")
    assert {p.pk for p in search_postings(Filters(max_experience_years=2)).page.items} == {
        junior.pk,
        remote.pk,
    }
    assert senior.pk not in {
        p.pk for p in search_postings(Filters(education="high school")).page.items
    }
    assert [p.pk for p in search_postings(Filters(remote=True)).page.items] == [remote.pk]
    Posting.objects.filter(pk=junior.pk).update(
        date_posted=timezone.now() - datetime.timedelta(days=10)
    )
    with connection.cursor() as cursor:
        copy_search_columns(cursor, [junior.pk])  # the search row's copy follows
    recent = {p.pk for p in search_postings(Filters(posted_within_days=7)).page.items}
    assert recent == {senior.pk, remote.pk}


@pytest.mark.parametrize("sort", ["newest", "salary"])
def test_keyset_pages_visit_every_match_once(
    company_owner: User, verified_company: Company, sort: str
) -> None:
    made = {
        publish(company_owner, salary_min=2_200_000 + 10_000 * (index % 3)).pk for index in range(7)
    }
    seen: list[int] = []
    after = None
    while True:
        page = search_postings(Filters(text="경비", sort=sort), after=after, size=3).page
        seen += [posting.pk for posting in page.items]
        if page.next_cursor is None:
            break
        after = page.next_cursor
    assert sorted(seen) == sorted(made)
    if sort == "salary":
        salaries = [Posting.objects.get(pk=pk).monthly_salary_min for pk in seen]
        assert salaries == sorted(salaries, reverse=True)


@pytest.mark.parametrize(
    "query",
    [
        "?q=" + "경" * 500,
        "?min_salary=-1",
        "?min_salary=abc",
        "?min_salary=99999999999999999999",
        "?province=99",
        "?occupation=<script>",
        "?posted_within=1000",
        "?experience=-5",
        "?q=%00",
    ],
)
def test_the_search_page_never_fails_on_hostile_input(
    client: Client, collection: dict[str, Posting], query: str
) -> None:
    response = client.get("/jobs/" + query)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


BAD_SORT = "This is not a way to sort the postings. Choose one from the list."
BAD_PAGE = "This page link is not valid. Start again from the first page."


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?sort=price", BAD_SORT),
        ("?sort=relevance%00", BAD_SORT),
        ("?sort=" + "r" * 5000, BAD_SORT),
        ("?sort=-date_posted", BAD_SORT),
        ("?sort=relevance&sort=newest&q=x&after=junk", BAD_PAGE),
        ("?after=not-a-cursor", BAD_PAGE),
        ("?after=9999999999999999999999.1", BAD_PAGE),
        ("?q=경비&after=1796000000000000.5", BAD_PAGE),  # a newest cursor in a relevance list
        ("?q=경비&sort=newest&after=2_1796000000000000.5", BAD_PAGE),  # and the other way
        ("?q=경비&after=99999_1796000000000000.5", BAD_PAGE),  # a score beyond any cursor's
        ("?q=경비&after=-1_1796000000000000.5", BAD_PAGE),
        ("?q=경비&after=2_1796000000000000.0", BAD_PAGE),
        ("?q=경비&after=2_.5", BAD_PAGE),
        ("?q=경비&after=2__1.5", BAD_PAGE),
        ("?q=경비&after=%D9%A2_1796000000000000.5", BAD_PAGE),  # an Arabic-Indic 2
        ("?q=경비&after=2_1796000000000000.5%00", BAD_PAGE),
        ("?q=경비&after=" + "1" * 200, BAD_PAGE),
        ("?q=경비&after=1_1' OR 1=1 --.5", BAD_PAGE),
    ],
)
def test_a_hostile_sort_or_page_link_gets_a_400_that_says_what_to_do(
    client: Client, collection: dict[str, Posting], query: str, message: str
) -> None:
    response = client.get("/jobs/" + query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_search_page_lists_matches_with_a_next_link(
    client: Client, collection: dict[str, Posting]
) -> None:
    page = client.get("/jobs/?q=간호").content.decode()
    assert "간호조무사" in page
    assert "아파트경비원" not in page
    assert "Verified employer" in page


def test_on_postgresql_the_search_row_holds_the_posting_s_filter_columns(
    company_owner: User, verified_company: Company
) -> None:
    """The search filters, sorts and counts facets on the index row (migration 0005)."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's FTS5 index holds the terms alone")
    posting = publish(
        company_owner,
        title="경비원 시간제",
        district_code="26110",
        employment_type="PART_TIME",
        salary_min=11_000,
        salary_max=12_000,
        salary_unit="HOUR",
        experience_years=2,
        education="high school",
    )
    row = PostingSearchRow.objects.values(*SEARCH_ROW_COLUMNS).get(pk=posting.pk)
    assert row == {name: getattr(posting, name) for name in SEARCH_ROW_COLUMNS}
    actions.close_posting(employer=company_owner, posting=posting, reason=ClosedReason.FILLED)
    assert not PostingSearchRow.objects.filter(pk=posting.pk).exists()
