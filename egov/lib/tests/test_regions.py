"""Korea's administrative divisions, as shipped, and the district field every service uses."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.utils import translation

from egov.lib import regions
from egov.lib.forms import DistrictField

PATH = re.compile(r"^(M[0-9.]+,[0-9.]+(L[0-9.]+,[0-9.]+)+Z)+$")


def test_it_ships_every_province_and_district_once() -> None:
    codes = [found.code for found in regions.districts()]
    assert len(regions.provinces()) == 17
    assert len(codes) == len(set(codes)) == 252
    for found in regions.districts():
        assert re.fullmatch(r"\d{5}", found.code)
        assert found.code[:2] == found.province.code
        assert re.fullmatch(r"[가-힣]+", found.name_ko)
        assert re.fullmatch(r"[A-Z][a-z]+(-(gu|gun|si))?", found.name_en), found.name_en


def test_it_uses_the_current_codes_of_gangwon_jeonbuk_and_gunwi() -> None:
    assert regions.province("51").name_en == "Gangwon State"  # type: ignore[union-attr]
    assert regions.province("52").name_ko == "전북특별자치도"  # type: ignore[union-attr]
    assert regions.province("42") is None
    gunwi = regions.district("27720")
    assert gunwi is not None
    assert gunwi.province.name_en == "Daegu"


def test_a_province_lists_its_own_districts() -> None:
    seoul = regions.districts("11")
    assert len(seoul) == 25
    assert {found.name_en for found in seoul} >= {"Jongno-gu", "Mapo-gu", "Gangnam-gu"}
    assert len(regions.districts("26")) == 16  # Busan: 15 districts and Gijang-gun


def test_names_follow_the_page_language() -> None:
    jongno = regions.district("11110")
    jangan = regions.district("41111")
    sejong = regions.district("36110")
    assert jongno is not None
    assert jangan is not None
    assert sejong is not None
    with translation.override("ko"):
        assert jongno.full_name == "서울특별시 종로구"
        assert jangan.local_name == "수원시 장안구"
        assert jangan.full_name == "경기도 수원시 장안구"
        assert sejong.full_name == "세종특별자치시"
    with translation.override("en"):
        assert jongno.full_name == "Jongno-gu, Seoul"
        assert jangan.full_name == "Jangan-gu, Suwon-si, Gyeonggi Province"
        assert sejong.full_name == "Sejong"
    with translation.override("id"):
        assert jangan.full_name == "Jangan-gu, Suwon-si, Provinsi Gyeonggi"


def test_unknown_and_hostile_codes_find_nothing() -> None:
    for code in ["", "1111", "111100", "99999", "11110\x00", "<script>", 11110, None]:
        assert regions.district(code) is None
        assert regions.province(code) is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("종로", ["11110"]),
        ("종로구", ["11110"]),
        ("Jongno-gu", ["11110"]),
        ("JONGNO", ["11110"]),
        ("jangan", ["41111"]),
        ("수원 장안", ["41111"]),
        ("서울 중구", ["11140"]),
        ("busan jung", ["26110"]),
    ],
)
def test_a_district_is_found_by_part_of_its_name(typed: str, expected: list[str]) -> None:
    assert [found.code for found in regions.find_districts(typed)] == expected


def test_a_common_name_finds_the_district_in_every_city_and_own_names_first() -> None:
    found = [each.code for each in regions.find_districts("중구")]
    assert found == ["11140", "26110", "27110", "28110", "30140", "31110"]
    # "Suwon" is the city of four districts, none of which is itself called Suwon.
    assert [each.code for each in regions.find_districts("suwon")] == [
        "41111",
        "41113",
        "41115",
        "41117",
    ]


def test_nothing_typed_or_nothing_that_names_a_place_finds_nothing() -> None:
    for typed in ["", "   ", "-", "\x00", "zzzz", "a" * 10_000]:
        assert regions.find_districts(typed) == []


def test_every_district_has_an_outline_for_the_map() -> None:
    shapes = regions.map_shapes()
    assert set(shapes.shapes) == {found.code for found in regions.districts()}
    assert shapes.width == 1000
    assert 800 < shapes.height < 1000
    for path in shapes.shapes.values():
        assert PATH.match(path)


class PlaceForm(forms.Form):
    district = DistrictField()


def test_the_district_field_cleans_to_a_district() -> None:
    form = PlaceForm({"district": "11110"})
    assert form.is_valid()
    assert form.cleaned_data["district"] == regions.district("11110")


@pytest.mark.parametrize("value", ["", "99999", "11", "11110 ", "x" * 5000, "11110\x00"])
def test_the_district_field_says_what_to_do_with_anything_else(value: str) -> None:
    with translation.override("en"):
        form = PlaceForm({"district": value})
        assert not form.is_valid()
        message = form.errors["district"][0]
    assert message in {"Choose the district.", "Choose a district from the list."}


def test_the_district_field_offers_the_districts_by_province_in_the_page_language() -> None:
    with translation.override("ko"):
        html = str(PlaceForm()["district"])
    assert '<optgroup label="서울특별시">' in html
    assert '<option value="11110">종로구</option>' in html
    assert '<option value="41111">수원시 장안구</option>' in html
    with translation.override("id"):
        html = str(PlaceForm()["district"])
    assert '<optgroup label="Provinsi Gyeonggi">' in html
    assert '<option value="" selected>' in html
