"""Partner endpoints — the same access rules, forms and services as the pages. A
partner user reads its own partner, contracts and numbers; our internal view (stage,
due diligence, termination rights, idling) is the sales side's."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from eigyo.accounts import access
from eigyo.accounts.models import Partner
from eigyo.core import clock
from eigyo.core.api import Forbidden, FormInvalid, Pagination, merged, valid
from eigyo.core.lists import apply_sort
from eigyo.deals.access import visible_deals
from eigyo.partners import performance, services
from eigyo.partners.access import (
    can_add_partner,
    can_manage_partner,
    sees_partner_internals,
    uses_partner_pages,
    visible_attendances,
    visible_checks,
    visible_contracts,
)
from eigyo.partners.domain import periods
from eigyo.partners.filters import PARTNER_SORTS, PartnerFilter
from eigyo.partners.forms import CheckForm, ContractForm, PartnerForm, RightForm, TargetForm
from eigyo.partners.forms import StageForm as PartnerStageForm
from eigyo.partners.models import Contract
from eigyo.partners.schemas import (
    CheckIn,
    CheckOut,
    ContractDetailOut,
    ContractIn,
    ContractOut,
    PartnerIn,
    PartnerOut,
    PerformanceOut,
    RightIn,
    RightOut,
    StageIn,
    TargetIn,
    TrainingOut,
    WinOut,
)

router = Router(tags=["partners"])


def _partner(request, partner_id) -> Partner:
    partner = access.get_visible(access.visible(request.user, Partner), pk=partner_id)
    if not uses_partner_pages(request.user):
        raise Forbidden
    return partner


def _internal(request) -> None:
    if not sees_partner_internals(request.user):
        raise Forbidden


def _manage(request, partner) -> None:
    _internal(request)
    if not can_manage_partner(request.user, partner):
        raise Forbidden


def _out(partner: Partner, internal: bool) -> dict:
    out = {"id": partner.pk, "name": partner.name, "kind": partner.kind}
    if internal:
        profile = services.profile_of(partner)
        entry = profile.registry_entry
        out |= {
            "stage": profile.stage,
            "manager": profile.manager_id,
            "territory": profile.territory,
            "industries": profile.industries,
            "corporate_number": entry.corporate_number if entry else "",
        }
    return out


def _blank(payload: dict) -> dict:
    return {k: ("" if v is None else v) for k, v in payload.items()}


@router.get("/partners", response=list[PartnerOut])
@paginate(Pagination)
def list_partners(request: HttpRequest, filters: Query[PartnerFilter], sort: str = "name"):
    if not uses_partner_pages(request.user):
        raise Forbidden
    internal = sees_partner_internals(request.user)
    qs = filters.filter(access.visible(request.user, Partner)).select_related(
        "profile", "profile__registry_entry"
    )
    return [_out(p, internal) for p in apply_sort(qs, sort, PARTNER_SORTS, "name")]


@router.post("/partners", response={201: PartnerOut})
def create_partner(request: HttpRequest, payload: PartnerIn):
    if not can_add_partner(request.user):
        raise Forbidden
    data = _blank(payload.dict())
    data["territory"] = payload.territory or []
    data["industries"] = payload.industries or []
    data["idle_after_days"] = payload.idle_after_days or 20
    form = valid(PartnerForm(data, user=request.user))
    return Status(201, _out(services.create_partner(form, by=request.user), True))


@router.get("/partners/{int:partner_id}", response=PartnerOut)
def get_partner(request: HttpRequest, partner_id: int):
    return _out(_partner(request, partner_id), sees_partner_internals(request.user))


@router.patch("/partners/{int:partner_id}", response=PartnerOut)
def update_partner(request: HttpRequest, partner_id: int, payload: PartnerIn):
    partner = _partner(request, partner_id)
    _manage(request, partner)
    profile = services.profile_of(partner)
    current = _out(partner, True)
    data = {
        "name": current["name"],
        "kind": current["kind"],
        "corporate_number": current["corporate_number"],
        "group_name": profile.group_name,
        "territory": profile.territory,
        "industries": profile.industries,
        "introduced_by": profile.introduced_by,
        "manager": profile.manager_id or "",
        "idle_after_days": profile.idle_after_days,
    }
    data.update(_blank(payload.dict(exclude_unset=True)))
    form = valid(PartnerForm(data, instance=profile, user=request.user))
    if profile.pk is None:
        profile.org_id, profile.partner = partner.org_id, partner
    return _out(services.update_partner(form, by=request.user), True)


@router.post("/partners/{int:partner_id}/stage", response=PartnerOut)
def move_stage(request: HttpRequest, partner_id: int, payload: StageIn):
    partner = _partner(request, partner_id)
    _manage(request, partner)
    form = valid(PartnerStageForm(payload.dict()))
    try:
        services.move(
            partner,
            form.cleaned_data["stage"],
            by=request.user,
            override_reason=form.cleaned_data["override_reason"],
        )
    except services.DiligenceOpen as exc:
        raise FormInvalid.single(
            "stage",
            _(
                "Required due-diligence items are open: %(items)s. Check them, or an "
                "admin overrides with a reason."
            )
            % {"items": "、".join(str(i) for i in exc.items)},
        ) from exc
    return _out(partner, True)


def _check_out(check) -> dict:
    return {
        "id": check.pk,
        "status": check.status,
        "finding": check.finding,
        "evidence": check.evidence,
        "checked_by": check.checked_by_id,
        "checked_on": check.checked_on,
        "item_key": check.item.key,
        "item_label": check.item.label,
        "required": check.item.required,
    }


@router.get("/partners/{int:partner_id}/diligence", response=list[CheckOut])
def diligence(request: HttpRequest, partner_id: int):
    partner = _partner(request, partner_id)
    _internal(request)
    checks = visible_checks(request.user).filter(partner=partner).select_related("item")
    return [_check_out(c) for c in checks]


@router.patch("/partners/{int:partner_id}/diligence/{int:check_id}", response=CheckOut)
def update_check(request: HttpRequest, partner_id: int, check_id: int, payload: CheckIn):
    partner = _partner(request, partner_id)
    _internal(request)
    check = access.get_visible(
        visible_checks(request.user).filter(partner=partner).select_related("item"), pk=check_id
    )
    _manage(request, partner)
    data = {"status": check.status, "finding": check.finding, "evidence": check.evidence}
    data.update(_blank(payload.dict(exclude_unset=True)))
    form = valid(CheckForm(data, instance=check))
    return _check_out(services.save_check(form, by=request.user))


def _line_out(line) -> dict:
    return {
        "period": line.period.code,
        "period_start": line.period.start,
        "period_end": line.period.end,
        "metric": line.target.metric,
        "target": line.target.value,
        "actual": line.progress.actual,
        "projected": round(line.progress.projected, 1),
        "percent": line.progress.percent,
        "projected_percent": line.progress.projected_percent,
        "behind": line.behind,
    }


@router.get("/partners/{int:partner_id}/performance", response=PerformanceOut)
def partner_performance(request: HttpRequest, partner_id: int):
    """The targets of the running periods with actuals (confirmed wins) and projection,
    and target vs actual revenue by quarter of this fiscal year."""
    partner = _partner(request, partner_id)
    today = clock.today()
    facts = performance.facts_for([partner.pk])[partner.pk]
    out = {
        "lines": [_line_out(x) for x in performance.current_lines(partner, today, facts)],
        "chart": performance.chart(partner, periods.fiscal_year(today), facts),
    }
    if sees_partner_internals(request.user):
        out["idle"] = partner.pk in performance.idling([partner], today)
    return out


@router.get("/partners/{int:partner_id}/contracts", response=list[ContractOut])
def list_contracts(request: HttpRequest, partner_id: int):
    partner = _partner(request, partner_id)
    return list(visible_contracts(request.user).filter(partner=partner))


@router.post("/partners/{int:partner_id}/contracts", response={201: ContractOut})
def create_contract(request: HttpRequest, partner_id: int, payload: ContractIn):
    partner = _partner(request, partner_id)
    _manage(request, partner)
    # What the payload leaves out takes the model's defaults, as on the page's form.
    data = merged(Contract(), ContractForm, payload.dict(exclude_unset=True))
    form = valid(ContractForm(data))
    return Status(201, services.save_contract(form, by=request.user, partner=partner))


def _contract(request, contract_id):
    contract = access.get_visible(
        visible_contracts(request.user).select_related("partner"), pk=contract_id
    )
    if not uses_partner_pages(request.user):
        raise Forbidden
    return contract


@router.get("/contracts/{int:contract_id}", response=ContractDetailOut)
def get_contract(request: HttpRequest, contract_id: int):
    contract = _contract(request, contract_id)
    today = clock.today()
    facts = performance.facts_for([contract.partner_id])[contract.partner_id]
    out = {
        "contract": contract,
        "targets": [_line_out(x) for x in performance.lines(contract.targets.all(), facts, today)],
        "milestones": list(contract.milestones.all()),
    }
    if sees_partner_internals(request.user):
        state = performance.contract_state(contract, today, facts)
        out["state"] = {
            "term_start": state.term.start if state.term else None,
            "term_end": state.term.end if state.term else None,
            "notice_by": state.notice_by,
            "continuity_caution": state.caution is not None,
            "open_rights": [
                {"right": r.pk, "description": str(r), "opens": w.opens, "lapses": w.lapses}
                for r, w in state.windows
            ],
        }
    return out


@router.patch("/contracts/{int:contract_id}", response=ContractOut)
def update_contract(request: HttpRequest, contract_id: int, payload: ContractIn):
    contract = _contract(request, contract_id)
    _manage(request, contract.partner)
    data = merged(contract, ContractForm, payload.dict(exclude_unset=True))
    return services.save_contract(valid(ContractForm(data, instance=contract)), by=request.user)


@router.post("/contracts/{int:contract_id}/targets", response={201: ContractDetailOut})
def add_target(request: HttpRequest, contract_id: int, payload: TargetIn):
    contract = _contract(request, contract_id)
    _manage(request, contract.partner)
    form = valid(TargetForm(_blank(payload.dict()), contract=contract))
    services.save_contract_record(form, by=request.user, contract=contract)
    return Status(201, get_contract(request, contract_id))


@router.get("/contracts/{int:contract_id}/rights", response=list[RightOut])
def list_rights(request: HttpRequest, contract_id: int):
    contract = _contract(request, contract_id)
    _internal(request)
    return list(contract.termination_rights.all())


@router.post("/contracts/{int:contract_id}/rights", response={201: RightOut})
def add_right(request: HttpRequest, contract_id: int, payload: RightIn):
    contract = _contract(request, contract_id)
    _manage(request, contract.partner)
    form = valid(RightForm(_blank(payload.dict())))
    return Status(201, services.save_contract_record(form, by=request.user, contract=contract))


@router.post("/deals/{int:deal_id}/confirm-win", response=WinOut)
def confirm_win(request: HttpRequest, deal_id: int):
    """Our side confirms a partner's won deal: it then counts toward the targets."""
    deal = access.get_visible(visible_deals(request.user).select_related("partner"), pk=deal_id)
    _internal(request)
    if deal.partner_id is None or not can_manage_partner(request.user, deal.partner):
        raise Forbidden
    try:
        return services.confirm_win(deal, by=request.user)
    except services.NotConfirmable as exc:
        raise FormInvalid.single("stage", str(exc)) from exc


def _before_after(who: str, found) -> dict | None:
    if found is None:
        return None
    w, comparison = found
    return {
        "who": who,
        "before_start": w.before.start,
        "before_end": w.before.end,
        "after_start": w.after.start,
        "after_end": w.after.end,
        "complete": w.complete,
        "before": comparison.before.__dict__,
        "after": comparison.after.__dict__,
    }


@router.get("/partners/{int:partner_id}/training", response=TrainingOut)
def partner_training(request: HttpRequest, partner_id: int, months: int = 3):
    """Who took which module, and the numbers before and after the latest training."""
    partner = _partner(request, partner_id)
    if not 1 <= months <= 24:
        raise FormInvalid.single("months", _("From 1 to 24 months."))
    attendances = (
        visible_attendances(request.user)
        .filter(trainee__partner=partner)
        .select_related("trainee", "session__module")
        .order_by("-session__held_on", "pk")
    )
    effect = performance.training_effect(partner, clock.today(), months)
    rows = []
    if effect:
        rows.append(_before_after(partner.name, effect["partner"]))
        rows += [_before_after(t.display_name, n) for t, n in effect["people"]]
    return {
        "attendances": [
            {
                "id": a.pk,
                "trainee": a.trainee_id,
                "name": a.trainee.display_name,
                "role": a.trainee.role,
                "module": a.session.module.title,
                "held_on": a.session.held_on,
                "attended": a.attended,
                "completed": a.completed,
                "certified_on": a.certified_on,
                "certified_until": a.certified_until,
            }
            for a in attendances
        ],
        "before_after": [r for r in rows if r],
    }
