"""Which openings work: per script version and variant, how far calls got, the
conditional rates with their Wilson intervals, and how likely each variant beats the
first one (reads only)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.utils import timezone

from eigyo.prospecting.domain import calls as rules


@dataclass
class Row:
    """The calls of one version (or, with number None, of a variant's every version)."""

    variant: str
    number: int | None
    funnel: rules.Funnel
    beats_first: dict[str, float] | None = None  # rate → P(this variant beats the first)
    practised: int = 0  # rehearsals of this version (or variant)

    @property
    def label(self) -> str:
        return f"{self.variant}{self.number}" if self.number else self.variant

    @property
    def rates(self) -> dict[str, rules.Rate]:
        return self.funnel.rates()


def month_bounds(month: str | None):
    """`YYYY-MM` as an aware [start, end) in local time, or None."""
    if not month:
        return None
    try:
        first = dt.date.fromisoformat(f"{month}-01")
    except ValueError:
        return None
    if not 1900 <= first.year <= 2200:  # beyond, the month's end overflows
        return None
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    return start, timezone.make_aware(dt.datetime.combine(nxt, dt.time.min))


def filtered(calls, *, script=None, caller=None, month: str | None = None):
    if script is not None:
        calls = calls.filter(version__script=script)
    if caller is not None:
        calls = calls.filter(caller=caller)
    bounds = month_bounds(month)
    if bounds:
        calls = calls.filter(called_at__gte=bounds[0], called_at__lt=bounds[1])
    return calls


def filtered_rehearsals(rehearsals, *, script=None, rep=None, month: str | None = None):
    if script is not None:
        rehearsals = rehearsals.filter(version__script=script)
    if rep is not None:
        rehearsals = rehearsals.filter(rep=rep)
    bounds = month_bounds(month)
    if bounds:
        start, end = (timezone.localtime(b).date() for b in bounds)
        rehearsals = rehearsals.filter(held_on__gte=start, held_on__lt=end)
    return rehearsals


def script_rows(calls, rehearsals=None, known=()) -> tuple[list[Row], list[Row]]:
    """(one row per version, one per variant with the chance it beats the first
    variant on each rate) for `calls` of one script; with `rehearsals`, how often
    each was practised; `known` (variant, number) pairs are listed even without calls."""
    levels: dict[tuple[str, int], list[str]] = defaultdict(list)
    for variant, number, level in calls.values_list("version__variant", "version__number", "level"):
        levels[(variant, number)].append(level)
    practice: Counter = Counter()
    if rehearsals is not None:
        practice.update(rehearsals.values_list("version__variant", "version__number"))
    keys = sorted(set(levels) | set(practice) | set(known))
    versions = [
        Row(v, n, rules.funnel(levels.get((v, n), [])), practised=practice[(v, n)]) for v, n in keys
    ]
    by_variant: dict[str, list[str]] = defaultdict(list)
    practised: Counter = Counter()
    for variant, n in keys:
        by_variant[variant] += levels.get((variant, n), [])
        practised[variant] += practice[(variant, n)]
    variants = [
        Row(v, None, rules.funnel(ls), practised=practised[v])
        for v, ls in sorted(by_variant.items())
    ]
    if len(variants) > 1:
        first = variants[0].rates
        for row in variants[1:]:
            row.beats_first = {
                name: rules.beats(first[name].k, first[name].n, rate.k, rate.n)
                for name, rate in row.rates.items()
            }
    return versions, variants


def overall(calls) -> rules.Funnel:
    return rules.funnel(calls.values_list("level", flat=True))


def by_caller(calls) -> list[tuple[int, rules.Funnel]]:
    """(caller id, funnel) for each caller of `calls`, most calls first."""
    levels: dict[int, list[str]] = defaultdict(list)
    for caller, level in calls.values_list("caller", "level"):
        levels[caller].append(level)
    rows = [(caller, rules.funnel(ls)) for caller, ls in levels.items()]
    return sorted(rows, key=lambda r: (-r[1].calls, r[0]))


def month_starts(today: dt.date, months: int) -> list[dt.date]:
    first = today.replace(day=1)
    out = [first]
    while len(out) < months:
        out.insert(0, (out[0] - dt.timedelta(days=1)).replace(day=1))
    return out


def monthly(calls, today: dt.date, months: int = 6) -> dict:
    """Getting past reception per month and variant, for the chart (percent or None)."""
    starts = month_starts(today, months)
    since = timezone.make_aware(dt.datetime.combine(starts[0], dt.time.min))
    levels: dict[tuple[str, dt.date], list[str]] = defaultdict(list)
    for variant, at, level in calls.filter(called_at__gte=since).values_list(
        "version__variant", "called_at", "level"
    ):
        levels[(variant, timezone.localtime(at).date().replace(day=1))].append(level)
    variants = sorted({v for v, _m in levels})
    series = {}
    for v in variants:
        values = []
        for m in starts:
            rate = rules.funnel(levels.get((v, m), [])).rate("past_reception")
            values.append(round(rate.value * 100) if rate.n else None)
        series[v] = values
    return {"months": [f"{m:%Y-%m}" for m in starts], "past_reception": series}
