"""Korean business registration numbers (사업자등록번호), checked by their check digit.

A number is ten digits, written ``123-45-67890``: a three-digit tax office
code, a two-digit kind of business, four serial digits and a check digit.
The National Tax Service computes the check digit from the first nine with
the weights 1 3 7 1 3 7 1 3 5, adding the tens of the ninth digit times five;
the check digit is what brings the sum to a multiple of ten. A valid check
digit proves only that the number was not mistyped, not that the business
exists: an employment officer verifies the company itself.
"""

from __future__ import annotations

import re

WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)
_FORMATTED = re.compile(r"[0-9]{3}-?[0-9]{2}-?[0-9]{5}")


def check_digit(first_nine: str) -> int:
    """The check digit for the first nine digits of a number."""
    digits = [int(digit) for digit in first_nine]
    total = sum(digit * weight for digit, weight in zip(digits, WEIGHTS, strict=True))
    total += digits[8] * 5 // 10
    return (10 - total % 10) % 10


def normalize(text: str) -> str | None:
    """The ten digits of a well-formed number with a correct check digit, else None.

    Accepts ``1248100998`` and ``124-81-00998`` (ASCII digits only).
    """
    text = text.strip()
    if not text.isascii() or not _FORMATTED.fullmatch(text):
        return None
    digits = text.replace("-", "")
    if check_digit(digits[:9]) != int(digits[9]):
        return None
    return digits


def formatted(digits: str) -> str:
    """``124-81-00998``."""
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"
