"""Contract arithmetic: the current term and its notice deadline, the windows in
which a termination right for missed targets may be used, and the caution about
ending a long continuous contract. Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from eigyo.partners.domain.periods import Period, add_months


@dataclass(frozen=True)
class Term:
    """The contract's term running on a day: its start and its last day."""

    start: date
    end: date
    number: int  # 1 for the first term, 2 after the first renewal …


def current_term(
    start: date, term_months: int, today: date, *, auto_renew: bool, renewal_months: int = 0
) -> Term | None:
    """The term in force on `today`: the first term, then (when the contract renews
    itself) one renewal term after another. None when it has ended without renewal
    or not started."""
    if term_months <= 0 or today < start:
        return None
    end = add_months(start, term_months) - timedelta(days=1)
    number, begin = 1, start
    step = renewal_months or term_months
    while today > end:
        if not auto_renew:
            return None
        begin = end + timedelta(days=1)
        end = add_months(begin, step) - timedelta(days=1)
        number += 1
    return Term(begin, end, number)


def notice_deadline(term_end: date, notice_months: int) -> date:
    """The last day on which notice not to renew reaches the partner in time: the notice
    period counted back from the day after the term ends."""
    return add_months(term_end + timedelta(days=1), -notice_months) - timedelta(days=1)


def renewal_alert_due(deadline: date, today: date, lead_days: int = 60) -> bool:
    """The notice deadline lies within `lead_days` from today (and has not passed)."""
    return today <= deadline <= today + timedelta(days=lead_days)


# --- termination rights -----------------------------------------------------------


@dataclass(frozen=True)
class Right:
    """A right to end the contract the contract grants when the partner misses its
    targets: below `threshold_percent` of the `metric`'s target for `consecutive`
    periods running; usable for `window_days` from the day after the last such period."""

    metric: str
    threshold_percent: int
    consecutive: int
    window_days: int


@dataclass(frozen=True)
class Result:
    """A period's target and actual for one metric."""

    period: Period
    target: int
    actual: int


@dataclass(frozen=True)
class Window:
    """When the right may be used: `opens` to `lapses` inclusive, and the periods that
    opened it."""

    opens: date
    lapses: date
    periods: tuple[Period, ...]

    def is_open(self, today: date) -> bool:
        return self.opens <= today <= self.lapses


def missed(result: Result, threshold_percent: int) -> bool:
    """Below the threshold share of a target (a period without a target never counts)."""
    return bool(result.target) and result.actual * 100 < result.target * threshold_percent


def windows(right: Right, results: Iterable[Result], today: date) -> list[Window]:
    """Every window the right opened, from ended periods only (a running period is not
    yet missed), in order. Periods must be consecutive to count as running: a period
    without a target or above the threshold breaks the run."""
    out: list[Window] = []
    run: list[Period] = []
    last: Period | None = None
    for r in sorted(results, key=lambda x: x.period):
        if r.period.end >= today:
            break
        contiguous = last is not None and last.next() == r.period
        if missed(r, right.threshold_percent):
            run = [*run, r.period] if contiguous and run else [r.period]
        else:
            run = []
        last = r.period
        if len(run) >= right.consecutive:
            opens = r.period.end + timedelta(days=1)
            lapses = opens + timedelta(days=max(right.window_days, 1) - 1)
            out.append(Window(opens, lapses, tuple(run[-right.consecutive :])))
    return out


def open_window(right: Right, results: Iterable[Result], today: date) -> Window | None:
    """The window open today, if any (the latest one when windows overlap)."""
    live = [w for w in windows(right, results, today) if w.is_open(today)]
    return live[-1] if live else None


# --- the continuous-contract caution ---------------------------------------------


@dataclass(frozen=True)
class Caution:
    years: float
    renewals: int
    notice_months: int


def continuity_caution(
    since: date, today: date, *, renewals: int, auto_renew: bool, notice_months: int
) -> Caution | None:
    """A long-running relationship with a short notice period: Japanese courts have
    required a compelling reason, a reasonable notice period (a year, for an
    18-year distributorship) or compensation to end such a continuous contract. Long
    running: five years or more, two renewals or more, or an automatic renewal past
    three years. Short: under twelve months' notice. A caution to show, not advice."""
    years = max((today - since).days, 0) / 365.25
    long_running = years >= 5 or renewals >= 2 or (auto_renew and years >= 3)
    if long_running and notice_months < 12:
        return Caution(round(years, 1), renewals, notice_months)
    return None
