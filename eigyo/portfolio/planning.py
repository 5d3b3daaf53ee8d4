"""Database side of the cadence rules: load relationship states in a constant
number of queries, and build the agenda and plan for a rep."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone

from eigyo.activities.models import Activity
from eigyo.portfolio import domain
from eigyo.portfolio.models import PortfolioSettings, Relationship
from eigyo.worktime.calendars import calendar_for


def cadence_for(settings: PortfolioSettings) -> domain.Cadence:
    return domain.Cadence(
        {
            "willing": settings.willing_days,
            "possible": settings.possible_days,
            "probable": settings.probable_days,
            "client": settings.client_days,
            "nurture": settings.nurture_days,
        }
    )


def _local_date(value: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(value).date() if value else None


def annotated_relationships(queryset):
    """Relationships with their last and first contact, the number of contacts and
    the promised follow-up of the latest activity: one
    query, whatever the size of the portfolio (correlated subqueries on the
    (org, company, time) index; each costs ~6 µs a relationship on SQLite)."""
    acts = Activity.objects.filter(org=OuterRef("org"), company=OuterRef("company"))
    latest = acts.order_by("-occurred_at", "-id")
    # The times alone need no tie-break on id: without it each is one index probe (with
    # it PostgreSQL sorts every company's log to break ties that give the same value).
    annotations = {
        "last_contact_at": Subquery(acts.order_by("-occurred_at").values("occurred_at")[:1]),
        "first_contact_at": Subquery(acts.order_by("occurred_at").values("occurred_at")[:1]),
    }
    annotations.update(
        follow_up_on=Subquery(latest.values("next_step_on")[:1]),
        follow_up=Subquery(latest.values("next_step")[:1]),
        contact_count=Subquery(
            acts.order_by().values("company").annotate(n=Count("id")).values("n")[:1]
        ),
    )
    return queryset.annotate(**annotations)


def state_of(rel, cadence: domain.Cadence) -> domain.RelationshipState:
    return domain.RelationshipState(
        id=rel.pk,
        company_id=rel.company_id,
        company_name=rel.company.display_name,
        tier=rel.tier,
        tier_since=rel.tier_since,
        cadence=cadence.for_tier(rel.tier, rel.cadence_days),
        last_contact=_local_date(rel.last_contact_at),
        contacts=rel.contact_count or 0,
        follow_up_on=rel.follow_up_on,
        follow_up=rel.follow_up or "",
    )


def portfolio_of(user, org) -> list:
    """The user's live relationships (not dropped), annotated."""
    return portfolios_of([user.pk], org)


def portfolios_of(owner_ids, org) -> list:
    """The live relationships (not dropped) of several owners, annotated: one query."""
    qs = (
        Relationship.objects.filter(org=org, owner__in=owner_ids)
        .exclude(tier="dropped")
        .select_related("company")
        .only(
            "id",
            "org_id",
            "company_id",
            "tier",
            "tier_since",
            "cadence_days",
            "owner_id",
            "company__legal_name",
            "company__short_name",
        )
    )
    return list(annotated_relationships(qs))


def states_by_owner(owner_ids, org, settings: PortfolioSettings | None = None) -> dict:
    """owner id → the states of their live relationships, for a whole team at once."""
    cadence = cadence_for(settings or PortfolioSettings.for_org(org))
    found: dict = {pk: [] for pk in owner_ids}
    for rel in portfolios_of(owner_ids, org):
        found[rel.owner_id].append(state_of(rel, cadence))
    return found


def states_for(user, org, settings: PortfolioSettings | None = None):
    settings = settings or PortfolioSettings.for_org(org)
    cadence = cadence_for(settings)
    rels = portfolio_of(user, org)
    return rels, [state_of(r, cadence) for r in rels]


def build_plan(user, org, start: dt.date, weeks: int = 4) -> domain.Plan:
    """The rep's plan from `start`, shown for `weeks` weeks (planned over the whole
    horizon, so its first day is the agenda's)."""
    settings = PortfolioSettings.for_org(org)
    _rels, states = states_for(user, org, settings)
    calendar = calendar_for(org, user)
    whole = domain.plan(states, calendar, start, capacity=settings.daily_capacity)
    return whole.window(weeks * 5)


def build_agenda(user, org, today: dt.date, calendar=None) -> domain.Agenda:
    """The user's agenda for `today` (pass the user's calendar if you have it already)."""
    settings = PortfolioSettings.for_org(org)
    rels, states = states_for(user, org, settings)
    calendar = calendar or calendar_for(org, user)
    month_start = today.replace(day=1)
    approached = sum(
        1 for r in rels if r.first_contact_at and month_start <= _local_date(r.first_contact_at)
    )
    candidates = [
        domain.Approach(r.pk, r.company_id, r.company.display_name, r.tier_since)
        for r in rels
        if r.tier == "new" and not r.contact_count
    ]
    return domain.agenda(
        states,
        calendar,
        today,
        capacity=settings.daily_capacity,
        approach_target=settings.monthly_approaches,
        approaches_this_month=approached,
        approach_candidates=candidates,
    )


def winnowing(owner_ids, org, today: dt.date):
    """`new` relationships older than the organisation's limit, oldest first."""
    settings = PortfolioSettings.for_org(org)
    limit = today - dt.timedelta(days=settings.winnow_after_days)
    return (
        Relationship.objects.filter(org=org, owner__in=owner_ids, tier="new", tier_since__lt=limit)
        .select_related("company", "owner")
        .order_by("tier_since", "pk")
    )


__all__ = ["build_agenda", "build_plan", "states_by_owner", "states_for", "winnowing"]
