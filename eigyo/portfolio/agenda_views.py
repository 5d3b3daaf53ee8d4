"""The rep's day and weeks: agenda, plan, winnowing queue, benchmarks."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from eigyo.accounts import access
from eigyo.core import clock
from eigyo.core.views import deny_unless
from eigyo.portfolio import benchmarking, planning
from eigyo.portfolio.domain import MATURING_TIERS
from eigyo.portfolio.models import PortfolioSettings, Tier
from eigyo.portfolio.text import explain
from eigyo.worktime.calendars import calendar_for


def _owner(request: HttpRequest):
    """The rep whose portfolio is shown: ?user=ID among those the viewer may see."""
    owners = access.portfolio_owners(request.user)
    deny_unless(owners.exists())
    user_id = request.GET.get("user")
    if user_id:
        return access.get_visible(owners, pk=user_id), owners
    return (owners.filter(pk=request.user.pk).first() or owners.first()), owners


def _day(request: HttpRequest) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return clock.today()


@login_required
@require_http_methods(["GET"])
def agenda(request: HttpRequest) -> HttpResponse:
    owner, owners = _owner(request)
    org = access.membership(request.user).org
    day = _day(request)
    result = planning.build_agenda(owner, org, day)
    calendar = calendar_for(org, owner)
    items = [(c, explain(c, day)) for c in result.contacts]
    return render(
        request,
        "portfolio/agenda.html",
        {
            "owner": owner,
            "owners": owners,
            "agenda": result,
            "items": items,
            "day": day,
            "holiday": calendar.holiday_name(day),
            "next_day": calendar.next_business_day(day, include_today=False),
            "back": request.get_full_path(),
            "to_sort": planning.winnowing([owner.pk], org, day).count(),
            "promises": planning.open_promises(owner, org, day + dt.timedelta(days=7)),
            "senior_visits": planning.senior_visits(owner, org, day, day + dt.timedelta(days=7)),
        },
    )


@login_required
@require_http_methods(["GET"])
def plan(request: HttpRequest) -> HttpResponse:
    owner, owners = _owner(request)
    org = access.membership(request.user).org
    start = _day(request)
    try:
        weeks = min(max(int(request.GET.get("weeks", 4)), 1), 8)
    except ValueError:
        weeks = 4
    result = planning.build_plan(owner, org, start, weeks)
    days = [(d, [(c, explain(c, d)) for c in items]) for d, items in result.days]
    return render(
        request,
        "portfolio/plan.html",
        {
            "owner": owner,
            "owners": owners,
            "plan": result,
            "days": days,
            "weeks": weeks,
            "shortfall": result.shortfall_by_tier(),
            "unplaced": len(result.unplaced),
            "late": len(result.late),
            "tier_labels": dict(Tier.choices),
        },
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
        request, "portfolio/winnowing.html", {"queue": queue, "days": settings.winnow_after_days}
    )


@login_required
@require_http_methods(["GET"])
def benchmark_page(request: HttpRequest) -> HttpResponse:
    owners = access.portfolio_owners(request.user)
    deny_unless(owners.exists())
    org = access.membership(request.user).org
    today = clock.today()
    settings = PortfolioSettings.for_org(org)
    if request.GET.get("user") or owners.count() == 1:
        owner, _ = _owner(request)
        rows = benchmarking.benchmarks([owner], org, today)
        charts = benchmarking.rep_charts(owner, org, today)
        team = None
    else:
        owner = None
        rows = benchmarking.benchmarks(list(owners.order_by("family_kana", "email")), org, today)
        charts = None
        team = benchmarking.team_totals(rows)
    focus = rows[0] if owner else team
    funnel = [
        (value, label, focus.tiers.get(value, 0) if focus else 0) for value, label in Tier.choices
    ]
    return render(
        request,
        "portfolio/benchmarks.html",
        {
            "owner": owner,
            "rows": rows,
            "team": team,
            "settings": settings,
            "focus": focus,
            "funnel": funnel,
            "maturing_tiers": MATURING_TIERS,
            "chart_data": {
                "funnel": {
                    "labels": [str(label) for _v, label, _n in funnel],
                    "values": [n for _v, _l, n in funnel],
                },
                **({"rep": charts} if charts else {}),
            },
        },
    )
