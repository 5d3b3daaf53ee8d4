"""The give-and-take ledger, as rules (pure): what a favour weighs, and the balance.

A positive balance means we gave more than we received (they owe us, 貸し); a negative
one that we owe them (借り) — the moment to offer an introduction, not a discount.
"""

from __future__ import annotations

from collections.abc import Iterable

WEIGHTS = {"introduction": 3, "accommodation": 2, "entertainment": 1, "information": 1}
REPORT_BACK_BUSINESS_DAYS = 5  # お礼・ご報告 within a week of business days


def weight(kind: str) -> int:
    return WEIGHTS.get(kind, 1)


def balance(favours: Iterable[tuple[str, str]]) -> int:
    """Σ weight over (direction, kind): given counts +, received counts −."""
    return sum(weight(k) * (1 if d == "given" else -1) for d, k in favours)
