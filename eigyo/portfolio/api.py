"""Portfolio endpoints: relationships and their tier history."""

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from eigyo.accounts import access
from eigyo.core.api import Forbidden, FormInvalid, Pagination
from eigyo.core.lists import apply_sort
from eigyo.portfolio import services
from eigyo.portfolio.access import (
    can_create_relationship,
    can_edit_relationship,
    visible_relationships,
)
from eigyo.portfolio.filters import RELATIONSHIP_SORTS, RelationshipFilter
from eigyo.portfolio.forms import RelationshipEditForm, RelationshipForm
from eigyo.portfolio.schemas import (
    RelationshipIn,
    RelationshipOut,
    RelationshipPatch,
    TierChangeOut,
)

router = Router(tags=["portfolio"])


@router.get("/relationships", response=list[RelationshipOut])
@paginate(Pagination)
def list_relationships(
    request: HttpRequest, filters: Query[RelationshipFilter], sort: str = "company"
):
    qs = filters.filter(visible_relationships(request.user))
    return apply_sort(qs, sort, RELATIONSHIP_SORTS, "company")


@router.get("/relationships/{int:rel_id}", response=RelationshipOut)
def get_relationship(request: HttpRequest, rel_id: int):
    return access.get_visible(visible_relationships(request.user), pk=rel_id)


@router.get("/relationships/{int:rel_id}/history", response=list[TierChangeOut])
def relationship_history(request: HttpRequest, rel_id: int):
    rel = access.get_visible(visible_relationships(request.user), pk=rel_id)
    return list(rel.tier_changes.all())


@router.post("/relationships", response={201: RelationshipOut})
def create_relationship(request: HttpRequest, payload: RelationshipIn):
    if not can_create_relationship(request.user):
        raise Forbidden
    data = payload.dict()
    data["owner"] = data["owner"] or request.user.pk
    data = {k: ("" if v is None else v) for k, v in data.items()}
    form = RelationshipForm(data, user=request.user)
    if not form.is_valid():
        raise FormInvalid(form)
    cd = form.cleaned_data
    rel = services.create_relationship(
        by=request.user,
        company=cd["company"],
        owner=cd["owner"],
        tier=cd["tier"],
        reason=cd["reason"],
        cadence_days=cd["cadence_days"],
        notes=cd["notes"],
    )
    return Status(201, rel)


@router.patch("/relationships/{int:rel_id}", response=RelationshipOut)
def update_relationship(request: HttpRequest, rel_id: int, payload: RelationshipPatch):
    rel = access.get_visible(visible_relationships(request.user), pk=rel_id)
    if not can_edit_relationship(request.user, rel):
        raise Forbidden
    sent = payload.dict(exclude_unset=True)
    data = {
        "tier": rel.tier,
        "cadence_days": rel.cadence_days or "",
        "notes": rel.notes,
        "reason": "",
    }
    data.update({k: ("" if v is None else v) for k, v in sent.items()})
    form = RelationshipEditForm(data, instance=rel)
    if not form.is_valid():
        raise FormInvalid(form)
    cd = form.cleaned_data
    return services.update_relationship(
        rel,
        by=request.user,
        tier=cd["tier"],
        reason=cd["reason"],
        cadence_days=cd["cadence_days"],
        notes=cd["notes"],
    )


@router.delete("/relationships/{int:rel_id}", response={204: None})
def delete_relationship(request: HttpRequest, rel_id: int):
    rel = access.get_visible(visible_relationships(request.user), pk=rel_id)
    if not can_edit_relationship(request.user, rel):
        raise Forbidden
    services.delete_relationship(rel, by=request.user)
    return Status(204, None)
