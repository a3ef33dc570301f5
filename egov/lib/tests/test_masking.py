from collections.abc import Callable

import pytest

from egov.lib.masking import (
    ascii_digits,
    mask_address,
    mask_date_of_birth,
    mask_email,
    mask_name,
    mask_phone,
    mask_resident_number,
)


def fullwidth(text: str) -> str:
    """The text as typed on a Korean keyboard in fullwidth mode."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def arabic_indic(text: str) -> str:
    return "".join(chr(0x0660 + int(c)) if c.isdigit() else c for c in text)


# Inputs no form should send, but any of them may arrive.
HOSTILE = [
    "0" * 10_000,
    "가" * 10_000,
    "@" * 10_000,
    "-" * 10_000,
    fullwidth("010"),
    arabic_indic("010-1234-5678"),
    "\ud800",
    "\x00",
    "😀😀😀",
    "e\u0301",
    "   \t\n  ",
    "+",
    "@",
]


# Names


def test_a_three_syllable_korean_name_keeps_its_first_and_last_syllable() -> None:
    assert mask_name("김민수") == "김*수"


def test_a_four_syllable_korean_name_masks_both_middle_syllables() -> None:
    assert mask_name("남궁민수") == "남**수"


def test_a_two_syllable_korean_name_masks_the_last_syllable() -> None:
    assert mask_name("김수") == "김*"


def test_a_one_character_name_is_masked_entirely() -> None:
    assert mask_name("김") == "*"
    assert mask_name("A") == "*"


def test_a_korean_name_typed_with_a_space_is_masked_as_one_name() -> None:
    assert mask_name("김 민수") == "김*수"
    assert mask_name("남궁 민수") == "남**수"


def test_a_korean_name_typed_as_separate_jamo_is_masked_as_syllables() -> None:
    assert mask_name("\u1100\u1175\u11b7\u1106\u1175\u11ab\u1109\u116e") == "김*수"


def test_latin_names_keep_the_first_letter_of_each_word() -> None:
    assert mask_name("Siti Rahayu") == "S*** R*****"
    assert mask_name("Budi") == "B***"
    assert mask_name("John Smith") == "J*** S****"


def test_a_one_letter_initial_is_masked_rather_than_shown() -> None:
    assert mask_name("J Smith") == "* S****"


def test_surrounding_and_repeated_whitespace_is_collapsed() -> None:
    assert mask_name("  Siti \t  Rahayu \n") == "S*** R*****"
    assert mask_name(" 김민수 ") == "김*수"


def test_an_empty_name_stays_empty() -> None:
    assert mask_name("") == ""
    assert mask_name("   ") == ""


def test_other_scripts_never_show_more_than_half_of_the_name() -> None:
    for name in ["王小明", "Иван Петров", "김 John", "田中 太郎", "محمد علي"]:
        masked = mask_name(name)
        shown = sum(1 for character in masked if character not in "* ")
        assert shown <= len(name.replace(" ", "")) // 2, masked
    assert mask_name("王小明") == "王**"
    assert mask_name("Иван Петров") == "И*** П*****"


def test_a_fullwidth_latin_name_is_masked_like_its_ascii_form() -> None:
    assert mask_name(fullwidth("BUDI")) == "B***"


# Phone numbers


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("010-1234-5678", "010-****-5678"),
        ("01012345678", "010-****-5678"),
        ("010 1234 5678", "010-****-5678"),
        ("010.1234.5678", "010-****-5678"),
        ("011-123-4567", "011-***-4567"),
        ("02-123-4567", "02-***-4567"),
        ("02-1234-5678", "02-****-5678"),
        ("(02) 123-4567", "02-***-4567"),
        ("031-123-4567", "031-***-4567"),
        ("070-1234-5678", "070-****-5678"),
        ("0505-123-4567", "0505-***-4567"),
    ],
)
def test_korean_numbers_hide_the_middle_group(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("+82 10-1234-5678", "+82 10-****-5678"),
        ("+821012345678", "+82 10-****-5678"),
        ("+82-10-1234-5678", "+82 10-****-5678"),
        ("+82 (0)10-1234-5678", "+82 10-****-5678"),
        ("+82 010 1234 5678", "+82 10-****-5678"),
        ("+82 2-123-4567", "+82 2-***-4567"),
    ],
)
def test_korean_numbers_written_for_abroad_hide_the_middle_group(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("+62 812-3456-7890", "+62 812-****-7890"),
        ("+6281234567890", "+62 812-****-7890"),
        ("0812-3456-7890", "0812-****-7890"),
        ("081234567890", "0812-****-7890"),
        ("0812 345 6789", "0812-***-6789"),
        ("0812-3456-78901", "0812-*****-8901"),
    ],
)
def test_indonesian_mobiles_hide_the_middle_group(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


def test_fullwidth_and_other_script_digits_are_read_as_digits() -> None:
    assert mask_phone(fullwidth("010-1234-5678")) == "010-****-5678"
    assert mask_phone(arabic_indic("010-1234-5678")) == "010-****-5678"
    assert mask_phone("010\u20131234\u20135678") == "010-****-5678"  # en dashes


def test_an_unrecognised_number_keeps_only_its_last_four_digits() -> None:
    assert mask_phone("1588-1234") == "****-1234"
    assert mask_phone("+1 555 123 4567") == "+* *** *** 4567"
    assert mask_phone("010-1234-5678 (home)") == "***-****-5678 (home)"


def test_a_short_unrecognised_number_shows_at_most_half_of_its_digits() -> None:
    assert mask_phone("1234") == "**34"
    assert mask_phone("119") == "**9"
    assert mask_phone("7") == "*"


def test_a_phone_with_no_digits_is_masked_entirely() -> None:
    assert mask_phone("none") == "****"


def test_an_empty_phone_stays_empty() -> None:
    assert mask_phone("") == ""
    assert mask_phone("  ") == ""


# Resident and foreign registration numbers


def test_a_resident_number_keeps_the_birth_date_and_the_sex_digit() -> None:
    assert mask_resident_number("900101-1234567") == "900101-1******"


def test_a_resident_number_without_a_hyphen_comes_back_hyphenated() -> None:
    assert mask_resident_number("9001011234567") == "900101-1******"
    assert mask_resident_number(" 900101 1234567 ") == "900101-1******"


def test_a_foreign_registration_number_is_masked_the_same_way() -> None:
    assert mask_resident_number("850315-5123456") == "850315-5******"


def test_a_fullwidth_resident_number_is_masked() -> None:
    assert mask_resident_number(fullwidth("900101-1234567")) == "900101-1******"


def test_a_malformed_resident_number_has_every_digit_masked() -> None:
    assert mask_resident_number("900101-123") == "******-***"
    assert mask_resident_number("90010112345678") == "**************"
    assert mask_resident_number("unknown") == "*******"


# E-mail addresses


def test_an_email_keeps_two_characters_of_its_local_part_and_its_domain() -> None:
    assert mask_email("abcdef@example.org") == "ab***@example.org"
    assert mask_email("budi.santoso@gmail.co.id") == "bu***@gmail.co.id"


def test_a_short_local_part_keeps_only_its_first_character() -> None:
    assert mask_email("a@x.org") == "a***@x.org"
    assert mask_email("ab@x.org") == "a***@x.org"


def test_the_mask_does_not_reveal_the_length_of_the_local_part() -> None:
    assert mask_email("abc@x.org") == "ab***@x.org"
    assert mask_email("abcdefghijkl@x.org") == "ab***@x.org"


def test_an_email_is_trimmed_and_a_fullwidth_at_sign_is_understood() -> None:
    assert mask_email(fullwidth("  kim@") + "example.com ") == "ki***@example.com"


def test_an_invalid_email_is_masked_like_a_name() -> None:
    assert mask_email("abcdef") == "a*****"
    assert mask_email("abc@") == "a***"
    assert mask_email("@example.org") == "@***********"


def test_an_empty_email_stays_empty() -> None:
    assert mask_email("") == ""


# Every function


@pytest.mark.parametrize("mask", [mask_name, mask_phone, mask_resident_number, mask_email])
@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_never_crashes_and_never_comes_back_unmasked(
    mask: Callable[[str], str], value: str
) -> None:
    masked = mask(value)
    assert isinstance(masked, str)
    if value.strip():
        assert masked != value.strip()
        assert "*" in masked


def test_ascii_digits_keeps_every_position() -> None:
    text = (
        "전화 "
        + fullwidth("010")
        + "-"
        + fullwidth("1234")
        + " and "
        + arabic_indic("5678")
        + " \U0001d7d7"
    )
    converted = ascii_digits(text)
    assert converted == "전화 010-1234 and 5678 9"
    assert len(converted) == len(text)


@pytest.mark.parametrize(
    ("date", "masked"),
    [
        ("1990-01-31", "1990-**-**"),
        ("19900131", "1990-**-**"),
        (fullwidth("1990-01-31"), "1990-**-**"),
        ("31/01/1990", "**/**/****"),
        ("", ""),
    ],
)
def test_a_date_of_birth_keeps_only_its_year(date: str, masked: str) -> None:
    assert mask_date_of_birth(date) == masked


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("서울특별시 종로구 세종대로 209", "서울특별시 종로구 ***"),
        ("서울특별시 종로구\n세종대로 209 정부서울청사 101호", "서울특별시 종로구 ***"),
        ("Jl. Sudirman No. 5", "Jl. Sudirman ***"),
        ("세종대로 209", "세종대로 ***"),
        ("209", "***"),
        ("", ""),
    ],
)
def test_an_address_keeps_at_most_its_region(address: str, masked: str) -> None:
    assert mask_address(address) == masked
    assert "209" not in mask_address(address)
