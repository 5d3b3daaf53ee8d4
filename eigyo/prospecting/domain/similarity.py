"""How alike two companies are, and how well one fits the ideal client (pure).

Used by the avatar score and the spider. Every point comes with its reason so
the rep sees *why* a company is proposed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# TOPIX size classes from largest to smallest; unlisted size bands after them.
SIZE_ORDER = [
    "core30",
    "large70",
    "mid400",
    "small1",
    "small2",
    "unlisted_large",
    "unlisted_mid",
    "unlisted_small",
]

# Regions (地方) by JIS prefecture code, for "nearby".
REGIONS = {
    "hokkaido": ["01"],
    "tohoku": ["02", "03", "04", "05", "06", "07"],
    "kanto": ["08", "09", "10", "11", "12", "13", "14"],
    "chubu": ["15", "16", "17", "18", "19", "20", "21", "22", "23"],
    "kinki": ["24", "25", "26", "27", "28", "29", "30"],
    "chugoku": ["31", "32", "33", "34", "35"],
    "shikoku": ["36", "37", "38", "39"],
    "kyushu": ["40", "41", "42", "43", "44", "45", "46", "47"],
}
REGION_OF = {code: region for region, codes in REGIONS.items() for code in codes}


@dataclass(frozen=True)
class Profile:
    """The facts of a company that similarity looks at."""

    sector33: str = ""
    size_class: str = ""
    market_segment: str = ""
    prefecture: str = ""
    # The organisation's own fields by key; None when the company cannot have them
    # (a registry entry), so criteria over them are unknown rather than failed.
    custom: Mapping[str, object] | None = None


def size_distance(a: str, b: str) -> int | None:
    if a not in SIZE_ORDER or b not in SIZE_ORDER:
        return None
    return abs(SIZE_ORDER.index(a) - SIZE_ORDER.index(b))


def neighbouring_sizes(size: str, reach: int = 1) -> list[str]:
    if size not in SIZE_ORDER:
        return []
    i = SIZE_ORDER.index(size)
    return SIZE_ORDER[max(0, i - reach) : i + reach + 1]


@dataclass(frozen=True)
class CustomCriterion:
    """A criterion over one of the organisation's own fields: accepted values (a
    choice, or yes/no as True/False) or a number range (either end open)."""

    key: str
    label: str
    weight: int
    values: frozenset = frozenset()
    low: int | None = None
    high: int | None = None

    def is_set(self) -> bool:
        return bool(self.values) or self.low is not None or self.high is not None

    def accepts(self, value: object) -> bool:
        if value is None or value == "":
            return False
        if self.values:
            return value in self.values
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


@dataclass(frozen=True)
class Avatar:
    """The ideal client profile: accepted values per criterion, and weights."""

    sectors: frozenset[str] = frozenset()
    size_classes: frozenset[str] = frozenset()
    segments: frozenset[str] = frozenset()
    prefectures: frozenset[str] = frozenset()
    weights: dict[str, int] = field(
        default_factory=lambda: {"sector": 40, "size": 25, "segment": 15, "prefecture": 20}
    )
    custom: tuple[CustomCriterion, ...] = ()


def avatar_score(profile: Profile, avatar: Avatar) -> tuple[int, list[tuple[str, str]]]:
    """0–100 and the reasons (criterion, value). Only criteria the avatar sets count;
    a size one class away earns half. A criterion over the organisation's own fields
    gives the reason ("custom", its label); it counts only for a profile that can
    have such fields (``custom`` is not None)."""
    earned = total = 0.0
    reasons: list[tuple[str, str]] = []
    checks = [
        ("sector", avatar.sectors, profile.sector33),
        ("segment", avatar.segments, profile.market_segment),
        ("prefecture", avatar.prefectures, profile.prefecture),
    ]
    for name, accepted, value in checks:
        if not accepted:
            continue
        weight = avatar.weights.get(name, 0)
        total += weight
        if value in accepted:
            earned += weight
            reasons.append((name, value))
    if avatar.size_classes:
        weight = avatar.weights.get("size", 0)
        total += weight
        near = [size_distance(profile.size_class, s) for s in avatar.size_classes]
        near = [d for d in near if d is not None]
        if near and min(near) == 0:
            earned += weight
            reasons.append(("size", profile.size_class))
        elif near and min(near) == 1:
            earned += weight / 2
            reasons.append(("size_near", profile.size_class))
    if profile.custom is not None:
        for criterion in avatar.custom:
            if not criterion.is_set():
                continue
            total += criterion.weight
            if criterion.accepts(profile.custom.get(criterion.key)):
                earned += criterion.weight
                reasons.append(("custom", criterion.label))
    return (round(100 * earned / total) if total else 0), reasons


def similarity(source: Profile, candidate: Profile, fit: int = 0) -> tuple[int, list[str]]:
    """How alike a candidate is to a won client: sector 40, size 25 (neighbour 15),
    market segment 10, prefecture 20 (same region 10), and 15 × the avatar fit
    (at most 100 before the fit). Reasons are codes."""
    score, reasons = 0.0, []
    if source.sector33 and candidate.sector33 == source.sector33:
        score += 40
        reasons.append("same_sector")
    distance = size_distance(source.size_class, candidate.size_class)
    if distance == 0:
        score += 25
        reasons.append("same_size")
    elif distance == 1:
        score += 15
        reasons.append("neighbouring_size")
    if source.market_segment and candidate.market_segment == source.market_segment:
        score += 10  # growth-market start-ups resemble each other, whatever their size
        reasons.append("same_segment")
    if source.prefecture and candidate.prefecture == source.prefecture:
        score += 20
        reasons.append("same_prefecture")
    elif REGION_OF.get(source.prefecture) and (
        REGION_OF.get(source.prefecture) == REGION_OF.get(candidate.prefecture)
    ):
        score += 10
        reasons.append("same_region")
    if fit:
        score += 15 * fit / 100
        if fit >= 50:
            reasons.append("avatar_fit")
    return round(score), reasons
