"""Benchmarks per rep and per team, in a fixed number of queries however many
reps, relationships and activities there are."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, DateField, Exists, Min, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from eigyo.accounts.models import User
from eigyo.activities.models import Activity
from eigyo.portfolio import domain
from eigyo.portfolio.models import PortfolioSettings, Relationship, TierChange
from eigyo.portfolio.planning import cadence_for
from eigyo.registry.codes import PRESTIGE_SIZE_CLASSES
from eigyo.worktime.calendars import calendar_for


@dataclass
class RepBenchmarks:
    """One rep's figures: per month (oldest first) and as of today."""

    user: User
    months: list[dt.date]
    approaches: list[int]
    contacts: list[int]
    tiers: dict[str, int]
    maturing: int
    adherence: dict[str, tuple[int, int]]  # tier → (within cadence, total)
    visits_before_business: list[int] = field(default_factory=list)
    prestigious_targets: int = 0
    first_prestigious_client: tuple[dt.date, str] | None = None

    @property
    def median_visits_before_business(self) -> float | None:
        values = self.visits_before_business
        return statistics.median(values) if values else None

    @property
    def adherence_total(self) -> float | None:
        ok = sum(o for o, _t in self.adherence.values())
        total = sum(t for _o, t in self.adherence.values())
        return ok / total if total else None


def _month_bounds(months: list[dt.date]) -> list[tuple[dt.datetime, dt.datetime]]:
    tz = timezone.get_current_timezone()
    edges = months + [(months[-1] + dt.timedelta(days=32)).replace(day=1)]
    as_dt = [dt.datetime.combine(d, dt.time.min, tzinfo=tz) for d in edges]
    return list(zip(as_dt, as_dt[1:], strict=False))


def benchmarks(users: list[User], org, today: dt.date, months: int = 4) -> list[RepBenchmarks]:
    """Benchmarks for each user (current month and the `months - 1` before)."""
    settings = PortfolioSettings.for_org(org)
    cadence = cadence_for(settings)
    starts = domain.month_starts(today, months)
    bounds = _month_bounds(starts)
    ids = [u.pk for u in users]
    out = {
        u.pk: RepBenchmarks(
            u, starts, [0] * months, [0] * months, defaultdict(int), 0, defaultdict(lambda: (0, 0))
        )
        for u in users
    }

    # 1. Contacts per month: one conditional aggregate.
    counts = (
        Activity.objects.filter(
            org=org, owner__in=ids, occurred_at__gte=bounds[0][0], occurred_at__lt=bounds[-1][1]
        )
        .values("owner")
        .annotate(
            **{
                f"m{i}": Count("occurred_at", filter=Q(occurred_at__gte=a, occurred_at__lt=b))
                for i, (a, b) in enumerate(bounds)
            }
        )
    )
    for row in counts:
        out[row["owner"]].contacts = [row[f"m{i}"] for i in range(months)]

    # 2. Relationships with their first and last contact days, whether business was
    # ever discussed and the visits before it, as plain rows: 2,500 model instances cost
    # more than the SQL, and days computed in SQL skip 5,000 time-zone conversions here.
    acts = Activity.objects.filter(org=OuterRef("org"), company=OuterRef("company")).order_by()
    business = acts.filter(business_discussed=True).order_by("occurred_at")

    def day_of(ordered) -> Subquery:
        day = ordered.annotate(day=TruncDate("occurred_at")).values("day")[:1]
        return Subquery(day, output_field=DateField())

    rels = Relationship.objects.filter(org=org, owner__in=ids).annotate(
        first_contact=day_of(acts.order_by("occurred_at")),
        last_contact=day_of(acts.order_by("-occurred_at")),
        business_talked=Exists(business),
        first_business_at=Subquery(business.values("occurred_at")[:1]),  # not selected
    )
    rels = rels.annotate(
        visits_before=Subquery(
            acts.filter(occurred_at__lt=OuterRef("first_business_at"))
            .values("company")
            .annotate(n=Count("occurred_at"))  # not "id": the count is read off the index
            .values("n")[:1]
        )
    )
    columns = (
        "pk",
        "owner_id",
        "tier",
        "tier_since",
        "cadence_days",
        "company__prestigious",
        "company__size_class",
        "first_contact",
        "last_contact",
        "business_talked",
        "visits_before",
    )
    for rel in rels.values(*columns):
        b = out[rel["owner_id"]]
        tier = rel["tier"]
        b.tiers[tier] += 1
        if tier in domain.MATURING_TIERS:
            b.maturing += 1
        first = rel["first_contact"]
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < months else None
            if first and first >= start and (end is None or first < end):
                b.approaches[i] += 1
        state = domain.RelationshipState(
            id=rel["pk"],
            company_id=0,
            company_name="",
            tier=tier,
            tier_since=rel["tier_since"],
            cadence=cadence.for_tier(tier, rel["cadence_days"]),
            last_contact=rel["last_contact"],
        )
        if state.cadence is not None:
            ok, total = b.adherence[tier]
            b.adherence[tier] = (ok + (state.status(today) != "overdue"), total + 1)
        if rel["business_talked"]:
            b.visits_before_business.append(rel["visits_before"] or 0)
        if tier != "dropped" and (
            rel["company__prestigious"] or rel["company__size_class"] in PRESTIGE_SIZE_CLASSES
        ):
            b.prestigious_targets += 1

    # 3. The first prestigious client of each rep.
    firsts = (
        TierChange.objects.filter(org=org, to_tier="client", relationship__owner__in=ids)
        .filter(
            Q(relationship__company__prestigious=True)
            | Q(relationship__company__size_class__in=PRESTIGE_SIZE_CLASSES)
        )
        .values("relationship__owner")
        .annotate(first=Min("changed_on"))
    )
    first_by_owner = {row["relationship__owner"]: row["first"] for row in firsts}
    if first_by_owner:
        names = (
            TierChange.objects.filter(
                org=org, to_tier="client", relationship__owner__in=list(first_by_owner)
            )
            .filter(
                Q(relationship__company__prestigious=True)
                | Q(relationship__company__size_class__in=PRESTIGE_SIZE_CLASSES)
            )
            .select_related("relationship__company")
            .order_by("changed_on", "pk")
        )
        for change in names:
            owner = change.relationship.owner_id
            if out[owner].first_prestigious_client is None:
                out[owner].first_prestigious_client = (
                    change.changed_on,
                    change.relationship.company.display_name,
                )
    for b in out.values():
        # plain dicts: templates look keys up before methods ("items")
        b.tiers, b.adherence = dict(b.tiers), dict(b.adherence)
    return [out[u.pk] for u in users]


def team_totals(rows: list[RepBenchmarks]) -> RepBenchmarks | None:
    """The team as one row: sums, and the median over everyone's relationships."""
    if not rows:
        return None
    months = len(rows[0].months)
    total = RepBenchmarks(
        rows[0].user,
        rows[0].months,
        [sum(r.approaches[i] for r in rows) for i in range(months)],
        [sum(r.contacts[i] for r in rows) for i in range(months)],
        defaultdict(int),
        sum(r.maturing for r in rows),
        defaultdict(lambda: (0, 0)),
    )
    for r in rows:
        for tier, n in r.tiers.items():
            total.tiers[tier] += n
        for tier, (ok, t) in r.adherence.items():
            o2, t2 = total.adherence[tier]
            total.adherence[tier] = (o2 + ok, t2 + t)
        total.visits_before_business += r.visits_before_business
        total.prestigious_targets += r.prestigious_targets
    firsts = [r.first_prestigious_client for r in rows if r.first_prestigious_client]
    total.first_prestigious_client = min(firsts) if firsts else None
    total.tiers, total.adherence = dict(total.tiers), dict(total.adherence)
    return total


def rep_charts(user, org, today: dt.date, weeks: int = 12, days: int = 20) -> dict:
    """Weekly cadence adherence and contacts per business day for one rep."""
    settings = PortfolioSettings.for_org(org)
    cadence = cadence_for(settings)
    calendar = calendar_for(org, user)
    week_ends = [today - dt.timedelta(days=7 * i) for i in range(weeks - 1, -1, -1)]
    rels = list(
        Relationship.objects.filter(org=org, owner=user)
        .exclude(tier__in=["new", "dropped"])
        .values("company_id", "tier", "tier_since", "cadence_days")
    )
    horizon = week_ends[0] - dt.timedelta(days=400)
    by_company = defaultdict(list)
    for company_id, when in Activity.objects.filter(
        org=org,
        company_id__in=[r["company_id"] for r in rels],
        occurred_at__date__gte=horizon,
    ).values_list("company_id", "occurred_at"):
        by_company[company_id].append(timezone.localtime(when).date())
    series = domain.weekly_adherence(
        week_ends,
        [
            (
                sorted(by_company[r["company_id"]]),
                cadence.for_tier(r["tier"], r["cadence_days"]),
                r["tier_since"],
            )
            for r in rels
        ],
    )
    business_days = []
    d = today
    while len(business_days) < days:
        if calendar.is_business_day(d):
            business_days.append(d)
        d -= dt.timedelta(days=1)
    business_days.reverse()
    mine = Activity.objects.filter(org=org, owner=user, occurred_at__date__gte=business_days[0])
    per_day = domain.per_day(
        (timezone.localtime(w).date() for w in mine.values_list("occurred_at", flat=True)),
        business_days,
    )
    return {
        "weeks": [d.isoformat() for d in week_ends],
        "adherence": [round(v * 100) if v is not None else None for v in series],
        "days": [d.isoformat() for d in business_days],
        "contacts": per_day,
    }
