"""Deal pages: list, board by stage, detail with the buying group, forms."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from eigyo.accounts import access
from eigyo.contacts.reads import partner_viewed, shared
from eigyo.core import clock
from eigyo.core.htmx import is_htmx, render_list
from eigyo.core.lists import apply_sort, filter_from_query
from eigyo.core.views import deny_unless, form_page
from eigyo.deals import insights, services
from eigyo.deals.access import (
    can_change_deal,
    can_change_deal_records,
    can_create_deal,
    can_move_stage,
    can_set_probabilities,
    visible_deals,
)
from eigyo.deals.filters import DEAL_SORTS, DealFilter
from eigyo.deals.forms import (
    DealForm,
    DiscountForm,
    ObjectionForm,
    PraiseForm,
    ProbabilityForm,
    PromiseForm,
    StageForm,
    StakeholderForm,
)
from eigyo.deals.map import map_svg
from eigyo.deals.models import OPEN_STAGES, Stage
from eigyo.deals.pages import DEAL
from eigyo.deals.text import gap_sentences
from eigyo.lib.jp_calendar import fiscal_year, fiscal_year_label


def _deal(request, pk):
    return access.get_visible(
        visible_deals(request.user).select_related("company", "owner", "partner"), pk=pk
    )


@login_required
@require_http_methods(["GET"])
def deal_list(request: HttpRequest) -> HttpResponse:
    filters = filter_from_query(DealFilter, request.GET)
    qs = filters.filter(visible_deals(request.user)).select_related("company", "owner")
    qs = apply_sort(qs, request.GET.get("sort"), DEAL_SORTS, "close")
    return render_list(
        request,
        "deals/deal_list.html",
        "deals/_deal_table.html",
        qs,
        {
            "filters": filters,
            "stages": Stage.choices,
            "can_create": can_create_deal(request.user),
        },
    )


def _board_context(request):
    filters = filter_from_query(DealFilter, request.GET)
    deals = filters.filter(visible_deals(request.user)).select_related("company", "owner")
    columns = {s: [] for s in Stage.values}
    for deal in deals.order_by("expected_close", "pk"):
        columns[deal.stage].append(deal)
    totals = dict(
        deals.values_list("stage").annotate(total=Sum("amount")).values_list("stage", "total")
    )
    return {
        "columns": [
            (value, label, columns[value], totals.get(value) or 0) for value, label in Stage.choices
        ],
        "filters": filters,
        "open_stages": OPEN_STAGES,
    }


@login_required
@require_http_methods(["GET"])
def deal_board(request: HttpRequest) -> HttpResponse:
    context = _board_context(request)
    if is_htmx(request):
        return render(request, "deals/_board.html", context)
    fy = fiscal_year(clock.today())
    try:
        fy = min(max(int(request.GET.get("fy", fy)), 2000), 2100)
    except ValueError:
        pass
    months = services.fiscal_forecast(request.user, fy)
    context |= {
        "fy": fy,
        "fy_label": fiscal_year_label(fy),
        "forecast": months,
        "totals": {
            "weighted": sum(m.weighted for m in months),
            "pipeline": sum(m.pipeline for m in months),
            "won": sum(m.won for m in months),
        },
        "can_set_probabilities": can_set_probabilities(request.user),
    }
    return render(request, "deals/board.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def probabilities(request: HttpRequest) -> HttpResponse:
    """How likely a deal in each open stage is to close (admin): weights the forecast."""
    deny_unless(can_set_probabilities(request.user))
    org = access.membership(request.user).org
    form = ProbabilityForm(request.POST or None, initial=services.probabilities_of(org))
    if request.method == "POST" and form.is_valid():
        services.set_probabilities(form.cleaned_data, by=request.user)
        messages.success(request, _("Probabilities saved."))
        return redirect("deals:board")
    return render(
        request,
        "deals/probabilities.html",
        {"form": form},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET"])
def deal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    deal = _deal(request, pk)
    stakeholders = list(shared(request.user, services.stakeholders_of(deal), "person"))
    partner_viewed(request, [s.person_id for s in stakeholders], items=["name", "title"])
    ready = services.readiness_of(stakeholders)
    today = clock.today()
    promises = list(deal.promises.select_related("owner"))
    return render(
        request,
        "deals/deal_detail.html",
        {
            "deal": deal,
            "stakeholders": stakeholders,
            "readiness": ready,
            "gaps": gap_sentences(ready.gaps),
            "map": map_svg(stakeholders),
            "met": {s.pk: services.is_met(s) for s in stakeholders},
            "promises": promises,
            "overdue_promises": [p for p in promises if p.is_overdue(today)],
            "praise": shared(
                request.user, deal.praise.select_related("about", "to"), "about", "to"
            ),
            "objections": shared(
                request.user, deal.objections.select_related("raised_by"), "raised_by"
            ),
            "discounts": deal.discount_requests.all(),
            "stage_form": StageForm(initial={"stage": deal.stage}),
            "history": deal.stage_changes.select_related("changed_by"),
            "today": today,
            "can_change": can_change_deal(request.user, deal),
            "can_move_stage": can_move_stage(request.user, deal),
            "can_change_records": can_change_deal_records(request.user, deal),
            **DEAL.context(request, deal),
        },
    )


@login_required
@require_http_methods(["GET"])
def deal_map(request: HttpRequest, pk: int) -> HttpResponse:
    """The stakeholder map alone, as SVG (print it, or paste it in a proposal)."""
    deal = _deal(request, pk)
    return HttpResponse(
        map_svg(list(services.stakeholders_of(deal)), title=deal.title),
        content_type="image/svg+xml; charset=utf-8",
    )


@login_required
@require_http_methods(["GET", "POST"])
def deal_create(request: HttpRequest) -> HttpResponse:
    deny_unless(can_create_deal(request.user))
    initial = {}
    company = request.GET.get("company", "")
    if company.isdigit():
        initial["company"] = company
    form = DealForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        deal = services.create_deal(form, by=request.user)
        messages.success(request, _("Deal saved."))
        for warning in form.warnings:
            messages.warning(request, warning)
        return redirect(deal.get_absolute_url())
    return render(
        request,
        "deals/deal_form.html",
        {"form": form},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def deal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    deal = _deal(request, pk)
    deny_unless(can_change_deal(request.user, deal))
    form = DealForm(request.POST or None, instance=deal, user=request.user)
    return form_page(
        request,
        form,
        template="deals/deal_form.html",
        success_message=_("Deal saved."),
        save=partial(services.update_deal, by=request.user),
        context={"deal": deal},
    )


@login_required
@require_POST
def deal_stage(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a deal (buttons on the detail page and the board; htmx gets the board back)."""
    deal = _deal(request, pk)
    deny_unless(can_move_stage(request.user, deal))
    form = StageForm(request.POST)
    if form.is_valid():
        services.move_stage(
            deal,
            form.cleaned_data["stage"],
            on=clock.today(),
            by=request.user,
            lost_reason=form.cleaned_data["lost_reason"],
        )
    elif not is_htmx(request):
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    if is_htmx(request):
        response = render(request, "deals/_board.html", _board_context(request))
        if not form.is_valid():
            response.status_code = 422
        return response
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = deal.get_absolute_url()
    return redirect(back)


CHILDREN = {
    "stakeholder": (StakeholderForm, "stakeholders", gettext_lazy("buying group member")),
    "promise": (PromiseForm, "promises", gettext_lazy("promise to the buyer")),
    "praise": (PraiseForm, "praise", gettext_lazy("praise")),
    "objection": (ObjectionForm, "objections", gettext_lazy("objection")),
    "discount": (DiscountForm, "discount_requests", gettext_lazy("discount request")),
}


@login_required
@require_http_methods(["GET", "POST"])
def child_form(request: HttpRequest, pk: int, kind: str, child: int | None = None):
    """Add or edit a record of the deal: a stakeholder, promise, praise, objection
    or discount request (one view, one template: they differ only by form)."""
    deal = _deal(request, pk)
    if kind not in CHILDREN:
        raise Http404
    form_class, related, label = CHILDREN[kind]
    instance = access.get_visible(getattr(deal, related).all(), pk=child) if child else None
    deny_unless(can_change_deal_records(request.user, deal))
    if request.method == "POST" and "delete" in request.POST and instance is not None:
        services.delete_deal_record(instance, by=request.user)
        messages.success(request, _("Removed."))
        return redirect(deal.get_absolute_url())
    initial = {}
    if kind == "stakeholder" and request.GET.get("person", "").isdigit():
        initial["person"] = request.GET["person"]
    form = form_class(
        request.POST or None, instance=instance, deal=deal, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        services.save_deal_record(form, by=request.user)
        messages.success(request, _("Saved."))
        return redirect(deal.get_absolute_url())
    return render(
        request,
        "deals/child_form.html",
        {"deal": deal, "form": form, "label": label, "instance": instance},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET"])
def deal_insights(request: HttpRequest) -> HttpResponse:
    """Across the deals the user sees: recurring objections, value instead of discount."""
    deals = visible_deals(request.user)
    return render(
        request,
        "deals/insights.html",
        {
            "objections": insights.recurring_objections(deals),
            "discounts": insights.discount_summary(deals),
            "stages": deals.values("stage").annotate(n=Count("id"), total=Sum("amount")),
        },
    )
