"""The cadence rules, the daily agenda and the multi-week plan (pure: no Django).

A relationship's next contact falls due `cadence` days after its last real
contact (the latest activity with the company), or after it entered its tier
when there has been none. A promised follow-up (an activity's next-step date
with nothing logged since) can bring it forward. `plan()` spreads the due
contacts over business days within the rep's daily capacity; the agenda is
the plan's first day plus the new approaches paced to the monthly target.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

__all__ = [
    "Agenda",
    "Approach",
    "CADENCED_TIERS",
    "Cadence",
    "Calendar",
    "MATURING_TIERS",
    "PLAN_HORIZON",
    "Plan",
    "PlannedContact",
    "RelationshipState",
    "TIER_PRIORITY",
    "agenda",
    "approaches_today",
    "plan",
    "winnowing_queue",
]

# The plan always looks this far ahead (8 weeks of business days, the longest plan a rep
# can open): what a day must take depends on what is due after it, so the agenda, every
# plan window and the calendar feed are one computation over one horizon.
PLAN_HORIZON = 40

# Higher in the pipeline comes first when capacity is short.
TIER_PRIORITY = {"probable": 0, "possible": 1, "willing": 2, "client": 3, "nurture": 4, "new": 5}
CADENCED_TIERS = ("willing", "possible", "probable", "client", "nurture")
MATURING_TIERS = ("willing", "possible", "probable")
DEFAULT_CADENCE = {"willing": 30, "possible": 14, "probable": 7, "client": 30, "nurture": 90}


class Calendar(Protocol):
    def is_business_day(self, d: dt.date) -> bool: ...
    def next_business_day(self, d: dt.date, *, include_today: bool = True) -> dt.date: ...
    def previous_business_day(self, d: dt.date, *, include_today: bool = True) -> dt.date: ...
    def business_days_from(self, d: dt.date, n: int) -> list[dt.date]: ...
    def remaining_business_days_in_month(self, d: dt.date) -> int: ...


@dataclass(frozen=True)
class Cadence:
    """Days between contacts per tier; `new` and `dropped` have none."""

    days: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_CADENCE))

    def for_tier(self, tier: str, override: int | None = None) -> int | None:
        if tier not in CADENCED_TIERS:
            return None
        return override or self.days.get(tier)


@dataclass(frozen=True)
class RelationshipState:
    """What the rules need to know about one relationship, as of a day."""

    id: int
    company_id: int
    company_name: str
    tier: str
    tier_since: dt.date
    cadence: int | None  # effective days, None for new / dropped
    last_contact: dt.date | None = None
    contacts: int = 0
    follow_up_on: dt.date | None = None  # promised next step, nothing logged since
    follow_up: str = ""

    @property
    def cadence_due(self) -> dt.date | None:
        if self.cadence is None:
            return None
        return (self.last_contact or self.tier_since) + dt.timedelta(days=self.cadence)

    @property
    def next_due(self) -> dt.date | None:
        """The earlier of the cadence date and a promised follow-up."""
        dates = [d for d in (self.cadence_due, self.follow_up_on) if d is not None]
        return min(dates) if dates else None

    def status(self, today: dt.date) -> str:
        """'overdue', 'due' (today), 'ok' (later) or 'none' (no rhythm)."""
        due = self.next_due
        if due is None:
            return "none"
        if due < today:
            return "overdue"
        return "due" if due == today else "ok"


@dataclass(frozen=True)
class PlannedContact:
    """One contact placed on a day, with the facts that explain why.

    reason: 'overdue' (past due when the plan starts), 'follow_up' (a promised
    next step), 'due' (on its due date, or the business day before it),
    'early' (brought forward to spread the load) or 'late' (no room before its
    due date)."""

    relationship_id: int
    company_id: int
    company_name: str
    tier: str
    due: dt.date
    day: dt.date
    reason: str
    last_contact: dt.date | None
    cadence: int | None
    follow_up: str = ""

    def days_since_contact(self, today: dt.date) -> int | None:
        return (today - self.last_contact).days if self.last_contact else None


@dataclass
class Plan:
    """Due contacts spread over business days. `unplaced` did not fit in the
    horizon at all; `late` were placed after their due date."""

    start: dt.date
    days: list[tuple[dt.date, list[PlannedContact]]]
    capacity: int
    unplaced: list[PlannedContact]

    @property
    def late(self) -> list[PlannedContact]:
        return [
            c
            for _d, items in self.days
            for c in items
            if c.reason == "late" or (c.reason == "overdue" and c.day > self.start)
        ]

    @property
    def contacts(self) -> list[PlannedContact]:
        return [c for _d, items in self.days for c in items]

    def shortfall_by_tier(self) -> dict[str, int]:
        """How many contacts per tier miss their date (late or not placed)."""
        counts = Counter(c.tier for c in self.late + self.unplaced)
        return dict(sorted(counts.items(), key=lambda kv: TIER_PRIORITY.get(kv[0], 9)))

    @property
    def fits(self) -> bool:
        return not self.unplaced and not self.late

    def on(self, day: dt.date) -> list[PlannedContact]:
        """The contacts planned for `day` (none on a day that is not in the plan)."""
        return next((items for d, items in self.days if d == day), [])

    def window(self, business_days: int) -> Plan:
        """The first `business_days` of this plan, as the rep sees it: a contact due
        inside the window but placed after it did not fit; one due after it is not
        shown. The days inside the window are exactly this plan's."""
        shown = self.days[:business_days]
        if not shown:
            return Plan(self.start, [], self.capacity, list(self.unplaced))
        end = shown[-1][0]
        missed = [c for _d, items in self.days[business_days:] for c in items if c.due <= end]
        missed = [replace(c, reason="late") if c.reason != "overdue" else c for c in missed]
        unplaced = [c for c in self.unplaced if c.due <= end]
        return Plan(self.start, shown, self.capacity, missed + unplaced)


def _priority(state: RelationshipState) -> tuple:
    return (TIER_PRIORITY.get(state.tier, 9), state.id)


def plan(
    states: Iterable[RelationshipState],
    calendar: Calendar,
    start: dt.date,
    *,
    business_days: int = PLAN_HORIZON,
    capacity: int = 3,
) -> Plan:
    """Place each relationship whose next contact falls due within the horizon
    exactly once, on a business day, at most `capacity` a day.

    "Lazy earliest-due-first": each day takes only as many contacts as it must
    so that every later one can still be made by its date (nothing is done
    needlessly early, days fill evenly), choosing the earliest due first, and
    among equal dates the higher tier. When capacity is too small the day is
    full and the earliest due still go first, which keeps the worst lateness as
    small as it can be; contacts left over at the end did not fit the horizon.
    """
    if capacity < 1 or business_days < 1:
        raise ValueError("capacity and business_days must be at least 1")
    days = calendar.business_days_from(calendar.next_business_day(start), business_days)
    index = {d: i for i, d in enumerate(days)}
    horizon_end = days[-1]

    pending = []  # (target index, due, state): target = last business day on/before due
    for s in states:
        due = s.next_due
        if due is None or due > horizon_end:
            continue
        target = index[calendar.previous_business_day(due)] if due >= days[0] else 0
        pending.append((target, due, s))
    pending.sort(key=lambda t: (t[0], t[1], _priority(t[2])))

    def contact(target: int, due: dt.date, s: RelationshipState, day: int) -> PlannedContact:
        if due < days[0]:
            reason = "overdue"
        elif day > target:
            reason = "late"
        elif s.follow_up_on is not None and s.follow_up_on == due:
            reason = "follow_up"
        else:
            reason = "due" if day == target else "early"
        return PlannedContact(
            relationship_id=s.id,
            company_id=s.company_id,
            company_name=s.company_name,
            tier=s.tier,
            due=due,
            day=days[min(day, len(days) - 1)],
            reason=reason,
            last_contact=s.last_contact,
            cadence=s.cadence,
            follow_up=s.follow_up,
        )

    load: list[list[PlannedContact]] = []
    for i in range(len(days)):
        # What today must take so that days i+1..j can hold the rest due by j.
        need, count = 0, 0
        for k, (target, _due, _s) in enumerate(pending):
            count = k + 1
            if k + 1 == len(pending) or pending[k + 1][0] != target:
                need = max(need, count - capacity * (max(target, i) - i))
        take = min(capacity, need)
        load.append([contact(t, d, s, i) for t, d, s in pending[:take]])
        pending = pending[take:]
    unplaced = [contact(t, d, s, len(days)) for t, d, s in pending]
    for items in load:
        items.sort(key=lambda c: (c.due, TIER_PRIORITY.get(c.tier, 9), c.relationship_id))
    return Plan(
        start=days[0], days=list(zip(days, load, strict=True)), capacity=capacity, unplaced=unplaced
    )


def approaches_today(target: int, done_this_month: int, remaining_business_days: int) -> int:
    """New approaches to make today so the month's target is met, spread over
    the business days left (today included)."""
    if remaining_business_days <= 0:
        return 0
    return max(0, math.ceil((target - done_this_month) / remaining_business_days))


@dataclass(frozen=True)
class Approach:
    """A `new` relationship not yet contacted: a first approach to make."""

    relationship_id: int
    company_id: int
    company_name: str
    since: dt.date


@dataclass
class Agenda:
    """One rep's day: whom to contact and why, never more than capacity."""

    day: dt.date
    is_business_day: bool
    contacts: list[PlannedContact]
    approaches: list[Approach]
    approach_quota: int
    overdue_total: int  # overdue relationships, whether or not they fit today
    capacity: int

    @property
    def missing_approaches(self) -> int:
        """Approaches the pace asks for that the portfolio has no candidates for."""
        return max(0, self.approach_quota - len(self.approaches))


def agenda(
    states: Sequence[RelationshipState],
    calendar: Calendar,
    today: dt.date,
    *,
    capacity: int = 3,
    approach_target: int = 50,
    approaches_this_month: int = 0,
    approach_candidates: Sequence[Approach] = (),
) -> Agenda:
    """Today's agenda: the plan's first day (overdue first, then by tier and due
    date) plus today's share of new approaches. Empty on a non-working day.

    The plan is the whole horizon's, so a contact the coming weeks cannot hold on its
    date is brought forward to today here exactly as the plan and the feed show it."""
    overdue = sum(1 for s in states if s.status(today) == "overdue")
    if not calendar.is_business_day(today):
        return Agenda(today, False, [], [], 0, overdue, capacity)
    whole = plan(states, calendar, today, capacity=capacity)
    contacts = sorted(
        whole.on(today),
        key=lambda c: (c.due >= today, TIER_PRIORITY.get(c.tier, 9), c.due, c.relationship_id),
    )
    quota = approaches_today(
        approach_target, approaches_this_month, calendar.remaining_business_days_in_month(today)
    )
    picked = sorted(approach_candidates, key=lambda a: (a.since, a.relationship_id))[:quota]
    return Agenda(today, True, contacts, picked, quota, overdue, capacity)


def winnowing_queue(
    states: Iterable[RelationshipState], today: dt.date, after_days: int = 90
) -> list[RelationshipState]:
    """`new` relationships older than `after_days`: they must be tiered or dropped."""
    limit = today - dt.timedelta(days=after_days)
    return sorted(
        (s for s in states if s.tier == "new" and s.tier_since < limit),
        key=lambda s: (s.tier_since, s.id),
    )
