"""The organisation's own company fields and the avatar, over the API (same forms and
access rules as the pages)."""

from django.http import HttpRequest
from ninja import Router, Schema, Status

from eigyo.accounts import access
from eigyo.companies import own_fields, spider
from eigyo.companies.models import Avatar, CompanyField
from eigyo.companies.spider_views import AvatarForm, reason_texts
from eigyo.core.api import Forbidden, FormInvalid, validated

router = Router(tags=["avatar"])


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
    return access.visible_company_fields(request.user)


@router.get("/company-fields", response=list[FieldOut])
def list_fields(request: HttpRequest):
    """The organisation's own company fields (everyone who sees companies)."""
    return list(_org_fields(request))


@router.post("/company-fields", response={201: FieldOut})
def create_field(request: HttpRequest, payload: FieldIn):
    if not access.can_manage_company_fields(request.user):
        raise Forbidden
    form = own_fields.CompanyFieldForm(
        _field_data(payload), org=access.membership(request.user).org
    )
    return Status(201, validated(form))


@router.patch("/company-fields/{int:field_id}", response=FieldOut)
def update_field(request: HttpRequest, field_id: int, payload: FieldIn):
    field = access.get_visible(_org_fields(request), pk=field_id)
    if not access.can_manage_company_fields(request.user):
        raise Forbidden
    if payload.key not in (None, field.key) or payload.kind not in (None, field.kind):
        raise FormInvalid.single("key", "a field's key and kind cannot be changed")
    form = own_fields.CompanyFieldForm(_field_data(payload, field), instance=field, org=field.org)
    return validated(form)


@router.delete("/company-fields/{int:field_id}", response={204: None})
def delete_field(request: HttpRequest, field_id: int):
    """Delete a field, its value on every company and its avatar criterion."""
    field = access.get_visible(_org_fields(request), pk=field_id)
    if not access.can_manage_company_fields(request.user):
        raise Forbidden
    own_fields.delete_field(field)
    return Status(204, None)


class AvatarOut(Schema):
    name: str
    sectors: list[str]
    size_classes: list[str]
    segments: list[str]
    prefectures: list[str]
    weight_sector: int
    weight_size: int
    weight_segment: int
    weight_prefecture: int
    custom_criteria: dict[str, dict]


class AvatarIn(Schema):
    name: str | None = None
    sectors: list[str] | None = None
    size_classes: list[str] | None = None
    segments: list[str] | None = None
    prefectures: list[str] | None = None
    weight_sector: int | None = None
    weight_size: int | None = None
    weight_segment: int | None = None
    weight_prefecture: int | None = None
    # By field key: {"values": [...]} (a choice; true/false for yes/no) or
    # {"min": n, "max": n}, with "weight". Replaces all criteria when given.
    custom_criteria: dict[str, dict] | None = None


def _sales_only(request: HttpRequest):
    if access.role(request.user) not in access.SALES_ROLES:
        raise Forbidden
    org = access.membership(request.user).org
    return org, Avatar.objects.filter(org=org).first() or Avatar(org=org)


@router.get("/avatar", response=AvatarOut)
def get_avatar(request: HttpRequest):
    return _sales_only(request)[1]


@router.put("/avatar", response=AvatarOut)
def put_avatar(request: HttpRequest, payload: AvatarIn):
    """Set the ideal client profile (admin, manager), through the page's form."""
    org, avatar = _sales_only(request)
    if access.role(request.user) not in {"admin", "manager"}:
        raise Forbidden
    own = own_fields.fields_of(org)
    given = payload.dict(exclude_unset=True)
    data = {k: getattr(avatar, k) for k in AvatarForm.Meta.fields}
    data.update({k: v for k, v in given.items() if k != "custom_criteria" and v is not None})
    criteria = given["custom_criteria"] if "custom_criteria" in given else avatar.custom_criteria
    data |= own_fields.criteria_data(criteria or {}, own)
    form = AvatarForm(data, instance=avatar, own=own)
    return own_fields.validated_api(form)


class FitOut(Schema):
    registry: int | None = None
    company: int | None = None
    name: str
    score: int
    reasons: list[str]


@router.get("/avatar/fits", response=list[FitOut])
def avatar_fits(request: HttpRequest, limit: int = 50):
    """Registry companies fitting the avatar best, not yet in any portfolio."""
    org, _avatar = _sales_only(request)
    return [
        {"registry": e.pk, "name": e.name, "score": score, "reasons": reason_texts(r)}
        for e, score, r in spider.best_fits(org, limit=min(max(limit, 1), 200))
    ]


@router.get("/companies/{int:company_id}/fit", response=FitOut)
def company_fit(request: HttpRequest, company_id: int):
    """One company's score against the avatar, own fields included (0 without one)."""
    company = access.get_visible(access.visible_companies(request.user), pk=company_id)
    score, reasons = spider.company_fit(company) or (0, [])
    return {
        "company": company.pk,
        "name": company.display_name,
        "score": score,
        "reasons": reason_texts(reasons),
    }
