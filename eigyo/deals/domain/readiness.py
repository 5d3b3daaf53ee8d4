"""Consensus readiness: how far a decision has been walked around the buying group.

Pure module (stdlib only, no Django) so that the deal page, the API and the tests
share one definition. The measure is meant to be explained to a sales manager in
a minute; ``docs/readiness.md`` has the tables and worked examples.

The formula
-----------
1. **Weight** of a member = role weight × influence factor × seniority factor
   (tables ``ROLE_WEIGHTS``, ``INFLUENCE_FACTORS``, ``SENIORITY_FACTORS``).
   A high-influence 部長 decision maker weighs 3.0 × 1.5 × 1.2 = 5.4; a
   low-influence 担当 user weighs 1.0 × 0.6 × 0.9 = 0.54.
2. **Earned**: each member earns up to their weight: 40 % of it for having been
   met, plus 60 % of it × the stance value (supportive 1.0, neutral 0.4,
   unknown 0.0, opposed 0.0).
3. **Raw** = 100 × Σ earned ÷ Σ weight (0 for an empty group). A member's
   *contribution* is their share of that: 100 × earned ÷ Σ weight.
4. **Caps**: some gaps block a decision however much else is done, so the score
   cannot exceed the lowest applicable cap (``CAPS``): empty group 0, a decision
   maker opposed 20, no decision maker identified 30, a decision maker not met
   45, a high-influence member other than a decision maker opposed 55, no
   champion identified 70, an approver not met 75.
5. **Score** = raw rounded to the nearest whole number (halves up), then lowered
   to the cap. ``Readiness.cap`` names the cap only when it sets the score
   (cap ≤ rounded raw); a cap above the raw score is not binding.

The gaps
--------
Every gap names what is missing and weighs what closing it is worth, so the
list reads as a to-do list, biggest first:

===================== ============================================ ===========================
code                  when                                         closing it means
===================== ============================================ ===========================
``no_decision_maker`` nobody has the role decision_maker           identifying one
``no_champion``       nobody has the role champion                 identifying one
``not_met``           a member has not been met                    meeting them
``opposed``           a member is opposed                          winning them over
``stance_unknown``    a *met* member's stance is unknown           learning they support it
``neutral``           a member of weight ≥ 1.5 is neutral          winning them over
===================== ============================================ ===========================

(An unmet member of unknown stance gets only ``not_met``: meeting comes first.)

Gap weight = the raw points closing it would add (100 × the member's missing
earned ÷ Σ weight: 40 % of their weight for ``not_met``, 60 % for ``opposed`` and
``stance_unknown``, 36 % for ``neutral``) + the headroom of the cap the gap
triggers, 100 − cap (decision maker not met 55, decision maker opposed 80,
high-influence opposed 45, approver not met 25, no decision maker 70, no
champion 30). Why headroom rather than the score's actual rise: while a lower cap
binds, closing any other gap raises the score by 0, which would bury exactly the
blockers that come next. Ties are broken by member id (group gaps first), then
by code, so the order is deterministic.

All arithmetic is exact (``fractions.Fraction`` over the decimal tables), so the
worked examples in the documentation reproduce to the last digit, and the
monotonicity properties hold without rounding noise.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

__all__ = [
    "CAPS",
    "GAP_CODES",
    "INFLUENCES",
    "INFLUENCE_FACTORS",
    "MET_SHARE",
    "NEUTRAL_GAP_MIN_WEIGHT",
    "ROLES",
    "ROLE_WEIGHTS",
    "SENIORITY_FACTORS",
    "STANCES",
    "STANCE_SHARE",
    "STANCE_VALUES",
    "Gap",
    "Member",
    "Readiness",
    "describe_cap",
    "describe_gap",
    "member_weight",
    "readiness",
]

ROLES = ("decision_maker", "approver", "influencer", "champion", "gatekeeper", "user", "other")
INFLUENCES = ("high", "medium", "low")
STANCES = ("supportive", "neutral", "opposed", "unknown")

ROLE_WEIGHTS: Mapping[str, float] = {
    "decision_maker": 3.0,
    "approver": 2.5,
    "champion": 2.0,
    "influencer": 1.5,
    "gatekeeper": 1.0,
    "user": 1.0,
    "other": 0.5,
}
INFLUENCE_FACTORS: Mapping[str, float] = {"high": 1.5, "medium": 1.0, "low": 0.6}
# 6 役員, 5 本部長, 4 部長, 3 課長, 2 係長, 1 担当; 0 (other / unknown) counts as neutral 1.0
# rather than as staff: an unknown rank should not be guessed down.
SENIORITY_FACTORS: Mapping[int, float] = {6: 1.4, 5: 1.3, 4: 1.2, 3: 1.1, 2: 1.0, 1: 0.9, 0: 1.0}
STANCE_VALUES: Mapping[str, float] = {
    "supportive": 1.0,
    "neutral": 0.4,
    "unknown": 0.0,
    # Opposed earns the same as unknown; the real penalty is the cap it may trigger.
    "opposed": 0.0,
}
MET_SHARE = 0.4
STANCE_SHARE = 0.6
# Below this weight a neutral member (e.g. a medium-influence user) is not worth a to-do.
NEUTRAL_GAP_MIN_WEIGHT = 1.5

# Lowest applicable wins; listed lowest first. Every value is distinct, so the
# binding cap is never ambiguous.
CAPS: Mapping[str, int] = {
    "empty": 0,
    "decision_maker_opposed": 20,
    "no_decision_maker": 30,
    "decision_maker_not_met": 45,
    "high_influence_opposed": 55,
    "no_champion": 70,
    "approver_not_met": 75,
}

GAP_CODES = ("no_decision_maker", "no_champion", "opposed", "not_met", "stance_unknown", "neutral")


def _exact(x: float) -> Fraction:
    """The decimal the table author wrote (1.4 is 7/5, not its binary neighbour)."""
    return Fraction(repr(x))


_ROLE_W = {k: _exact(v) for k, v in ROLE_WEIGHTS.items()}
_INFLUENCE_F = {k: _exact(v) for k, v in INFLUENCE_FACTORS.items()}
_SENIORITY_F = {k: _exact(v) for k, v in SENIORITY_FACTORS.items()}
_STANCE_V = {k: _exact(v) for k, v in STANCE_VALUES.items()}
_MET = _exact(MET_SHARE)
_STANCE = _exact(STANCE_SHARE)
_NEUTRAL_MIN = _exact(NEUTRAL_GAP_MIN_WEIGHT)
_HUNDRED = Fraction(100)
_CODE_RANK = {code: i for i, code in enumerate(GAP_CODES)}


@dataclass(frozen=True)
class Member:
    """One person in the buying group, as the readiness rules see them."""

    id: int
    name: str  # display name, e.g. "田中 太郎"
    role: str  # one of ROLES
    influence: str  # one of INFLUENCES
    stance: str  # one of STANCES
    met: bool
    seniority: int = 0  # 0..6, see SENIORITY_FACTORS
    department: str = ""  # e.g. "品質保証部"
    title: str = ""  # e.g. "部長"


@dataclass(frozen=True)
class Gap:
    """Something missing from the nemawashi, with what closing it is worth."""

    code: str  # one of GAP_CODES
    member_id: int | None  # None for group gaps (no_decision_maker, no_champion)
    params: dict[str, str]  # name, title, department, role of the member ({} for group gaps)
    weight: float  # raw points closing it adds + headroom of the cap it lifts


@dataclass(frozen=True)
class Readiness:
    """The readiness of one buying group and why it is not higher."""

    score: int  # 0..100, after caps
    raw: float  # before caps, 0..100
    cap: int | None  # the cap that sets the score, if any
    cap_reason: str | None  # its code in CAPS
    gaps: list[Gap]  # biggest first
    contributions: dict[int, float]  # member id -> points contributed (sum ≈ raw)


def _weight(m: Member) -> Fraction:
    try:
        return _ROLE_W[m.role] * _INFLUENCE_F[m.influence] * _SENIORITY_F[m.seniority]
    except KeyError as exc:
        # A typo here would silently skew every score; fail where it is made.
        raise ValueError(
            f"member {m.id}: unknown role, influence or seniority {exc.args[0]!r}"
        ) from None


def member_weight(m: Member) -> float:
    """Role weight × influence factor × seniority factor (ValueError if one is unknown)."""
    return float(_weight(m))


def _earned_share(met: bool, stance: str) -> Fraction:
    """The share of their weight a member earns: 0.4 if met + 0.6 × stance value."""
    try:
        value = _STANCE_V[stance]
    except KeyError:
        raise ValueError(f"unknown stance {stance!r}") from None
    return (_MET if met else 0) + _STANCE * value


def _caps(members: list[Member]) -> list[str]:
    """Codes of every cap that applies to the group."""
    if not members:
        return ["empty"]
    dms = [m for m in members if m.role == "decision_maker"]
    found = []
    if not dms:
        found.append("no_decision_maker")
    if any(m.stance == "opposed" for m in dms):
        found.append("decision_maker_opposed")
    if any(not m.met for m in dms):
        found.append("decision_maker_not_met")
    if any(
        m.influence == "high" and m.stance == "opposed" and m.role != "decision_maker"
        for m in members
    ):
        found.append("high_influence_opposed")
    if not any(m.role == "champion" for m in members):
        found.append("no_champion")
    if any(m.role == "approver" and not m.met for m in members):
        found.append("approver_not_met")
    return found


def _headroom(code: str) -> Fraction:
    return Fraction(100 - CAPS[code])


def _member_gaps(m: Member, weight: Fraction, total: Fraction) -> list[tuple[str, Fraction]]:
    """(code, exact gap weight) for one member."""
    points = _HUNDRED * weight / total  # the member's full worth in raw points
    out = []
    if m.stance == "opposed":
        lift = Fraction(0)
        if m.role == "decision_maker":
            lift = _headroom("decision_maker_opposed")
        elif m.influence == "high":
            lift = _headroom("high_influence_opposed")
        out.append(("opposed", points * _STANCE + lift))
    if not m.met:
        lift = Fraction(0)
        if m.role == "decision_maker":
            lift = _headroom("decision_maker_not_met")
        elif m.role == "approver":
            lift = _headroom("approver_not_met")
        out.append(("not_met", points * _MET + lift))
    elif m.stance == "unknown":
        # Only once met: before that, meeting them is the gap that matters.
        out.append(("stance_unknown", points * _STANCE))
    if m.stance == "neutral" and weight >= _NEUTRAL_MIN:
        out.append(("neutral", points * _STANCE * (1 - _STANCE_V["neutral"])))
    return out


def _params(m: Member) -> dict[str, str]:
    return {"name": m.name, "title": m.title, "department": m.department, "role": m.role}


def readiness(members: Iterable[Member]) -> Readiness:
    """Score the buying group 0..100, name its gaps biggest first.

    Raises ValueError on an unknown role, influence, stance or seniority, or on two
    members sharing an id (contributions and gaps are keyed by it).
    """
    group = list(members)
    ids = [m.id for m in group]
    if len(set(ids)) != len(ids):
        raise ValueError("members must have distinct ids")

    weights = {m.id: _weight(m) for m in group}
    earned = {m.id: weights[m.id] * _earned_share(m.met, m.stance) for m in group}
    total = sum(weights.values(), Fraction(0))
    raw = _HUNDRED * sum(earned.values(), Fraction(0)) / total if total else Fraction(0)
    rounded = math.floor(raw + Fraction(1, 2))

    applicable = _caps(group)
    cap_reason = min(applicable, key=CAPS.__getitem__) if applicable else None
    cap = CAPS[cap_reason] if cap_reason is not None else None
    if cap is not None and cap > rounded:
        cap = cap_reason = None  # the ceiling is above the score: it does not bind
    score = min(rounded, cap) if cap is not None else rounded

    found: list[tuple[Fraction, int | None, str, dict[str, str]]] = []
    if not any(m.role == "decision_maker" for m in group):
        found.append((_headroom("no_decision_maker"), None, "no_decision_maker", {}))
    if not any(m.role == "champion" for m in group):
        found.append((_headroom("no_champion"), None, "no_champion", {}))
    for m in group:
        for code, w in _member_gaps(m, weights[m.id], total):
            found.append((w, m.id, code, _params(m)))
    # Biggest first; then group gaps, then by member id, then by code: deterministic.
    found.sort(key=lambda g: (-g[0], g[1] is not None, g[1] or 0, _CODE_RANK[g[2]]))

    return Readiness(
        score=int(score),
        raw=float(raw),
        cap=cap,
        cap_reason=cap_reason,
        gaps=[Gap(code, mid, params, float(w)) for w, mid, code, params in found],
        contributions={
            m.id: float(_HUNDRED * earned[m.id] / total) if total else 0.0 for m in group
        },
    )


# --- Wording ----------------------------------------------------------------------------


def _language(language: str) -> str:
    """'ja' or 'en' from a language code such as 'ja', 'en-us' or 'ja_JP'."""
    primary = (language or "").replace("_", "-").split("-")[0].lower()
    if primary not in ("ja", "en"):
        raise ValueError(f"unsupported language {language!r} (ja or en)")
    return primary


def _subject_ja(p: Mapping[str, str]) -> str:
    """品質保証部の部長（田中 太郎）, dropping whatever part is missing."""
    name, title, dept = (p.get(k, "").strip() for k in ("name", "title", "department"))
    if title:
        who = f"{title}（{name}）" if name else title
    else:
        who = name or "氏名未登録の関係者"
    return f"{dept}の{who}" if dept else who


def _subject_en(p: Mapping[str, str]) -> str:
    """The 部長 of 品質保証部 (田中 太郎), dropping whatever part is missing."""
    name, title, dept = (p.get(k, "").strip() for k in ("name", "title", "department"))
    if title:
        who = f"The {title}" + (f" of {dept}" if dept else "")
        return f"{who} ({name})" if name else who
    if name:
        return f"{name} of {dept}" if dept else name
    return f"An unnamed member of {dept}" if dept else "An unnamed member"


_GAP_JA = {
    "no_decision_maker": "決裁者が特定されていません",
    "no_champion": "窓口（チャンピオン）が特定されていません",
    "not_met": "{who}にまだ会っていません",
    "opposed": "{who}が反対しています",
    "stance_unknown": "{who}の立場が不明です",
    "neutral": "{who}は中立です",
}
_GAP_EN = {
    "no_decision_maker": "No decision maker identified",
    "no_champion": "No champion identified",
    "not_met": "{who} has not been met",
    "opposed": "{who} is opposed",
    "stance_unknown": "{who}'s stance is unknown",
    "neutral": "{who} is neutral",
}


def describe_gap(gap: Gap, language: str = "ja") -> str:
    """The gap as one plain sentence in Japanese ("ja") or English ("en").

    「品質保証部の部長（田中 太郎）にまだ会っていません」 /
    "The 部長 of 品質保証部 (田中 太郎) has not been met". Missing department or
    title are left out rather than leaving 「の」 or "()" dangling.
    """
    lang = _language(language)
    templates = _GAP_JA if lang == "ja" else _GAP_EN
    try:
        template = templates[gap.code]
    except KeyError:
        raise ValueError(f"unknown gap code {gap.code!r}") from None
    who = _subject_ja(gap.params) if lang == "ja" else _subject_en(gap.params)
    return template.format(who=who)


_CAP_JA = {
    "empty": "購買関係者が登録されていません",
    "decision_maker_opposed": "決裁者が反対しています",
    "no_decision_maker": "決裁者が特定されていません",
    "decision_maker_not_met": "決裁者にまだ会っていません",
    "high_influence_opposed": "影響力の大きい関係者が反対しています",
    "no_champion": "窓口（チャンピオン）が特定されていません",
    "approver_not_met": "承認者にまだ会っていません",
}
_CAP_EN = {
    "empty": "No one in the buying group yet",
    "decision_maker_opposed": "A decision maker is opposed",
    "no_decision_maker": "No decision maker identified",
    "decision_maker_not_met": "A decision maker has not been met",
    "high_influence_opposed": "A high-influence member is opposed",
    "no_champion": "No champion identified",
    "approver_not_met": "An approver has not been met",
}


def describe_cap(code: str, language: str = "ja") -> str:
    """Why the score is capped, e.g. 「上限45：決裁者にまだ会っていません」."""
    lang = _language(language)
    try:
        reason = (_CAP_JA if lang == "ja" else _CAP_EN)[code]
    except KeyError:
        raise ValueError(f"unknown cap code {code!r}") from None
    if lang == "ja":
        return f"上限{CAPS[code]}：{reason}"
    return f"Capped at {CAPS[code]}: {reason}"
