"""Staff search over complaints: indexing a case's text, and finding cases by words.

A case's search row holds the terms (egov.lib.search) of its receipt number,
title, body, location and answers, and on PostgreSQL the unit and agency
handling it, so that "these words among my cases" is answered by the index
alone (SQLite's index keeps the terms only, see egov.lib.search). The actions
that change that text or move the case call ``index_complaint`` inside their
own transaction, so the row commits or rolls back with the change and search
never shows a case as it was. The citizen's name and contact details are not
indexed: officers find a person's cases through the case, not the other way
round.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection

from egov.complaints import rules
from egov.complaints.models import Complaint, ComplaintQuerySet
from egov.complaints.rules import StaffScope, Viewer
from egov.lib.search import Document, Scope, SearchTable, backend_for, index_terms, parse_query

# The scope columns are exactly what rules.handling_scope limits a searcher to.
COMPLAINT_INDEX = SearchTable(
    name="complaints_search_index", key="complaint_id", scopes=("unit_id", "agency_id")
)
# A search is for finding a case, not for reading lists: the newest this many.
RESULTS_LIMIT = 50


def complaint_terms(
    *, receipt_number: str, title: str, body: str, location_text: str, answers: Iterable[str]
) -> list[str]:
    """The terms stored for one case (also used by the bulk loader in bench/)."""
    return index_terms(receipt_number, title, body, location_text, *answers)


def complaint_document(pk: int, *, unit_id: int, agency_id: int, terms: Sequence[str]) -> Document:
    """A case's search row (also used by the bulk loader in bench/)."""
    return Document(pk, terms, (unit_id, agency_id))


def index_complaint(complaint: Complaint) -> None:
    """Write the case's search row from its current text, answers, unit and agency.

    Must run inside the transaction of the action that changed them.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("index_complaint must run inside the action's transaction")
    answers = [
        text
        for answer in complaint.answers.values_list("body", "legal_basis", "refusal_reason")
        for text in answer
    ]
    terms = complaint_terms(
        receipt_number=complaint.receipt_number,
        title=complaint.title,
        body=complaint.body,
        location_text=complaint.location_text,
        answers=answers,
    )
    with connection.cursor() as cursor:
        backend_for(connection).save(
            cursor,
            COMPLAINT_INDEX,
            complaint_document(
                complaint.pk,
                unit_id=complaint.unit_id,
                agency_id=complaint.agency_id,
                terms=terms,
            ),
        )


def _handled_within(scope: StaffScope) -> ComplaintQuerySet:
    """Every case, open or not, in the scope: what rules.is_case_handler allows."""
    if scope.unit_id is not None:
        return Complaint.objects.filter(unit_id=scope.unit_id)
    if scope.agency_id is not None:
        return Complaint.objects.filter(agency_id=scope.agency_id)
    return Complaint.objects.none()


def _index_scope(scope: StaffScope) -> Scope:
    """The same scope in the search rows' columns."""
    if scope.unit_id is not None:
        return {"unit_id": scope.unit_id}
    if scope.agency_id is not None:
        return {"agency_id": scope.agency_id}
    return {}


def search_complaints(user: Viewer, text: str, *, limit: int = RESULTS_LIMIT) -> list[Complaint]:
    """The newest cases this user handles whose text holds every term of ``text``.

    Newest first by id: ids grow with receipt time (see ``queue_for``), and
    the key order lets the database stop after ``limit`` matches instead of
    sorting every match of a common word.
    """
    scope = rules.staff_scope(user)
    terms = parse_query(text)
    if scope is None or not terms:
        return []
    # The search rows say whose a case is, so the index leaves out other
    # units' matches; the cases themselves are still read through the
    # permission filter, which alone decides what the user may see.
    return backend_for(connection).newest_matching(
        _handled_within(scope).select_related("unit__agency", "citizen"),
        COMPLAINT_INDEX,
        terms,
        scope=_index_scope(scope),
        limit=limit,
    )


# At most this many words of what the citizen typed are looked up, each on its own.
SIMILAR_TERMS = 6


def similar_answered(
    *, category_id: int, district_code: str, text: str, limit: int = 3
) -> list[Complaint]:
    """Published, answered complaints of the same subject (and district) that share words.

    Shown before a citizen sends a complaint, so that they may read an answer
    already given instead of waiting for a new one. Each of the first words of
    ``text`` is looked up in the search index on its own; complaints sharing
    more of them come first, then the newest. Only published complaints are
    candidates, and the page shows them redacted, as the public list does.
    """
    terms = parse_query(text)[:SIMILAR_TERMS]
    if not terms:
        return []
    rows = Complaint.objects.public().filter(category_id=category_id, answered_at__isnull=False)
    if district_code:
        rows = rows.filter(district_code=district_code)
    hits: dict[int, int] = {}
    found: dict[int, Complaint] = {}
    backend = backend_for(connection)
    for term in terms:
        for complaint in backend.newest_matching(rows, COMPLAINT_INDEX, [term], limit=20):
            hits[complaint.pk] = hits.get(complaint.pk, 0) + 1
            found[complaint.pk] = complaint
    enough = min(2, len(terms))
    ranked = sorted((pk for pk in hits if hits[pk] >= enough), key=lambda pk: (-hits[pk], -pk))
    return [found[pk] for pk in ranked[:limit]]
