"""Job search: the keyword index of live postings, filters, facets, sorts and keyset pages.

A published posting's search row holds the terms (egov.lib.search) of its
title, description, company name and skills: Korean is indexed as
overlapping two-syllable pieces, so 경비 finds 아파트경비원 and 간호 finds
간호조무사, on SQLite (FTS5) and PostgreSQL (tsvector + GIN) alike. Only live
postings are indexed: publishing writes the row, closing removes it, both
inside the action's transaction.

The keyword narrows the postings through the index. Without one, the
filters are plain column conditions on the postings table, whose indexes on
``(status, date_posted, id)`` and ``(status, monthly_salary_min, id)`` give
the two keyset orders (newest, best paid) one seek per page at any depth.
With one, on PostgreSQL the search runs on the index rows themselves
(``PostingSearchRow``): each holds a copy of the posting's filter and sort
columns, and its GIN index the region, occupation group and employment type
with the terms, so a common word with two filters reads the rows matching
all three, not every posting holding the word; the postings table is read
for the page's rows alone. SQLite's FTS5 table holds the terms alone, and
there the matches are read from the postings table.

The facets count the matches by region, occupation group and employment
type, each without its own filter, in one grouped query (``_facets``).

Relevance, the order when keywords were typed: every match holds every word
typed (that is what matching means), so the score is **how many of the words
typed are in the title**, and the newest posting comes first among those
with the same score. A second index table holds the terms of the title
alone, and the score is computed by the database, one ``id IN (the title
index's matches for this word)`` per word, the same SQL on SQLite and
PostgreSQL over the same terms, so both give the same order. A Korean word
is in the title when all its two-syllable pieces are (``query_words``), the
rule the search itself applies. Pages are a keyset on
``(score, date_posted, id)`` (``ScoreCursor``): no index can hand the rows
over by a computed score, so each page scores every match and keeps the
best page-full after the cursor: page 200 costs what page 2 costs, and
the cost grows with the number of matches, not with the depth (see
bench/bench_job_relevance.py). Neither FTS5's ``bm25()`` nor PostgreSQL's
``ts_rank`` is used: their scores differ between the engines, and both need
the positions the index does not keep.
Without keywords there is nothing to score and the order is the newest.
"""

from __future__ import annotations

import datetime
import functools
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import BooleanField, Case, Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import CombinedExpression, RawSQL
from django.utils import timezone

from egov.jobs.limits import PAGE_SIZE
from egov.jobs.models import (
    EDUCATION_ORDER,
    Education,
    Posting,
    PostingSearchRow,
    Status,
)
from egov.lib.pagination import Cursor, DateTimeCursor, Keyset, NumberCursor, Page, ScoreCursor
from egov.lib.search import (
    Document,
    PostgresSearch,
    SearchTable,
    Term,
    backend_for,
    index_terms,
    parse_query,
    query_words,
)

POSTING_INDEX = SearchTable(name="jobs_posting_search_index", key="posting_id")
# The terms of each live posting's title alone: what relevance counts.
TITLE_INDEX = SearchTable(name="jobs_posting_title_index", key="posting_id")

NEWEST: Keyset[Any] = Keyset("date_posted", DateTimeCursor, descending=True)
BEST_PAID: Keyset[Any] = Keyset("monthly_salary_min", NumberCursor, descending=True)
BY_RELEVANCE: Keyset[Any] = Keyset("relevance", ScoreCursor, descending=True, then=("date_posted",))
RELEVANCE = "relevance"
SORTS: dict[str, Keyset[Any]] = {RELEVANCE: BY_RELEVANCE, "newest": NEWEST, "salary": BEST_PAID}


def sort_for(requested: str, text: str) -> str:
    """The sort a search uses: relevance unless another was asked for, if there are keywords.

    Without keywords (none typed, or none that make a term) there is nothing
    to score, and relevance, asked for or not, gives way to the newest.
    """
    if requested in SORTS and requested != RELEVANCE:
        return requested
    return RELEVANCE if parse_query(text) else "newest"


def cursor_kind(sort: str) -> type[Cursor[Any]]:
    """The kind of cursor that marks a place in a list in this sort."""
    return SORTS.get(sort, NEWEST).cursor


def posting_terms(*, title: str, description: str, company: str, skills: str) -> list[str]:
    """The terms stored for one posting (also used by the bulk loader in bench/)."""
    return index_terms(title, description, company, skills)


def index_posting(posting: Posting) -> None:
    """Write a live posting's search row, or remove the row of one that is not live.

    Must run inside the transaction of the action that published or closed it.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("index_posting must run inside the action's transaction")
    backend = backend_for(connection)
    with connection.cursor() as cursor:
        if not posting.is_live:
            backend.delete_many(cursor, POSTING_INDEX, [posting.pk])
            backend.delete_many(cursor, TITLE_INDEX, [posting.pk])
            return
        terms = posting_terms(
            title=posting.title,
            description=posting.description,
            company=posting.company.name,
            skills=posting.skills,
        )
        backend.save(cursor, POSTING_INDEX, Document(posting.pk, terms))
        backend.save(cursor, TITLE_INDEX, Document(posting.pk, title_terms(posting.title)))
        copy_search_columns(cursor, [posting.pk])


# The posting's columns that PostgreSQL's search row holds a copy of (migration 0005).
SEARCH_ROW_COLUMNS = tuple(
    str(field.column) for field in PostingSearchRow._meta.concrete_fields if not field.primary_key
)


def copy_search_columns(cursor: Any, keys: Sequence[int]) -> None:
    """On PostgreSQL, copy the postings' filter and sort columns into their search rows.

    ``index_posting`` calls it after writing the terms; a bulk loader that
    writes search rows (bench/) calls it too, so the rows are the same.
    """
    if connection.vendor != "postgresql" or not keys:
        return
    names = ", ".join(SEARCH_ROW_COLUMNS)
    copied = ", ".join(f"p.{name}" for name in SEARCH_ROW_COLUMNS)
    cursor.execute(
        f"UPDATE {POSTING_INDEX.name} AS s SET ({names}) = ({copied}) "  # noqa: S608 - our names
        f"FROM jobs_posting AS p WHERE p.id = s.{POSTING_INDEX.key} "
        f"AND s.{POSTING_INDEX.key} = ANY(%s)",
        [list(keys)],
    )


def title_terms(title: str) -> list[str]:
    """The terms stored for one posting's title, for relevance."""
    return index_terms(title)


@dataclass(frozen=True)
class Filters:
    """What a job seeker asks for; every field optional."""

    text: str = ""
    province: str = ""
    occupation_major: str = ""
    employment_type: str = ""
    min_monthly_salary: int | None = None
    max_experience_years: int | None = None
    education: str = ""
    remote: bool = False
    posted_within_days: int | None = None
    # "relevance" (also what "" means), "newest" or "salary"; see sort_for.
    sort: str = ""


@dataclass
class Results:
    page: Page[Posting, Any]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    terms: Sequence[Term] = ()
    # The sort used, which is "newest" when relevance was asked without keywords.
    sort: str = "newest"


def relevance(words: Sequence[Sequence[Term]]) -> Case | CombinedExpression | Value:
    """The score: how many of ``words`` the posting's title holds, counted by the database.

    One ``CASE WHEN id IN (title index matches) THEN 1 ELSE 0 END`` per word,
    added up: the subqueries do not depend on the row, so each engine reads
    the title index once per word and then checks each posting against it.
    """
    backend = backend_for(connection)
    counted: list[Case] = []
    for word in words:
        sql, params = backend.matching_keys(TITLE_INDEX, word)
        # The SQL names only the index table; the query text is a parameter.
        in_title = Q(pk__in=RawSQL(sql, params))  # noqa: S611
        counted.append(Case(When(in_title, then=Value(1)), default=Value(0)))
    if not counted:
        return Value(0, output_field=IntegerField())
    return functools.reduce(operator.add, counted)


def _matching(terms: Sequence[Term]) -> QuerySet[Any]:
    """The live postings holding every term: postings, or on PostgreSQL their search rows.

    Both have the columns the filters, the sorts and the facets read, by the
    same names; on PostgreSQL the search row holds them (``PostingSearchRow``),
    and so the postings table is read for the page's rows alone.
    """
    if not terms:
        return Posting.objects.live()
    if connection.vendor == "postgresql":
        # Every search row is a live posting's (closing a posting removes its row).
        return PostingSearchRow.objects.filter(
            RawSQL(
                "document @@ to_tsquery('simple', %s)",
                (PostgresSearch.tsquery(terms),),
                BooleanField(),
            )
        )
    sql, params = backend_for(connection).matching_keys(POSTING_INDEX, terms)
    # The SQL names only the index table; the query text is a parameter.
    return Posting.objects.live().filter(pk__in=RawSQL(sql, params))  # noqa: S611


def _filtered(
    rows: QuerySet[Any], filters: Filters, *, leave_out: Sequence[str] = ()
) -> QuerySet[Any]:
    """``rows`` with every filter applied except those named in ``leave_out`` (the facets')."""
    if filters.province and "province" not in leave_out:
        rows = rows.filter(province_code=filters.province)
    if filters.occupation_major and "occupation_major" not in leave_out:
        rows = rows.filter(occupation_major=filters.occupation_major)
    if filters.employment_type and "employment_type" not in leave_out:
        rows = rows.filter(employment_type=filters.employment_type)
    if filters.min_monthly_salary:
        rows = rows.filter(monthly_salary_min__gte=filters.min_monthly_salary)
    if filters.max_experience_years is not None:
        rows = rows.filter(experience_years__lte=filters.max_experience_years)
    if filters.education:
        # "Up to a bachelor's degree": postings that ask for this much or less.
        ceiling = EDUCATION_ORDER.get(filters.education, len(EDUCATION_ORDER))
        allowed = [value for value, order in EDUCATION_ORDER.items() if order <= ceiling]
        if filters.education != Education.CERTIFICATE:
            allowed = [value for value in allowed if value != Education.CERTIFICATE]
        rows = rows.filter(education__in=allowed)
    if filters.remote:
        rows = rows.filter(remote=True)
    if filters.posted_within_days:
        since = timezone.now() - datetime.timedelta(days=filters.posted_within_days)
        rows = rows.filter(date_posted__gte=since)
    return rows


FACETS = ("province", "occupation_major", "employment_type")
_FACET_COLUMNS = {
    "province": "province_code",
    "occupation_major": "occupation_major",
    "employment_type": "employment_type",
}


def _facets(matching: QuerySet[Any], filters: Filters) -> dict[str, list[tuple[str, int]]]:
    """The count of matches by each facet's value, each counted without its own filter.

    One grouped query over the matches with every filter that is not a facet
    (pay, experience, ...) counts them by all three facet columns together, a
    few hundred groups at most; each facet then adds up the groups that pass
    the other two facets' filters. That reads the matches once instead of
    once per facet, and gives the same counts as three queries would.
    """
    chosen = {name: getattr(filters, name) for name in FACETS}
    columns = [_FACET_COLUMNS[name] for name in FACETS]
    groups = (
        _filtered(matching, filters, leave_out=FACETS)
        .order_by()
        .values_list(*columns)
        .annotate(count=Count("pk"))
    )
    counted: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    for *values, count in groups:
        row = dict(zip(FACETS, values, strict=True))
        for name in FACETS:
            if not row[name]:
                continue
            others = (other for other in FACETS if other != name)
            if all(not chosen[other] or row[other] == chosen[other] for other in others):
                counted[name][row[name]] = counted[name].get(row[name], 0) + count
    return {
        name: sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        for name, counts in counted.items()
    }


def search_postings(
    filters: Filters,
    *,
    after: Cursor[Any] | None = None,
    size: int = PAGE_SIZE,
    with_facets: bool = True,
) -> Results:
    """One page of live postings matching ``filters``, and the facet counts of all matches.

    ``after`` must be a cursor of the sort's kind (``cursor_kind(sort_for(...))``):
    the form refuses any other, and here one is a mistake of the caller.
    """
    terms = parse_query(filters.text)
    matching = _matching(terms)
    sort = sort_for(filters.sort, filters.text)
    keyset = SORTS[sort]
    rows = _filtered(matching, filters)
    if rows.model is Posting:
        rows = rows.select_related("company")
    if sort == RELEVANCE:
        rows = rows.annotate(relevance=relevance(query_words(filters.text)))
    if after is not None and not isinstance(after, keyset.cursor):
        raise ValueError(f"a {sort} list is not paged by a {type(after).__name__}")
    page = keyset.page(rows, after=after, size=size)
    if rows.model is PostingSearchRow:
        page = _postings_of(page)
    facets = _facets(matching, filters) if with_facets else {}
    return Results(page=page, facets=facets, terms=terms, sort=sort)


def _postings_of(page: Page[PostingSearchRow, Any]) -> Page[Posting, Any]:
    """The page's postings in the page's order, for a page of search rows."""
    found = Posting.objects.select_related("company").in_bulk([row.pk for row in page.items])
    postings = []
    for row in page.items:
        posting = found[row.pk]
        if hasattr(row, RELEVANCE):
            posting.relevance = row.relevance  # type: ignore[attr-defined]
        postings.append(posting)
    return Page(postings, page.next_cursor)


def live_count() -> int:
    return Posting.objects.filter(status=Status.PUBLISHED).count()


def filters_query(filters: Filters) -> Q:
    """For saved-search alerts: the same conditions as a Q (without the keyword)."""
    return Q(pk__in=_filtered(Posting.objects.live(), filters).values("pk"))
