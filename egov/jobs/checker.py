"""The posting checker: what Korean law forbids a job posting to ask, and signs of a scam.

The words and patterns are data (``Rule`` rows of the newest ``RuleSet``,
maintained by employment officers; ``DEFAULT_RULES`` is the first version).
Each rule names the law it enforces:

- the Equal Employment Opportunity and Work-Family Balance Assistance Act
  (남녀고용평등과 일·가정 양립 지원에 관한 법률) art. 7: an employer may not
  discriminate by sex in recruiting (para. 1), nor ask women for an
  appearance, height, weight or other physical condition the job does not
  need, or for being unmarried (para. 2);
- the Fair Hiring Procedure Act (채용절차의 공정화에 관한 법률) art. 4-3: an
  employer may not ask applicants for their appearance, height, weight
  (no. 1), place of origin, marital status or wealth (no. 2), or their
  family's education, jobs or wealth (no. 3);
- the Act on Prohibition of Age Discrimination in Employment and Aged
  Employment Promotion (고용상 연령차별금지 및 고령자고용촉진에 관한 법률)
  art. 4-4: no discrimination by age in recruiting without a reasonable cause;
- the Minimum Wage Act (최저임금법) art. 6: pay at least the minimum wage;
- for scam signs, the Employment Security Act (직업안정법) art. 32 (whoever
  recruits may take no money from applicants) and the Electronic Financial
  Transactions Act (전자금융거래법) art. 6 (nobody may hand over a bank card
  or other means of access).

Forbidden requirements, missing pay and pay below the minimum wage block
publication; scam signs send the posting to moderation. Every finding names
the words that caused it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from egov.jobs import limits


class Law(models.TextChoices):
    EQUAL_EMPLOYMENT_7 = (
        "eeo-7",
        _("Equal Employment Opportunity and Work-Family Balance Assistance Act, art. 7"),
    )
    FAIR_HIRING_4_3 = "fair-hiring-4-3", _("Fair Hiring Procedure Act, art. 4-3")
    AGE_DISCRIMINATION_4_4 = (
        "age-4-4",
        _("Act on Prohibition of Age Discrimination in Employment, art. 4-4"),
    )
    MINIMUM_WAGE_6 = "minimum-wage-6", _("Minimum Wage Act, art. 6")
    EMPLOYMENT_SECURITY_32 = "employment-security-32", _("Employment Security Act, art. 32")
    ELECTRONIC_FINANCE_6 = (
        "electronic-finance-6",
        _("Electronic Financial Transactions Act, art. 6"),
    )


# The law each category of rule enforces.
LAW_OF = {
    "sex": Law.EQUAL_EMPLOYMENT_7,
    "age": Law.AGE_DISCRIMINATION_4_4,
    "marital_status": Law.FAIR_HIRING_4_3,
    "appearance": Law.FAIR_HIRING_4_3,
    "height": Law.FAIR_HIRING_4_3,
    "weight": Law.FAIR_HIRING_4_3,
    "birthplace": Law.FAIR_HIRING_4_3,
    "family": Law.FAIR_HIRING_4_3,
    "fees": Law.EMPLOYMENT_SECURITY_32,
    "documents": Law.ELECTRONIC_FINANCE_6,
    "messenger": Law.EMPLOYMENT_SECURITY_32,
    "pay_missing": Law.MINIMUM_WAGE_6,
    "below_minimum_wage": Law.MINIMUM_WAGE_6,
}

FORBIDDEN = "forbidden"
SCAM = "scam"

# (kind, category, language, pattern): the first version of the rules.
# Korean patterns use no \b: Hangul is written without spaces inside compounds.
DEFAULT_RULES: tuple[tuple[str, str, str, str], ...] = (
    (FORBIDDEN, "sex", "ko", r"(남자|여자|남성|여성)\s*(만|한정|우대|환영|구함)"),
    (FORBIDDEN, "sex", "en", r"\b(male|female|men|women)\s+(only|preferred)\b"),
    (FORBIDDEN, "sex", "en", r"\bonly\s+(male|female|men|women)\b"),
    (FORBIDDEN, "sex", "id", r"\b(khusus\s+)?(pria|wanita|laki-laki|perempuan)\s+saja\b"),
    (FORBIDDEN, "sex", "id", r"\bkhusus\s+(pria|wanita|laki-laki|perempuan)\b"),
    (FORBIDDEN, "age", "ko", r"(만\s*)?\d{2}\s*세\s*(이하|미만|이상|까지)"),
    (FORBIDDEN, "age", "ko", r"\d{2}\s*[~-]\s*\d{2}\s*세"),
    (FORBIDDEN, "age", "ko", r"\d{2}대\s*(만|한정|우대)"),
    (FORBIDDEN, "age", "ko", r"나이\s*제한|연령\s*제한"),
    (FORBIDDEN, "age", "en", r"\b(under|below|over)\s+(the\s+age\s+of\s+)?\d{2}\b"),
    (FORBIDDEN, "age", "en", r"\baged?\s+\d{2}\s*(-|to)\s*\d{2}\b"),
    (FORBIDDEN, "age", "en", r"\b(maximum\s+age|age\s+limit)\b"),
    (FORBIDDEN, "age", "id", r"\busia\s+(maks(imal|imum)?|minimal|di\s+bawah)\s*\d{2}"),
    (FORBIDDEN, "age", "id", r"\bberusia\s+\d{2}\s*(-|sampai)\s*\d{2}"),
    (FORBIDDEN, "marital_status", "ko", r"미혼|기혼자?\s*(불가|제외)"),
    (FORBIDDEN, "marital_status", "en", r"\b(single|unmarried)\s+(only|applicants)\b"),
    (FORBIDDEN, "marital_status", "en", r"\bmust\s+be\s+(single|unmarried)\b"),
    (FORBIDDEN, "marital_status", "id", r"\bbelum\s+menikah\b|\blajang\b"),
    (FORBIDDEN, "appearance", "ko", r"용모\s*단정|외모"),
    (
        FORBIDDEN,
        "appearance",
        "en",
        r"\bgood[- ]looking\b|\battractive\b|\bpleasant\s+appearance\b",
    ),
    (FORBIDDEN, "appearance", "id", r"\bberpenampilan\s+menarik\b|\bwajah\s+menarik\b"),
    (FORBIDDEN, "height", "ko", r"(키|신장)\s*\d{3}|\d{3}\s*cm\s*이상"),
    (FORBIDDEN, "height", "en", r"\bheight\s+(of\s+)?(at\s+least|over|min(imum)?)\b"),
    (FORBIDDEN, "height", "id", r"\btinggi\s+badan\b"),
    (FORBIDDEN, "weight", "ko", r"체중|몸무게"),
    (FORBIDDEN, "weight", "en", r"\bbody\s+weight\b|\bweight\s+(under|below|less\s+than)\b"),
    (FORBIDDEN, "weight", "id", r"\bberat\s+badan\b"),
    (FORBIDDEN, "birthplace", "ko", r"출신\s*지역|고향|본적|지역\s*출신"),
    (FORBIDDEN, "birthplace", "en", r"\bplace\s+of\s+(birth|origin)\b|\bhometown\b"),
    (FORBIDDEN, "birthplace", "id", r"\btempat\s+lahir\b|\bdaerah\s+asal\b|\bputra\s+daerah\b"),
    (FORBIDDEN, "family", "ko", r"부모\s*(님)?\s*(의)?\s*(직업|학력|재산)|가족\s*관계|가정\s*환경"),
    (FORBIDDEN, "family", "en", r"\bparents?'?\s+(occupation|jobs?|education|income)\b"),
    (FORBIDDEN, "family", "en", r"\bfamily\s+background\b"),
    (FORBIDDEN, "family", "id", r"\bpekerjaan\s+orang\s*tua\b|\blatar\s+belakang\s+keluarga\b"),
    (SCAM, "fees", "ko", r"교육비|보증금|가입비|등록비|선입금"),
    (SCAM, "fees", "en", r"\b(registration|training|processing)\s+fee\b|\bdeposit\b"),
    (SCAM, "fees", "id", r"\bbiaya\s+(pendaftaran|pelatihan|administrasi)\b|\buang\s+jaminan\b"),
    (SCAM, "documents", "ko", r"통장\s*(사본|대여|양도)|체크\s*카드|신분증\s*(사본|제출)"),
    (
        SCAM,
        "documents",
        "en",
        r"\b(bank|debit|atm)\s+card\b|\bcopy\s+of\s+(your\s+)?(id|passport)\b",
    ),
    (SCAM, "documents", "id", r"\bkartu\s+atm\b|\bbuku\s+tabungan\b|\bfotokopi\s+ktp\b"),
    (SCAM, "messenger", "ko", r"(카카오톡|카톡|텔레그램)\s*(으로만|만)|텔레그램|오픈\s*채팅"),
    (SCAM, "messenger", "en", r"\btelegram\b|\bwhatsapp\s+only\b"),
    (SCAM, "messenger", "id", r"\bhubungi\s+(via\s+)?(telegram|whatsapp|wa)\s+saja\b|\btelegram\b"),
)


@dataclass(frozen=True)
class RuleSpec:
    kind: str
    category: str
    language: str
    pattern: str

    def compiled(self) -> re.Pattern[str] | None:
        try:
            return re.compile(self.pattern, re.IGNORECASE)
        except re.error:
            return None


def valid_pattern(pattern: str) -> bool:
    """Whether an officer's pattern is a usable regular expression that does not match nothing."""
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error:
        return False
    return compiled.search("") is None


@dataclass(frozen=True)
class Finding:
    kind: str
    category: str
    # The words in the posting that caused it (empty for pay findings).
    words: tuple[str, ...]
    blocking: bool
    # For pay findings: the hourly figures compared.
    detail: Mapping[str, int] | None = None

    @property
    def law(self) -> Law:
        return LAW_OF[self.category]

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "category": self.category,
            "words": list(self.words),
            "blocking": self.blocking,
            "law": str(self.law.value),
            "detail": dict(self.detail or {}),
        }


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def check_text(texts: Iterable[str], rules: Sequence[RuleSpec]) -> list[Finding]:
    """The findings of the rules in the texts, one per category with every word that matched."""
    joined = "\n".join(_folded(text) for text in texts)
    words: dict[tuple[str, str], dict[str, None]] = {}
    for rule in rules:
        pattern = rule.compiled()
        if pattern is None:
            continue
        for match in pattern.finditer(joined):
            if match.group(0).strip():
                words.setdefault((rule.kind, rule.category), {})[match.group(0).strip()] = None
    return [
        Finding(kind=kind, category=category, words=tuple(found), blocking=kind == FORBIDDEN)
        for (kind, category), found in sorted(words.items())
    ]


def hourly(amount: int, unit: str) -> float:
    from egov.jobs.models import HOURS_IN, SalaryUnit

    return amount / HOURS_IN[SalaryUnit(unit)]


def check_pay(
    *, salary_min: int | None, salary_max: int | None, unit: str, minimum_wage: int
) -> list[Finding]:
    """Missing pay, or a lowest pay below the hourly minimum wage (Minimum Wage Act art. 6)."""
    if not salary_min or not salary_max or not unit:
        return [Finding(kind=FORBIDDEN, category="pay_missing", words=(), blocking=True)]
    rate = hourly(salary_min, unit)
    if rate < minimum_wage:
        return [
            Finding(
                kind=FORBIDDEN,
                category="below_minimum_wage",
                words=(),
                blocking=True,
                detail={"hourly": int(rate), "minimum": minimum_wage},
            )
        ]
    return []


def minimum_wage_for(year: int, configured: Mapping[int, int]) -> int:
    """The hourly minimum wage in ``year``: as set by an officer, else as the table says.

    A year beyond the table uses its latest year's figure until an officer sets it.
    """
    if year in configured:
        return configured[year]
    table = limits.MINIMUM_WAGE_BY_YEAR
    if year in table:
        return table[year]
    known = [known_year for known_year in table if known_year <= year]
    return table[max(known)] if known else table[min(table)]
