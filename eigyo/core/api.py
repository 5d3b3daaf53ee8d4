"""API plumbing shared by every router: form-backed validation, errors, pagination
(token auth is accounts')."""

from __future__ import annotations

from django.forms import model_to_dict
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination


class FormInvalid(Exception):
    """A form-backed payload failed validation; answered as 422 with field messages."""

    def __init__(self, form=None, *, errors: list[dict] | None = None):
        super().__init__("invalid")
        if form is None:
            self.conflict, self.errors = False, errors or []
            return
        # A clash with an existing record (same corporate number, same portfolio
        # entry) is a conflict, not a malformed request.
        self.conflict = any(
            e.code == "duplicate" for errors in form.errors.as_data().values() for e in errors
        )
        self.errors = [
            {"field": field, "message": str(message)}
            for field, messages in form.errors.items()
            for message in messages
        ]

    @classmethod
    def single(cls, field: str, message: str) -> FormInvalid:
        """A validation error raised outside a form."""
        return cls(errors=[{"field": field, "message": message}])


def valid(form):
    """The form itself once valid, or raise FormInvalid (→ 422); the caller then
    hands `form.cleaned_data` to the app's service. A field the form withholds from
    this user (a partner user and a deal's owner) is a 422 naming it when the payload
    sets it, never silently dropped."""
    refused = refused_fields(form)
    if refused:
        message = _("Your role may not set this field.")
        raise FormInvalid(errors=[{"field": name, "message": str(message)} for name in refused])
    if not form.is_valid():
        raise FormInvalid(form)
    return form


def _plain(value) -> list[str]:
    """A value as its sorted non-empty parts, so "", None, False and [] compare equal (an
    unticked box sets nothing)."""
    items = value if hasattr(value, "__iter__") and not isinstance(value, str) else [value]
    return sorted(
        str(getattr(v, "pk", v)) for v in items if not (v is None or v is False or v == "")
    )


def refused_fields(form) -> list[str]:
    """The form class's fields this form instance left out for its user, that the data
    sets to something other than what is stored (or, for a new record, to anything)."""
    withheld = [name for name in type(form).base_fields if name not in form.fields]
    data = form.data if form.is_bound else {}
    instance = getattr(form, "instance", None)
    stored = (
        model_to_dict(instance, fields=withheld)
        if instance is not None and instance.pk is not None
        else {}
    )
    refused = []
    for name in withheld:
        if name not in data:
            continue
        sent = _plain(data.getlist(name) if hasattr(data, "getlist") else data[name])
        if sent != _plain(stored.get(name)):
            refused.append(name)
    return refused


def merged(instance, form_class, payload: dict) -> dict:
    """Current values overlaid with a PATCH payload, in the form's own terms."""
    fields = list(form_class.base_fields)
    data = model_to_dict(instance, fields=fields)
    for key, value in data.items():
        if hasattr(value, "__iter__") and not isinstance(value, str):
            data[key] = [getattr(v, "pk", v) for v in value]
        elif value is None:
            data[key] = ""
    data.update({k: ("" if v is None else v) for k, v in payload.items()})
    return data


class Forbidden(Exception):
    """The user sees the object (or list) but may not change it: 403."""


class Pagination(PageNumberPagination):
    """Page-number pagination with bounds, so an absurd page is a 422 and not a
    database overflow. `page_size` is at most 100."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=100)

    def __init__(self, **kwargs):
        super().__init__(page_size=25, max_page_size=100, **kwargs)
