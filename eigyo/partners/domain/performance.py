"""Whether a partner works: before/after numbers around a training, the share of deals
where a discount was asked and where value was offered instead, and idling. Pure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from eigyo.partners.domain.periods import add_months

# --- before and after a training ----------------------------------------------------


@dataclass(frozen=True)
class Span:
    """Days `start` … `end` inclusive."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end


@dataclass(frozen=True)
class Windows:
    """Equal windows before and after a training day (the day itself in neither), the
    'after' cut at today when it has not run its course: `complete` says so, and the
    'before' is cut to the same length so the two stay comparable."""

    before: Span
    after: Span
    complete: bool


def windows(trained_on: date, months: int, today: date) -> Windows | None:
    """None when not a day has passed since the training."""
    after_end = add_months(trained_on, months)
    complete = after_end < today
    if not complete:
        after_end = today - timedelta(days=1)
    if after_end <= trained_on:
        return None
    length = (after_end - trained_on).days
    before = Span(trained_on - timedelta(days=length), trained_on - timedelta(days=1))
    return Windows(before, Span(trained_on + timedelta(days=1), after_end), complete)


@dataclass(frozen=True)
class Numbers:
    """What someone did in a window: activities logged, deal stages moved forward, and
    confirmed wins (count and yen)."""

    activities: int = 0
    advanced: int = 0
    won: int = 0
    won_amount: int = 0

    def __add__(self, other: Numbers) -> Numbers:
        return Numbers(
            self.activities + other.activities,
            self.advanced + other.advanced,
            self.won + other.won,
            self.won_amount + other.won_amount,
        )


def count(
    span: Span,
    activity_days: Iterable[date],
    advance_days: Iterable[date],
    wins: Iterable[tuple[date, int]],
) -> Numbers:
    """The numbers inside `span` from dated events."""
    won = [amount for day, amount in wins if span.contains(day)]
    return Numbers(
        activities=sum(1 for d in activity_days if span.contains(d)),
        advanced=sum(1 for d in advance_days if span.contains(d)),
        won=len(won),
        won_amount=sum(won),
    )


@dataclass(frozen=True)
class Comparison:
    before: Numbers
    after: Numbers

    def change(self, field: str) -> int:
        return getattr(self.after, field) - getattr(self.before, field)

    def percent(self, field: str) -> int | None:
        """The change as a share of 'before' (None from zero: no share of nothing)."""
        base = getattr(self.before, field)
        return round(100 * self.change(field) / base) if base else None


# --- value, not discount ----------------------------------------------------------


@dataclass(frozen=True)
class ValueShare:
    """Of `deals` deals, on how many a discount was asked, and on how many of those
    value was offered instead / accepted instead."""

    deals: int
    asked: int
    value_offered: int
    value_accepted: int

    @property
    def asked_percent(self) -> int | None:
        return round(100 * self.asked / self.deals) if self.deals else None

    @property
    def value_percent(self) -> int | None:
        """Of the deals where a discount was asked, the share where value was offered."""
        return round(100 * self.value_offered / self.asked) if self.asked else None


def value_share(deal_ids: Iterable[int], requests: Iterable[tuple[int, str, str]]) -> ValueShare:
    """`requests`: (deal id, what was offered, outcome) per discount request; a deal
    counts once — as offered value when any of its requests was met with value."""
    deals = set(deal_ids)
    asked: set[int] = set()
    offered: set[int] = set()
    accepted: set[int] = set()
    for deal, offer, outcome in requests:
        if deal not in deals:
            continue
        asked.add(deal)
        if offer and offer != "none":
            offered.add(deal)
        if outcome == "value_accepted":
            accepted.add(deal)
    return ValueShare(len(deals), len(asked), len(offered), len(accepted))


def value_share_by(
    key_of_deal: dict[int, object], requests: Iterable[tuple[int, str, str]]
) -> dict[object, ValueShare]:
    """The share per key (a period, say) — each deal under its own key."""
    groups: dict[object, list[int]] = defaultdict(list)
    for deal, key in key_of_deal.items():
        groups[key].append(deal)
    requests = list(requests)
    return {key: value_share(ids, requests) for key, ids in sorted(groups.items())}


# --- idling -------------------------------------------------------------------------


@dataclass(frozen=True)
class Idling:
    """A partner holding companies or open deals with nothing happening for
    `business_days` business days (since `since`, or ever)."""

    since: date | None
    business_days: int | None
    stalled_pipeline: bool


def idling(
    *,
    holds_work: bool,
    last_activity: date | None,
    last_move: date | None,
    has_open_deals: bool,
    today: date,
    threshold: int,
    business_days_between,
    assigned_since: date | None = None,
) -> Idling | None:
    """Idle when it holds companies or deals and there has been no activity on them
    for `threshold` business days; its pipeline stalls when none of its open deals moved
    stage for as long. `business_days_between(a, b)` counts business days after a up to
    b. A partner that never did anything counts from `assigned_since`."""
    if not holds_work:
        return None
    since = last_activity or assigned_since
    quiet = business_days_between(since, today) if since else None
    idle = quiet is None or quiet >= threshold
    move_since = last_move or assigned_since
    stalled = has_open_deals and (
        move_since is None or business_days_between(move_since, today) >= threshold
    )
    if not (idle or stalled):
        return None
    return Idling(since, quiet, stalled)
