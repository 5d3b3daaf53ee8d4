"""The avatar and the spider over the API (same forms and access rules as the pages)."""

from django.http import HttpRequest
from ninja import Router, Schema, Status

from eigyo.accounts import access
from eigyo.companies import own_fields
from eigyo.companies.access import visible_companies
from eigyo.core.api import Forbidden, FormInvalid
from eigyo.portfolio.access import can_create_relationship
from eigyo.prospecting import criteria, services, spider
from eigyo.prospecting.access import can_edit_avatar, can_see_avatar
from eigyo.prospecting.forms import AvatarForm
from eigyo.prospecting.models import Avatar
from eigyo.prospecting.text import reason_texts

router = Router(tags=["prospecting"])


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
    if not can_see_avatar(request.user):
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
    if not can_edit_avatar(request.user):
        raise Forbidden
    own = own_fields.fields_of(org)
    given = payload.dict(exclude_unset=True)
    data = {k: getattr(avatar, k) for k in AvatarForm.Meta.fields}
    data.update({k: v for k, v in given.items() if k != "custom_criteria" and v is not None})
    wanted = given["custom_criteria"] if "custom_criteria" in given else avatar.custom_criteria
    data |= criteria.criteria_data(wanted or {}, own)
    form = AvatarForm(data, instance=avatar, own=own)
    return services.save_avatar(own_fields.valid_api(form), by=request.user)


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
    company = access.get_visible(visible_companies(request.user), pk=company_id)
    score, reasons = spider.company_fit(company) or (0, [])
    return {
        "company": company.pk,
        "name": company.display_name,
        "score": score,
        "reasons": reason_texts(reasons),
    }


class ProposalOut(Schema):
    registry: int
    name: str
    corporate_number: str
    score: int
    reasons: list[str]


class AdoptIn(Schema):
    registry: list[int]


@router.get("/companies/{int:company_id}/similar", response=list[ProposalOut])
def similar(request: HttpRequest, company_id: int, limit: int = 20):
    """The spider: similar registry companies no one in the organisation works yet."""
    company = access.get_visible(visible_companies(request.user), pk=company_id)
    if not can_create_relationship(request.user):
        raise Forbidden
    return [
        {
            "registry": p.entry.pk,
            "name": p.entry.name,
            "corporate_number": p.entry.corporate_number,
            "score": p.score,
            "reasons": p.reasons,
        }
        for p in spider.propose(company, limit=min(max(limit, 1), 100))
    ]


@router.post("/companies/{int:company_id}/similar", response={201: list[int]})
def adopt_similar(request: HttpRequest, company_id: int, payload: AdoptIn):
    """Add chosen proposals as `new` relationships of the caller; returns their ids."""

    company = access.get_visible(visible_companies(request.user), pk=company_id)
    if not can_create_relationship(request.user):
        raise Forbidden
    offered = {p.entry.pk: p.entry for p in spider.propose(company, limit=100)}
    unknown = [i for i in payload.registry if i not in offered]
    if unknown:
        raise FormInvalid.single("registry", f"not among the proposals: {unknown}")
    created = services.adopt(
        [offered[i] for i in payload.registry], by=request.user, reason=f"similar to {company}"
    )
    return Status(201, [r.pk for r in created])
