"""Pure tests for eigyo.deals.domain.readiness (no database, no Django).

The worked examples repeat, number for number, the ones printed in docs/readiness.md:
change one and you must change the other.
"""

from __future__ import annotations

import ast
import math
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    Gap,
    Member,
    Readiness,
    describe_cap,
    describe_gap,
    member_weight,
    readiness,
)

# --- Helpers ----------------------------------------------------------------------------


def m(
    id: int,
    role: str = "user",
    influence: str = "medium",
    stance: str = "supportive",
    met: bool = True,
    seniority: int = 2,
    name: str = "",
    department: str = "",
    title: str = "",
) -> Member:
    return Member(
        id, name or f"member {id}", role, influence, stance, met, seniority, department, title
    )


def r2(x: float) -> float:
    return round(x, 2)


def table(r: Readiness) -> list[tuple[str, int | None, float]]:
    """The gap list as (code, member id, weight to 2 decimals), as printed in the doc."""
    return [(g.code, g.member_id, r2(g.weight)) for g in r.gaps]


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

# Example 1: A 社, a group of five; the decision maker, a 部長, has not been met.
GROUP_A = [
    Member(1, "田中 太郎", "decision_maker", "high", "unknown", False, 4, "品質保証部", "部長"),
    Member(2, "佐藤 花子", "approver", "medium", "supportive", True, 5, "経営企画部", "本部長"),
    Member(3, "鈴木 一郎", "champion", "medium", "supportive", True, 3, "製造部", "課長"),
    Member(4, "高橋 健", "influencer", "medium", "neutral", True, 2, "製造部", "係長"),
    Member(5, "伊藤 美咲", "gatekeeper", "low", "unknown", False, 1, "購買部", "担当"),
]
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


# --- Weights and raw --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("member", "weight"),
    [
        (m(1, "decision_maker", "high", seniority=6), 6.3),
        (m(1, "approver", "medium", seniority=5), 3.25),
        (m(1, "champion", "low", seniority=3), 1.32),
        (m(1, "influencer", "medium", seniority=2), 1.5),
        (m(1, "gatekeeper", "medium", seniority=1), 0.9),
        (m(1, "user", "low", seniority=1), 0.54),
        (m(1, "other", "low", seniority=0), 0.3),
    ],
)
def test_member_weight(member: Member, weight: float) -> None:
    assert member_weight(member) == pytest.approx(weight, abs=1e-12)


def test_a_fully_walked_group_scores_100() -> None:
    group = [m(1, "decision_maker"), m(2, "champion"), m(3, "approver"), m(4, "user", "low")]
    r = readiness(group)
    assert (r.score, r.raw, r.cap, r.cap_reason, r.gaps) == (100, 100.0, None, None, [])


def test_earned_shares() -> None:
    base = [m(1, "decision_maker"), m(2, "champion")]  # both weigh 3.0 / 2.0, met, supportive
    # A third member of weight 1.0 in each state: raw = 100 × (5 + earned) / 6.
    for met, stance, earned in [
        (True, "supportive", 1.0),
        (True, "neutral", 0.64),
        (True, "unknown", 0.4),
        (True, "opposed", 0.4),
        (False, "supportive", 0.6),
        (False, "neutral", 0.24),
        (False, "unknown", 0.0),
        (False, "opposed", 0.0),
    ]:
        r = readiness([*base, m(3, "user", stance=stance, met=met)])
        assert r.raw == pytest.approx(100 * (5 + earned) / 6)
        assert r.contributions[3] == pytest.approx(100 * earned / 6)


def test_score_rounds_halves_up() -> None:
    # Weights 3.0, 2.0 (met, supportive) and three 1.0 (unmet, unknown): 5 of 8 = 62.5.
    silent = [m(i, "user", stance="unknown", met=False) for i in (3, 4, 5)]
    r = readiness([m(1, "decision_maker"), m(2, "champion"), *silent])
    assert (r.raw, r.score) == (62.5, 63)


# --- Caps -------------------------------------------------------------------------------


def test_empty_group() -> None:
    r = readiness([])
    assert (r.score, r.raw, r.cap, r.cap_reason, r.contributions) == (0, 0.0, 0, "empty", {})
    assert [(g.code, g.member_id, g.weight) for g in r.gaps] == [
        ("no_decision_maker", None, 70.0),
        ("no_champion", None, 30.0),
    ]


# Each group below has raw well above its cap, so the cap binds.
DM = m(1, "decision_maker", "high", seniority=4)
CHAMP = m(2, "champion")
HIGH_OPP = m(3, "influencer", "high", stance="opposed")  # 2.25 of the weight opposed


@pytest.mark.parametrize(
    ("group", "cap", "reason"),
    [
        ([CHAMP, m(3, "user")], 30, "no_decision_maker"),
        ([replace(DM, stance="opposed"), CHAMP, m(3, "user")], 20, "decision_maker_opposed"),
        ([replace(DM, met=False), CHAMP, m(3, "user")], 45, "decision_maker_not_met"),
        ([DM, CHAMP, HIGH_OPP, m(4, "user"), m(5, "approver")], 55, "high_influence_opposed"),
        ([DM, m(3, "user")], 70, "no_champion"),
        ([DM, CHAMP, m(3, "approver", "low", met=False)], 75, "approver_not_met"),
    ],
)
def test_each_cap(group: list[Member], cap: int, reason: str) -> None:
    r = readiness(group)
    assert r.raw > cap
    assert (r.score, r.cap, r.cap_reason) == (cap, cap, reason)


def test_the_lowest_cap_wins() -> None:
    # Decision maker unmet and opposed (45 and 20), no champion (70), approver unmet (75).
    group = [
        replace(DM, met=False, stance="opposed"),
        m(2, "approver", met=False),
        m(3, "user"),
        m(4, "influencer", "high"),
    ]
    r = readiness(group)
    assert (r.score, r.cap, r.cap_reason) == (20, 20, "decision_maker_opposed")


def test_a_cap_above_the_raw_score_does_not_bind() -> None:
    # No champion (cap 70), but little is walked: weights 3.0 and 1.0, earned 1.2 and 0.
    group = [m(1, "decision_maker", stance="unknown"), m(2, "user", stance="unknown", met=False)]
    r = readiness(group)
    assert (r.raw, r.score, r.cap, r.cap_reason) == (30.0, 30, None, None)
    assert ("no_champion", None, 30.0) in table(r)  # still named as a gap


def test_a_cap_equal_to_the_rounded_raw_is_reported() -> None:
    # weights 3.0 and 1.3; earned 3.0 and 0: raw = 300 / 4.3 = 69.77, rounds to 70 = the cap.
    group = [m(1, "decision_maker"), m(2, "user", seniority=5, stance="unknown", met=False)]
    r = readiness(group)
    assert r2(r.raw) == 69.77
    assert (r.score, r.cap, r.cap_reason) == (70, 70, "no_champion")


def test_opposed_decision_maker_is_not_also_a_high_influence_opposition() -> None:
    dm = replace(DM, stance="opposed")  # high influence, opposed, met
    r = readiness([dm, CHAMP])
    assert r.cap_reason == "decision_maker_opposed"
    opposed = next(g for g in r.gaps if g.code == "opposed")
    # 80 (lifts the 20) + 60 % of his 5.4 of 7.4 weight: not another 45 on top.
    assert opposed.weight == pytest.approx(80 + 100 * 0.6 * 5.4 / 7.4)


def test_medium_influence_opposition_caps_nothing() -> None:
    r = readiness([DM, CHAMP, m(3, "influencer", "medium", stance="opposed")])
    assert (r.cap, r.cap_reason) == (None, None)


# --- Gaps -------------------------------------------------------------------------------


def test_which_gaps_a_member_gets() -> None:
    cases = [
        (m(9, "user", met=False, stance="unknown"), ["not_met"]),  # meet first
        (m(9, "user", met=False, stance="opposed"), ["opposed", "not_met"]),
        (m(9, "user", met=True, stance="unknown"), ["stance_unknown"]),
        (m(9, "user", met=True, stance="opposed"), ["opposed"]),
        (m(9, "user", met=True, stance="supportive"), []),
        (m(9, "user", met=True, stance="neutral"), []),  # weight 1.0 < 1.5
        (m(9, "influencer", met=True, stance="neutral"), ["neutral"]),  # exactly 1.5
        (m(9, "influencer", met=False, stance="neutral"), ["not_met", "neutral"]),
        (m(9, "user", "high", met=True, stance="neutral"), ["neutral"]),  # 1.5 again
        (m(9, "gatekeeper", "high", seniority=1, stance="neutral"), []),  # 1.35
    ]
    for member, codes in cases:
        r = readiness([DM, CHAMP, member])
        got = [g.code for g in r.gaps if g.member_id == 9]
        assert sorted(got) == sorted(codes), member


def test_gap_params() -> None:
    r = readiness([GROUP_A[0]])
    not_met = next(g for g in r.gaps if g.code == "not_met")
    assert not_met.params == {
        "name": "田中 太郎",
        "title": "部長",
        "department": "品質保証部",
        "role": "decision_maker",
    }
    assert [g.params for g in r.gaps if g.member_id is None] == [{}]  # no champion


def test_gaps_tie_break_by_member_id_whatever_the_input_order() -> None:
    twins = [m(i, "user", met=False, stance="unknown") for i in (7, 3, 5)]
    r = readiness([*twins, DM, CHAMP])
    assert [(g.code, g.member_id) for g in r.gaps] == [
        ("not_met", 3),
        ("not_met", 5),
        ("not_met", 7),
    ]
    assert len({g.weight for g in r.gaps}) == 1


def test_group_gaps_come_before_member_gaps_of_equal_weight() -> None:
    # The opposed approver (3.0 of 6.0, medium influence: no cap) is worth 100 × 0.6 × 3 / 6
    # = 30 points, exactly the headroom of the missing champion.
    group = [m(2, "approver", seniority=4, stance="opposed"), m(1, "decision_maker")]
    r = readiness(group)
    assert [(g.code, g.member_id, g.weight) for g in r.gaps] == [
        ("no_champion", None, 30.0),
        ("opposed", 2, 30.0),
    ]


def test_gap_ordering_puts_blockers_first() -> None:
    group = [
        m(1, "user", "low", met=False, stance="unknown"),  # 0.6
        m(2, "approver", "medium", met=False, stance="supportive"),  # 2.5
        m(3, "decision_maker", "medium", met=True, stance="unknown"),  # 3.0
        m(4, "influencer", "high", met=True, stance="opposed"),  # 2.25; total 8.35
    ]
    assert table(readiness(group)) == [
        ("opposed", 4, 61.17),  # 45 headroom + 60 % of 2.25 / 8.35
        ("not_met", 2, 36.98),  # 25 headroom + 40 % of 2.5 / 8.35
        ("no_champion", None, 30.0),  # 30 headroom
        ("stance_unknown", 3, 21.56),  # 60 % of 3.0 / 8.35
        ("not_met", 1, 2.87),  # 40 % of 0.6 / 8.35
    ]


# --- describe_gap / describe_cap --------------------------------------------------------


def gap(code: str, name: str = "", title: str = "", department: str = "") -> Gap:
    return Gap(code, 1, {"name": name, "title": title, "department": department}, 1.0)


@pytest.mark.parametrize(
    ("name", "title", "department", "ja", "en"),
    [
        (
            "田中 太郎",
            "部長",
            "品質保証部",
            "品質保証部の部長（田中 太郎）",
            "The 部長 of 品質保証部 (田中 太郎)",
        ),
        ("田中 太郎", "部長", "", "部長（田中 太郎）", "The 部長 (田中 太郎)"),
        ("田中 太郎", "", "品質保証部", "品質保証部の田中 太郎", "田中 太郎 of 品質保証部"),
        ("田中 太郎", "", "", "田中 太郎", "田中 太郎"),
        ("田中 太郎", "  ", " ", "田中 太郎", "田中 太郎"),  # blanks count as missing
        ("", "部長", "品質保証部", "品質保証部の部長", "The 部長 of 品質保証部"),
        ("", "部長", "", "部長", "The 部長"),
        ("", "", "品質保証部", "品質保証部の氏名未登録の関係者", "An unnamed member of 品質保証部"),
        ("", "", "", "氏名未登録の関係者", "An unnamed member"),
    ],
)
def test_describe_gap_subjects(name: str, title: str, department: str, ja: str, en: str) -> None:
    g = gap("not_met", name, title, department)
    assert describe_gap(g) == f"{ja}にまだ会っていません"
    assert describe_gap(g, "en") == f"{en} has not been met"
    for text in (describe_gap(g), describe_gap(g, "en")):
        assert "()" not in text and "（）" not in text and not text.startswith("の")
        assert "  " not in text


def test_describe_gap_every_code() -> None:
    g = {c: gap(c, "佐藤 花子", "本部長", "経営企画部") for c in rd.GAP_CODES}
    assert {c: describe_gap(x, "ja") for c, x in g.items()} == {
        "no_decision_maker": "決裁者が特定されていません",
        "no_champion": "窓口（チャンピオン）が特定されていません",
        "opposed": "経営企画部の本部長（佐藤 花子）が反対しています",
        "not_met": "経営企画部の本部長（佐藤 花子）にまだ会っていません",
        "stance_unknown": "経営企画部の本部長（佐藤 花子）の立場が不明です",
        "neutral": "経営企画部の本部長（佐藤 花子）は中立です",
    }
    assert {c: describe_gap(x, "en") for c, x in g.items()} == {
        "no_decision_maker": "No decision maker identified",
        "no_champion": "No champion identified",
        "opposed": "The 本部長 of 経営企画部 (佐藤 花子) is opposed",
        "not_met": "The 本部長 of 経営企画部 (佐藤 花子) has not been met",
        "stance_unknown": "The 本部長 of 経営企画部 (佐藤 花子)'s stance is unknown",
        "neutral": "The 本部長 of 経営企画部 (佐藤 花子) is neutral",
    }


def test_describe_gap_name_only_in_both_languages() -> None:
    g = Gap("stance_unknown", 4, {"name": "高橋 健"}, 1.0)  # keys may be missing too
    assert describe_gap(g) == "高橋 健の立場が不明です"
    assert describe_gap(g, "en") == "高橋 健's stance is unknown"
    assert describe_gap(replace(g, code="neutral"), "ja") == "高橋 健は中立です"
    assert describe_gap(replace(g, code="opposed"), "en") == "高橋 健 is opposed"


def test_describe_gap_language_codes() -> None:
    g = gap("no_champion")
    assert describe_gap(g, "en-US") == describe_gap(g, "en") == "No champion identified"
    assert describe_gap(g, "ja_JP") == describe_gap(g) == "窓口（チャンピオン）が特定されていません"
    with pytest.raises(ValueError, match="language"):
        describe_gap(g, "fr")
    with pytest.raises(ValueError, match="gap code"):
        describe_gap(Gap("bogus", None, {}, 0.0))


def test_describe_cap() -> None:
    assert describe_cap("decision_maker_not_met") == "上限45：決裁者にまだ会っていません"
    assert describe_cap("no_champion", "en") == "Capped at 70: No champion identified"
    for code in CAPS:
        assert describe_cap(code, "ja") and describe_cap(code, "en")
    with pytest.raises(ValueError):
        describe_cap("bogus")


# --- Validation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        m(1, role="ceo"),
        m(1, influence="huge"),
        m(1, stance="hostile"),
        m(1, seniority=7),
        m(1, seniority=-1),
    ],
)
def test_unknown_values_are_refused(bad: Member) -> None:
    with pytest.raises(ValueError):
        readiness([bad])


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="distinct"):
        readiness([m(1), m(1, "champion")])


def test_module_is_pure() -> None:
    tree = ast.parse(Path(rd.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert imported <= {"__future__", "math", "collections", "dataclasses", "fractions"}


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
