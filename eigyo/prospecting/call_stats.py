"""Which openings work: per script version and variant, how far calls got, the
conditional rates with their Wilson intervals, and how likely each variant beats the
first one (reads only)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
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


def script_rows(calls) -> tuple[list[Row], list[Row]]:
    """(one row per version, one per variant with the chance it beats the first
    variant on each rate) for `calls` of one script."""
    levels: dict[tuple[str, int], list[str]] = defaultdict(list)
    for variant, number, level in calls.values_list("version__variant", "version__number", "level"):
        levels[(variant, number)].append(level)
    versions = [
        Row(variant, number, rules.funnel(ls)) for (variant, number), ls in sorted(levels.items())
    ]
    by_variant: dict[str, list[str]] = defaultdict(list)
    for (variant, _n), ls in levels.items():
        by_variant[variant] += ls
    variants = [Row(v, None, rules.funnel(ls)) for v, ls in sorted(by_variant.items())]
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
