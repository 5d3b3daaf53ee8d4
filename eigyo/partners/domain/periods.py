"""Periods of the Japanese fiscal year (April–March) and projection to a period's end.

Pure: no Django. A period is a quarter, a half or the whole fiscal year, named by the
calendar year in which its fiscal year starts (FY2026 runs 2026-04-01 … 2027-03-31).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

QUARTER, HALF, YEAR = "quarter", "half", "year"
KINDS = (QUARTER, HALF, YEAR)
MONTHS = {QUARTER: 3, HALF: 6, YEAR: 12}
COUNT = {QUARTER: 4, HALF: 2, YEAR: 1}
FY_START_MONTH = 4


def add_months(d: date, months: int) -> date:
    """`d` moved by whole months, the day clipped to the month's end (Jan 31 + 1 → Feb 28)."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    day = min(d.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


def fiscal_year(d: date) -> int:
    return d.year if d.month >= FY_START_MONTH else d.year - 1


@dataclass(frozen=True, order=True)
class Period:
    """One quarter (index 1–4), half (1–2) or year (1) of fiscal year `fy`."""

    fy: int
    kind: str
    index: int

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"not a kind of period: {self.kind!r}")
        if not 1 <= self.index <= COUNT[self.kind]:
            raise ValueError(f"a {self.kind} has no number {self.index}")

    @property
    def start(self) -> date:
        return add_months(date(self.fy, FY_START_MONTH, 1), (self.index - 1) * MONTHS[self.kind])

    @property
    def end(self) -> date:
        """The last day (inclusive)."""
        return add_months(self.start, MONTHS[self.kind]) - timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def code(self) -> str:
        """A short label: FY2026 Q1, FY2026 H2, FY2026."""
        if self.kind == YEAR:
            return f"FY{self.fy}"
        return f"FY{self.fy} {'Q' if self.kind == QUARTER else 'H'}{self.index}"

    @property
    def label_ja(self) -> str:
        """2026年度 第1四半期 / 上期 / 下期 / 通期."""
        if self.kind == YEAR:
            return f"{self.fy}年度"
        if self.kind == HALF:
            return f"{self.fy}年度 {'上期' if self.index == 1 else '下期'}"
        return f"{self.fy}年度 第{self.index}四半期"

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end

    def next(self) -> Period:
        if self.index < COUNT[self.kind]:
            return Period(self.fy, self.kind, self.index + 1)
        return Period(self.fy + 1, self.kind, 1)

    def previous(self) -> Period:
        if self.index > 1:
            return Period(self.fy, self.kind, self.index - 1)
        return Period(self.fy - 1, self.kind, COUNT[self.kind])


def period_of(d: date, kind: str) -> Period:
    """The period of `kind` containing `d`."""
    fy = fiscal_year(d)
    months_in = (d.year - fy) * 12 + d.month - FY_START_MONTH
    return Period(fy, kind, months_in // MONTHS[kind] + 1)


def periods_of_year(fy: int, kind: str) -> list[Period]:
    return [Period(fy, kind, i) for i in range(1, COUNT[kind] + 1)]


def elapsed_days(period: Period, today: date) -> int:
    """Days of the period gone by, today included (0 before it starts)."""
    if today < period.start:
        return 0
    return min((today - period.start).days + 1, period.days)


def project(actual: float, period: Period, today: date) -> float:
    """Where `actual` will be at the period's end at the pace so far (a straight line
    from its start). Before the period, nothing; after it, the actual itself."""
    gone = elapsed_days(period, today)
    if gone == 0:
        return 0.0
    return actual * period.days / gone


@dataclass(frozen=True)
class Progress:
    """A target, its actual so far and the projection to the period's end."""

    target: int
    actual: int
    projected: float
    elapsed: float  # share of the period gone by, 0–1

    @property
    def percent(self) -> int | None:
        """Actual as a share of target (None without a target)."""
        return round(100 * self.actual / self.target) if self.target else None

    @property
    def projected_percent(self) -> int | None:
        return round(100 * self.projected / self.target) if self.target else None


def progress(target: int, actual: int, period: Period, today: date) -> Progress:
    return Progress(
        target=target,
        actual=actual,
        projected=project(actual, period, today),
        elapsed=elapsed_days(period, today) / period.days,
    )


# A projection this early says little: wait until a quarter of the period has gone by.
MIN_ELAPSED_FOR_ALERT = 0.25


def projected_miss(p: Progress, today: date, period: Period) -> bool:
    """Behind: the period is running (long enough to judge) and the pace misses the
    target; or it has ended below target."""
    if not p.target or today < period.start:
        return False
    if today > period.end:
        return p.actual < p.target
    return p.elapsed >= MIN_ELAPSED_FOR_ALERT and p.projected < p.target
