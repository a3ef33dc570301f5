"""Complaints as the source of surges for participation (``egov.lib.surges``).

Participation imports no complaints module: it asks the registered source,
which answers in counts and names only, never with a complaint.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from egov.complaints import actions, queries
from egov.complaints.models import FollowUp, FollowUpKind, Surge
from egov.lib.surges import FollowUpKind as SurgeFollowUpKind
from egov.lib.surges import SurgeFigures


def _figures(*, surge_id: int, row: Surge | FollowUp) -> SurgeFigures:
    district = row.district
    return SurgeFigures(
        surge_id=surge_id,
        agency_id=row.agency_id,
        category=row.category.name,
        district=district.local_name if district is not None else row.district_code,
        week_start=row.week_start,
        this_week=row.this_week,
        last_week=row.last_week,
    )


class ComplaintSurges:
    def surge(self, user: Any, surge_id: str) -> SurgeFigures | None:
        try:
            surge = queries.access_surge(user, surge_id)
        except Http404:
            return None
        return _figures(surge_id=surge.pk, row=surge)

    def follow_up(
        self,
        *,
        actor: Any,
        surge_id: int,
        kind: SurgeFollowUpKind,
        reference: int,
        title: str,
        path: str,
    ) -> int:
        surge = queries.access_surge(actor, surge_id)
        follow_up = actions.follow_up_surge(
            actor=actor,
            surge=surge,
            kind=FollowUpKind(kind.value),
            reference=reference,
            title=title,
            path=path,
        )
        return follow_up.complaints.count()

    def decided(self, *, actor: Any, kind: SurgeFollowUpKind, reference: int, outcome: str) -> None:
        actions.record_follow_up_outcome(
            actor=actor, kind=FollowUpKind(kind.value), reference=reference, outcome=outcome
        )

    def figures_of(self, kind: SurgeFollowUpKind, reference: int) -> SurgeFigures | None:
        follow_up = (
            FollowUp.objects.select_related("category")
            .filter(kind=kind.value, reference=reference)
            .first()
        )
        if follow_up is None:
            return None
        return _figures(surge_id=0, row=follow_up)
