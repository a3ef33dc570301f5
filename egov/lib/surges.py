"""Surges of complaints, as a service that answers them with policy sees them.

Complaints finds the surges (a category rising in a district, week over
week) and keeps which complaints a consultation or a policy review came
from; participation opens those. Services import no other service, so
complaints registers itself here (``register``) in its ``AppConfig.ready()``
and participation asks ``source()``: None when complaints is not installed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol


class FollowUpKind(StrEnum):
    """What an agency opens from a surge."""

    CONSULTATION = "consultation"
    POLICY_REVIEW = "policy_review"


@dataclass(frozen=True)
class SurgeFigures:
    """Counts only: what a surge's follow-up may show to anyone."""

    surge_id: int
    agency_id: int
    # Names in the reader's language, read when asked.
    category: str
    district: str
    # The Monday that starts the week counted, in the office's time zone.
    week_start: datetime.date
    this_week: int
    last_week: int

    @property
    def week_end(self) -> datetime.date:
        """The Sunday that ends the week counted."""
        return self.week_start + datetime.timedelta(days=6)


class Source(Protocol):
    def surge(self, user: Any, surge_id: str) -> SurgeFigures | None:
        """The surge's figures if this user may act on it; None when missing or forbidden."""

    def follow_up(
        self,
        *,
        actor: Any,
        surge_id: int,
        kind: FollowUpKind,
        reference: int,
        title: str,
        path: str,
    ) -> int:
        """Link the complaints behind the surge to what was opened; the number linked."""

    def decided(self, *, actor: Any, kind: FollowUpKind, reference: int, outcome: str) -> None:
        """Record the outcome of a follow-up (nothing when it came from no surge)."""

    def figures_of(self, kind: FollowUpKind, reference: int) -> SurgeFigures | None:
        """The figures of the surge a consultation or review was opened from, else None."""


_source: Source | None = None


def register(source: Source) -> None:
    global _source
    _source = source


def source() -> Source | None:
    return _source
