"""Helpers of the readiness tests (test_readiness_*.py): pure, no database, no Django."""

from __future__ import annotations

from eigyo.deals.domain.readiness import Member, Readiness

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


# The group of the worked examples 1-3 (test_readiness_examples.py), also used for gap params.
# Example 1: A 社, a group of five; the decision maker, a 部長, has not been met.
GROUP_A = [
    Member(1, "田中 太郎", "decision_maker", "high", "unknown", False, 4, "品質保証部", "部長"),
    Member(2, "佐藤 花子", "approver", "medium", "supportive", True, 5, "経営企画部", "本部長"),
    Member(3, "鈴木 一郎", "champion", "medium", "supportive", True, 3, "製造部", "課長"),
    Member(4, "高橋 健", "influencer", "medium", "neutral", True, 2, "製造部", "係長"),
    Member(5, "伊藤 美咲", "gatekeeper", "low", "unknown", False, 1, "購買部", "担当"),
]

# A decision maker and a champion: the cap and gap tests' groups are built around them.
DM = m(1, "decision_maker", "high", seniority=4)
CHAMP = m(2, "champion")
