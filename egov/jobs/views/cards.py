"""The jobs card on "My government"."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from egov.jobs import rules
from egov.jobs.queries import postings_of

CARD_SIZE = 5


def my_government_card(request: HttpRequest) -> dict[str, Any] | None:
    """An employer's company and latest postings; None for everyone else."""
    company = rules.company_of(request.user)
    if company is None:
        return None
    return {"company": company, "postings": list(postings_of(request.user)[:CARD_SIZE])}
