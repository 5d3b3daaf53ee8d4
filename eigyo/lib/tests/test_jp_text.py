"""Pure tests for eigyo.lib.jp_text (no database)."""

from __future__ import annotations

import doctest
import gzip
import json
from functools import cache
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eigyo.lib import jp_text
from eigyo.lib.jp_text import (
    LEGAL_FORMS,
    company_name_key,
    contains_japanese,
    is_kana,
    kana_to_romaji,
    normalize_text,
    search_variants,
    strip_legal_form,
    to_hiragana,
    to_katakana,
)


@cache
def edinet_companies() -> list[dict]:
    blob = resources.files("japan_finance_codes").joinpath("_data/company_registry.json.gz")
    return json.loads(gzip.decompress(blob.read_bytes()))["companies"]


# --------------------------------------------------------------------------- normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("", ""),
        ("  ＡＢＣ　１２３  ", "ABC 123"),
        ("ｶﾌﾞｼｷｶﾞｲｼｬ ﾄﾖﾀ", "カブシキガイシャ トヨタ"),
        ("a\t\n b\u3000\u3000c", "a b c"),
        ("㈱ﾃｽﾄ", "(株)テスト"),
        ("ト\u200bヨタ", "トヨタ"),
        ("パ", "パ"),  # decomposed ハ + combining mark is composed
    ],
)
def test_normalize_text(raw: str | None, expected: str) -> None:
    assert normalize_text(raw) == expected


@given(st.text())
def test_normalize_text_is_idempotent(s: str) -> None:
    assert normalize_text(normalize_text(s)) == normalize_text(s)


# --------------------------------------------------------------------------- company_name_key


@pytest.mark.parametrize(
    "group",
    [
        [
            "株式会社トヨタ",
            "トヨタ(株)",
            "ﾄﾖﾀ㈱",
            "トヨタ 株式会社",
            "（株）トヨタ",
            "トヨタ",
            "ﾄﾖﾀ",
        ],
        [
            "Toyota Motor Corporation",
            "TOYOTA MOTOR CORP.",
            "Toyota Motor Co., Ltd.",
            "toyota motor co.,ltd",
            "TOYOTA MOTOR K.K.",
            "Toyota Motor Inc.",
            "ＴＯＹＯＴＡ　ＭＯＴＯＲ",
        ],
        ["有限会社 山田商店", "(有)山田商店", "㈲山田商店", "山田商店 有限会社"],
        ["合同会社アルファ", "アルファ合同会社", "(同)アルファ", "アルファ LLC", "アルファ"],
        ["一般社団法人 日本ABC協会", "日本ＡＢＣ協会", "(一社)日本abc協会"],
        ["医療法人社団 健康会", "医療法人健康会", "健康会"],
        ["特定非営利活動法人 みどり", "NPO法人みどり", "みどり"],
        [
            "ソニー・ミュージック",
            "ソニーミュージック",
            "ｿﾆｰ ﾐｭｰｼﾞｯｸ",
            "ソニー　ミュージック株式会社",
        ],
        ["P&G", "P & G", "P and G"],
        ["SNTCORPORATION", "SNT Corporation", "snt corp."],  # glued, as in the EDINET list
        ["Kabushiki Kaisha Foo", "Foo KK", "FOO K.K.", "Foo Limited", "Foo Ltd", "Foo, Inc."],
    ],
)
def test_company_name_key_groups(group: list[str]) -> None:
    keys = {company_name_key(name) for name in group}
    assert len(keys) == 1, keys


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("トヨタ", "トヨタ自動車"),
        ("ソニーグループ", "ソニー"),
        ("三菱UFJフィナンシャル・グループ", "三菱UFJ"),
        ("ABC Holdings", "ABC"),  # Holdings is part of the name
        ("カー用品", "カ用品"),  # ー inside katakana is a long vowel, not a dash
        ("Mitsui & Co., Ltd.", "Mitsui"),  # "& Co." belongs to the name
        ("GK Design", "Design"),  # "GK" is only a legal form with its dots
        ("Incredible Foods", "Foods"),
        ("Toho Zinc", "Toho Z"),
    ],
)
def test_company_name_key_keeps_distinctions(a: str, b: str) -> None:
    assert company_name_key(a) != company_name_key(b)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("トヨタ自動車株式会社", "トヨタ自動車"),
        ("Toyota Motor Corporation", "toyotamotor"),
        ("ＡＢＣホールディングス株式会社", "abcホールディングス"),
        ("Mitsui & Co., Ltd.", "mitsuiandco"),
        ("ABCーDEF", "abcdef"),  # ー after a letter is a dash
        ("ラーメン・ハウス", "ラーメンハウス"),
        ("株式会社", "株式会社"),  # nothing but a legal form: kept, not ""
        ("", ""),
        (None, ""),
    ],
)
def test_company_name_key_values(name: str | None, key: str) -> None:
    assert company_name_key(name) == key


def test_every_legal_form_variant_is_removed() -> None:
    for form in LEGAL_FORMS:
        for variant in form.variants:
            for name in (f"{variant} テスト", f"テスト{variant}", f"Test {variant}"):
                assert company_name_key(name) in {"テスト", "test"}, (variant, name)


_FRAGMENTS = st.sampled_from(
    [
        "株",
        "式",
        "会社",
        "株式会社",
        "(",
        ")",
        "㈱",
        "co",
        ".",
        ",",
        " ",
        "ltd",
        "inc",
        "k",
        "&",
        "ー",
        "カ",
        "ト",
        "a",
        "Ａ",
        "ｶ",
        "ﾞ",
        "・",
        "有限会社",
        "llc",
        "\u3000",
    ]
)
_NAMEISH = st.one_of(st.text(), st.lists(_FRAGMENTS, max_size=12).map("".join))


@given(_NAMEISH)
def test_company_name_key_is_idempotent(s: str) -> None:
    key = company_name_key(s)
    assert company_name_key(key) == key


@given(_NAMEISH)
def test_company_name_key_ignores_width_and_spacing(s: str) -> None:
    assert company_name_key(normalize_text(s)) == company_name_key(s)


def test_edinet_names_give_stable_nonempty_keys() -> None:
    companies = edinet_companies()
    names = [c["name"] for c in companies] + [c["name_en"] for c in companies if c["name_en"]]
    for name in names:
        if not any(ch.isalnum() for ch in name):  # the list has a few placeholders like "-"
            continue
        key = company_name_key(name)
        assert key and company_name_key(key) == key, name


# --------------------------------------------------------------------------- strip_legal_form


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("株式会社トヨタ", "トヨタ"),
        ("トヨタ　株式会社", "トヨタ"),
        ("ﾄﾖﾀ㈱", "トヨタ"),
        ("トヨタ(株)東京", "トヨタ東京"),
        ("Toyota Motor Co., Ltd.", "Toyota Motor"),
        ("KANEKO SEEDS CO.,LTD.", "KANEKO SEEDS"),
        ("Foo, Inc.", "Foo"),
        ("Mitsui & Co., Ltd.", "Mitsui & Co."),
        ("ABC Holdings Corporation", "ABC Holdings"),
        ("株式会社", "株式会社"),
        ("", ""),
    ],
)
def test_strip_legal_form(name: str, short: str) -> None:
    assert strip_legal_form(name) == short


# --------------------------------------------------------------------------- kana


def test_hiragana_katakana() -> None:
    assert to_hiragana("ﾀﾅｶ タロウ") == "たなか たろう"
    assert to_katakana("たなか　たろう") == "タナカ タロウ"
    assert to_hiragana("ラーメン") == "らーめん"
    assert to_katakana(None) == ""


@pytest.mark.parametrize(
    ("s", "expected"),
    [
        ("たなか", True),
        ("タナカ タロウ", True),
        ("ｻﾄｳ", True),
        ("ジョン・スミス", True),
        ("ラーメン", True),
        ("田中", False),
        ("tanaka", False),
        ("タナカ1", False),
        ("", False),
        ("   ", False),
        (None, False),
    ],
)
def test_is_kana(s: str | None, expected: bool) -> None:
    assert is_kana(s) is expected


@pytest.mark.parametrize(
    ("s", "expected"),
    [
        ("田中", True),
        ("たなか", True),
        ("ｶ", True),
        ("佐々木", True),
        ("Tanaka", False),
        ("", False),
        (None, False),
        ("株式会社ABC", True),
        ("Ｔａｎａｋａ", False),
    ],
)
def test_contains_japanese(s: str | None, expected: bool) -> None:
    assert contains_japanese(s) is expected


# Hepburn (default) and passport romaji, and what jaconv alone gets wrong.
ROMAJI = [
    # kana,          hepburn,        passport       jaconv quirk fixed
    ("タナカ", "tanaka", "tanaka"),
    ("サトウ", "satou", "sato"),
    ("ヨシダ", "yoshida", "yoshida"),
    ("キョウコ", "kyouko", "kyoko"),
    ("ハットリ", "hattori", "hattori"),
    ("スズキ イチロウ", "suzuki ichirou", "suzuki ichiro"),
    ("シミズ", "shimizu", "shimizu"),
    ("チヅル", "chizuru", "chizuru"),
    ("ツツミ", "tsutsumi", "tsutsumi"),
    ("フジタ", "fujita", "fujita"),
    ("マッチャ", "matcha", "matcha"),  # jaconv: "maccha"
    ("ハッチョウボリ", "hatchoubori", "hatchobori"),
    ("シンイチ", "shin'ichi", "shinichi"),  # jaconv: "shinichi" (ambiguous)
    ("ケンヤ", "ken'ya", "kenya"),
    ("ホンマ", "honma", "homma"),
    ("ナンバ", "nanba", "namba"),
    ("サンペイ", "sanpei", "sampei"),
    ("イノウエ", "inoue", "inoue"),  # う of うえ is not a long vowel
    ("オオノ", "oono", "ono"),
    ("ユウキ", "yuuki", "yuki"),
    ("ラーメン", "raamen", "ramen"),  # jaconv: "ra-men"
    ("ティーム", "tiimu", "timu"),  # jaconv: "tei-mu"
    ("ジェイ", "jei", "jei"),  # jaconv: "jiei"
    ("チェック", "chekku", "chekku"),  # jaconv: "chiekku"
    ("ウォーター", "wootaa", "wota"),  # jaconv: "uo-ta-"
    ("ヂャ", "ja", "ja"),  # jaconv: "jiya"
    ("ヲ", "o", "o"),  # jaconv: "wo"
    ("アッ", "a", "a"),  # jaconv: "axtsu"
    ("ッカ", "ka", "ka"),  # jaconv: "xtsuka"
    ("ア ッカ", "a ka", "a ka"),
    ("ジョン・スミス", "jon sumisu", "jon sumisu"),
    ("ｻﾄｳ ﾀﾛｳ", "satou tarou", "sato taro"),
    ("たなか", "tanaka", "tanaka"),
    ("ABC タナカ", "abc tanaka", "abc tanaka"),
    ("", "", ""),
]


@pytest.mark.parametrize(("kana", "hepburn", "passport"), ROMAJI)
def test_kana_to_romaji(kana: str, hepburn: str, passport: str) -> None:
    assert kana_to_romaji(kana) == hepburn
    assert kana_to_romaji(kana, style="passport") == passport


def test_kana_to_romaji_rejects_unknown_style() -> None:
    with pytest.raises(ValueError):
        kana_to_romaji("タナカ", style="kunrei")  # type: ignore[arg-type]


@given(st.text(alphabet=st.characters(min_codepoint=0x3041, max_codepoint=0x30FF)))
def test_kana_to_romaji_never_leaks_jaconv_artifacts(kana: str) -> None:
    out = kana_to_romaji(kana) + kana_to_romaji(kana, style="passport")
    assert "xtsu" not in out and "\ue000" not in out


# --------------------------------------------------------------------------- search_variants


@pytest.mark.parametrize(
    ("query", "variants"),
    [
        ("タナカ", ["タナカ", "たなか"]),
        ("たなか", ["たなか", "タナカ"]),
        ("ﾀﾅｶ", ["タナカ", "たなか"]),
        ("  Tanaka ", ["tanaka"]),
        ("ＴＡＮＡＫＡ", ["tanaka"]),
        ("田中", ["田中"]),
        ("田中 たろう", ["田中 たろう"]),
        ("", []),
        (None, []),
    ],
)
def test_search_variants(query: str | None, variants: list[str]) -> None:
    assert search_variants(query) == variants


def test_docstring_examples() -> None:
    assert doctest.testmod(jp_text).failed == 0


@pytest.mark.parametrize(
    "name,only",
    [
        ("株式会社", True),
        ("（株）", True),
        ("㈱", True),
        ("Co., Ltd.", True),
        ("有限会社", True),
        ("株式会社トヨタ", False),
        ("（株）ﾄﾖﾀ", False),
        ("株", False),  # a one-character name is a name
        ("3M", False),
        ("", False),
    ],
)
def test_a_legal_form_alone_is_not_a_name(name, only):
    assert jp_text.is_only_legal_form(name) is only
