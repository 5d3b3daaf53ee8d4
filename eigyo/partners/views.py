"""Partner pages: the partner manager's overview and list, a partner's page (our
internal view, or the partner user's portal), due diligence, contracts with targets,
milestones and termination rights, confirming a partner's won deal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from eigyo.accounts import access
from eigyo.accounts.models import Partner
from eigyo.companies.access import visible_companies
from eigyo.core import clock
from eigyo.core.contributions import DETAIL
from eigyo.core.htmx import render_list
from eigyo.core.lists import apply_sort, filter_from_query
from eigyo.core.views import deny_unless
from eigyo.deals.access import visible_deals
from eigyo.deals.models import Stage as DealStage
from eigyo.partners import overview, performance, services
from eigyo.partners.access import (
    can_add_partner,
    can_edit_checklist,
    can_manage_partner,
    can_override_diligence,
    sees_partner_internals,
    uses_partner_pages,
    visible_attendances,
    visible_checks,
    visible_contracts,
)
from eigyo.partners.domain import periods
from eigyo.partners.filters import PARTNER_SORTS, PartnerFilter
from eigyo.partners.forms import (
    CheckForm,
    ContractForm,
    MilestoneForm,
    PartnerForm,
    RightForm,
    StageForm,
    TargetForm,
)
from eigyo.partners.models import Stage
from eigyo.registry.codes import PREFECTURES, SECTORS_33

PREF_NAMES = {code: ja for code, ja, _en in PREFECTURES}
SECTOR_NAMES = {code: ja for code, ja, _en in SECTORS_33}


def _partner(request, pk) -> Partner:
    """A partner the user sees (404 otherwise); 403 for who has no partner pages."""
    partner = access.get_visible(access.visible(request.user, Partner), pk=pk)
    deny_unless(uses_partner_pages(request.user))
    return partner


def _internal(request) -> None:
    deny_unless(sees_partner_internals(request.user))


@login_required
@require_http_methods(["GET"])
def partner_list(request: HttpRequest) -> HttpResponse:
    """The partner manager's page: who is behind, who idles, which contract can be ended
    and until when, whether training changed anything; then the list."""
    partner_id = access.partner_of(request.user)
    if partner_id:
        return redirect("partners:detail", partner_id)
    _internal(request)
    filters = filter_from_query(PartnerFilter, request.GET)
    qs = filters.filter(access.visible(request.user, Partner)).select_related(
        "profile", "profile__manager"
    )
    qs = apply_sort(qs, request.GET.get("sort"), PARTNER_SORTS, "name")
    context = {
        "filters": filters,
        "stages": Stage.choices,
        "kinds": Partner.Kind.choices,
        "can_add": can_add_partner(request.user),
    }
    if request.headers.get("HX-Request") != "true":
        context["board"] = overview.board(request.user, clock.today())
    return render_list(
        request, "partners/partner_list.html", "partners/_partner_table.html", qs, context
    )


@login_required
@require_http_methods(["GET", "POST"])
def partner_create(request: HttpRequest) -> HttpResponse:
    deny_unless(can_add_partner(request.user))
    form = PartnerForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        partner = services.create_partner(form, by=request.user)
        messages.success(request, _("Partner saved."))
        return redirect("partners:detail", partner.pk)
    return render(
        request,
        "partners/partner_form.html",
        {"form": form},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def partner_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partner = _partner(request, pk)
    _internal(request)
    deny_unless(can_manage_partner(request.user, partner))
    profile = services.profile_of(partner)
    form = PartnerForm(request.POST or None, instance=profile, user=request.user)
    if request.method == "POST" and form.is_valid():
        if profile.pk is None:
            profile.org_id, profile.partner = partner.org_id, partner
        services.update_partner(form, by=request.user)
        messages.success(request, _("Partner saved."))
        return redirect("partners:detail", partner.pk)
    return render(
        request,
        "partners/partner_form.html",
        {"form": form, "partner": partner},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET"])
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partner = _partner(request, pk)
    today = clock.today()
    facts = performance.facts_for([partner.pk])[partner.pk]
    fy = periods.fiscal_year(today)
    common = {
        "partner": partner,
        "today": today,
        "lines": performance.current_lines(partner, today, facts),
        "chart": performance.chart(partner, fy, facts),
        "fy_label": f"{fy}年度",
        "contracts": visible_contracts(request.user).filter(partner=partner),
        "companies": visible_companies(request.user).filter(partner=partner)[:50],
        "deals": visible_deals(request.user)
        .filter(partner=partner)
        .select_related("company")
        .order_by("stage", "-updated_at")[:50],
        "attendances": visible_attendances(request.user)
        .filter(trainee__partner=partner)
        .select_related("trainee", "session__module")
        .order_by("-session__held_on"),
    }
    if not sees_partner_internals(request.user):
        return render(request, "partners/portal.html", common)
    profile = services.profile_of(partner)
    share, share_by_quarter = performance.value_share(partner)
    context = {
        **common,
        **DETAIL.context(request, partner),  # our side's: the portal shows no history
        "profile": profile,
        "territory_names": "、".join(PREF_NAMES.get(c, c) for c in profile.territory),
        "industry_names": "、".join(SECTOR_NAMES.get(c, c) for c in profile.industries),
        "checks": visible_checks(request.user)
        .filter(partner=partner)
        .select_related("item", "checked_by"),
        "open_required": services.open_required(partner),
        "moves": partner.stage_moves.select_related("by")[:20],
        "stage_form": StageForm(initial={"stage": profile.stage}),
        "states": [
            performance.contract_state(c, today, facts)
            for c in common["contracts"].prefetch_related("targets", "termination_rights")
        ],
        "idle": performance.idling([partner], today).get(partner.pk),
        "share": share,
        "share_by_quarter": share_by_quarter,
        "to_confirm": common["deals"].model.objects.none()
        if not can_manage_partner(request.user, partner)
        else visible_deals(request.user).filter(
            partner=partner, stage=DealStage.WON, win_confirmed_at__isnull=True
        ),
        "effect": performance.training_effect(partner, today),
        "can_manage": can_manage_partner(request.user, partner),
        "can_override": can_override_diligence(request.user),
    }
    return render(request, "partners/partner_detail.html", context)


@login_required
@require_POST
def partner_stage(request: HttpRequest, pk: int) -> HttpResponse:
    partner = _partner(request, pk)
    _internal(request)
    deny_unless(can_manage_partner(request.user, partner))
    form = StageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a stage."))
        return redirect("partners:detail", partner.pk)
    try:
        services.move(
            partner,
            form.cleaned_data["stage"],
            by=request.user,
            override_reason=form.cleaned_data["override_reason"],
        )
        messages.success(request, _("Stage changed."))
    except services.DiligenceOpen as exc:
        messages.error(
            request,
            _(
                "Required due-diligence items are open: %(items)s. Check them, or an "
                "admin overrides with a reason."
            )
            % {"items": "、".join(str(i) for i in exc.items)},
        )
    return redirect("partners:detail", partner.pk)


@login_required
@require_http_methods(["GET", "POST"])
def check_edit(request: HttpRequest, pk: int, check: int) -> HttpResponse:
    partner = _partner(request, pk)
    _internal(request)
    item = access.get_visible(
        visible_checks(request.user).filter(partner=partner).select_related("item"), pk=check
    )
    deny_unless(can_manage_partner(request.user, partner))
    form = CheckForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        services.save_check(form, by=request.user)
        messages.success(request, _("Saved."))
        return redirect(item.get_absolute_url())
    return render(
        request,
        "partners/check_form.html",
        {"form": form, "partner": partner, "check": item},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def contract_create(request: HttpRequest, pk: int) -> HttpResponse:
    partner = _partner(request, pk)
    _internal(request)
    deny_unless(can_manage_partner(request.user, partner))
    form = ContractForm(request.POST or None, initial={"start": clock.today()})
    if request.method == "POST" and form.is_valid():
        contract = services.save_contract(form, by=request.user, partner=partner)
        messages.success(request, _("Contract saved."))
        return redirect(contract.get_absolute_url())
    return render(
        request,
        "partners/contract_form.html",
        {"form": form, "partner": partner},
        status=422 if request.method == "POST" else 200,
    )


def _contract(request, pk):
    contract = access.get_visible(visible_contracts(request.user).select_related("partner"), pk=pk)
    deny_unless(uses_partner_pages(request.user))
    return contract


@login_required
@require_http_methods(["GET"])
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _contract(request, pk)
    today = clock.today()
    facts = performance.facts_for([contract.partner_id])[contract.partner_id]
    targets = contract.targets.order_by("-fiscal_year", "period_kind", "-index", "metric")
    context = {
        "contract": contract,
        "partner": contract.partner,
        "lines": performance.lines(targets, facts, today),
        "milestones": contract.milestones.all(),
        "today": today,
        "internal": sees_partner_internals(request.user),
    }
    if context["internal"]:
        context |= {
            "state": performance.contract_state(contract, today, facts),
            "rights": contract.termination_rights.all(),
            "can_manage": can_manage_partner(request.user, contract.partner),
            **DETAIL.context(request, contract),
        }
    return render(request, "partners/contract_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def contract_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _contract(request, pk)
    _internal(request)
    deny_unless(can_manage_partner(request.user, contract.partner))
    form = ContractForm(request.POST or None, instance=contract)
    if request.method == "POST" and form.is_valid():
        services.save_contract(form, by=request.user)
        messages.success(request, _("Contract saved."))
        return redirect(contract.get_absolute_url())
    return render(
        request,
        "partners/contract_form.html",
        {"form": form, "partner": contract.partner, "contract": contract},
        status=422 if request.method == "POST" else 200,
    )


RECORDS = {
    "target": (TargetForm, "targets", gettext_lazy("target")),
    "milestone": (MilestoneForm, "milestones", gettext_lazy("milestone")),
    "right": (RightForm, "termination_rights", gettext_lazy("termination right")),
}


@login_required
@require_http_methods(["GET", "POST"])
def contract_record(request: HttpRequest, pk: int, kind: str, record: int | None = None):
    """Add, change or remove a target, milestone or termination right of a contract."""
    contract = _contract(request, pk)
    if kind not in RECORDS:
        raise Http404
    form_class, related, label = RECORDS[kind]
    instance = access.get_visible(getattr(contract, related).all(), pk=record) if record else None
    _internal(request)
    deny_unless(can_manage_partner(request.user, contract.partner))
    if request.method == "POST" and "delete" in request.POST and instance is not None:
        services.delete_contract_record(instance, by=request.user)
        messages.success(request, _("Removed."))
        return redirect(contract.get_absolute_url())
    kwargs = {"contract": contract} if form_class is TargetForm else {}
    initial = {"fiscal_year": periods.fiscal_year(clock.today())} if kind == "target" else {}
    form = form_class(request.POST or None, instance=instance, initial=initial, **kwargs)
    if request.method == "POST" and form.is_valid():
        services.save_contract_record(
            form, by=request.user, contract=None if instance else contract
        )
        messages.success(request, _("Saved."))
        return redirect(contract.get_absolute_url())
    return render(
        request,
        "partners/record_form.html",
        {"contract": contract, "form": form, "label": label, "instance": instance},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def confirm_win(request: HttpRequest, pk: int) -> HttpResponse:
    """Our side confirms a partner's won deal, so it counts toward the targets."""
    deal = access.get_visible(visible_deals(request.user), pk=pk)
    _internal(request)
    # a deal without a partner has no win to confirm: refused, as over the API
    deny_unless(deal.partner_id is not None and can_manage_partner(request.user, deal.partner))
    try:
        services.confirm_win(deal, by=request.user)
        messages.success(request, _("Win confirmed: it counts toward the partner's targets."))
    except services.NotConfirmable as exc:
        messages.error(request, str(exc))
    return redirect("partners:detail", deal.partner_id)


@login_required
@require_http_methods(["GET", "POST"])
def checklist(request: HttpRequest, item: int | None = None) -> HttpResponse:
    """The organisation's due-diligence checklist (the admin extends it)."""
    from eigyo.partners.access import visible_diligence_items
    from eigyo.partners.forms import ItemForm

    items = visible_diligence_items(request.user)
    instance = access.get_visible(items, pk=item) if item else None
    _internal(request)
    allowed = can_edit_checklist(request.user)
    form = ItemForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST":
        deny_unless(allowed)
        if "seed" in request.POST:
            services.seed_checklist(access.membership(request.user).org)
            return redirect("partners:checklist")
        if form.is_valid():
            services.save_item(form, by=request.user)
            messages.success(request, _("Saved."))
            return redirect("partners:checklist")
    return render(
        request,
        "partners/checklist.html",
        {"items": items, "form": form, "can_edit": allowed, "instance": instance},
        status=422 if request.method == "POST" else 200,
    )
