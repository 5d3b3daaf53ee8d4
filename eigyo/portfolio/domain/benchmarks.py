"""Benchmark arithmetic over plain values (pure: no Django)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "Band",
    "band",
    "median_visits_before_business",
    "adherence_at",
    "weekly_adherence",
    "per_day",
    "month_starts",
]


@dataclass(frozen=True)
class Band:
    """A target range; `limit` is a hard ceiling above the comfortable maximum."""

    low: int | None = None
    high: int | None = None
    limit: int | None = None


def band(value: float, target: Band) -> str:
    """'below', 'ok', 'above' (over the comfortable maximum) or 'over_limit'."""
    if target.low is not None and value < target.low:
        return "below"
    if target.limit is not None and value > target.limit:
        return "over_limit"
    if target.high is not None and value > target.high:
        return "above"
    return "ok"


def median_visits_before_business(histories: Iterable[Sequence[bool]]) -> float | None:
    """Median number of contacts before business was first discussed, over the
    relationships where it has been (each history: business_discussed flags,
    oldest first)."""
    counts = []
    for flags in histories:
        for i, discussed in enumerate(flags):
            if discussed:
                counts.append(i)
                break
    return statistics.median(counts) if counts else None


def adherence_at(
    day: dt.date, contacts: Sequence[dt.date], cadence: int | None, since: dt.date
) -> bool | None:
    """Was the relationship within its cadence on `day`? None when it has no
    rhythm or did not exist yet. `contacts` are sorted dates."""
    if cadence is None or since > day:
        return None
    last = since
    for d in contacts:
        if d > day:
            break
        last = max(last, d)
    return (day - last).days <= cadence


def weekly_adherence(
    week_ends: Sequence[dt.date],
    relationships: Iterable[tuple[Sequence[dt.date], int | None, dt.date]],
) -> list[float | None]:
    """Share of relationships within cadence at each week's end (None: none counted).
    Each relationship: (sorted contact dates, cadence days, since)."""
    ok = [0] * len(week_ends)
    total = [0] * len(week_ends)
    for contacts, cadence, since in relationships:
        for i, day in enumerate(week_ends):
            result = adherence_at(day, contacts, cadence, since)
            if result is not None:
                total[i] += 1
                ok[i] += result
    return [(o / t if t else None) for o, t in zip(ok, total, strict=True)]


def per_day(dates: Iterable[dt.date], days: Sequence[dt.date]) -> list[int]:
    """How many of `dates` fall on each of `days`."""
    index = {d: i for i, d in enumerate(days)}
    counts = [0] * len(days)
    for d in dates:
        if d in index:
            counts[index[d]] += 1
    return counts


def month_starts(today: dt.date, months: int = 4) -> list[dt.date]:
    """First days of the current month and the `months - 1` before it, oldest first."""
    out = []
    y, m = today.year, today.month
    for _ in range(months):
        out.append(dt.date(y, m, 1))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return list(reversed(out))
