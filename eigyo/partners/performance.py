"""A partner's numbers, read from the deals and the visit log: actuals per period
against the contract's targets, the projection, termination-right windows, the
notice deadline, idling, value instead of discount, and before/after training.

Actuals count only wins our side confirmed (a partner user may mark its own deal won;
the win counts once confirmed, at the amount confirmed)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Max, Q

from eigyo.activities.models import Activity
from eigyo.companies.models import Company
from eigyo.deals.models import OPEN_STAGES, Deal, DiscountRequest, Stage, StageChange
from eigyo.partners.domain import contracts as rules
from eigyo.partners.domain import performance as perf
from eigyo.partners.domain import periods
from eigyo.partners.models import Attendance, Contract, Metric, Target, TerminationRight
from eigyo.worktime.calendars import calendar_for


@dataclass
class Facts:
    """What a partner did, dated: confirmed wins (day, yen, company) and people trained."""

    wins: list[tuple[dt.date, int, int]] = field(default_factory=list)
    trained: list[tuple[dt.date, int]] = field(default_factory=list)

    def actual(self, metric: str, start: dt.date, end: dt.date) -> int:
        inside = [w for w in self.wins if start <= w[0] <= end]
        if metric == Metric.REVENUE:
            return sum(w[1] for w in inside)
        if metric == Metric.DEALS:
            return len(inside)
        if metric == Metric.CLIENTS:
            first: dict[int, dt.date] = {}
            for day, _amount, company in sorted(self.wins):
                first.setdefault(company, day)
            return sum(1 for day in first.values() if start <= day <= end)
        if metric == Metric.TRAINED:
            return len({t for day, t in self.trained if start <= day <= end})
        raise ValueError(metric)


def confirmed_wins():
    return Deal.objects.filter(
        stage=Stage.WON, win_confirmed_at__isnull=False, closed_on__isnull=False
    )


def facts_for(partner_ids) -> dict[int, Facts]:
    """Two queries for any number of partners."""
    ids = list(partner_ids)
    out = {pid: Facts() for pid in ids}
    for pid, day, amount, company in (
        confirmed_wins()
        .filter(partner_id__in=ids)
        .values_list("partner_id", "closed_on", "win_confirmed_amount", "company_id")
    ):
        out[pid].wins.append((day, amount or 0, company))
    for pid, day, trainee in Attendance.objects.filter(
        trainee__partner_id__in=ids, completed=True
    ).values_list("trainee__partner_id", "session__held_on", "trainee_id"):
        out[pid].trained.append((day, trainee))
    return out


@dataclass
class Line:
    """One target with its actual, projection and whether it is behind."""

    target: Target
    period: periods.Period
    progress: periods.Progress
    behind: bool


def lines(targets, facts: Facts, today: dt.date) -> list[Line]:
    out = []
    for t in targets:
        period = t.period
        actual = facts.actual(t.metric, period.start, min(period.end, today))
        p = periods.progress(t.value, actual, period, today)
        out.append(Line(t, period, p, periods.projected_miss(p, today, period)))
    return out


def current_lines(partner, today: dt.date, facts: Facts | None = None) -> list[Line]:
    """The targets of the periods running today."""
    facts = facts or facts_for([partner.pk])[partner.pk]
    running = [
        t
        for t in Target.objects.filter(contract__partner=partner).select_related("contract")
        if t.period.contains(today)
    ]
    return lines(running, facts, today)


def chart(partner, fy: int, facts: Facts | None = None) -> dict:
    """Target vs actual revenue by quarter of fiscal year `fy` (for Chart.js)."""
    facts = facts or facts_for([partner.pk])[partner.pk]
    quarters = periods.periods_of_year(fy, periods.QUARTER)
    targets = {
        t.index: t.value
        for t in Target.objects.filter(
            contract__partner=partner,
            metric=Metric.REVENUE,
            period_kind=periods.QUARTER,
            fiscal_year=fy,
        )
    }
    return {
        "labels": [f"Q{q.index}" for q in quarters],
        "target": [targets.get(q.index) for q in quarters],
        "actual": [facts.actual(Metric.REVENUE, q.start, q.end) for q in quarters],
    }


# --- contracts: terms, notice, termination rights ---------------------------------


@dataclass
class ContractState:
    contract: Contract
    term: rules.Term | None
    notice_by: dt.date | None
    caution: rules.Caution | None
    windows: list[tuple[TerminationRight, rules.Window]]


def contract_state(contract: Contract, today: dt.date, facts: Facts | None = None):
    facts = facts or facts_for([contract.partner_id])[contract.partner_id]
    term = rules.current_term(
        contract.start,
        contract.term_months,
        today,
        auto_renew=contract.auto_renew,
        renewal_months=contract.renewal_months,
    )
    notice_by = rules.notice_deadline(term.end, contract.notice_months) if term else None
    since = contract.relationship_since or contract.start
    renewals = max(contract.renewals, (term.number - 1) if term else 0)
    caution = rules.continuity_caution(
        since,
        today,
        renewals=renewals,
        auto_renew=contract.auto_renew,
        notice_months=contract.notice_months,
    )
    found = []
    targets = list(contract.targets.all())
    for right in contract.termination_rights.all():
        results = [
            rules.Result(t.period, t.value, facts.actual(t.metric, t.period.start, t.period.end))
            for t in targets
            if t.metric == right.metric and t.period_kind == right.period_kind
        ]
        spec = rules.Right(
            right.metric, right.threshold_percent, right.consecutive, right.window_days
        )
        window = rules.open_window(spec, results, today)
        if window is not None:
            found.append((right, window))
    return ContractState(contract, term, notice_by, caution, found)


# --- idling -------------------------------------------------------------------------


def idling(partners, today: dt.date) -> dict[int, perf.Idling]:
    """The partners among `partners` holding companies or open deals with no activity
    (or no deal moving) for their threshold of business days."""
    ids = [p.pk for p in partners]
    if not ids:
        return {}
    holds = set(
        Company.objects.filter(partner_id__in=ids).values_list("partner_id", flat=True)
    ) | set(Deal.objects.filter(partner_id__in=ids).values_list("partner_id", flat=True))
    open_deals = set(
        Deal.objects.filter(partner_id__in=ids, stage__in=OPEN_STAGES).values_list(
            "partner_id", flat=True
        )
    )
    last_activity = dict(
        Activity.objects.filter(Q(company__partner_id__in=ids))
        .values_list("company__partner_id")
        .annotate(last=Max("occurred_at"))
        .values_list("company__partner_id", "last")
    )
    last_move = dict(
        StageChange.objects.filter(deal__partner_id__in=ids)
        .values_list("deal__partner_id")
        .annotate(last=Max("changed_on"))
        .values_list("deal__partner_id", "last")
    )
    out = {}
    calendars: dict[int, object] = {}
    for partner in partners:
        if partner.org_id not in calendars:
            calendars[partner.org_id] = calendar_for(partner.org)
        cal = calendars[partner.org_id]
        threshold = getattr(getattr(partner, "profile", None), "idle_after_days", 20)
        activity = last_activity.get(partner.pk)
        found = perf.idling(
            holds_work=partner.pk in holds,
            last_activity=activity.date() if activity else None,
            last_move=last_move.get(partner.pk),
            has_open_deals=partner.pk in open_deals,
            today=today,
            threshold=threshold,
            business_days_between=lambda a, b, cal=cal: cal.count_business_days(
                a + dt.timedelta(days=1), b
            ),
            assigned_since=partner.created_at.date(),
        )
        if found is not None:
            out[partner.pk] = found
    return out


# --- value, not discount ------------------------------------------------------------


def value_share(partner) -> tuple[perf.ValueShare, dict]:
    """Overall and per fiscal quarter (of each deal's close, or its creation while open)."""
    deals = {
        pk: closed or created.date()
        for pk, closed, created in Deal.objects.filter(partner=partner).values_list(
            "pk", "closed_on", "created_at"
        )
    }
    requests = list(
        DiscountRequest.objects.filter(deal__partner=partner).values_list(
            "deal_id", "offered", "outcome"
        )
    )
    by_quarter = perf.value_share_by(
        {pk: periods.period_of(day, periods.QUARTER) for pk, day in deals.items()},
        requests,
    )
    return perf.value_share(deals, requests), by_quarter


# --- before and after training -------------------------------------------------------


def _events(activities, moves, wins):
    return (
        [a.date() for a in activities],
        list(moves),
        [(day, amount or 0) for day, amount in wins],
    )


def trainee_numbers(trainee, trained_on: dt.date, months: int, today: dt.date):
    """(windows, comparison) for one trainee with a login, else None."""
    w = perf.windows(trained_on, months, today)
    if w is None or trainee.user_id is None:
        return None
    start, end = w.before.start, w.after.end
    acts = Activity.objects.filter(
        owner_id=trainee.user_id, occurred_at__date__range=(start, end)
    ).values_list("occurred_at", flat=True)
    moves = StageChange.objects.filter(
        changed_by_id=trainee.user_id,
        changed_on__range=(start, end),
        to_stage__in=[*OPEN_STAGES[1:], Stage.WON],
    ).values_list("changed_on", flat=True)
    won_ids = StageChange.objects.filter(changed_by_id=trainee.user_id, to_stage=Stage.WON)
    wins = (
        confirmed_wins()
        .filter(pk__in=won_ids.values("deal_id"), closed_on__range=(start, end))
        .values_list("closed_on", "win_confirmed_amount")
    )
    a, m, ws = _events(acts, moves, wins)
    return w, perf.Comparison(perf.count(w.before, a, m, ws), perf.count(w.after, a, m, ws))


def partner_numbers(partner, trained_on: dt.date, months: int, today: dt.date):
    """(windows, comparison) for the whole partner around a training day."""
    w = perf.windows(trained_on, months, today)
    if w is None:
        return None
    start, end = w.before.start, w.after.end
    acts = Activity.objects.filter(
        company__partner=partner, occurred_at__date__range=(start, end)
    ).values_list("occurred_at", flat=True)
    moves = StageChange.objects.filter(
        deal__partner=partner,
        changed_on__range=(start, end),
        from_stage__gt="",
        to_stage__in=[*OPEN_STAGES[1:], Stage.WON],
    ).values_list("changed_on", flat=True)
    wins = confirmed_wins().filter(partner=partner, closed_on__range=(start, end))
    a, m, ws = _events(acts, moves, wins.values_list("closed_on", "win_confirmed_amount"))
    return w, perf.Comparison(perf.count(w.before, a, m, ws), perf.count(w.after, a, m, ws))


def training_effect(partner, today: dt.date, months: int = 3):
    """Around the partner's latest completed training: the partner's numbers and each
    trained person's, before and after."""
    latest = (
        Attendance.objects.filter(trainee__partner=partner, completed=True)
        .select_related("session__module")
        .order_by("-session__held_on")
        .first()
    )
    if latest is None:
        return None
    day = latest.session.held_on
    people = []
    for att in Attendance.objects.filter(
        session=latest.session, trainee__partner=partner
    ).select_related("trainee"):
        people.append((att.trainee, trainee_numbers(att.trainee, day, months, today)))
    return {
        "session": latest.session,
        "months": months,
        "partner": partner_numbers(partner, day, months, today),
        "people": people,
    }
