"""Company-name resolution on the real EDINET list (pure: no database, no Django)."""

from __future__ import annotations

import gzip
import json
import random
from functools import cache
from importlib import resources

import pytest

from eigyo.registry.domain import resolution
from eigyo.registry.domain.resolution import AMBIGUOUS, MATCHED, NONE, Entity, Resolver

TOYOTA = "トヨタ自動車株式会社"
SONY_GROUP = "ソニーグループ株式会社"
NEC = "日本電気株式会社"
ZOZO = "株式会社ＺＯＺＯ"
BOFA = (
    "バンク・オブ・アメリカ・コーポレーション（Ｂａｎｋ\u3000ｏｆ\u3000Ａｍｅｒｉｃａ\u3000Ｃｏｒｐ"
    "ｏｒａｔｉｏｎ）"
)


@cache
def edinet_entities() -> tuple[Entity, ...]:
    path = resources.files("japan_finance_codes") / "_data" / "company_registry.json.gz"
    records = json.loads(gzip.decompress(path.read_bytes()))["companies"]
    return tuple(
        Entity(
            key=r["corporate_number"] or r["edinet_code"],
            name=r["name"],
            name_en=r["name_en"] or "",
        )
        for r in records
    )


@cache
def edinet() -> Resolver:
    return Resolver(edinet_entities())


def key_of(name: str) -> str:
    (key,) = {e.key for e in edinet_entities() if e.name == name}
    return key


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("トヨタ自動車", TOYOTA),
        ("トヨタ自動車(株)", TOYOTA),
        ("株式会社トヨタ自動車", TOYOTA),  # legal form on the other side
        ("ト ヨ タ 自動車", TOYOTA),
        ("TOYOTA MOTOR CORPORATION", TOYOTA),
        ("Toyota Motor Corp", TOYOTA),
        ("トヨタ自動車株式会社 御中", TOYOTA),
        ("ソニーグループ", SONY_GROUP),
        ("ｿﾆｰｸﾞﾙｰﾌﾟ(株)", SONY_GROUP),
        ("ソニーグループ㈱", SONY_GROUP),
        ("Sony Group Corporation", SONY_GROUP),
        ("SONY GROUP", SONY_GROUP),
        ("ソニー", "ソニー株式会社"),  # the operating company, not the group
        ("日本電気", NEC),
        ("日本電気(株)", NEC),
        ("NEC Corporation", NEC),
        ("日本電気硝子", "日本電気硝子株式会社"),  # not NEC
        ("ZOZO", ZOZO),
        ("ＺＯＺＯ", ZOZO),
        ("(株)ZOZO", ZOZO),
        ("zozo, inc.", ZOZO),
        ("HITACHI", "株式会社日立製作所"),
        ("Mitsui & Co., Ltd.", "三井物産株式会社"),
    ],
)
def test_exact_names_in_any_spelling_are_matched(query, name):
    m = edinet().resolve(query)
    assert (m.status, m.name, m.key, m.score) == (MATCHED, name, key_of(name), 100.0)
    assert m.query == query and m.candidates == ()


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("キャノン", "キヤノン株式会社"),  # small / large kana
        ("野村証券", "野村證券株式会社"),  # 旧字体
        ("セブン&アイHD", "株式会社セブン＆アイ・ホールディングス"),  # HD = ホールディングス
        ("ソニーG", SONY_GROUP),  # G = グループ
        ("パーク24", "パーク二四株式会社（定款上の商号\u3000パーク２４株式会社）"),  # name in ( )
        ("Bank of America", BOFA),  # the Latin name in ( )
    ],
)
def test_loose_spellings_and_names_in_parentheses_are_matched(query, name):
    m = edinet().resolve(query)
    assert (m.status, m.name) == (MATCHED, name)
    assert 90 <= m.score <= 100


@pytest.mark.parametrize(
    "query",
    [
        "トヨタ",
        "三菱",
        "東京",
        "日本",
        "三井",
        "日立",
        "三菱重工",
        "三井住友",
        "三菱UFJ",
        "セブン＆アイ",
    ],
)
def test_generic_or_partial_names_are_not_guessed(query):
    m = edinet().resolve(query)
    assert m.status in (AMBIGUOUS, NONE)
    assert m.key is None and m.name is None


def test_ambiguous_lists_the_close_candidates():
    m = edinet().resolve("三菱UFJ")
    assert m.status == AMBIGUOUS and len(m.candidates) >= 2
    assert key_of("株式会社三菱ＵＦＪ銀行") in dict(m.candidates)
    twins = [e.key for e in edinet_entities() if e.name == "株式会社フジコー"]
    m = edinet().resolve("(株)フジコー")  # two different companies of that name
    assert m.status == AMBIGUOUS and sorted(dict(m.candidates)) == sorted(twins)
    m = edinet().resolve("SHOEI")  # two companies whose English name is "SHOEI CO., LTD."
    assert m.status == AMBIGUOUS and len(m.candidates) == 2


def test_the_legal_form_picks_between_namesakes():
    assert edinet().resolve("TKC").status == AMBIGUOUS
    assert edinet().resolve("TKC合同会社").name == "合同会社ＴＫＣ"
    assert edinet().resolve("(株)TKC").name == "株式会社\u3000ＴＫＣ"


def test_a_contradicting_legal_form_is_not_matched():
    m = edinet().resolve("ソニーグループ合同会社")
    assert m.status == NONE and m.key is None
    assert m.candidates == ((key_of(SONY_GROUP), 100.0),)  # offered as a suggestion


def test_former_names_via_aliases_and_current_names_win():
    entities = [
        Entity(e.key, e.name, e.name_en, aliases=("日立造船株式会社",))
        if e.name == "カナデビア株式会社"
        else e
        for e in edinet_entities()
    ]
    m = Resolver(entities).resolve("日立造船(株)")
    assert (m.status, m.name) == (MATCHED, "カナデビア株式会社")
    small = Resolver(
        [
            Entity("B", "ソニーグループ株式会社", aliases=("ソニー株式会社",)),
            Entity("A", "ソニー株式会社"),
        ]
    )
    assert small.resolve("ソニー").key == "A"
    assert small.resolve("ソニーグループ").key == "B"


def test_absent_companies_are_not_matched_to_a_neighbour():
    toyota = key_of(TOYOTA)
    without = Resolver(e for e in edinet_entities() if e.key != toyota)
    for query in (TOYOTA, "ﾄﾖﾀ自動車(株)", "TOYOTA MOTOR CORPORATION", "トヨタ"):
        assert without.resolve(query).status != MATCHED
    for invented in (
        "青空ミライ商事株式会社",
        "株式会社架空テクノロジーズ",
        "Nonexistent Widgets K.K.",
    ):
        assert edinet().resolve(invented).status == NONE


def test_reading_in_kana_or_romaji():
    r = Resolver(
        [
            Entity("1", "株式会社日立製作所", kana="ヒタチセイサクショ"),
            Entity("2", "日立金属株式会社"),
        ]
    )
    for query in (
        "ひたちせいさくしょ",
        "ヒタチセイサクショ",
        "Hitachi Seisakusho",
        "HITACHI SEISAKUSHO",
    ):
        assert r.resolve(query).key == "1", query


def test_typos_only_in_kana_inside_long_names():
    r = Resolver(
        [
            Entity("sb", "ソフトバンクグループ株式会社"),
            Entity("hk", "北越コーポレーション株式会社"),
            Entity("sl", "株式会社サンライト"),
            Entity("k1", "株式会社カタリスト工業"),
            Entity("k2", "株式会社カタリスク工業"),
        ]
    )
    m = r.resolve("ソフトバングループ")  # ク → グ
    assert (m.status, m.key) == (MATCHED, "sb") and 80 <= m.score < 100
    assert r.resolve("ソフトバクングループ").key == "sb"  # a swap
    assert r.resolve("北里コーポレーション").status != MATCHED  # another kanji: another company
    assert r.resolve("サンライズ").status != MATCHED  # short, and the last character
    m = r.resolve("カタリスソ工業")  # one edit from both
    assert m.status == AMBIGUOUS and {k for k, _ in m.candidates} == {"k1", "k2"}


def test_results_are_deterministic_whatever_the_entity_order():
    queries = [
        "トヨタ自動車",
        "三菱UFJ",
        "SHOEI",
        "ｿﾆｰｸﾞﾙｰﾌﾟ(株)",
        "トヨタ",
        "キャノン",
        "TKC",
        "北里コーポレーション",
    ]
    first = edinet().resolve_many(queries)
    assert edinet().resolve_many(queries) == first
    shuffled = list(edinet_entities())
    random.Random(1).shuffle(shuffled)
    again = Resolver(shuffled).resolve_many(queries)
    assert [(m.status, m.key, m.score) for m in again] == [
        (m.status, m.key, m.score) for m in first
    ]


def test_resolve_many_keeps_order_and_length():
    queries = ["ソニー", "", "三菱", "ソニー", "日本電気", "   ", "ＺＯＺＯ"]
    out = edinet().resolve_many(queries)
    assert [m.query for m in out] == queries
    assert out == [edinet().resolve(q) for q in queries]
    assert [m.status for m in out] == [MATCHED, NONE, NONE, MATCHED, MATCHED, NONE, MATCHED]
    assert edinet().resolve_many([]) == []


def test_loose_key_and_legal_form_helpers():
    assert resolution.loose_key("ソニーグループ") == resolution.loose_key("ｿﾆｰG")
    assert resolution.loose_key("ホールデイングス") == resolution.loose_key("HD")
    assert resolution.loose_key("FMRLLC") == resolution.loose_key("FMR LLC") == "fmr"
    assert resolution.loose_key("とよた") == resolution.loose_key("トヨタ")
    # Every Japanese legal-form spelling holds one of the cheap pre-test hints.
    assert all(any(h in v for h in resolution._KIND_HINTS) for v in resolution._JA_KINDS)
