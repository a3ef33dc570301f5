"""Job search: the keyword index of live postings, filters, facets, sorts and keyset pages.

A published posting's search row holds the terms (egov.lib.search) of its
title, description, company name and skills: Korean is indexed as
overlapping two-syllable pieces, so 경비 finds 아파트경비원 and 간호 finds
간호조무사, on SQLite (FTS5) and PostgreSQL (tsvector + GIN) alike. Only live
postings are indexed: publishing writes the row, closing removes it, both
inside the action's transaction.

The keyword narrows the postings through the index; the filters are plain
column conditions on the postings table, whose indexes on
``(status, date_posted, id)`` and ``(status, monthly_salary_min, id)`` give
the two keyset orders (newest, best paid) one seek per page at any depth.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Count, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from egov.jobs.limits import PAGE_SIZE
from egov.jobs.models import EDUCATION_ORDER, Education, Posting, PostingQuerySet, Status
from egov.lib.pagination import DateTimeCursor, Keyset, NumberCursor, Page
from egov.lib.search import Document, SearchTable, Term, backend_for, index_terms, parse_query

POSTING_INDEX = SearchTable(name="jobs_posting_search_index", key="posting_id")

NEWEST: Keyset[Any] = Keyset("date_posted", DateTimeCursor, descending=True)
BEST_PAID: Keyset[Any] = Keyset("monthly_salary_min", NumberCursor, descending=True)
SORTS: dict[str, Keyset[Any]] = {"newest": NEWEST, "salary": BEST_PAID}


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
            return
        terms = posting_terms(
            title=posting.title,
            description=posting.description,
            company=posting.company.name,
            skills=posting.skills,
        )
        backend.save(cursor, POSTING_INDEX, Document(posting.pk, terms))


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
    sort: str = "newest"


@dataclass
class Results:
    page: Page[Posting, Any]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    terms: Sequence[Term] = ()


def _matching(terms: Sequence[Term]) -> PostingQuerySet:
    rows = Posting.objects.live()
    if not terms:
        return rows
    sql, params = backend_for(connection).matching_keys(POSTING_INDEX, terms)
    # The SQL names only the index table; the query text is a parameter.
    return rows.filter(pk__in=RawSQL(sql, params))  # noqa: S611


def _filtered(rows: PostingQuerySet, filters: Filters, *, leave_out: str = "") -> PostingQuerySet:
    """``rows`` with every filter applied except ``leave_out`` (a facet counts without its own)."""
    if filters.province and leave_out != "province":
        rows = rows.filter(province_code=filters.province)
    if filters.occupation_major and leave_out != "occupation_major":
        rows = rows.filter(occupation_major=filters.occupation_major)
    if filters.employment_type and leave_out != "employment_type":
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


def _facets(matching: PostingQuerySet, filters: Filters) -> dict[str, list[tuple[str, int]]]:
    facets = {}
    for name in FACETS:
        column = _FACET_COLUMNS[name]
        counts = (
            _filtered(matching, filters, leave_out=name)
            .exclude(**{column: ""})
            .order_by()
            .values_list(column)
            .annotate(count=Count("id"))
        )
        facets[name] = sorted(
            ((value, count) for value, count in counts), key=lambda item: (-item[1], item[0])
        )
    return facets


def search_postings(
    filters: Filters,
    *,
    after: DateTimeCursor | NumberCursor | None = None,
    size: int = PAGE_SIZE,
    with_facets: bool = True,
) -> Results:
    """One page of live postings matching ``filters``, and the facet counts of all matches."""
    terms = parse_query(filters.text)
    matching = _matching(terms)
    keyset = SORTS.get(filters.sort, NEWEST)
    rows = _filtered(matching, filters).select_related("company")
    if after is not None and not isinstance(after, keyset.cursor):
        after = None
    page = keyset.page(rows, after=after, size=size)
    facets = _facets(matching, filters) if with_facets else {}
    return Results(page=page, facets=facets, terms=terms)


def live_count() -> int:
    return Posting.objects.filter(status=Status.PUBLISHED).count()


def filters_query(filters: Filters) -> Q:
    """For saved-search alerts: the same conditions as a Q (without the keyword)."""
    return Q(pk__in=_filtered(Posting.objects.live(), filters).values("pk"))
