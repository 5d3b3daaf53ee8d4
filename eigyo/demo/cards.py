"""Demo KK's imported business cards: the manager's cards in our template (a person
met twice, tags) and a Sansan export whose card belongs to a rep, imported as anyone
would, through the people import (transfer/people_import.py), so the people,
their card exchanges and the acquaintances they make are there in the demo."""

from __future__ import annotations

import datetime as dt

from eigyo.companies.models import Company
from eigyo.core import clock
from eigyo.transfer import services


def imported_cards(org, users) -> None:
    """Cards from people at companies of the book (the import finds them there)."""
    today = clock.today()
    firms = list(
        Company.objects.filter(org=org, relationships__isnull=False)
        .order_by("pk")
        .values_list("legal_name", flat=True)
        .distinct()[:3]
    )

    def day(ago: int) -> str:
        return (today - dt.timedelta(days=ago)).strftime("%Y/%m/%d")

    cards = [
        [
            "会社名",
            "部署",
            "役職",
            "姓",
            "名",
            "姓フリガナ",
            "名フリガナ",
            "メール",
            "名刺交換日",
            "タグ",
        ],
        [
            firms[0],
            "生産技術部",
            "部長",
            "石川",
            "浩二",
            "イシカワ",
            "コウジ",
            "k.ishikawa@example.co.jp",
            day(120),
            "展示会",
        ],
        # Met again: the same person, another card exchange.
        [
            firms[0],
            "生産技術部",
            "部長",
            "石川",
            "浩二",
            "イシカワ",
            "コウジ",
            "k.ishikawa@example.co.jp",
            day(20),
            "要フォロー",
        ],
        [
            firms[1],
            "品質保証部",
            "課長",
            "村上",
            "由美",
            "ムラカミ",
            "ユミ",
            "y.murakami@example.co.jp",
            day(45),
            "展示会",
        ],
    ]
    services.commit_people(_csv(cards), by=users["manager@demo.example"], filename="名刺.csv")
    sansan = [
        [
            "会社名",
            "部署名",
            "役職",
            "氏名",
            "氏名カナ",
            "Email(1)",
            "名刺交換日",
            "名刺所有者ユーザID",
        ],
        [
            firms[2],
            "営業本部 第一営業部",
            "主任",
            "佐々木 学",
            "ササキ マナブ",
            "m.sasaki@example.co.jp",
            day(60),
            "rep1@demo.example",
        ],
    ]
    services.commit_people(_csv(sansan), by=users["manager@demo.example"], filename="sansan.csv")


def _csv(rows: list[list[str]]) -> str:
    return "\n".join(",".join(cells) for cells in rows) + "\n"
