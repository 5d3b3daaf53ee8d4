"""Cold calls, as rules (pure): the ladder of levels a call can reach, which opening
to read at each, sticky variants, the conditional rates that tell a script's quality
apart from a list's, and the small-sample statistics to read them with.

Rates are conditional so that a poor list does not pass for a poor opening:
getting past reception = reached 担当者 / reached 受付; reaching the decision maker =
reached 決裁者 / reached 担当者; appointments = アポ / 有効会話.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# The fixed ladder, lowest first: 不通 → 受付到達 → 担当者到達 → 決裁者到達 → 有効会話 → アポ獲得.
LADDER = ("no_answer", "reception", "staff", "decision_maker", "conversation", "appointment")
# Whom an opening is written for.
OPENINGS = ("reception", "staff", "manager", "decision_maker")
VARIANTS = ("A", "B", "C")  # at most three run side by side


def rank(level: str) -> int:
    """A level's place on the ladder (0 = no answer)."""
    return LADDER.index(level)


def reached(level: str, at_least: str) -> bool:
    return rank(level) >= rank(at_least)


def opening_for(level: str | None) -> str:
    """The opening to read once `level` is reached (before the call: reception's)."""
    if level is None or rank(level) <= rank("reception"):
        return "reception"
    if level == "staff":
        return "staff"
    return "decision_maker"


def assign_variant(given: Mapping[str, int], variants: Sequence[str]) -> str:
    """The variant for a prospect that has none yet: the one given least so far (ties:
    the first), so the variants grow evenly. A prospect keeps it from then on."""
    if not variants:
        raise ValueError("no variant to give")
    return min(variants, key=lambda v: (given.get(v, 0), variants.index(v)))


# --- small samples -----------------------------------------------------------

Z95 = 1.959963984540054


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for k successes in n trials (defined at k = 0 and k = n);
    (0, 1) when there are no trials."""
    if n <= 0:
        return 0.0, 1.0
    if not 0 <= k <= n:
        raise ValueError(f"{k} successes in {n} trials")
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def _log_beta(a: float, b: float) -> float:
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def beats(a_k: int, a_n: int, b_k: int, b_n: int) -> float:
    """P(p_B > p_A) with Beta(1, 1) priors, in closed form (Evan Miller):
    Σ_{i<α_B} B(α_A+i, β_A+β_B) / ((β_B+i) · B(1+i, β_B) · B(α_A, β_A)), in log space."""
    alpha_a, beta_a = a_k + 1, a_n - a_k + 1
    alpha_b, beta_b = b_k + 1, b_n - b_k + 1
    total = 0.0
    for i in range(alpha_b):
        total += math.exp(
            _log_beta(alpha_a + i, beta_a + beta_b)
            - math.log(beta_b + i)
            - _log_beta(1 + i, beta_b)
            - _log_beta(alpha_a, beta_a)
        )
    return min(1.0, max(0.0, total))


@dataclass(frozen=True)
class Rate:
    """k of n, with its Wilson 95 % interval."""

    k: int
    n: int

    @property
    def value(self) -> float | None:
        return self.k / self.n if self.n else None

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.k, self.n)


# The conditional rates: (name, success level, base level).
RATES = (
    ("past_reception", "staff", "reception"),
    ("decision_maker", "decision_maker", "staff"),
    ("appointment", "appointment", "conversation"),
)


@dataclass(frozen=True)
class Funnel:
    """How far a set of calls got: for each level, the calls that reached at least it."""

    calls: int
    at_least: dict[str, int]

    def rate(self, name: str) -> Rate:
        _name, success, base = next(r for r in RATES if r[0] == name)
        return Rate(self.at_least[success], self.at_least[base])

    def rates(self) -> dict[str, Rate]:
        return {name: self.rate(name) for name, _s, _b in RATES}


def funnel(levels: Iterable[str]) -> Funnel:
    """The funnel of calls that reached `levels` (one level per call)."""
    per_level = [0] * len(LADDER)
    calls = 0
    for level in levels:
        per_level[rank(level)] += 1
        calls += 1
    at_least, running = {}, 0
    for i in range(len(LADDER) - 1, -1, -1):
        running += per_level[i]
        at_least[LADDER[i]] = running
    return Funnel(calls, dict(reversed(list(at_least.items()))))
