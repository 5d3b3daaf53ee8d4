"""Property tests (hypothesis) for eigyo.deals.domain.readiness (no database, no Django)."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eigyo.deals.domain.readiness import (
    CAPS,
    INFLUENCES,
    ROLES,
    STANCES,
    Member,
    Readiness,
    describe_gap,
    readiness,
)
from eigyo.deals.tests.conftest import m

# --- Properties -------------------------------------------------------------------------

STANCE_ORDER = ("opposed", "unknown", "neutral", "supportive")  # worst to best


@st.composite
def groups(draw, min_size: int = 0, max_size: int = 9) -> list[Member]:
    n = draw(st.integers(min_size, max_size))
    ids = draw(st.lists(st.integers(1, 10_000), min_size=n, max_size=n, unique=True))
    return [
        Member(
            id=i,
            name=draw(st.sampled_from(["田中 太郎", "佐藤 花子", ""])),
            role=draw(st.sampled_from(ROLES)),
            influence=draw(st.sampled_from(INFLUENCES)),
            stance=draw(st.sampled_from(STANCES)),
            met=draw(st.booleans()),
            seniority=draw(st.integers(0, 6)),
            department=draw(st.sampled_from(["品質保証部", ""])),
            title=draw(st.sampled_from(["部長", ""])),
        )
        for i in ids
    ]


def expected_score(r: Readiness) -> int:
    return math.floor(r.raw + 0.5)


@settings(max_examples=200, deadline=None)
@given(groups())
def test_invariants(group: list[Member]) -> None:
    r = readiness(group)
    assert 0 <= r.score <= 100
    assert 0.0 <= r.raw <= 100.0
    assert r.score <= expected_score(r)
    assert (r.cap is None) == (r.cap_reason is None)
    if r.cap is None:
        assert r.score == expected_score(r)
    else:
        assert r.score == r.cap == CAPS[r.cap_reason] <= expected_score(r)
    assert set(r.contributions) == {x.id for x in group}
    assert sum(r.contributions.values()) == pytest.approx(r.raw, abs=1e-9)
    assert all(v >= 0 for v in r.contributions.values())
    weights = [g.weight for g in r.gaps]
    assert weights == sorted(weights, reverse=True)
    for g in r.gaps:
        assert describe_gap(g, "ja") and describe_gap(g, "en")


@settings(max_examples=200, deadline=None)
@given(groups(), st.randoms(use_true_random=False))
def test_member_order_does_not_matter(group: list[Member], rnd) -> None:
    shuffled = list(group)
    rnd.shuffle(shuffled)
    assert readiness(shuffled) == readiness(group)


@settings(max_examples=200, deadline=None)
@given(groups(min_size=1), st.data())
def test_meeting_someone_never_lowers_the_score(group: list[Member], data) -> None:
    i = data.draw(st.integers(0, len(group) - 1))
    after = [*group[:i], replace(group[i], met=True), *group[i + 1 :]]
    before, now = readiness(group), readiness(after)
    assert now.raw >= before.raw
    assert now.score >= before.score


@settings(max_examples=200, deadline=None)
@given(groups(min_size=1), st.data())
def test_a_better_stance_never_lowers_the_score(group: list[Member], data) -> None:
    i = data.draw(st.integers(0, len(group) - 1))
    rank = STANCE_ORDER.index(group[i].stance)
    better = data.draw(st.sampled_from(STANCE_ORDER[rank:]))  # opposed < unknown < neutral < …
    after = [*group[:i], replace(group[i], stance=better), *group[i + 1 :]]
    before, now = readiness(group), readiness(after)
    assert now.raw >= before.raw
    assert now.score >= before.score


@settings(max_examples=200, deadline=None)
@given(groups(), st.sampled_from(ROLES), st.sampled_from(INFLUENCES), st.integers(0, 6))
def test_adding_a_supportive_met_member_never_lowers_raw_or_score(
    group: list[Member], role: str, influence: str, seniority: int
) -> None:
    # True because such a member earns 100 % of their weight, so the average can only
    # rise, and they trigger no cap (while a decision maker or champion may lift one).
    new = m(
        max((x.id for x in group), default=0) + 1, role, influence, "supportive", True, seniority
    )
    before, now = readiness(group), readiness([*group, new])
    assert now.raw >= before.raw
    assert now.score >= before.score


@settings(max_examples=200, deadline=None)
@given(groups(min_size=1))
def test_a_member_gap_weight_is_its_raw_gain_plus_the_cap_headroom(group: list[Member]) -> None:
    before = readiness(group)
    headroom = {code: 100 - cap for code, cap in CAPS.items()}
    for g in before.gaps:
        if g.member_id is None:
            assert g.weight == headroom[g.code]
            continue
        i = next(k for k, x in enumerate(group) if x.id == g.member_id)
        x = group[i]
        fixed = replace(x, met=True) if g.code == "not_met" else replace(x, stance="supportive")
        after = readiness([*group[:i], fixed, *group[i + 1 :]])
        lift = 0
        if g.code == "not_met" and x.role == "decision_maker":
            lift = headroom["decision_maker_not_met"]
        elif g.code == "not_met" and x.role == "approver":
            lift = headroom["approver_not_met"]
        elif g.code == "opposed" and x.role == "decision_maker":
            lift = headroom["decision_maker_opposed"]
        elif g.code == "opposed" and x.influence == "high":
            lift = headroom["high_influence_opposed"]
        assert g.weight == pytest.approx(after.raw - before.raw + lift, abs=1e-9)
