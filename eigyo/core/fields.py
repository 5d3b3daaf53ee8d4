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


MAX_ID = 2**63 - 1


def is_id(value) -> bool:
    try:
        return 1 <= int(str(value)) <= MAX_ID
    except ValueError:
        return False


class ModelChoiceField(forms.ModelChoiceField):
    """A choice by id that refuses ids no database row can have (a 25-digit id
    would otherwise overflow SQLite's integer instead of being 'not a choice')."""

    def to_python(self, value):
        if value not in self.empty_values and not is_id(getattr(value, "pk", value)):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for item in value or []:
            if not is_id(getattr(item, "pk", item)):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)


def formfield(db_field, **kwargs):
    """ModelForm formfield_callback: relations use the id-checking fields above."""
    from django.db import models

    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")  # Django 6's default, chosen now
    elif isinstance(db_field, models.ForeignKey):
        kwargs.setdefault("form_class", ModelChoiceField)
    elif isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
    return db_field.formfield(**kwargs)
