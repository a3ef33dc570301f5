"""The public download: applications and their steps, public columns only.

The schema is documented in docs/permits-data.md; a test compares the two.
Rows are read a chunk at a time in keyset order, so a year of an agency's
applications streams in constant memory.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from egov.lib.redaction import redact
from egov.permits.limits import EXPORT_CHUNK_SIZE
from egov.permits.models import NEWEST_FIRST, ApplicationStep
from egov.permits.queries import PublicFilters, public_applications

APPLICATION_COLUMNS = (
    "receipt_number",
    "permit_type",
    "permit_type_name",
    "catalogue_version",
    "agency",
    "unit",
    "channel",
    "status",
    "received_at",
    "due_at",
    "decided_at",
    "supplement_requests",
    "extension",
)
STEP_COLUMNS = (
    "step",
    "step_name",
    "step_unit",
    "step_status",
    "official_name",
    "official_position",
    "expected_at",
    "started_at",
    "started_recorded_at",
    "completed_at",
    "completed_recorded_at",
    "late",
    "delay_reason",
    "backdated",
)


def _moment(value: Any) -> str:
    return value.isoformat() if value is not None else ""


def rows_for_export(
    filters: PublicFilters,
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    base = public_applications(filters).values(
        "pk",
        "receipt_number",
        "permit_type__code",
        "permit_type__name_en",
        "version__number",
        "agency__code",
        "unit__code",
        "channel",
        "status",
        "received_at",
        "due_at",
        "decided_at",
        "supplement_count",
        "extension_amount",
    )
    after = None
    while True:
        rows = base.order_by(*NEWEST_FIRST.ordering)
        if after is not None:
            rows = NEWEST_FIRST.after(rows, after)
        chunk = list(rows[:EXPORT_CHUNK_SIZE])
        if not chunk:
            return
        steps: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for step in (
            ApplicationStep.objects.filter(application_id__in=[r["pk"] for r in chunk])
            .select_related("definition", "unit")
            .order_by("application_id", "position")
        ):
            steps[step.application_id].append(
                {
                    "step": step.position,
                    "step_name": step.definition.name_en,
                    "step_unit": step.unit.code,
                    "step_status": step.status,
                    "official_name": step.official_name,
                    "official_position": step.official_position_en,
                    "expected_at": _moment(step.expected_at),
                    "started_at": _moment(step.started_at),
                    "started_recorded_at": _moment(step.started_recorded_at),
                    "completed_at": _moment(step.completed_at),
                    "completed_recorded_at": _moment(step.completed_recorded_at),
                    "late": step.late,
                    "delay_reason": redact(step.delay_reason),
                    "backdated": step.backdated,
                }
            )
        for row in chunk:
            yield (
                {
                    "receipt_number": row["receipt_number"],
                    "permit_type": row["permit_type__code"],
                    "permit_type_name": row["permit_type__name_en"],
                    "catalogue_version": row["version__number"],
                    "agency": row["agency__code"],
                    "unit": row["unit__code"],
                    "channel": row["channel"],
                    "status": row["status"],
                    "received_at": _moment(row["received_at"]),
                    "due_at": _moment(row["due_at"]),
                    "decided_at": _moment(row["decided_at"]),
                    "supplement_requests": row["supplement_count"],
                    "extension": row["extension_amount"],
                },
                steps[row["pk"]],
            )
        last = chunk[-1]
        after = NEWEST_FIRST.cursor(last["received_at"], last["pk"])
        if len(chunk) < EXPORT_CHUNK_SIZE:
            return
