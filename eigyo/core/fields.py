"""Form-field cleaners for Japanese data, shared by every form (and so the API)."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from eigyo.lib import corporate_number, jp_text, phones

_POSTAL = re.compile(r"^(\d{3})-?(\d{4})$")

CORPORATE_NUMBER_ERRORS = {
    "length": _("A corporate number has 13 digits."),
    "digits": _("A corporate number contains digits only."),
    "checksum": _("This corporate number is not valid (its check digit does not match)."),
}


def clean_corporate_number(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return corporate_number.validate(value)
    except corporate_number.InvalidCorporateNumber as exc:
        raise forms.ValidationError(
            CORPORATE_NUMBER_ERRORS.get(exc.code, CORPORATE_NUMBER_ERRORS["checksum"]),
            code="invalid_corporate_number",
        ) from exc


def clean_phone(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return phones.normalize_phone(value)
    except phones.InvalidPhone as exc:
        raise forms.ValidationError(
            _("Enter a valid phone number, e.g. 03-1234-5678 or 090-1234-5678."),
            code="invalid_phone",
        ) from exc


def clean_postal_code(value: str) -> str:
    value = jp_text.normalize_text(value).replace("〒", "").replace(" ", "")
    if not value:
        return ""
    match = _POSTAL.match(value)
    if not match:
        raise forms.ValidationError(
            _("Enter a postal code of 7 digits, e.g. 100-0005."), code="invalid_postal_code"
        )
    return f"{match.group(1)}-{match.group(2)}"


def clean_kana(value: str) -> str:
    value = jp_text.normalize_text(value)
    if value and not jp_text.is_kana(value):
        raise forms.ValidationError(
            _("Enter the reading in kana (hiragana or katakana)."), code="invalid_kana"
        )
    return jp_text.to_katakana(value) if value else ""
