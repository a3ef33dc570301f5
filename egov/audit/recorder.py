"""Writing and checking the audit chain."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection, models, transaction
from django.utils import timezone

from egov.audit.context import client_address
from egov.lib.people import Person

if TYPE_CHECKING:
    from egov.audit.models import AuditAction, AuditEvent

GENESIS_HASH = "0" * 64
# Any fixed 64-bit number: it names the one advisory lock that orders audit
# writes on PostgreSQL, so two transactions never chain onto the same row.
_POSTGRES_LOCK_KEY = 0x6567_6F76_6175_6474


def _canonical(event: Mapping[str, Any]) -> bytes:
    return json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _event_hash(previous_hash: str, fields: Mapping[str, Any]) -> str:
    return hashlib.sha256(previous_hash.encode() + _canonical(fields)).hexdigest()


def _hashed_fields(event: AuditEvent) -> dict[str, Any]:
    return {
        "occurred_at": event.occurred_at.isoformat(),
        "actor_id": event.actor_id,
        "actor_role": event.actor_role,
        "action": event.action,
        "subject_type": event.subject_type,
        "subject_id": event.subject_id,
        "ip_address": event.ip_address,
        "detail": event.detail,
    }


def record(
    *,
    actor: Person | None,
    action: AuditAction,
    subject: models.Model | None = None,
    detail: Mapping[str, str | int | bool | None] | None = None,
) -> AuditEvent:
    """Append one event. Call it inside the action's own transaction.

    ``detail`` holds small, non-personal facts (a status, a count, a code);
    never a name, an email address or free text a citizen typed.
    """
    from egov.audit.models import AuditEvent

    if not connection.in_atomic_block:
        raise RuntimeError("audit.record must run inside the action's transaction")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_POSTGRES_LOCK_KEY])
    previous = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    event = AuditEvent(
        occurred_at=timezone.now(),
        actor_id=actor.pk if actor is not None and actor.pk is not None else None,
        actor_role=getattr(actor, "role", "") if actor is not None else "system",
        action=action,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        ip_address=client_address.get(),
        detail=dict(detail or {}),
        previous_hash=previous or GENESIS_HASH,
    )
    event.hash = _event_hash(event.previous_hash, _hashed_fields(event))
    event.save(force_insert=True)
    return event


@dataclass(frozen=True)
class ChainProblem:
    event_id: int
    reason: str


def verify_chain(*, chunk_size: int = 5000) -> Iterator[ChainProblem]:
    """Yield every place where the stored chain does not add up."""
    from egov.audit.models import AuditEvent

    expected_previous = GENESIS_HASH
    with transaction.atomic():
        for event in AuditEvent.objects.order_by("id").iterator(chunk_size=chunk_size):
            if event.previous_hash != expected_previous:
                yield ChainProblem(event.pk, "the link to the previous event is broken")
            if _event_hash(event.previous_hash, _hashed_fields(event)) != event.hash:
                yield ChainProblem(event.pk, "the event's content does not match its hash")
            expected_previous = event.hash
