"""Pure tests for eigyo.deals.domain.readiness (no database, no Django): the gaps, their
order, and their descriptions (describe_gap / describe_cap).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from eigyo.deals.domain import readiness as rd
from eigyo.deals.domain.readiness import CAPS, Gap, describe_cap, describe_gap, readiness
from eigyo.deals.tests.conftest import CHAMP, DM, GROUP_A, m, table

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
