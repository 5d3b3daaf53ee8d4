"""The avatar's criteria over the organisation's own company fields: the form fields
that edit them, and their shape in ``Avatar.custom_criteria`` (by field key)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from eigyo.companies.models import CompanyField
from eigyo.companies.own_fields import DEFAULT_WEIGHT, NUMBER_LIMIT
from eigyo.core.api import FormInvalid
from eigyo.prospecting.models import Avatar


def add_criteria_fields(form: forms.Form, fields: list[CompanyField], avatar: Avatar):
    """Per choice / yes-no / number field: what fits, and how much it weighs."""
    for field in fields:
        rule = avatar.custom_criteria.get(field.key, {})
        prefix = f"own_{field.key}"
        if field.kind == CompanyField.Kind.CHOICE:
            form.fields[prefix] = forms.MultipleChoiceField(
                label=field.label,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(c, c) for c in field.choices],
            )
            form.initial[prefix] = rule.get("values", [])
        elif field.kind == CompanyField.Kind.YES_NO:
            form.fields[prefix] = forms.ChoiceField(
                label=field.label,
                required=False,
                choices=[("", _("any")), ("yes", _("yes")), ("no", _("no"))],
            )
            values = rule.get("values", [])
            form.initial[prefix] = "yes" if values == [True] else "no" if values == [False] else ""
        elif field.kind == CompanyField.Kind.NUMBER:
            for end, label in (("min", _("%(field)s: at least")), ("max", _("%(field)s: at most"))):
                form.fields[f"{prefix}__{end}"] = forms.IntegerField(
                    label=label % {"field": field.label},
                    required=False,
                    min_value=-NUMBER_LIMIT,
                    max_value=NUMBER_LIMIT,
                )
                form.initial[f"{prefix}__{end}"] = rule.get(end)
        else:
            continue  # text is shown, not scored
        form.fields[f"{prefix}__weight"] = forms.IntegerField(
            label=_("weight: %(field)s") % {"field": field.label}, min_value=0, max_value=1000
        )
        form.initial[f"{prefix}__weight"] = rule.get("weight", DEFAULT_WEIGHT)


def criteria_from(cleaned_data: dict, fields: list[CompanyField]) -> dict:
    """Avatar.custom_criteria from the cleaned form; a field left open has no criterion."""
    criteria = {}
    for field in fields:
        prefix = f"own_{field.key}"
        weight = cleaned_data.get(f"{prefix}__weight")
        if field.kind == CompanyField.Kind.CHOICE and cleaned_data.get(prefix):
            rule = {"values": list(cleaned_data[prefix])}
        elif field.kind == CompanyField.Kind.YES_NO and cleaned_data.get(prefix):
            rule = {"values": [cleaned_data[prefix] == "yes"]}
        elif field.kind == CompanyField.Kind.NUMBER and (
            cleaned_data.get(f"{prefix}__min") is not None
            or cleaned_data.get(f"{prefix}__max") is not None
        ):
            rule = {
                "min": cleaned_data.get(f"{prefix}__min"),
                "max": cleaned_data.get(f"{prefix}__max"),
            }
        else:
            continue
        rule["weight"] = DEFAULT_WEIGHT if weight is None else weight
        criteria[field.key] = rule
    return criteria


def criteria_data(criteria: dict, fields: list[CompanyField]) -> dict:
    """Form data for an API payload's ``custom_criteria``; an unknown key is a 422."""
    by_key = {f.key: f for f in fields if f.kind != CompanyField.Kind.TEXT}
    unknown = sorted(set(criteria) - set(by_key))
    if unknown:
        raise FormInvalid.single(
            "custom_criteria", str(_("Unknown field: %(keys)s") % {"keys": ", ".join(unknown)})
        )
    data: dict = {f"own_{key}__weight": DEFAULT_WEIGHT for key in by_key}
    for key, rule in criteria.items():
        field, prefix = by_key[key], f"own_{key}"
        if not isinstance(rule, dict):
            raise FormInvalid.single(f"custom_criteria.{key}", "expected an object")
        values = rule.get("values") or []
        if field.kind == CompanyField.Kind.CHOICE:
            data[prefix] = values if isinstance(values, list) else [values]
        elif field.kind == CompanyField.Kind.YES_NO:
            data[prefix] = {True: "yes", False: "no"}.get(values[0], values[0]) if values else ""
        else:
            data[f"{prefix}__min"] = "" if rule.get("min") is None else rule["min"]
            data[f"{prefix}__max"] = "" if rule.get("max") is None else rule["max"]
        data[f"{prefix}__weight"] = rule.get("weight", DEFAULT_WEIGHT)
    return data


def check_range(form: forms.Form, fields: list[CompanyField]) -> None:
    for field in fields:
        low = form.cleaned_data.get(f"own_{field.key}__min")
        high = form.cleaned_data.get(f"own_{field.key}__max")
        if low is not None and high is not None and low > high:
            form.add_error(f"own_{field.key}__max", _("The upper end is below the lower end."))


def forget_field(sender, instance: CompanyField, **kwargs) -> None:
    """pre_delete of a company field: its criterion leaves every avatar."""
    for avatar in Avatar.objects.filter(org=instance.org_id):
        if avatar.custom_criteria.pop(instance.key, None) is not None:
            avatar.save(update_fields=["custom_criteria"])
