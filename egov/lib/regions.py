"""Korea's administrative divisions: provinces (시·도) and districts (시·군·구), shipped as data.

``data/regions.json`` lists the 17 provinces and metropolitan cities and the
252 districts that the national district code (the first five digits of the
administrative area code, 행정구역코드) names: the autonomous districts,
cities and counties, and the districts of the large cities that are not
autonomous (수원시 장안구), each with the city it belongs to. Codes follow the
current divisions (Gangwon and Jeonbuk since they became special
self-governing provinces in 2023 and 2024: 51 and 52; Gunwi-gun in Daegu since
2023). Names are in Korean and in the Revised Romanisation that the
government uses in English; Indonesian uses the same romanised names, and
its own words for the provinces.

``data/region_shapes.json`` holds each district's outline as an SVG path
(``tools/build_region_map.py`` says where it comes from), for maps drawn on
the server with the same figures in a table beside them.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import get_language

from egov.lib.i18n import pick

DATA = Path(__file__).resolve().parent / "data"
# A district code is five digits; the first two are its province's.
DISTRICT_CODE_LENGTH = 5


@dataclass(frozen=True)
class Province:
    code: str
    name_ko: str
    name_en: str
    name_id: str

    @property
    def name(self) -> str:
        """The name in the active language: 서울특별시, Seoul, Seoul."""
        return pick(en=self.name_en, ko=self.name_ko, id=self.name_id)


@dataclass(frozen=True)
class District:
    code: str
    province: Province
    name_ko: str
    name_en: str
    # The city a district that is not autonomous belongs to (수원시 for 장안구), else blank.
    city_code: str = ""
    city_ko: str = ""
    city_en: str = ""

    @property
    def name(self) -> str:
        """The district's own name in the active language: 종로구, Jongno-gu."""
        return pick(en=self.name_en, ko=self.name_ko, id=self.name_en)

    @property
    def local_name(self) -> str:
        """With its city when it has one: 수원시 장안구, Jangan-gu, Suwon-si."""
        if not self.city_code:
            return self.name
        if _korean():
            return f"{self.city_ko} {self.name_ko}"
        return f"{self.name_en}, {self.city_en}"

    @property
    def full_name(self) -> str:
        """With its province, as an address names it: 서울특별시 종로구, Jongno-gu, Seoul."""
        if self.name_ko == self.province.name_ko:
            # Sejong is a province and its own one district.
            return self.province.name
        if _korean():
            return f"{self.province.name_ko} {self.local_name}"
        return f"{self.local_name}, {self.province.name}"


@dataclass(frozen=True)
class MapShapes:
    """District outlines in one frame: ``shapes`` maps a district code to an SVG path."""

    width: float
    height: float
    shapes: Mapping[str, str]


def _korean() -> bool:
    return (get_language() or "en")[:2] == "ko"


@functools.cache
def _load() -> tuple[dict[str, Province], dict[str, District]]:
    data: dict[str, Any] = json.loads((DATA / "regions.json").read_text(encoding="utf-8"))
    found_provinces = {
        row["code"]: Province(row["code"], row["name_ko"], row["name_en"], row["name_id"])
        for row in data["provinces"]
    }
    found_districts = {}
    for row in data["districts"]:
        city = row.get("city") or {}
        found_districts[row["code"]] = District(
            code=row["code"],
            province=found_provinces[row["province"]],
            name_ko=row["name_ko"],
            name_en=row["name_en"],
            city_code=city.get("code", ""),
            city_ko=city.get("name_ko", ""),
            city_en=city.get("name_en", ""),
        )
    return found_provinces, found_districts


def provinces() -> tuple[Province, ...]:
    """Every province and metropolitan city, in the order of their codes."""
    return tuple(_load()[0].values())


def province(code: object) -> Province | None:
    """The province of that two-digit code, or None for anything else."""
    return _load()[0].get(code) if isinstance(code, str) else None


def districts(province_code: str | None = None) -> tuple[District, ...]:
    """Every district in the order of their codes, or those of one province."""
    every = _load()[1].values()
    if province_code is None:
        return tuple(every)
    return tuple(found for found in every if found.province.code == province_code)


def district(code: object) -> District | None:
    """The district of that five-digit code, or None for anything else."""
    return _load()[1].get(code) if isinstance(code, str) else None


def district_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The districts grouped by province, named in the active language, for a select."""
    return [
        (
            found.name,
            [(each.code, each.local_name) for each in districts(found.code)],
        )
        for found in provinces()
    ]


def province_choices() -> list[tuple[str, str]]:
    return [(found.code, found.name) for found in provinces()]


def _folded(text: str) -> str:
    """Compare names without case, spaces, hyphens or full-width forms: 'Jongno-gu' ~ 'jongnogu'."""
    normalised = unicodedata.normalize("NFKC", text).casefold()
    return "".join(character for character in normalised if character.isalnum())


@functools.cache
def _search_names() -> tuple[tuple[District, tuple[str, ...]], ...]:
    rows = []
    for found in districts():
        names = {
            found.name_ko,
            found.name_en,
            found.city_ko,
            found.city_en,
            found.province.name_ko,
            found.province.name_en,
            found.province.name_id,
        }
        rows.append((found, tuple(_folded(name) for name in names if name)))
    return tuple(rows)


def find_districts(text: str, *, limit: int = 10) -> list[District]:
    """Districts whose names contain every word typed, in Korean or romanised.

    '종로' finds 종로구; '서울 중구' finds Seoul's Jung-gu and not Busan's;
    'jangan' finds 수원시 장안구. Districts whose own name starts with a word
    come first. Nothing typed, or nothing a name could contain, finds nothing.
    """
    words = [word for word in (_folded(part) for part in text.split()) if word][:4]
    if not words:
        return []
    found = []
    for candidate, names in _search_names():
        if all(any(word in name for name in names) for word in words):
            own = (_folded(candidate.name_ko), _folded(candidate.name_en))
            starts = any(name.startswith(word) for name in own for word in words)
            found.append((not starts, candidate.code, candidate))
    return [candidate for _, _, candidate in sorted(found)[:limit]]


@functools.cache
def map_shapes() -> MapShapes:
    data: dict[str, Any] = json.loads((DATA / "region_shapes.json").read_text(encoding="utf-8"))
    return MapShapes(width=data["width"], height=data["height"], shapes=data["shapes"])
