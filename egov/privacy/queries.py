"""Reads of the access log."""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.db.models import QuerySet

from egov.lib.people import Person
from egov.privacy.models import AccessEvent


def accesses_to(owner: Person) -> QuerySet[AccessEvent]:
    """Who looked at ``owner``'s data, newest first, with each viewer's position
    (unit and agency, for officers) fetched in the same query."""
    return (
        AccessEvent.objects.filter(owner_id=owner.pk)
        .select_related("viewer__officer__unit__agency")
        .order_by("-occurred_at", "-id")
    )


def subjects_of(events: Iterable[AccessEvent]) -> dict[tuple[str, str], str]:
    """What each event was about, as its owner knows it: the record's kind and its number.

    One query per kind of record (a complaint, an application), never one per
    event. A record that has a receipt number is named by it; others by their kind.
    """
    wanted: dict[str, set[int]] = {}
    for event in events:
        if event.subject_type and event.subject_id.isdigit():
            wanted.setdefault(event.subject_type, set()).add(int(event.subject_id))
    named: dict[tuple[str, str], str] = {}
    for label, ids in wanted.items():
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue  # a kind of record the platform no longer has
        kind = str(model._meta.verbose_name)
        for pk, record in model._default_manager.in_bulk(ids).items():
            number = getattr(record, "receipt_number", "")
            named[(label, str(pk))] = f"{kind} {number}".strip()
    return named
