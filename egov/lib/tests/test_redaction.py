import pytest

from egov.lib.redaction import find_personal_data, redact


def fullwidth(text: str) -> str:
    """The text as typed on a Korean keyboard in fullwidth mode."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


# Phone numbers


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("연락처는 010-1234-5678입니다", "연락처는 010-****-5678입니다"),
        ("연락처는 01012345678입니다", "연락처는 010-****-5678입니다"),
        ("휴대폰 010 1234 5678로 연락 주세요", "휴대폰 010-****-5678로 연락 주세요"),
        ("번호는 010.1234.5678이에요", "번호는 010-****-5678이에요"),
        ("사무실 02-123-4567, 부산 051-234-5678", "사무실 02-***-4567, 부산 051-***-5678"),
        ("대표번호(02) 123-4567로", "대표번호02-***-4567로"),
        ("인터넷전화 070-1234-5678", "인터넷전화 070-****-5678"),
    ],
)
def test_korean_phone_numbers_are_masked_even_when_a_particle_follows(
    text: str, redacted: str
) -> None:
    assert redact(text) == redacted


def test_korean_numbers_written_for_abroad_are_masked() -> None:
    text = "Call me on +82 10-1234-5678 or at the office, +82-2-123-4567."
    assert redact(text) == "Call me on +82 10-****-5678 or at the office, +82 2-***-4567."


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("Hubungi saya di 0812-3456-7890 ya", "Hubungi saya di 0812-****-7890 ya"),
        ("WA: +62 812-3456-7890.", "WA: +62 812-****-7890."),
        ("nomor saya 081234567890", "nomor saya 0812-****-7890"),
        ("atau +6281234567890", "atau +62 812-****-7890"),
        ("HP 0857 123 4567", "HP 0857-***-4567"),
    ],
)
def test_indonesian_phone_numbers_are_masked(text: str, redacted: str) -> None:
    assert redact(text) == redacted


def test_several_numbers_in_a_row_are_each_masked() -> None:
    text = "010-1234-5678 010-2345-6789, 0812-3456-7890"
    assert redact(text) == "010-****-5678 010-****-6789, 0812-****-7890"


def test_a_phone_number_in_fullwidth_digits_is_masked() -> None:
    text = "연락처 " + fullwidth("010-1234-5678") + "로 주세요"
    assert redact(text) == "연락처 010-****-5678로 주세요"


def test_a_phone_number_with_en_dashes_is_masked() -> None:
    assert redact("tel. 010\u20131234\u20135678") == "tel. 010-****-5678"


# E-mail addresses


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("이메일kim@example.com로 보내 주세요", "이메일ki***@example.com로 보내 주세요"),
        ("메일은 hong123@naver.com입니다.", "메일은 ho***@naver.com입니다."),
        ("Write to john.smith@example.org.", "Write to jo***@example.org."),
        ("Email: budi.santoso@gmail.co.id, terima kasih", "Email: bu***@gmail.co.id, terima kasih"),
        ("(a@x.org)", "(a***@x.org)"),
    ],
)
def test_email_addresses_are_masked_and_keep_their_domain(text: str, redacted: str) -> None:
    assert redact(text) == redacted


def test_an_email_address_containing_a_phone_number_is_masked_as_an_email() -> None:
    assert redact("01012345678@kakao.com") == "01***@kakao.com"
    assert find_personal_data("01012345678@kakao.com") == [("email", "01012345678@kakao.com")]


def test_punctuation_before_an_email_address_is_not_part_of_it() -> None:
    assert redact("문의 ...kim@example.com") == "문의 ...ki***@example.com"
    assert redact("reply to -kim@example.com") == "reply to -ki***@example.com"


def test_an_email_address_in_fullwidth_letters_is_masked() -> None:
    assert redact("메일 " + fullwidth("kim@example.com")) == "메일 ki***@example.com"


def test_something_with_an_at_sign_but_no_domain_is_left_alone() -> None:
    for text in ["@민원인 확인 바랍니다", "meet @ 3pm", "x@y", "kim@example.c"]:
        assert redact(text) == text


# Resident and foreign registration numbers


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("주민등록번호 900101-1234567입니다", "주민등록번호 900101-1******입니다"),
        ("주민번호9001012234567", "주민번호900101-2******"),
        ("외국인등록번호 850315-5123456", "외국인등록번호 850315-5******"),
        ("My registration number is 010203-4123456.", "My registration number is 010203-4******."),
        (
            "NIK? Bukan, nomor registrasi 900101 6234567",
            "NIK? Bukan, nomor registrasi 900101-6******",
        ),
    ],
)
def test_resident_and_foreign_registration_numbers_are_masked(text: str, redacted: str) -> None:
    assert redact(text) == redacted


def test_a_resident_number_whose_seventh_digit_is_not_one_to_eight_is_left_alone() -> None:
    assert redact("900101-9234567") == "900101-9234567"
    assert redact("900101-0234567") == "900101-0234567"


def test_a_resident_number_with_an_impossible_birth_date_is_left_alone() -> None:
    assert redact("901301-1234567") == "901301-1234567"
    assert redact("900132-1234567") == "900132-1234567"


# Card numbers


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("카드 4111-1111-1111-1111로 결제", "카드 ****-****-****-1111로 결제"),
        ("카드번호4111111111111111입니다", "카드번호****-****-****-1111입니다"),
        ("Card 5500 0000 0000 0004 was charged", "Card ****-****-****-0004 was charged"),
        ("Amex 3782 822463 10005", "Amex ****-****-****-0005"),
        ("kartu 4222222222222", "kartu ****-****-****-2222"),
        ("6212 3456 7890 1234 569", "****-****-****-4569"),
    ],
)
def test_card_numbers_that_pass_luhn_keep_only_their_last_four_digits(
    text: str, redacted: str
) -> None:
    assert redact(text) == redacted


def test_a_sixteen_digit_number_that_fails_luhn_is_left_alone() -> None:
    for text in ["주문번호 4111-1111-1111-1112", "order 4111111111111112", "1234 5678 9012 3456"]:
        assert redact(text) == text


def test_a_card_followed_by_a_short_number_is_still_masked() -> None:
    assert redact("4111 1111 1111 1111 123번") == "****-****-****-1111 123번"


def test_a_card_number_in_fullwidth_digits_is_masked() -> None:
    assert redact(fullwidth("4111111111111111")) == "****-****-****-1111"


# What must not be redacted


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-28에 신청했습니다",
        "처리기한은 2026.11.28.입니다",
        "The hearing is on 28/11/2026 at 10:30.",
        "금액은 1,000,000원입니다",
        "총 10000000원을 납부",
        "접수번호 2AA-2611-000123 확인 부탁드립니다",
        "우편번호 03154 서울특별시 종로구",
        "2026년에 시작해 2027년에 끝납니다",
        "Tahun 2026, biaya Rp 1.500.000",
        "사업자등록번호 123-45-67890",
        "계좌 110-123-456789",
    ],
)
def test_ordinary_numbers_are_left_alone(text: str) -> None:
    assert redact(text) == text
    assert find_personal_data(text) == []


def test_a_longer_number_is_not_masked_for_the_phone_number_inside_it() -> None:
    for text in ["010-1234-5678-9", "99010-1234-5678", "1-010-1234-5678"]:
        assert redact(text) == text


def test_text_without_personal_data_is_returned_unchanged() -> None:
    text = "도로에 포트홀이 있습니다. Ada lubang di jalan. There is a pothole."
    assert redact(text) is text
    assert redact("") == ""


# Finding before publishing


def test_personal_data_is_listed_by_kind_in_reading_order() -> None:
    text = (
        "제 이름은 김민수이고 연락처는 01012345678, 이메일kim@example.com로 주세요. "
        "주민번호 900101-1234567, 카드 4111 1111 1111 1111."
    )
    assert find_personal_data(text) == [
        ("phone", "01012345678"),
        ("email", "kim@example.com"),
        ("resident_number", "900101-1234567"),
        ("card", "4111 1111 1111 1111"),
    ]


def test_found_text_is_quoted_as_the_citizen_wrote_it() -> None:
    text = "연락처 " + fullwidth("010-1234-5678")
    assert find_personal_data(text) == [("phone", fullwidth("010-1234-5678"))]


def test_a_thirteen_digit_resident_number_is_not_reported_as_a_card() -> None:
    # 8001011234561 happens to pass the Luhn check as well.
    assert find_personal_data("8001011234561") == [("resident_number", "8001011234561")]


def test_nothing_is_found_in_text_without_personal_data() -> None:
    assert find_personal_data("민원 내용이 없습니다") == []


# Hostile input


@pytest.mark.parametrize(
    "text",
    [
        "1" * 10_000,
        "0" * 10_000,
        "a" * 10_000,
        "@" * 10_000,
        "a@" * 5_000,
        "a@" + "a." * 5_000,
        "1-" * 5_000,
        "1 " * 5_000,
        "+82" * 3_000,
        "가" * 10_000,
        fullwidth("0") * 10_000,
        "\ud800\x00😀" * 1_000,
    ],
    ids=[
        "ones",
        "zeros",
        "letters",
        "at-signs",
        "letters-and-at-signs",
        "endless-domain",
        "hyphenated-digits",
        "spaced-digits",
        "country-codes",
        "hangul",
        "fullwidth-zeros",
        "surrogates-and-controls",
    ],
)
def test_hostile_text_is_processed_without_crashing(text: str) -> None:
    redacted = redact(text)
    assert isinstance(redacted, str)
    assert [kind for kind, _ in find_personal_data(text)] == []


def test_a_run_of_spaced_cards_is_masked_card_by_card() -> None:
    text = "4111 1111 1111 1111, " * 500
    assert redact(text) == "****-****-****-1111, " * 500


def test_a_ten_thousand_character_complaint_is_redacted_throughout() -> None:
    paragraph = (
        "안녕하세요. 집 앞 도로에 포트홀이 있어 2026-11-28에 신고합니다. "
        "수리비 1,000,000원이 들었습니다. 연락처 010-1234-5678, 이메일 hong@example.com. "
        "Saya tinggal di sini, nomor 0812-3456-7890. "
    )
    text = paragraph * (10_000 // len(paragraph) + 1)
    redacted = redact(text)
    assert len(text) >= 10_000
    assert "1234-5678" not in redacted
    assert "hong@" not in redacted
    assert "3456-7890" not in redacted
    assert redacted.count("010-****-5678") == text.count("010-1234-5678")
    assert "2026-11-28" in redacted
    assert "1,000,000원" in redacted
