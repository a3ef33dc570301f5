"""Sorting job search by relevance: how many of the words typed are in the title, then newest.

Every test here checks the order against a score a reader can count by hand.
"""

from __future__ import annotations

import datetime
import importlib
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.test import Client
from django.utils import timezone

from egov.accounts.models import User
from egov.jobs import actions
from egov.jobs.models import ClosedReason, Company, Posting
from egov.jobs.search import TITLE_INDEX, Filters, copy_search_columns, search_postings
from egov.jobs.tests.conftest import publish
from egov.lib.pagination import DateTimeCursor, ScoreCursor
from egov.lib.search import backend_for

START = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)


def posted(employer: User, days: int, **texts: Any) -> Posting:
    """A live posting dated ``days`` after START (later is newer)."""
    posting = publish(employer, **texts)
    Posting.objects.filter(pk=posting.pk).update(date_posted=START + datetime.timedelta(days=days))
    # Arranging the scene: the search row's copy of the date follows (PostgreSQL).
    with connection.cursor() as cursor:
        copy_search_columns(cursor, [posting.pk])
    return posting


def order(filters: Filters, size: int = 50) -> list[int]:
    return [posting.pk for posting in search_postings(filters, size=size).page.items]


def test_the_worked_example_two_words_three_postings(
    company_owner: User, verified_company: Company
) -> None:
    """Python developer: both words in the title, then one, then none; the date breaks no tie.

    Each posting holds both words somewhere (else it would not match). The
    newest is the one with neither word in its title, the oldest the one with
    both, so only the score can put them in this order.
    """
    both = posted(
        company_owner,
        1,
        title="Python developer",
        description="Web services for a ministry.",
        skills="Django",
    )
    one = posted(
        company_owner,
        2,
        title="Backend developer",
        description="Services written in Python.",
        skills="",
    )
    none = posted(
        company_owner,
        3,
        title="Software engineer",
        description="A Python developer for the data team.",
        skills="",
    )
    # Scores: 2, 1, 0.
    assert order(Filters(text="python developer")) == [both.pk, one.pk, none.pk]
    assert order(Filters(text="python developer", sort="relevance")) == [both.pk, one.pk, none.pk]
    # The same matches sorted by newest: the reverse.
    assert order(Filters(text="python developer", sort="newest")) == [none.pk, one.pk, both.pk]


def test_postings_with_the_same_score_come_newest_first(
    company_owner: User, verified_company: Company
) -> None:
    old = posted(company_owner, 1, title="Tukang las", description="Pipa baja.", skills="")
    new = posted(company_owner, 5, title="Tukang las listrik", description="", skills="")
    other = posted(company_owner, 9, title="Operator", description="Tukang las.", skills="")
    # "las": 1, 1, 0; the two with 1 newest first.
    assert order(Filters(text="las")) == [new.pk, old.pk, other.pk]


def test_korean_words_count_whole_in_the_title(
    company_owner: User, verified_company: Company
) -> None:
    """A Korean word is in the title when all its two-syllable pieces are.

    "경비원 야간": 경비원 is 경비 + 비원, 야간 is one piece. 경비 업무's title
    holds 경비 but not 비원, so 경비원 is not in its title (score 0).
    """
    both = posted(company_owner, 1, title="아파트경비원 야간", description="", skills="")
    guard = posted(company_owner, 2, title="아파트경비원", description="야간 근무", skills="")
    night = posted(company_owner, 3, title="야간 시설관리", description="경비원 겸직", skills="")
    partial = posted(company_owner, 4, title="경비 업무", description="경비원, 야간", skills="")
    # Scores: 2, 1, 1, 0 (guard and night tie at 1: night is newer).
    assert order(Filters(text="경비원 야간")) == [both.pk, night.pk, guard.pk, partial.pk]
    # A one-syllable word is a prefix: 간 is in 야간 (its last syllable).
    assert order(Filters(text="경비원 간")) == [both.pk, night.pk, guard.pk, partial.pk]
    # Typing a word twice counts it once.
    assert order(Filters(text="야간 야간 경비원")) == order(Filters(text="경비원 야간"))


def test_paging_through_relevance_loses_and_repeats_nothing(
    company_owner: User, verified_company: Company
) -> None:
    """Ten postings, many ties of score and of date, read three at a time."""
    titles = ["경비원 야간", "경비원", "야간", "시설관리"]
    made = []
    for index in range(10):
        made.append(
            posted(
                company_owner,
                index % 3,  # three dates: every score has ties of date too
                title=titles[index % 4],
                description="아파트 경비원 야간 근무",
                skills="",
            ).pk
        )
    filters = Filters(text="경비원 야간")
    whole = order(filters)
    assert sorted(whole) == sorted(made)
    seen: list[int] = []
    after = None
    pages = 0
    while True:
        page = search_postings(filters, after=after, size=3).page
        seen += [posting.pk for posting in page.items]
        pages += 1
        if page.next_cursor is None:
            break
        assert isinstance(page.next_cursor, ScoreCursor)
        after = ScoreCursor.decode(page.next_cursor.encode())  # as it comes back from a link
    assert seen == whole
    assert pages == 4
    # The order is the score, then the date, then the id.
    scores = {"경비원 야간": 2, "경비원": 1, "야간": 1, "시설관리": 0}
    rows = {posting.pk: posting for posting in Posting.objects.filter(pk__in=made)}
    keys = [(scores[rows[pk].title], rows[pk].date_posted, pk) for pk in seen]
    assert keys == sorted(keys, reverse=True)


def test_without_keywords_relevance_gives_way_to_newest(
    company_owner: User, verified_company: Company
) -> None:
    older = posted(company_owner, 1, title="경비원")
    newer = posted(company_owner, 2, title="간호조무사")
    for text in ("", "'!*", "a"):  # nothing that makes a term
        results = search_postings(Filters(text=text, sort="relevance"))
        assert results.sort == "newest"
        assert [posting.pk for posting in results.page.items] == [newer.pk, older.pk]
    assert search_postings(Filters(text="경비")).sort == "relevance"
    assert search_postings(Filters(text="경비", sort="salary")).sort == "salary"


def test_a_cursor_of_another_sort_is_refused_by_the_search_itself(
    company_owner: User, verified_company: Company
) -> None:
    posted(company_owner, 1)
    wrong = DateTimeCursor(timezone.now(), 1)
    with pytest.raises(ValueError, match="relevance"):
        search_postings(Filters(text="경비"), after=wrong)


def test_facets_and_filters_are_the_same_whatever_the_sort(
    company_owner: User, verified_company: Company
) -> None:
    posted(company_owner, 1, title="경비원 서울")
    posted(company_owner, 2, title="야간 경비원", district_code="26110")
    posted(company_owner, 3, title="경비", description="경비원", employment_type="PART_TIME")
    for filters in (Filters(text="경비원"), Filters(text="경비원", province="11")):
        by_relevance = search_postings(filters)
        by_newest = search_postings(Filters(**{**filters.__dict__, "sort": "newest"}))
        assert by_relevance.sort == "relevance"
        assert by_relevance.facets == by_newest.facets
        assert {p.pk for p in by_relevance.page.items} == {p.pk for p in by_newest.page.items}


def test_the_page_offers_relevance_and_says_which_order_it_shows(
    client: Client, company_owner: User, verified_company: Company
) -> None:
    posted(company_owner, 1, title="아파트경비원")
    page = client.get("/jobs/?q=경비").content.decode()
    assert '<option value="relevance"' in page
    assert "Sorted by relevance" in page
    for query in ("", "?q=", "?q=&sort=relevance"):
        response = client.get("/jobs/" + query)
        assert response.status_code == 200
        assert "Newest first: sorting by relevance needs keywords." in response.content.decode()
    assert "needs keywords" not in client.get("/jobs/?sort=newest").content.decode()


def test_the_next_link_of_a_relevance_page_leads_on(
    client: Client, company_owner: User, verified_company: Company
) -> None:
    made = {posted(company_owner, index, title="경비원").pk for index in range(25)}
    first = client.get("/jobs/?q=경비원")
    assert first.status_code == 200
    link = first.context["next_link"]
    assert "after=" in link
    second = client.get("/jobs/" + link)
    assert second.status_code == 200
    shown = [p.pk for p in first.context["results"].page.items] + [
        p.pk for p in second.context["results"].page.items
    ]
    assert sorted(shown) == sorted(made)
    assert not second.context["next_link"]


def test_the_feed_stays_newest_first_with_keywords(
    client: Client, company_owner: User, verified_company: Company
) -> None:
    in_title = posted(company_owner, 1, title="아파트경비원")
    newer = posted(company_owner, 2, title="시설관리", description="경비원 겸직")
    feed = client.get("/jobs/feed/?q=경비원").content.decode()
    assert feed.index(f"/jobs/{newer.pk}/") < feed.index(f"/jobs/{in_title.pk}/")


def test_the_migration_indexes_the_titles_of_postings_already_live(
    company_owner: User, verified_company: Company
) -> None:
    """Postings published before the title index existed are ranked like the others."""
    migration = importlib.import_module("egov.jobs.migrations.0004_title_index")
    in_title = posted(company_owner, 1, title="아파트경비원", description="")
    elsewhere = posted(company_owner, 2, title="시설관리", description="경비원 겸직")
    closed = posted(company_owner, 3, title="경비원", description="")
    actions.close_posting(employer=company_owner, posting=closed, reason=ClosedReason.FILLED)
    backend = backend_for(connection)
    with connection.cursor() as cursor:
        backend.drop_table(cursor, TITLE_INDEX)
    migration.create_and_fill(django_apps, SimpleNamespace(connection=connection))
    assert order(Filters(text="경비원")) == [in_title.pk, elsewhere.pk]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {TITLE_INDEX.name}")  # noqa: S608 - a constant
        assert cursor.fetchone() == (2,)
