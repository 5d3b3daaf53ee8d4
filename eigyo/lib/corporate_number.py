"""Japanese corporate number (法人番号): cleaning and check-digit validation.

13 digits; the FIRST digit is the check digit, computed from the other twelve
as ``9 - (Σ digit × weight mod 9)`` with weights 1, 2, 1, 2 … counted from the
rightmost digit (National Tax Agency specification; same as ``stdnum.jp.cn``).
Pure module (stdlib only).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

__all__ = [
    "InvalidCorporateNumber",
    "check_digit",
    "clean",
    "format_number",
    "is_valid",
    "validate",
]

ErrorCode = Literal["length", "digits", "checksum"]

# Spaces and every dash people type, including the IME long-vowel mark ー.
_SEPARATORS_RE = re.compile(r"[\s\-‐‑‒–—―−ー]+")
_DIGITS_RE = re.compile(r"[0-9]*")  # ASCII only: str.isdigit() accepts "٣" and "²"


class InvalidCorporateNumber(ValueError):
    """Raised by :func:`validate`; ``code`` says why, so a UI can word the message."""

    MESSAGES: dict[str, str] = {
        "length": "A corporate number has 13 digits.",
        "digits": "A corporate number contains digits only.",
        "checksum": "The check digit (the first digit) does not match.",
    }

    def __init__(self, code: ErrorCode, value: str = "") -> None:
        self.code: ErrorCode = code
        self.value = value
        super().__init__(self.MESSAGES[code])


def clean(s: str | None) -> str:
    """NFKC (full-width digits → ASCII), then drop spaces and hyphens."""
    if not s:
        return ""
    return _SEPARATORS_RE.sub("", unicodedata.normalize("NFKC", s))


def check_digit(twelve_digits: str) -> str:
    """The check digit ("1"–"9") for the 12 digits that follow it."""
    if len(twelve_digits) != 12 or not _DIGITS_RE.fullmatch(twelve_digits):
        raise ValueError("check_digit expects exactly 12 ASCII digits")
    # Weight 1 for the rightmost digit, then 2, 1, 2 … leftwards.
    total = sum(int(d) * (1 if i % 2 == 0 else 2) for i, d in enumerate(reversed(twelve_digits)))
    return str(9 - total % 9)


def validate(s: str | None) -> str:
    """The clean 13-digit number, or raise :class:`InvalidCorporateNumber`.

    Codes: 'digits' (anything but digits after cleaning), 'length' (not 13
    digits; also for ""), 'checksum'. Callers decide whether empty is allowed.
    """
    number = clean(s)
    if not _DIGITS_RE.fullmatch(number):
        raise InvalidCorporateNumber("digits", number)
    if len(number) != 13:
        raise InvalidCorporateNumber("length", number)
    if check_digit(number[1:]) != number[0]:
        raise InvalidCorporateNumber("checksum", number)
    return number


def is_valid(s: str | None) -> bool:
    """True if :func:`validate` accepts s."""
    try:
        validate(s)
    except InvalidCorporateNumber:
        return False
    return True


def format_number(s: str) -> str:
    """Display form "X-XXXX-XXXX-XXXX" of a valid number (raises if invalid)."""
    n = validate(s)
    return f"{n[0]}-{n[1:5]}-{n[5:9]}-{n[9:]}"
