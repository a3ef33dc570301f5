"""Finding proposals like the one being written (egov.lib.search).

A proposal's search row holds the terms of its title and its four parts.
``submit_proposal`` writes it in its own transaction. Only public proposals
are offered as similar ones; the rows themselves are read through
``Proposal.objects.filter(is_public=True)``, which alone decides what is shown.
"""

from __future__ import annotations

from django.db import connection

from egov.lib.search import Document, SearchTable, backend_for, index_terms, parse_query, tokenize
from egov.participation.limits import SIMILAR_LIMIT
from egov.participation.models import Proposal

PROPOSAL_INDEX = SearchTable(name="participation_proposal_index", key="proposal_id")
# A title's words are tried one by one when the whole title finds nothing: "similar"
# is a shared subject, not every word in common.
WORDS_TRIED = 3


def index_proposal(proposal: Proposal) -> None:
    if not connection.in_atomic_block:
        raise RuntimeError("index_proposal must run inside the action's transaction")
    terms = index_terms(
        proposal.title,
        proposal.problem,
        proposal.current_situation,
        proposal.proposed_change,
        proposal.expected_effect,
    )
    with connection.cursor() as cursor:
        backend_for(connection).save(cursor, PROPOSAL_INDEX, Document(proposal.pk, terms))


def similar_proposals(text: str, *, limit: int = SIMILAR_LIMIT) -> list[Proposal]:
    """Public proposals sharing the words of ``text`` (a title), newest first."""
    backend = backend_for(connection)
    rows = Proposal.objects.filter(is_public=True, hidden_at__isnull=True).select_related("agency")
    terms = parse_query(text)
    if not terms:
        return []
    found = backend.newest_matching(rows, PROPOSAL_INDEX, terms, limit=limit)
    if found:
        return found
    seen: dict[int, Proposal] = {}
    words = sorted(set(tokenize(text)), key=len, reverse=True)[:WORDS_TRIED]
    for word in words:
        for proposal in backend.newest_matching(
            rows, PROPOSAL_INDEX, parse_query(word), limit=limit
        ):
            seen.setdefault(proposal.pk, proposal)
    return sorted(seen.values(), key=lambda proposal: -proposal.pk)[:limit]
