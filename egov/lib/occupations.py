"""Occupations as ISCO-08 classifies them: major and sub-major groups, shipped as data.

``data/isco08.json`` holds the ten major groups (one digit: ``2``
Professionals) and the 43 sub-major groups (two digits: ``25`` Information
and communications technology professionals) of the ILO's International
Standard Classification of Occupations, named in English, Korean and
Indonesian. A job posting names a sub-major group; a search filters by the
major group, which is the sub-major code's first digit.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from egov.lib.i18n import pick

DATA = Path(__file__).resolve().parent / "data" / "isco08.json"


@dataclass(frozen=True)
class Occupation:
    code: str
    name_en: str
    name_ko: str
    name_id: str

    @property
    def name(self) -> str:
        return pick(en=self.name_en, ko=self.name_ko, id=self.name_id)

    @property
    def is_major_group(self) -> bool:
        return len(self.code) == 1

    @property
    def major_group(self) -> str:
        return self.code[0]


@functools.cache
def _groups() -> dict[str, Occupation]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return {group["code"]: Occupation(**group) for group in data["groups"]}


def occupation(code: object) -> Occupation | None:
    """The group with this ISCO-08 code, or None (a code not in the data, or not a string)."""
    return _groups().get(code) if isinstance(code, str) else None


def major_groups() -> list[Occupation]:
    return [group for group in _groups().values() if group.is_major_group]


def sub_major_groups(major: str | None = None) -> list[Occupation]:
    return [
        group
        for group in _groups().values()
        if not group.is_major_group and (major is None or group.major_group == major)
    ]


def sub_major_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Sub-major groups under their major group, for a select with option groups."""
    return [
        (major.name, [(group.code, group.name) for group in sub_major_groups(major.code)])
        for major in major_groups()
    ]


def major_choices() -> list[tuple[str, str]]:
    return [(group.code, group.name) for group in major_groups()]
