"""Reads of the access log."""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.db.models import ForeignKey, Model, QuerySet
from django.utils.translation import gettext as _

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

    One query per kind of record (a complaint, an attachment), never one per
    event. A record with a receipt number is named by it ("complaint
    EP-2612-0000013"); a part of one (a file of a complaint) by its kind and
    the record it belongs to; anything else by its kind alone.
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
        parents = [
            field.name
            for field in model._meta.get_fields()
            if isinstance(field, ForeignKey) and _has_receipt_number(field.related_model)
        ]
        records = model._default_manager.select_related(*parents).in_bulk(ids)
        for pk, record in records.items():
            named[(label, str(pk))] = _name(record, kind, parents)
    return named


def _has_receipt_number(model: object) -> bool:
    meta = getattr(model, "_meta", None)
    return meta is not None and any(f.name == "receipt_number" for f in meta.get_fields())


def _name(record: Model, kind: str, parents: list[str]) -> str:
    number = getattr(record, "receipt_number", "")
    if number:
        return f"{kind} {number}"
    for name in parents:
        parent = getattr(record, name)
        if parent is not None:
            return str(
                _("%(kind)s of %(parent)s %(number)s")
                % {
                    "kind": kind,
                    "parent": parent._meta.verbose_name,
                    "number": parent.receipt_number,
                }
            )
    return kind
