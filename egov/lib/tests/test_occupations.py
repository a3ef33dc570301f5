"""ISCO-08 groups shipped as data, named in three languages."""

from django.utils import translation

from egov.lib import occupations


def test_it_ships_every_major_and_sub_major_group() -> None:
    assert [group.code for group in occupations.major_groups()] == list("0123456789")
    assert len(occupations.sub_major_groups()) == 43
    assert [group.code for group in occupations.sub_major_groups("2")] == [
        "21",
        "22",
        "23",
        "24",
        "25",
        "26",
    ]


def test_every_group_has_a_name_in_each_language() -> None:
    for group in occupations.major_groups() + occupations.sub_major_groups():
        assert group.name_en, group.code
        assert group.name_ko, group.code
        assert group.name_id, group.code


def test_names_follow_the_active_language() -> None:
    group = occupations.occupation("25")
    assert group is not None
    with translation.override("ko"):
        assert group.name == "정보통신 전문가"
    with translation.override("id"):
        assert group.name == "Profesional teknologi informasi dan komunikasi"
    assert group.major_group == "2"


def test_an_unknown_code_is_none() -> None:
    assert occupations.occupation("99") is None
    assert occupations.occupation(25) is None
