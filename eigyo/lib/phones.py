"""Phone numbers: parse what people type, store E.164, display national format.

Pure module (stdlib + phonenumbers).
"""

from __future__ import annotations

import unicodedata
from typing import Literal

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

__all__ = ["InvalidPhone", "format_phone", "normalize_phone"]

ErrorCode = Literal["empty", "unparsable", "invalid", "extension"]


class InvalidPhone(ValueError):
    """Raised for input that is not a valid phone number; ``code`` says why."""

    MESSAGES: dict[str, str] = {
        "empty": "Enter a phone number.",
        "unparsable": "This does not look like a phone number.",
        "invalid": "This is not a valid phone number.",
        "extension": "Enter the extension separately.",
    }

    def __init__(self, code: ErrorCode, value: str = "") -> None:
        self.code: ErrorCode = code
        self.value = value
        super().__init__(self.MESSAGES[code])


def _parse(text: str, region: str | None) -> phonenumbers.PhoneNumber:
    try:
        return phonenumbers.parse(text, region)
    except NumberParseException as exc:
        raise InvalidPhone("unparsable", text) from exc


def normalize_phone(s: str | None, region: str = "JP") -> str:
    """E.164 form ("+81312345678") of a number typed the local way.

    Accepts full-width digits, hyphens (also ー), brackets, spaces and a
    leading "+81"; numbers without a country code are read for ``region``.
    Raises :class:`InvalidPhone` when phonenumbers does not consider the
    number valid, or when it carries an extension (E.164 cannot hold one).
    """
    text = unicodedata.normalize("NFKC", s or "").strip()
    if not text:
        raise InvalidPhone("empty")
    number = _parse(text, region)
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone("invalid", text)
    if number.extension:
        raise InvalidPhone("extension", text)
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def format_phone(e164: str) -> str:
    """Display form: national for Japanese numbers ("03-1234-5678"), else international."""
    number = _parse(e164, None)
    if number.country_code == 81:
        return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
