"""Masking personal data shown to someone other than its owner, in the Korean way.

Each function takes what a person typed, in any width or script of digits,
and returns a form safe to show: the recognised layouts come back in one
standard shape (010-****-5678), and anything unrecognised is masked more,
never less. No function ever returns non-empty input unmasked.
"""

from __future__ import annotations

import re
import unicodedata

# Modern Hangul syllables; NFKC has already composed a name typed as separate jamo.
_HANGUL_SYLLABLES = re.compile(r"[\uac00-\ud7a3]+")
_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")
_ASCII_DIGIT = re.compile(r"[0-9]")
_NON_SPACE = re.compile(r"\S")

# What people put between the groups of a phone or registration number,
# including the en dashes and minus signs word processors substitute.
_PHONE_SEPARATORS = re.compile(r"[\s().\-\u2010-\u2015\u2212]")
_RESIDENT_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]")

# Korean numbers: mobile, Seoul, the other area codes, internet phones and
# toll-free (070, 080), and personal "safe numbers" (0502-0508).
_KOREAN_NUMBER = re.compile(r"(01[016789]|02|0[3-6][1-5]|0[78]0|050[2-8])([0-9]{3,4})([0-9]{4})")
# Indonesian mobiles: an 08xx operator prefix and 10 to 13 digits in all.
_INDONESIAN_MOBILE = re.compile(r"(08[1-9][0-9])([0-9]{2,5})([0-9]{4})")


def ascii_digits(text: str) -> str:
    """The text with every decimal digit (fullwidth, Arabic-Indic ...) written as 0-9.

    One character stays one character, so positions found in the result are
    positions in the original.
    """
    if text.isascii():
        return text
    return _NON_ASCII_DIGIT.sub(lambda match: str(unicodedata.decimal(match.group())), text)


def _normalise(value: str) -> str:
    # NFKC turns fullwidth letters, digits and punctuation into ASCII and
    # composes Hangul typed as separate jamo into syllables.
    return ascii_digits(unicodedata.normalize("NFKC", value)).strip()


def _mask_every_visible_character(text: str) -> str:
    return _NON_SPACE.sub("*", text)


def _mask_digits_except_last(text: str, keep: int) -> str:
    """Mask every digit but the last ``keep``; with no digit at all, mask everything."""
    total = len(_ASCII_DIGIT.findall(text))
    if total == 0:
        return _mask_every_visible_character(text)
    # Never reveal more than half of a short number.
    keep = min(keep, total // 2)
    seen = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal seen
        seen += 1
        return match.group() if seen > total - keep else "*"

    return _ASCII_DIGIT.sub(replace, text)


def _mask_word(word: str) -> str:
    # A one-character word (an initial, a one-syllable name) would be shown
    # whole if its first character were kept, so it is masked entirely.
    if len(word) == 1:
        return "*"
    return word[0] + "*" * (len(word) - 1)


def mask_name(name: str) -> str:
    """김민수 → 김*수, 김수 → 김*, Siti Rahayu → S*** R*****."""
    words = unicodedata.normalize("NFKC", name).split()
    if not words:
        return ""
    joined = "".join(words)
    if _HANGUL_SYLLABLES.fullmatch(joined):
        # Korean names are one unit even when typed as "김 민수": mask the
        # middle syllables, or the last one of a two-syllable name.
        if len(joined) == 1:
            return "*"
        if len(joined) == 2:
            return joined[0] + "*"
        return joined[0] + "*" * (len(joined) - 2) + joined[-1]
    # Latin names (Siti Rahayu) and every other script keep the first
    # character of each word, which never shows more than half of the name.
    return " ".join(_mask_word(word) for word in words)


def _known_phone_parts(digits: str) -> tuple[str, str, str, str] | None:
    """(country prefix, first group, middle group, last group) of a recognised number."""
    if digits.startswith("+"):
        country, national = digits[1:3], digits[3:]
        if country not in {"82", "62"}:
            return None
        # "+82 010-..." and "+82 (0)10-..." keep the trunk zero that dialling
        # from abroad drops.
        national = "0" + national.removeprefix("0")
        pattern = _KOREAN_NUMBER if country == "82" else _INDONESIAN_MOBILE
        match = pattern.fullmatch(national)
        if match is None:
            return None
        first, middle, last = match.groups()
        return f"+{country} ", first[1:], middle, last
    for pattern in (_KOREAN_NUMBER, _INDONESIAN_MOBILE):
        match = pattern.fullmatch(digits)
        if match is not None:
            first, middle, last = match.groups()
            return "", first, middle, last
    return None


def mask_phone(phone: str) -> str:
    """010-1234-5678 → 010-****-5678; +62 812-3456-7890 → +62 812-****-7890.

    Korean and Indonesian numbers come back hyphenated whatever their
    separators were. Anything else keeps only its last four digits.
    """
    text = _normalise(phone)
    if not text:
        return ""
    compact = _PHONE_SEPARATORS.sub("", text)
    if re.fullmatch(r"\+?[0-9]+", compact):
        parts = _known_phone_parts(compact)
        if parts is not None:
            country, first, middle, last = parts
            return f"{country}{first}-{'*' * len(middle)}-{last}"
    return _mask_digits_except_last(text, keep=4)


def mask_resident_number(rrn: str) -> str:
    """900101-1234567 → 900101-1******: the birth date and the sex digit stay.

    Foreign registration numbers have the same shape and are masked the same
    way. Anything that is not thirteen digits has every digit masked.
    """
    text = _normalise(rrn)
    compact = _RESIDENT_SEPARATORS.sub("", text)
    if re.fullmatch(r"[0-9]{13}", compact):
        return f"{compact[:6]}-{compact[6]}******"
    return _mask_digits_except_last(text, keep=0)


def mask_email(email: str) -> str:
    """abcdef@example.org → ab***@example.org; a@x.org → a***@x.org."""
    text = _normalise(email)
    local, at, domain = text.rpartition("@")
    if not at or not local or not domain:
        return mask_name(text)
    # Three asterisks whatever the length, so the mask does not tell it.
    visible = local[:2] if len(local) > 2 else local[:1]
    return f"{visible}***@{domain}"


_ISO_DATE = re.compile(r"([0-9]{4})-?([0-9]{2})-?([0-9]{2})")


def mask_date_of_birth(date: str) -> str:
    """1990-01-31 → 1990-**-**: the year stays, as it does in a masked resident number.

    Anything that is not an ISO date has every digit masked.
    """
    text = _normalise(date)
    match = _ISO_DATE.fullmatch(text)
    if match is not None:
        return f"{match.group(1)}-**-**"
    return _mask_digits_except_last(text, keep=0)


def mask_address(address: str) -> str:
    """서울특별시 종로구 세종대로 209 → 서울특별시 종로구 ***.

    The first words name the province and the city or district (시·도, 시·군·구;
    Indonesian addresses put the street first, which is why never more than
    half of the words is kept): at most two of them stay, never more than half
    of the words, and the rest becomes three asterisks whatever its length.
    """
    words = _normalise(address).split()
    if not words:
        return ""
    keep = min(2, len(words) // 2)
    return " ".join([*words[:keep], "***"])
