"""Writing a message's params in the reader's language, at the moment it is read.

Params are stored as JSON, so a message keeps facts, not words: an ISO date,
an enumeration's value, a name in three languages. These helpers turn them
into text in the active language.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.db.models import Choices
from django.utils import timezone
from django.utils.formats import date_format

from egov.lib.i18n import pick
from egov.notifications.registry import JSON


def iso(value: datetime.date | datetime.datetime) -> str:
    """A date or a moment as a param (a moment keeps its time zone)."""
    return value.isoformat()


def moment(value: JSON) -> str:
    """An ISO date ("2026-12-02") or moment ("2026-12-02T09:00:00+00:00") written out.

    A moment is shown in the platform's time zone with its time; a date alone
    as a date.
    """
    text = str(value)
    if "T" not in text:
        return date_format(datetime.date.fromisoformat(text), "DATE_FORMAT")
    parsed = datetime.datetime.fromisoformat(text)
    if timezone.is_aware(parsed):
        parsed = timezone.localtime(parsed)
    return date_format(parsed, "DATETIME_FORMAT")


def three_languages(*, en: str, ko: str, id: str) -> dict[str, JSON]:
    """A name kept in English, Korean and Indonesian, as a param."""
    return {"en": en, "ko": ko, "id": id}


def name(value: JSON) -> str:
    """A name given in three languages, in the active one (plain text as it is)."""
    if isinstance(value, Mapping):
        return pick(
            en=str(value.get("en") or ""),
            ko=str(value.get("ko") or ""),
            id=str(value.get("id") or ""),
        )
    return "" if value is None else str(value)


def label(choices: type[Choices], value: JSON) -> str:
    """An enumeration's label in the active language (the raw value if it left the list)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)
