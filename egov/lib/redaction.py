"""Finding and masking personal data inside free text before it is published.

Citizens write phone numbers, e-mail addresses, resident registration numbers
and card numbers into complaints in Korean, English and Indonesian. Korean
puts particles straight after a number ("01012345678입니다"), so the patterns
are bounded by "no digit on either side" rather than by word boundaries, which
Hangul would defeat. Every repetition is bounded and a match may only start
where a number (or an e-mail domain) starts, so a long text is scanned in
linear time.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterator
from typing import NamedTuple

from egov.lib.masking import ascii_digits, mask_email, mask_phone, mask_resident_number

# Text typed on a Korean keyboard in fullwidth mode (fullwidth digits, letters,
# hyphens and at signs) or pasted from a word processor (en dashes, no-break
# spaces) is searched as if it were plain ASCII; each of these characters
# stands for exactly one ASCII character.
_LOOKALIKE = re.compile("[\uff01-\uff5e\u2010-\u2015\u2212\u00a0\u3000]")
_FULLWIDTH_OFFSET = 0xFEE0
_ANY_CANDIDATE = re.compile(r"[0-9@]")
_NOT_A_DIGIT = re.compile(r"[^0-9]")

# Not the tail or the head of a longer number such as 2AA-2611-000123.
_START = r"(?<![0-9])(?<![0-9][-.])"
_END = r"(?![0-9])(?![-.][0-9])"

# The domain is found by the pattern and the local part by walking back from
# the @, so that a long run of letters is never rescanned from every position.
_EMAIL_DOMAIN = re.compile(
    r"""
    @
    (?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+
    [A-Za-z]{2,24}
    (?![A-Za-z0-9-])                    # a Hangul particle may follow directly
    """,
    re.VERBOSE,
)
_EMAIL_LOCAL_CHARACTERS = frozenset(string.ascii_letters + string.digits + "._%+-")
_EMAIL_LOCAL_MAX = 64

_RESIDENT_NUMBER = re.compile(
    _START
    + r"""
    [0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])  # YYMMDD, a real month and day
    [-\ ]?
    [1-8][0-9]{6}     # 1-4 citizens, 5-8 foreign residents
    """
    + _END,
    re.VERBOSE,
)

_CARD = re.compile(
    _START
    + r"""
    (?:
        [0-9]{13,19}
      | [0-9]{4}(?P<sep>[-\ ])[0-9]{4}(?P=sep)[0-9]{4}(?P=sep)
        (?:[0-9]{4}(?P<tail>(?P=sep)[0-9]{3})?|[0-9]{1,3})   # 4-4-4-4, 4-4-4-4-3, short
      | [0-9]{4}(?P<amex>[-\ ])[0-9]{6}(?P=amex)[0-9]{4,5}   # American Express, Diners
    )
    """
    + _END,
    re.VERBOSE,
)

_PHONE = re.compile(
    _START
    + r"""
    (?:
        (?:
            \+82[-.\ ]?(?:\(0\)|0)?(?:1[016789]|2|[3-6][1-5]|[78]0|50[2-8])
          | 01[016789] | 0[78]0 | 050[2-8]
          | \((?:02|0[3-6][1-5])\)\ ?
          | 02 | 0[3-6][1-5]
        )
        [-.\ ]?[0-9]{3,4}[-.\ ]?[0-9]{4}
      | (?:\+62[-.\ ]?(?:\(0\)|0)?|0)8[1-9][0-9][-.\ ]?[0-9]{3,4}[-.\ ]?[0-9]{3,5}
    )
    """
    + _END,
    re.VERBOSE,
)


def _email_spans(text: str) -> Iterator[tuple[int, int]]:
    for match in _EMAIL_DOMAIN.finditer(text):
        at = start = match.start()
        while (
            start > 0
            and at - start < _EMAIL_LOCAL_MAX
            and text[start - 1] in _EMAIL_LOCAL_CHARACTERS
        ):
            start -= 1
        # "...kim@" or "-kim@": the punctuation before the name is not part of it.
        while start < at and not text[start].isalnum():
            start += 1
        if start < at:
            yield start, match.end()


def _pattern_spans(pattern: re.Pattern[str]) -> Callable[[str], Iterator[tuple[int, int]]]:
    def spans(text: str) -> Iterator[tuple[int, int]]:
        for match in pattern.finditer(text):
            yield match.span()

    return spans


def _card_spans(text: str) -> Iterator[tuple[int, int]]:
    for match in _CARD.finditer(text):
        if _is_card_number(match.group()):
            yield match.span()
        elif match.group("tail") is not None:
            # "4111 1111 1111 1111 123": a 16-digit card followed by a short number.
            card = text[match.start() : match.start("tail")]
            if _is_card_number(card):
                yield match.start(), match.start("tail")


def _passes_luhn(digits: str) -> bool:
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _is_card_number(candidate: str) -> bool:
    # Thirteen to nineteen digits are common (orders, accounts, receipts);
    # the check digit is what tells a card number from them.
    return _passes_luhn(_NOT_A_DIGIT.sub("", candidate))


def _mask_card(number: str) -> str:
    return "****-****-****-" + _NOT_A_DIGIT.sub("", ascii_digits(number))[-4:]


class _Kind(NamedTuple):
    name: str
    spans: Callable[[str], Iterator[tuple[int, int]]]
    mask: Callable[[str], str]


# In order of precedence when two matches start at the same place: an e-mail
# address may contain a phone number, and a resident number may pass Luhn.
_KINDS = (
    _Kind("email", _email_spans, mask_email),
    _Kind("resident_number", _pattern_spans(_RESIDENT_NUMBER), mask_resident_number),
    _Kind("card", _card_spans, _mask_card),
    _Kind("phone", _pattern_spans(_PHONE), mask_phone),
)


class _Found(NamedTuple):
    start: int
    end: int
    kind: _Kind


def _plain_lookalike(match: re.Match[str]) -> str:
    character = match.group()
    if "\uff01" <= character <= "\uff5e":
        return chr(ord(character) - _FULLWIDTH_OFFSET)
    return " " if character in "\u00a0\u3000" else "-"


def _searchable(text: str) -> str:
    """The text with fullwidth characters, dashes and all digits as ASCII, one for one."""
    if text.isascii():
        return text
    return ascii_digits(_LOOKALIKE.sub(_plain_lookalike, text))


def _find(text: str) -> list[_Found]:
    searchable = _searchable(text)
    if not _ANY_CANDIDATE.search(searchable):
        return []
    candidates: list[tuple[int, int, int, _Kind]] = []
    for precedence, kind in enumerate(_KINDS):
        for start, end in kind.spans(searchable):
            candidates.append((start, precedence, end, kind))
    candidates.sort(key=lambda candidate: candidate[:2])
    found: list[_Found] = []
    covered_until = 0
    for start, _, end, kind in candidates:
        if start >= covered_until:
            found.append(_Found(start, end, kind))
            covered_until = end
    return found


def find_personal_data(text: str) -> list[tuple[str, str]]:
    """(kind, text as written) for each piece of personal data, in reading order.

    Kinds are "phone", "email", "resident_number" and "card", so a form can
    warn a citizen before anything is published.
    """
    return [(found.kind.name, text[found.start : found.end]) for found in _find(text)]


def redact(text: str) -> str:
    """The text with personal data masked as the mask_* functions mask it.

    Text with nothing to mask is returned as it is.
    """
    found = _find(text)
    if not found:
        return text
    pieces: list[str] = []
    position = 0
    for item in found:
        pieces.append(text[position : item.start])
        pieces.append(item.kind.mask(text[item.start : item.end]))
        position = item.end
    pieces.append(text[position:])
    return "".join(pieces)
