"""Portfolio pages: the relationships of a rep (or a team) by tier."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from eigyo.accounts import access
from eigyo.activities.access import visible_activities
from eigyo.contacts.reads import people_met
from eigyo.core import clock, fields
from eigyo.core.contributions import DETAIL
from eigyo.core.htmx import render_list
from eigyo.core.lists import apply_sort, filter_from_query
from eigyo.core.views import deny_unless
from eigyo.portfolio import planning, services
from eigyo.portfolio.access import (
    can_create_relationship,
    can_edit_relationship,
    can_manage_portfolio_settings,
    visible_relationships,
)
from eigyo.portfolio.filters import RELATIONSHIP_SORTS, RelationshipFilter
from eigyo.portfolio.forms import (
    BulkForm,
    PortfolioSettingsForm,
    RelationshipEditForm,
    RelationshipForm,
)
from eigyo.portfolio.models import PortfolioSettings, Tier
from eigyo.worktime import services as worktime
from eigyo.worktime.access import visible_closures
from eigyo.worktime.forms import DateEntryForm, WorkCalendarForm
from eigyo.worktime.models import WorkCalendar


@login_required
@require_http_methods(["GET"])
def relationship_list(request: HttpRequest) -> HttpResponse:
    filters = filter_from_query(RelationshipFilter, request.GET)
    visible = visible_relationships(request.user)
    qs = filters.filter(visible).select_related("company", "owner")
    qs = apply_sort(qs, request.GET.get("sort"), RELATIONSHIP_SORTS, "company")
    return render_list(
        request,
        "portfolio/relationship_list.html",
        "portfolio/_relationship_table.html",
        qs,
        {
            "filters": filters,
            "tiers": Tier.choices,
            "owners": access.visible_users(request.user).filter(pk__in=visible.values("owner_id")),
            "can_create": can_create_relationship(request.user),
            "bulk_form": BulkForm(user=request.user)
            if can_create_relationship(request.user)
            else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def relationship_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rel = access.get_visible(
        visible_relationships(request.user).select_related("company", "owner"), pk=pk
    )
    can_edit = can_edit_relationship(request.user, rel)
    if request.method == "POST":
        deny_unless(can_edit)
    form = RelationshipEditForm(request.POST or None, instance=rel) if can_edit else None
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        services.update_relationship(
            rel,
            by=request.user,
            tier=cd["tier"],
            reason=cd["reason"],
            cadence_days=cd["cadence_days"],
            notes=cd["notes"],
        )
        messages.success(request, _("Relationship saved."))
        return redirect(rel.get_absolute_url())
    activities = (
        visible_activities(request.user)
        .filter(company=rel.company)
        .select_related("owner")
        .prefetch_related(people_met(request.user))[:30]
    )
    return render(
        request,
        "portfolio/relationship_detail.html",
        {
            "rel": rel,
            **DETAIL.context(request, rel),
            "form": form,
            "history": rel.tier_changes.select_related("changed_by"),
            "activities": activities,
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def relationship_create(request: HttpRequest) -> HttpResponse:
    deny_unless(can_create_relationship(request.user))
    initial = {}
    company_id = request.GET.get("company", "")
    if fields.is_id(company_id):
        initial["company"] = int(company_id)
    form = RelationshipForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        rel = services.create_relationship(
            by=request.user,
            company=data["company"],
            owner=data["owner"],
            tier=data["tier"],
            reason=data["reason"],
            cadence_days=data["cadence_days"],
            notes=data["notes"],
        )
        messages.success(request, _("Added to the portfolio."))
        return redirect(rel.get_absolute_url())
    return render(
        request,
        "portfolio/relationship_form.html",
        {"form": form},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET"])
def winnowing(request: HttpRequest) -> HttpResponse:
    owners = access.portfolio_owners(request.user)
    deny_unless(owners.exists())
    org = access.membership(request.user).org
    settings = PortfolioSettings.for_org(org)
    queue = planning.winnowing(list(owners.values_list("pk", flat=True)), org, clock.today())
    return render(
        request,
        "portfolio/winnowing.html",
        {
            "queue": queue,
            "days": settings.winnow_after_days,
            "bulk_form": BulkForm(user=request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    """Cadence, capacity, targets and closures of the organisation (admin)."""
    deny_unless(can_manage_portfolio_settings(request.user))
    org = access.membership(request.user).org
    form = PortfolioSettingsForm(
        request.POST or None, instance=PortfolioSettings.for_org(org), prefix="s"
    )
    calendar_form = WorkCalendarForm(
        request.POST or None, instance=WorkCalendar.for_org(org), prefix="s"
    )
    closure_form = DateEntryForm(request.POST or None, prefix="c")
    if request.method == "POST":
        if "remove" in request.POST:
            worktime.remove_closure(by=request.user, pk=request.POST["remove"])
            return redirect("portfolio:settings")
        if "c-date" in request.POST:
            if closure_form.is_valid():
                worktime.set_closure(
                    by=request.user,
                    date=closure_form.cleaned_data["date"],
                    name=closure_form.cleaned_data["note"],
                )
                return redirect("portfolio:settings")
        elif form.is_valid() and calendar_form.is_valid():
            services.save_settings(
                by=request.user,
                settings=form.save(commit=False),
                calendar=calendar_form.save(commit=False),
            )
            messages.success(request, _("Settings saved."))
            return redirect("portfolio:settings")
    return render(
        request,
        "portfolio/settings.html",
        {
            "form": form,
            "calendar_form": calendar_form,
            "closure_form": closure_form,
            "closures": visible_closures(request.user).order_by("date"),
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def bulk(request: HttpRequest) -> HttpResponse:
    """Change the ticked relationships of a list at once, then back to that list."""
    deny_unless(can_create_relationship(request.user))
    form = BulkForm(request.POST, user=request.user)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("portfolio:list")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    cd = form.cleaned_data
    try:
        n = services.bulk_change(
            cd["ids"], by=request.user, tier=cd["tier"], owner=cd["owner"], reason=cd["reason"]
        )
    except services.BulkRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(n)s relationships changed.") % {"n": n})
    return redirect(back)
