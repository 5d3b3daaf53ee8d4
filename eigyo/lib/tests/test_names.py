"""Pure tests for eigyo.lib.names (no database)."""

from __future__ import annotations

import pytest

from eigyo.lib.names import display_name, honorific, romaji_name


@pytest.mark.parametrize(
    ("family", "given", "western", "expected"),
    [
        ("田中", "太郎", False, "田中 太郎"),
        ("田中", "太郎", True, "田中 太郎"),  # Japanese names never flip
        ("Tanaka", "Taro", True, "Taro Tanaka"),
        ("Tanaka", "Taro", False, "Tanaka Taro"),
        ("Smith", "田中", True, "Smith 田中"),  # only when both parts are ASCII
        ("　田中 ", " 太郎", False, "田中 太郎"),
        ("ﾀﾅｶ", "ﾀﾛｳ", False, "タナカ タロウ"),
        ("田中", "", False, "田中"),
        ("", "太郎", False, "太郎"),
        ("", "Taro", True, "Taro"),
        (None, None, False, ""),
    ],
)
def test_display_name(family: str, given: str, western: bool, expected: str) -> None:
    assert display_name(family, given, western_order=western) == expected


@pytest.mark.parametrize(
    ("family_kana", "given_kana", "expected"),
    [
        ("タナカ", "タロウ", ("Tanaka", "Taro")),
        ("たなか", "たろう", ("Tanaka", "Taro")),
        ("サトウ", "ユウキ", ("Sato", "Yuki")),
        ("ホンマ", "シンイチ", ("Homma", "Shinichi")),
        ("ハットリ", "キョウコ", ("Hattori", "Kyoko")),
        ("イノウエ", "ジュンイチロウ", ("Inoue", "Junichiro")),
        ("ｽｽﾞｷ", "ｲﾁﾛｳ", ("Suzuki", "Ichiro")),
        ("", "", ("", "")),
    ],
)
def test_romaji_name(family_kana: str, given_kana: str, expected: tuple[str, str]) -> None:
    assert romaji_name(family_kana, given_kana) == expected


def test_romaji_name_hepburn_style_keeps_long_vowels() -> None:
    assert romaji_name("サトウ", "シンイチ", style="hepburn") == ("Satou", "Shin'ichi")


def test_romaji_name_capitalises_each_word() -> None:
    assert romaji_name("ファン デル", "ジョン・ポール") == ("Fan Deru", "Jon Poru")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("田中 太郎", "田中 太郎 様"),
        ("田中 太郎 様", "田中 太郎 様"),
        (" 田中 ", "田中 様"),
        ("", ""),
    ],
)
def test_honorific(name: str, expected: str) -> None:
    assert honorific(name) == expected
