"""The forecast for a fiscal year (April–March): per month, the open pipeline weighted
by the probability of each deal's stage, and what was won (pure: no Django)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Probabilities (%) of closing from each open stage, unless the organisation sets its own.
DEFAULT_PROBABILITIES = {
    "features": 5,
    "benefits": 10,
    "application": 20,
    "evidence": 35,
    "trial_close": 50,
    "objections": 65,
    "ask": 80,
}


@dataclass(frozen=True)
class DealFacts:
    amount: int
    stage: str
    expected_close: dt.date | None
    closed_on: dt.date | None


@dataclass
class Month:
    start: dt.date
    weighted: int = 0  # open deals expected to close in the month × their probability
    pipeline: int = 0  # the same, unweighted
    won: int = 0


def fiscal_months(fy: int, start_month: int = 4) -> list[dt.date]:
    """The first day of each month of fiscal year `fy` (2026 → 2026-04 … 2027-03)."""
    out = []
    year, month = fy, start_month
    for _ in range(12):
        out.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def forecast(deals, fy: int, probabilities: dict[str, int], start_month: int = 4) -> list[Month]:
    """Twelve months of fiscal year `fy`. An open deal counts in the month it is expected
    to close; a won deal in the month it was won; lost deals and dates outside the year
    do not count. Amounts are integer yen (rounded down)."""
    months = {m: Month(m) for m in fiscal_months(fy, start_month)}
    for d in deals:
        if d.stage == "won" and d.closed_on:
            month = months.get(d.closed_on.replace(day=1))
            if month:
                month.won += d.amount
        elif d.stage != "lost" and d.expected_close:
            month = months.get(d.expected_close.replace(day=1))
            if month:
                month.pipeline += d.amount
                month.weighted += d.amount * probabilities.get(d.stage, 0) // 100
    return list(months.values())
