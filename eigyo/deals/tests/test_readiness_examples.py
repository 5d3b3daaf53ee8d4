"""Pure tests for eigyo.deals.domain.readiness (no database, no Django): the worked
examples of docs/readiness.md and the tables.

The worked examples repeat, number for number, the ones printed in docs/readiness.md:
change one and you must change the other.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from eigyo.deals.domain import readiness as rd
from eigyo.deals.domain.readiness import (
    CAPS,
    INFLUENCE_FACTORS,
    INFLUENCES,
    ROLE_WEIGHTS,
    ROLES,
    SENIORITY_FACTORS,
    STANCE_VALUES,
    STANCES,
    Member,
    describe_gap,
    member_weight,
    readiness,
)
from eigyo.deals.tests.conftest import GROUP_A, m, r2, table


def check_example(group, weights, earned, points, raw, score, cap, reason, gaps, ja, en):
    """Assert one worked example exactly as the doc prints it (2 / 3 decimals)."""
    r = readiness(group)
    total = sum(member_weight(x) for x in group)
    assert [member_weight(x) for x in group] == pytest.approx(weights, abs=1e-12)
    assert [round(r.contributions[x.id] * total / 100, 3) for x in group] == earned
    assert [r2(r.contributions[x.id]) for x in group] == points
    assert r2(r.raw) == raw
    assert (r.score, r.cap, r.cap_reason) == (score, cap, reason)
    assert table(r) == gaps
    assert [describe_gap(g, "ja") for g in r.gaps] == ja
    assert [describe_gap(g, "en") for g in r.gaps] == en


# --- The worked examples of docs/readiness.md -------------------------------------------

# Example 1 (GROUP_A, in conftest.py): A 社, a group of five; the decision maker, a 部長, has not been met.
WEIGHTS_A = [5.4, 3.25, 2.2, 1.5, 0.54]


def test_example_1_decision_maker_not_met() -> None:
    check_example(
        GROUP_A,
        weights=WEIGHTS_A,
        earned=[0.0, 3.25, 2.2, 0.96, 0.0],
        points=[0.0, 25.21, 17.07, 7.45, 0.0],
        raw=49.73,
        score=45,
        cap=45,
        reason="decision_maker_not_met",
        gaps=[("not_met", 1, 71.76), ("neutral", 4, 4.19), ("not_met", 5, 1.68)],
        ja=[
            "品質保証部の部長（田中 太郎）にまだ会っていません",
            "製造部の係長（高橋 健）は中立です",
            "購買部の担当（伊藤 美咲）にまだ会っていません",
        ],
        en=[
            "The 部長 of 品質保証部 (田中 太郎) has not been met",
            "The 係長 of 製造部 (高橋 健) is neutral",
            "The 担当 of 購買部 (伊藤 美咲) has not been met",
        ],
    )


def test_example_2_after_meeting_the_decision_maker() -> None:
    group = [replace(GROUP_A[0], met=True), *GROUP_A[1:]]
    check_example(
        group,
        weights=WEIGHTS_A,
        earned=[2.16, 3.25, 2.2, 0.96, 0.0],
        points=[16.76, 25.21, 17.07, 7.45, 0.0],
        raw=66.49,
        score=66,
        cap=None,
        reason=None,
        gaps=[("stance_unknown", 1, 25.14), ("neutral", 4, 4.19), ("not_met", 5, 1.68)],
        ja=[
            "品質保証部の部長（田中 太郎）の立場が不明です",
            "製造部の係長（高橋 健）は中立です",
            "購買部の担当（伊藤 美咲）にまだ会っていません",
        ],
        en=[
            "The 部長 of 品質保証部 (田中 太郎)'s stance is unknown",
            "The 係長 of 製造部 (高橋 健) is neutral",
            "The 担当 of 購買部 (伊藤 美咲) has not been met",
        ],
    )


def test_example_3_decision_maker_opposed() -> None:
    group = [replace(GROUP_A[0], met=True, stance="opposed"), *GROUP_A[1:]]
    check_example(
        group,
        weights=WEIGHTS_A,
        earned=[2.16, 3.25, 2.2, 0.96, 0.0],
        points=[16.76, 25.21, 17.07, 7.45, 0.0],
        raw=66.49,
        score=20,
        cap=20,
        reason="decision_maker_opposed",
        gaps=[("opposed", 1, 105.14), ("neutral", 4, 4.19), ("not_met", 5, 1.68)],
        ja=[
            "品質保証部の部長（田中 太郎）が反対しています",
            "製造部の係長（高橋 健）は中立です",
            "購買部の担当（伊藤 美咲）にまだ会っていません",
        ],
        en=[
            "The 部長 of 品質保証部 (田中 太郎) is opposed",
            "The 係長 of 製造部 (高橋 健) is neutral",
            "The 担当 of 購買部 (伊藤 美咲) has not been met",
        ],
    )


# Example 4: B 社, everyone important is on side, but nobody carries the message inside.
GROUP_B = [
    Member(11, "山本 健一", "decision_maker", "high", "supportive", True, 6, "", "取締役"),
    Member(12, "中村 由美", "influencer", "high", "supportive", True, 4, "情報システム部", "部長"),
    Member(13, "小林 誠", "user", "medium", "neutral", True, 3, "情報システム部", "課長"),
    Member(14, "加藤 聡", "other", "low", "unknown", False, 0, "", "顧問"),
]


def test_example_4_no_champion() -> None:
    check_example(
        GROUP_B,
        weights=[6.3, 2.7, 1.1, 0.3],
        earned=[6.3, 2.7, 0.704, 0.0],
        points=[60.58, 25.96, 6.77, 0.0],
        raw=93.31,
        score=70,
        cap=70,
        reason="no_champion",
        gaps=[("no_champion", None, 30.0), ("not_met", 14, 1.15)],
        ja=["窓口（チャンピオン）が特定されていません", "顧問（加藤 聡）にまだ会っていません"],
        en=["No champion identified", "The 顧問 (加藤 聡) has not been met"],
    )


# Example 5: C 社, two caps at once; the lowest wins.
GROUP_C = [
    Member(21, "渡辺 修", "approver", "high", "opposed", True, 4, "購買部", "部長"),
    Member(22, "松本 愛", "champion", "medium", "supportive", True, 3, "生産技術部", "課長"),
    Member(23, "井上 大輔", "user", "low", "supportive", False, 1, "生産技術部", "担当"),
]


def test_example_5_no_decision_maker_and_an_opposed_approver() -> None:
    check_example(
        GROUP_C,
        weights=[4.5, 2.2, 0.54],
        earned=[1.8, 2.2, 0.324],
        points=[24.86, 30.39, 4.48],
        raw=59.72,
        score=30,
        cap=30,
        reason="no_decision_maker",
        gaps=[("opposed", 21, 82.29), ("no_decision_maker", None, 70.0), ("not_met", 23, 2.98)],
        ja=[
            "購買部の部長（渡辺 修）が反対しています",
            "決裁者が特定されていません",
            "生産技術部の担当（井上 大輔）にまだ会っていません",
        ],
        en=[
            "The 部長 of 購買部 (渡辺 修) is opposed",
            "No decision maker identified",
            "The 担当 of 生産技術部 (井上 大輔) has not been met",
        ],
    )
    # Identifying a supportive, met decision maker lifts the 30; the opposed approver's 55 remains.
    with_dm = readiness([*GROUP_C, m(24, "decision_maker", stance="supportive")])
    assert (with_dm.score, with_dm.cap_reason) == (55, "high_influence_opposed")


def test_the_tables_are_the_documented_ones() -> None:
    assert ROLE_WEIGHTS == {
        "decision_maker": 3.0,
        "approver": 2.5,
        "champion": 2.0,
        "influencer": 1.5,
        "gatekeeper": 1.0,
        "user": 1.0,
        "other": 0.5,
    }
    assert INFLUENCE_FACTORS == {"high": 1.5, "medium": 1.0, "low": 0.6}
    assert SENIORITY_FACTORS == {6: 1.4, 5: 1.3, 4: 1.2, 3: 1.1, 2: 1.0, 1: 0.9, 0: 1.0}
    assert STANCE_VALUES == {"supportive": 1.0, "neutral": 0.4, "unknown": 0.0, "opposed": 0.0}
    assert (rd.MET_SHARE, rd.STANCE_SHARE, rd.NEUTRAL_GAP_MIN_WEIGHT) == (0.4, 0.6, 1.5)
    assert CAPS == {
        "empty": 0,
        "decision_maker_opposed": 20,
        "no_decision_maker": 30,
        "decision_maker_not_met": 45,
        "high_influence_opposed": 55,
        "no_champion": 70,
        "approver_not_met": 75,
    }
    assert set(ROLE_WEIGHTS) == set(ROLES)
    assert set(INFLUENCE_FACTORS) == set(INFLUENCES)
    assert set(STANCE_VALUES) == set(STANCES)
