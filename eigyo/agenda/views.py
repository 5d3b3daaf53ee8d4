"""The top floor: the start page, the rep's day and weeks (agenda, plan), the
benchmarks and the manager's dashboard. Each reads the apps below; none writes."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.views.decorators.http import require_http_methods

from eigyo.accounts import access
from eigyo.activities.access import visible_activities
from eigyo.agenda import search
from eigyo.agenda.access import sees_team
from eigyo.agenda.team import team_today
from eigyo.contacts.reads import people_met
from eigyo.core import clock
from eigyo.core.htmx import is_htmx
from eigyo.core.views import deny_unless
from eigyo.deals.queries import open_promises
from eigyo.followups import inbox
from eigyo.followups import services as followups
from eigyo.followups.access import (
    visible_coaching,
    visible_conflicts,
    visible_instructions,
    visible_senior_visits,
)
from eigyo.followups.queries import scheduled_senior_visits
from eigyo.portfolio import benchmarking, planning
from eigyo.portfolio.access import has_portfolio, visible_relationships
from eigyo.portfolio.domain import MATURING_TIERS
from eigyo.portfolio.models import PortfolioSettings, Tier
from eigyo.portfolio.text import explain
from eigyo.prospecting.access import can_enter_leads, visible_leads
from eigyo.prospecting.call_services import call_backs_due
from eigyo.worktime.calendars import calendar_for


def _owner(request: HttpRequest):
    """The rep whose portfolio is shown: ?user=ID among those the viewer may see."""
    owners = access.portfolio_owners(request.user)
    deny_unless(owners.exists())
    user_id = request.GET.get("user")
    if user_id:
        return access.get_visible(owners, pk=user_id), owners
    return (owners.filter(pk=request.user.pk).first() or owners.first()), owners


def _team(user, owners) -> list:
    """The people a leader's team views list: those they oversee, not themselves (their
    own figures are a click away); someone with no one else sees just themselves."""
    team = list(owners.exclude(pk=user.pk).order_by("family_kana", "email"))
    return team or list(owners.filter(pk=user.pk))


def _day(request: HttpRequest) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return clock.today()


@login_required
@require_http_methods(["GET"])
def home(request: HttpRequest) -> HttpResponse:
    """The start page: today's agenda at a glance, my portfolio by tier, my latest contacts."""
    inbox.refresh(request.user, request.session)
    mine = visible_relationships(request.user).filter(owner=request.user)
    counts = dict(mine.values_list("tier").annotate(n=Count("id")).values_list("tier", "n"))
    funnel = [(value, label, counts.get(value, 0)) for value, label in Tier.choices]
    recent = (
        visible_activities(request.user)
        .filter(owner=request.user)
        .select_related("company", "owner")
        .prefetch_related(people_met(request.user))[:8]
    )
    agenda, items = None, []
    if has_portfolio(request.user):
        today = clock.today()
        agenda = planning.build_agenda(request.user, access.membership(request.user).org, today)
        items = [(c, explain(c, today)) for c in agenda.contacts]
    team, moved = [], []
    if sees_team(request.user):
        org = access.membership(request.user).org
        reps = access.portfolio_owners(request.user).exclude(pk=request.user.pk)
        team, moved = team_today(request.user, list(reps), org, clock.today())
    leads = visible_leads(request.user).select_related("owner")
    if not can_enter_leads(request.user):  # a rep: what waits for their verdict
        leads = leads.filter(owner=request.user, status="assigned").order_by("due_at")
    return render(
        request,
        "agenda/home.html",
        {
            "leads": list(leads[:8]),
            "funnel": funnel,
            "recent": recent,
            "agenda": agenda,
            "items": items,
            "team": team,
            "moved": moved,
        },
    )


@login_required
@require_http_methods(["GET"])
def agenda(request: HttpRequest) -> HttpResponse:
    owner, owners = _owner(request)
    org = access.membership(request.user).org
    day = _day(request)
    calendar = calendar_for(org, owner)
    result = planning.build_agenda(owner, org, day, calendar)
    items = [(c, explain(c, day)) for c in result.contacts]
    return render(
        request,
        "agenda/agenda.html",
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
            "promises": open_promises(owner, org, day + dt.timedelta(days=7)),
            "senior_visits": scheduled_senior_visits(owner, org, day, day + dt.timedelta(days=7)),
            "call_backs": call_backs_due(owner, org, day),
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
        "agenda/plan.html",
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
        rows = benchmarking.benchmarks(_team(request.user, owners), org, today)
        charts = None
        team = benchmarking.team_totals(rows)
    focus = rows[0] if owner else team
    funnel = [
        (value, label, focus.tiers.get(value, 0) if focus else 0) for value, label in Tier.choices
    ]
    return render(
        request,
        "agenda/benchmarks.html",
        {
            "owner": owner,
            "rows": rows,
            "team": team,
            "settings": settings,
            "focus": focus,
            # each month's label (title, short name) formatted once for every row
            "months": [(f"{m:%Y-%m}", date_format(m, "M")) for m in rows[0].months] if rows else [],
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


@login_required
@require_http_methods(["GET"])
def dashboard(request: HttpRequest) -> HttpResponse:
    """The manager's view per rep: benchmarks, instructions, coaching, conflicts, visits."""
    owners = access.portfolio_owners(request.user)
    deny_unless(owners.exists())
    org, today = access.membership(request.user).org, clock.today()
    reps = _team(request.user, owners)
    bench = {b.user.pk: b for b in benchmarking.benchmarks(reps, org, today)}
    instructions = visible_instructions(request.user).filter(status="open")
    evaporating = followups.evaporating(instructions, org, today)
    coaching = visible_coaching(request.user)
    visits = visible_senior_visits(request.user).exclude(status__in=["done", "declined"])
    conflicts = visible_conflicts(request.user).filter(resolved_on__isnull=True)
    rows = []
    for rep in reps:
        last = coaching.filter(rep=rep).order_by("-held_on").first()
        rows.append(
            {
                "rep": rep,
                "bench": bench[rep.pk],
                "open": sum(1 for i in instructions if i.owner_id == rep.pk),
                "evaporating": [e for e in evaporating if e.instruction.owner_id == rep.pk],
                "last_coaching": last,
                "coaching_due": bool(last and last.next_on and last.next_on <= today)
                or last is None,
                "conflicts": sum(1 for c in conflicts if c.messenger_id == rep.pk),
                "visits": sum(1 for v in visits if v.requested_by_id == rep.pk),
            }
        )
    return render(
        request,
        "agenda/dashboard.html",
        {
            "rows": rows,
            "evaporating": evaporating,
            "visits": visits.select_related("company", "requested_by", "senior"),
            "conflicts": conflicts.select_related("company", "messenger"),
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET"])
def search_page(request: HttpRequest) -> HttpResponse:
    """Everything the user may see that matches what they type; htmx gets the dropdown."""
    q = request.GET.get("q", "")
    groups = search.search(request.user, q)
    template = "agenda/_search_results.html" if is_htmx(request) else "agenda/search.html"
    return render(request, template, {"q": q.strip(), "groups": groups})
