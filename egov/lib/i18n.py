"""Choosing among values kept in English, Korean and Indonesian."""

from __future__ import annotations

from django.utils.translation import get_language


def pick(*, en: str, ko: str, id: str) -> str:
    """The value in the active language, falling back to English when it is blank."""
    language = (get_language() or "en")[:2]
    value = {"en": en, "ko": ko, "id": id}.get(language, en)
    return value or en
