"""The organisation's own company fields: their definitions, and the form fields that
edit a company's values (the avatar's criteria over them are prospecting's).

Values live in ``Company.custom`` by key (str for choice and text, int for number,
bool for yes/no). The API and the
import name a field by its key; the UI shows its label.
"""

from __future__ import annotations

import re

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from eigyo.companies.models import Company, CompanyField
from eigyo.core import writes
from eigyo.core.api import FormInvalid, valid
from eigyo.lib import jp_text

# No "__": the avatar form names a field's range and weight own_<key>__min, __weight.
KEY_RE = re.compile(r"[a-z](?:[a-z0-9]|_(?!_)){0,39}")
MAX_CHOICES = 50
NUMBER_LIMIT = 10**15  # whole numbers up to a quadrillion (yen amounts fit)
YES_NO = [("", "—"), ("yes", _("yes")), ("no", _("no"))]
DEFAULT_WEIGHT = 10


def fields_of(org) -> list[CompanyField]:
    return list(CompanyField.objects.filter(org=org))


def fields_for(company: Company) -> list[CompanyField]:
    """The own fields of a company's organisation, read once per company object (the
    company page and its panels all need them)."""
    if "_own_fields" not in company.__dict__:
        company.__dict__["_own_fields"] = fields_of(company.org_id)
    return company.__dict__["_own_fields"]


# --------------------------------------------------------------------------- definitions


class CompanyFieldForm(forms.ModelForm):
    """Define a field (admin). Key and kind are fixed once values exist."""

    key = forms.CharField(
        label=_("key"),
        max_length=40,
        help_text=_(
            "Lower-case letters, digits and _; the name of the field in the API "
            "and in imports. Cannot be changed later."
        ),
    )
    choices_text = forms.CharField(
        label=_("choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line (for a choice field)."),
    )

    class Meta:
        model = CompanyField
        fields = ["label", "key", "kind", "position"]

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.org = org
        if self.instance.pk:
            self.fields["key"].disabled = True
            self.fields["kind"].disabled = True
            self.initial["choices_text"] = "\n".join(self.instance.choices)

    def clean_label(self):
        label = jp_text.normalize_text(self.cleaned_data["label"]).strip()
        if not label:
            raise forms.ValidationError(_("Enter a label."), code="required")
        return label

    def clean_key(self):
        key = self.cleaned_data["key"]
        if self.instance.pk:
            return self.instance.key
        if not KEY_RE.fullmatch(key):
            raise forms.ValidationError(
                _("Start with a lower-case letter; use only a–z, 0–9 and _."), code="invalid"
            )
        if CompanyField.objects.filter(org=self.org, key=key).exists():
            raise forms.ValidationError(
                _("A field with this key already exists."), code="duplicate"
            )
        return key

    def clean(self):
        data = super().clean()
        lines = [
            jp_text.normalize_text(line).strip()
            for line in data.get("choices_text", "").splitlines()
        ]
        choices = list(dict.fromkeys(line for line in lines if line))
        if data.get("kind") == CompanyField.Kind.CHOICE:
            if not choices:
                self.add_error(
                    "choices_text",
                    forms.ValidationError(_("Enter at least one choice."), code="required"),
                )
            elif len(choices) > MAX_CHOICES:
                self.add_error(
                    "choices_text",
                    forms.ValidationError(
                        _("At most %(n)s choices.") % {"n": MAX_CHOICES}, code="max_length"
                    ),
                )
            elif any(len(c) > 100 for c in choices):
                self.add_error(
                    "choices_text",
                    forms.ValidationError(
                        _("A choice may be at most 100 characters."), code="max_length"
                    ),
                )
        else:
            choices = []
        data["choices"] = choices
        return data

    def save(self, commit=True):
        self.instance.org = self.org
        self.instance.choices = self.cleaned_data["choices"]
        return super().save(commit)


@transaction.atomic
def delete_field(field: CompanyField) -> int:
    """Delete a field with its values on every company (and, through pre_delete, what
    refers to it by key, such as an avatar criterion)."""
    companies = list(Company.objects.filter(org=field.org_id, custom__has_key=field.key))
    for company in companies:
        company.custom.pop(field.key, None)
    writes.bulk_update(Company, companies, ["custom"])
    field.delete()  # apps that refer to fields by key (the avatar) hear pre_delete
    return len(companies)


# --------------------------------------------------------------------------- values


def value_field(field: CompanyField) -> forms.Field:
    """The form field that edits one company's value of an own field."""
    common = {"label": field.label, "required": False}
    if field.kind == CompanyField.Kind.CHOICE:
        return forms.ChoiceField(choices=[("", "—"), *((c, c) for c in field.choices)], **common)
    if field.kind == CompanyField.Kind.YES_NO:
        return forms.ChoiceField(choices=YES_NO, **common)
    if field.kind == CompanyField.Kind.NUMBER:
        return forms.IntegerField(min_value=-NUMBER_LIMIT, max_value=NUMBER_LIMIT, **common)
    return forms.CharField(max_length=200, **common)


def form_value(field: CompanyField, value):
    """A stored value as the form (or an API client) writes it."""
    if field.kind == CompanyField.Kind.YES_NO and isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else value


def stored_value(field: CompanyField, cleaned):
    """A cleaned form value as stored; None means "no value"."""
    if cleaned in (None, ""):
        return None
    if field.kind == CompanyField.Kind.YES_NO:
        return cleaned == "yes"
    if field.kind == CompanyField.Kind.TEXT:
        return jp_text.normalize_text(cleaned).strip() or None
    return cleaned


def name(field: CompanyField) -> str:
    return f"own_{field.key}"


def add_value_fields(form: forms.Form, fields: list[CompanyField], company: Company | None):
    for field in fields:
        form.fields[name(field)] = value_field(field)
        if company is not None and field.key in company.custom:
            form.initial.setdefault(name(field), form_value(field, company.custom[field.key]))


def values_from(cleaned_data: dict, fields: list[CompanyField], current: dict) -> dict:
    """The company's new custom dict: submitted fields replace, others are kept."""
    values = dict(current)
    for field in fields:
        if name(field) not in cleaned_data:
            continue
        value = stored_value(field, cleaned_data[name(field)])
        if value is None:
            values.pop(field.key, None)
        else:
            values[field.key] = value
    return values


def api_data(custom: dict | None, org, current: dict) -> dict:
    """Form data for an API payload's ``custom``: every field at its current value,
    overlaid with the payload; an unknown key is a 422 naming it."""
    fields = {f.key: f for f in fields_of(org)}
    unknown = sorted(set(custom or {}) - set(fields))
    if unknown:
        raise FormInvalid.single(
            "custom", str(_("Unknown field: %(keys)s") % {"keys": ", ".join(unknown)})
        )
    data = {name(f): form_value(f, current.get(key)) for key, f in fields.items()}
    for key, value in (custom or {}).items():
        data[name(fields[key])] = form_value(fields[key], value)
    return data


def valid_api(form):
    """The valid form, or raise FormInvalid with own fields named ``custom.<key>`` (a
    field the role may not set is named too: core.api.valid)."""
    try:
        return valid(form)
    except FormInvalid as exc:
        error = exc
    for item in error.errors:
        if item["field"].startswith("own_"):
            item["field"] = "custom." + item["field"].removeprefix("own_")
    raise error


def displayed(company: Company, fields: list[CompanyField]) -> list[tuple[str, str]]:
    """(label, value) for the company page, in the fields' order."""
    return [
        (f.label, f.display(company.custom.get(f.key)))
        for f in fields
        if company.custom.get(f.key) not in (None, "")
    ]
