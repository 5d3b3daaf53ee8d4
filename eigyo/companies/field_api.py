"""The organisation's own company fields over the API (same forms and access rules as
the pages)."""

from django.http import HttpRequest
from ninja import Router, Schema, Status

from eigyo.accounts import access
from eigyo.companies import own_fields, services
from eigyo.companies.access import can_manage_company_fields, visible_company_fields
from eigyo.companies.models import CompanyField
from eigyo.core.api import Forbidden, FormInvalid, valid

router = Router(tags=["company fields"])


class FieldOut(Schema):
    id: int
    key: str
    label: str
    kind: str
    choices: list[str]
    position: int


class FieldIn(Schema):
    key: str | None = None
    label: str | None = None
    kind: str | None = None
    choices: list[str] | None = None
    position: int | None = None


def _field_data(payload: FieldIn, field: CompanyField | None = None) -> dict:
    data = {
        "key": field.key if field else "",
        "label": field.label if field else "",
        "kind": field.kind if field else "choice",
        "position": field.position if field else 0,
        "choices_text": "\n".join(field.choices) if field else "",
    }
    given = payload.dict(exclude_unset=True)
    if "choices" in given:
        data["choices_text"] = "\n".join(given.pop("choices") or [])
    data.update({k: ("" if v is None else v) for k, v in given.items()})
    return data


def _org_fields(request: HttpRequest):
    return visible_company_fields(request.user)


@router.get("/company-fields", response=list[FieldOut])
def list_fields(request: HttpRequest):
    """The organisation's own company fields (everyone who sees companies)."""
    return list(_org_fields(request))


@router.post("/company-fields", response={201: FieldOut})
def create_field(request: HttpRequest, payload: FieldIn):
    if not can_manage_company_fields(request.user):
        raise Forbidden
    form = own_fields.CompanyFieldForm(
        _field_data(payload), org=access.membership(request.user).org
    )
    return Status(201, services.save_company_field(valid(form), by=request.user))


@router.patch("/company-fields/{int:field_id}", response=FieldOut)
def update_field(request: HttpRequest, field_id: int, payload: FieldIn):
    field = access.get_visible(_org_fields(request), pk=field_id)
    if not can_manage_company_fields(request.user):
        raise Forbidden
    if payload.key not in (None, field.key) or payload.kind not in (None, field.kind):
        raise FormInvalid.single("key", "a field's key and kind cannot be changed")
    form = own_fields.CompanyFieldForm(_field_data(payload, field), instance=field, org=field.org)
    return services.save_company_field(valid(form), by=request.user)


@router.delete("/company-fields/{int:field_id}", response={204: None})
def delete_field(request: HttpRequest, field_id: int):
    """Delete a field, its value on every company and its avatar criterion."""
    field = access.get_visible(_org_fields(request), pk=field_id)
    if not can_manage_company_fields(request.user):
        raise Forbidden
    services.delete_company_field(field, by=request.user)
    return Status(204, None)
