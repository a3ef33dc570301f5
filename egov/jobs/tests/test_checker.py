"""The posting checker on a fixed set of example postings.

Each example lists exactly what the rules of version 1 find in it, with the
words behind each finding, so a change to the rules shows here what it
changes. The rules are read from the database, as the migration wrote them.
"""

from __future__ import annotations

import pytest

from egov.jobs import actions, checker
from egov.jobs.checker import RuleSpec, check_pay, check_text, minimum_wage_for

EXAMPLES: list[tuple[str, list[tuple[str, tuple[str, ...]]]]] = [
    # Korean
    ("아파트 경비원 모집. 주 5일 근무, 4대 보험.", []),
    ("카페 직원 모집, 여성만 지원 가능, 20대만.", [("age", ("20대만",)), ("sex", ("여성만",))]),
    (
        "사무 보조. 만 35세 이하, 미혼 여성 우대.",
        [("age", ("만 35세 이하",)), ("marital_status", ("미혼",)), ("sex", ("여성 우대",))],
    ),
    (
        "안내 데스크. 용모 단정, 키 165cm 이상.",
        [("appearance", ("용모 단정",)), ("height", ("키 165",))],
    ),
    (
        "이력서에 부모 직업과 고향을 적어 주세요.",
        [("birthplace", ("고향",)), ("family", ("부모 직업",))],
    ),
    ("체중 55kg 이하.", [("weight", ("체중",))]),
    (
        "고수익 알바, 교육비 선입금 후 시작. 텔레그램으로만 연락.",
        [("fees", ("교육비", "선입금")), ("messenger", ("텔레그램으로만",))],
    ),
    ("체크카드와 통장 사본을 보내 주세요.", [("documents", ("체크카드", "통장 사본"))]),
    # English
    (
        "Warehouse staff, male only, aged 20-35.",
        [("age", ("aged 20-35",)), ("sex", ("male only",))],
    ),
    (
        "Receptionist, attractive and single applicants only.",
        [("appearance", ("attractive",)), ("marital_status", ("single applicants",))],
    ),
    (
        "Tell us your place of birth and your parents' occupation.",
        [("birthplace", ("place of birth",)), ("family", ("parents' occupation",))],
    ),
    (
        "Pay a registration fee and send a copy of your ID. Contact on Telegram.",
        [
            ("documents", ("copy of your ID",)),
            ("fees", ("registration fee",)),
            ("messenger", ("Telegram",)),
        ],
    ),
    ("Software engineer, Python and Django, hybrid work.", []),
    # Indonesian
    (
        "Dicari pelayan, khusus wanita, usia maksimal 25.",
        [("age", ("usia maksimal 25",)), ("sex", ("khusus wanita",))],
    ),
    (
        "Lowongan kasir, belum menikah, berpenampilan menarik.",
        [("appearance", ("berpenampilan menarik",)), ("marital_status", ("belum menikah",))],
    ),
    (
        "Sertakan tinggi badan, berat badan dan daerah asal.",
        [
            ("birthplace", ("daerah asal",)),
            ("height", ("tinggi badan",)),
            ("weight", ("berat badan",)),
        ],
    ),
    (
        "Bayar biaya pendaftaran dan kirim kartu ATM Anda.",
        [("documents", ("kartu ATM",)), ("fees", ("biaya pendaftaran",))],
    ),
    ("Operator produksi, shift pagi, gaji sesuai UMR.", []),
]


def found(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return sorted(
        (finding.category, finding.words) for finding in check_text([text], actions.current_rules())
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("text", "expected"), EXAMPLES)
def test_the_rules_find_exactly_what_each_example_expects(
    text: str, expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    assert found(text) == sorted(expected)


@pytest.mark.django_db
def test_the_first_version_in_the_database_is_the_shipped_rules() -> None:
    assert sorted(actions.current_rules(), key=repr) == sorted(
        (RuleSpec(*rule) for rule in checker.DEFAULT_RULES), key=repr
    )


def test_forbidden_requirements_block_and_scam_signs_warn() -> None:
    rules = [RuleSpec(*rule) for rule in checker.DEFAULT_RULES]
    findings = check_text(["남자만, 보증금 10만원"], rules)
    assert {(finding.category, finding.blocking) for finding in findings} == {
        ("sex", True),
        ("fees", False),
    }
    sex = next(finding for finding in findings if finding.category == "sex")
    assert sex.law == checker.Law.EQUAL_EMPLOYMENT_7


def test_missing_pay_blocks() -> None:
    (finding,) = check_pay(salary_min=0, salary_max=0, unit="MONTH", minimum_wage=10_320)
    assert finding.category == "pay_missing"
    assert finding.blocking


def test_pay_below_the_2026_minimum_wage_blocks() -> None:
    # 10,000 won an hour is below 10,320 (2026).
    (finding,) = check_pay(salary_min=10_000, salary_max=12_000, unit="HOUR", minimum_wage=10_320)
    assert finding.category == "below_minimum_wage"
    assert finding.detail == {"hourly": 10_000, "minimum": 10_320}
    # 2,156,880 won a month is 209 hours at 10,320: exactly the minimum, allowed.
    assert (
        check_pay(salary_min=2_156_880, salary_max=2_500_000, unit="MONTH", minimum_wage=10_320)
        == []
    )
    # One won less a month is below it.
    assert check_pay(salary_min=2_156_879, salary_max=2_500_000, unit="MONTH", minimum_wage=10_320)
    # A day of 8 hours at 82,560 won is 10,320 an hour.
    assert check_pay(salary_min=82_560, salary_max=90_000, unit="DAY", minimum_wage=10_320) == []


@pytest.mark.django_db
def test_the_minimum_wage_is_configurable_by_year(employment_officer: object) -> None:
    assert actions.minimum_wage(2026) == 10_320
    assert actions.minimum_wage(2025) == 10_030
    # A year beyond the table keeps the latest figure until an officer sets it.
    assert actions.minimum_wage(2027) == 10_320
    actions.set_minimum_wage(officer=employment_officer, year=2027, hourly_won=10_800)  # type: ignore[arg-type]
    assert actions.minimum_wage(2027) == 10_800


def test_the_table_falls_back_for_years_before_it() -> None:
    assert minimum_wage_for(2020, {}) == 9_860
    assert minimum_wage_for(2026, {2026: 11_000}) == 11_000


def test_a_pattern_that_matches_nothing_or_does_not_compile_is_refused() -> None:
    assert not checker.valid_pattern("(")
    assert not checker.valid_pattern("x*")
    assert checker.valid_pattern("용모")
