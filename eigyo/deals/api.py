"""Deal endpoints, and the buying group, promises, praise, objections and
discount requests under each deal — same access rules and forms as the UI."""

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from eigyo.accounts import access
from eigyo.contacts.reads import shared
from eigyo.core import clock
from eigyo.core.api import Forbidden, FormInvalid, Pagination, merged, valid
from eigyo.core.lists import apply_sort
from eigyo.deals import services
from eigyo.deals.access import (
    can_change_deal,
    can_change_deal_records,
    can_create_deal,
    can_delete_deal,
    can_move_stage,
    visible_deals,
)
from eigyo.deals.filters import DEAL_SORTS, DealFilter
from eigyo.deals.forms import (
    DealForm,
    DiscountForm,
    ObjectionForm,
    PraiseForm,
    PromiseForm,
    StageForm,
    StakeholderForm,
)
from eigyo.deals.schemas import (
    DealIn,
    DealOut,
    DiscountIn,
    DiscountOut,
    ObjectionIn,
    ObjectionOut,
    PraiseIn,
    PraiseOut,
    PromiseIn,
    PromiseOut,
    ReadinessOut,
    StageIn,
    StakeholderIn,
    StakeholderOut,
)
from eigyo.deals.text import gap_sentences

router = Router(tags=["deals"])


def _deal(request, deal_id):
    return access.get_visible(visible_deals(request.user), pk=deal_id)


def _allowed(allowed: bool) -> None:
    if not allowed:
        raise Forbidden


def _records_of(request, deal_id):
    """The deal, for a change to its records (404 out of sight, then 403 by right)."""
    deal = _deal(request, deal_id)
    _allowed(can_change_deal_records(request.user, deal))
    return deal


def _blank(payload: dict) -> dict:
    return {k: ("" if v is None else v) for k, v in payload.items()}


@router.get("/deals", response=list[DealOut])
@paginate(Pagination)
def list_deals(request: HttpRequest, filters: Query[DealFilter], sort: str = "close"):
    qs = filters.filter(visible_deals(request.user)).prefetch_related("team_members")
    return apply_sort(qs, sort, DEAL_SORTS, "close")


@router.get("/deals/{int:deal_id}", response=DealOut)
def get_deal(request: HttpRequest, deal_id: int):
    return _deal(request, deal_id)


@router.post("/deals", response={201: DealOut})
def create_deal(request: HttpRequest, payload: DealIn):
    if not can_create_deal(request.user):
        raise Forbidden
    data = _blank(payload.dict())
    data["owner"] = data["owner"] or request.user.pk
    return Status(
        201, services.create_deal(valid(DealForm(data, user=request.user)), by=request.user)
    )


@router.patch("/deals/{int:deal_id}", response=DealOut)
def update_deal(request: HttpRequest, deal_id: int, payload: DealIn):
    deal = _deal(request, deal_id)
    _allowed(can_change_deal(request.user, deal))
    data = merged(deal, DealForm, payload.dict(exclude_unset=True))
    form = valid(DealForm(data, instance=deal, user=request.user))
    return services.update_deal(form, by=request.user)


@router.delete("/deals/{int:deal_id}", response={204: None})
def delete_deal(request: HttpRequest, deal_id: int):
    deal = _deal(request, deal_id)
    if not can_delete_deal(request.user, deal):
        raise Forbidden
    services.delete_deal(deal, by=request.user)
    return Status(204, None)


@router.post("/deals/{int:deal_id}/stage", response=DealOut)
def move_stage(request: HttpRequest, deal_id: int, payload: StageIn):
    deal = _deal(request, deal_id)
    _allowed(can_move_stage(request.user, deal))
    form = StageForm(payload.dict())
    if not form.is_valid():
        raise FormInvalid(form)
    return services.move_stage(
        deal,
        form.cleaned_data["stage"],
        on=clock.today(),
        by=request.user,
        lost_reason=form.cleaned_data["lost_reason"],
    )


@router.get("/deals/{int:deal_id}/readiness", response=ReadinessOut)
def readiness(request: HttpRequest, deal_id: int):
    ready = services.readiness_of(services.stakeholders_of(_deal(request, deal_id)))
    return {
        "score": ready.score,
        "raw": round(ready.raw, 1),
        "cap": ready.cap,
        "cap_reason": ready.cap_reason,
        "gaps": [
            {"code": g.code, "member": g.member_id, "text": text}
            for g, text in zip(ready.gaps, gap_sentences(ready.gaps), strict=True)
        ],
    }


# The records under a deal that name people, and by which fields.
NAMES_PEOPLE = {
    "stakeholders": ("person",),
    "praise": ("about", "to"),
    "objections": ("raised_by",),
}


def _register(kind: str, related: str, form_class, schema_in, schema_out, decorate=None):
    """List / create / update / delete for one kind of record under a deal."""
    decorate = decorate or (lambda deal, objs: objs)

    def queryset(deal, user=None):
        if kind == "stakeholders":
            qs = services.stakeholders_of(deal)
        else:
            qs = getattr(deal, related).all()
        if user is not None and kind in NAMES_PEOPLE:  # a partner user: what may be shared
            qs = shared(user, qs, *NAMES_PEOPLE[kind])
        return qs

    @router.get(
        f"/deals/{{int:deal_id}}/{kind}", response=list[schema_out], operation_id=f"list_{kind}"
    )
    def list_children(request: HttpRequest, deal_id: int):
        deal = _deal(request, deal_id)
        return decorate(deal, list(queryset(deal, request.user)))

    @router.post(
        f"/deals/{{int:deal_id}}/{kind}", response={201: schema_out}, operation_id=f"create_{kind}"
    )
    def create_child(request: HttpRequest, deal_id: int, payload: schema_in):
        deal = _records_of(request, deal_id)
        form = valid(form_class(_blank(payload.dict()), deal=deal, user=request.user))
        obj = services.save_deal_record(form, by=request.user)
        return Status(201, decorate(deal, [queryset(deal).get(pk=obj.pk)])[0])

    @router.patch(
        f"/deals/{{int:deal_id}}/{kind}/{{int:child_id}}",
        response=schema_out,
        operation_id=f"update_{kind}",
    )
    def update_child(request: HttpRequest, deal_id: int, child_id: int, payload: schema_in):
        deal = _deal(request, deal_id)
        obj = access.get_visible(queryset(deal), pk=child_id)  # another deal's: 404
        _allowed(can_change_deal_records(request.user, deal))
        data = merged(obj, form_class, payload.dict(exclude_unset=True))
        form = valid(form_class(data, instance=obj, deal=deal, user=request.user))
        services.save_deal_record(form, by=request.user)
        return decorate(deal, [queryset(deal).get(pk=obj.pk)])[0]

    @router.delete(
        f"/deals/{{int:deal_id}}/{kind}/{{int:child_id}}",
        response={204: None},
        operation_id=f"delete_{kind}",
    )
    def delete_child(request: HttpRequest, deal_id: int, child_id: int):
        deal = _deal(request, deal_id)
        record = access.get_visible(queryset(deal), pk=child_id)  # another deal's: 404
        _allowed(can_change_deal_records(request.user, deal))
        services.delete_deal_record(record, by=request.user)
        return Status(204, None)


def _stakeholders(deal, objs):
    for s in objs:
        s.met = services.is_met(s)
        s.name = s.person.display_name
    return objs


def _promises(deal, objs):
    today = clock.today()
    for p in objs:
        p.overdue = p.is_overdue(today)
    return objs


def _praise(deal, objs):
    for p in objs:
        p.flattery = p.is_flattery
    return objs


_register(
    "stakeholders", "stakeholders", StakeholderForm, StakeholderIn, StakeholderOut, _stakeholders
)
_register("promises", "promises", PromiseForm, PromiseIn, PromiseOut, _promises)
_register("praise", "praise", PraiseForm, PraiseIn, PraiseOut, _praise)
_register("objections", "objections", ObjectionForm, ObjectionIn, ObjectionOut)
_register("discounts", "discount_requests", DiscountForm, DiscountIn, DiscountOut)
