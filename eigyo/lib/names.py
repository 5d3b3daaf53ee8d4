"""People's names: display order, romaji from kana, honorifics.

Pure module. Names are stored as family / given parts with a kana reading;
romaji is derived from the kana, never typed twice.
"""

from __future__ import annotations

import re

from . import jp_text
from .jp_text import RomajiStyle, kana_to_romaji, normalize_text

__all__ = ["display_name", "honorific", "romaji_name"]

HONORIFIC = "様"


def display_name(family: str | None, given: str | None, *, western_order: bool = False) -> str:
    """Full name for display: family first ("田中 太郎"), one space between parts.

    With ``western_order=True`` a name whose parts are both ASCII-only is shown
    given-first ("Taro Tanaka"); Japanese names always stay family-first.
    Empty parts are left out, so there is never a stray space.
    """
    family, given = normalize_text(family), normalize_text(given)
    if western_order and family.isascii() and given.isascii():
        parts = (given, family)
    else:
        parts = (family, given)
    return " ".join(p for p in parts if p)


_WORD_START_RE = re.compile(r"(^|[\s\-])([a-z])")


def _capitalise(romaji: str) -> str:
    # Not str.title(): that would give "Shin'Ichi".
    return _WORD_START_RE.sub(lambda m: m.group(1) + m.group(2).upper(), romaji)


def romaji_name(
    family_kana: str | None, given_kana: str | None, *, style: RomajiStyle = "passport"
) -> tuple[str, str]:
    """(family, given) romaji from the kana reading: ("タナカ", "タロウ") → ("Tanaka", "Taro").

    Passport Hepburn by default, as on Japanese passports and business cards
    (サトウ → "Sato", ユウキ → "Yuki"); ``style="hepburn"`` keeps the long vowels
    as written ("Satou").
    """
    return (
        _capitalise(kana_to_romaji(family_kana, style=style)),
        _capitalise(kana_to_romaji(given_kana, style=style)),
    )


def honorific(name: str | None) -> str:
    """The name with the polite suffix: "田中 太郎" → "田中 太郎 様" (never doubled)."""
    name = normalize_text(name)
    if not name or name.endswith(HONORIFIC):
        return name
    return f"{name} {HONORIFIC}"


def name_search_keys(family: str, given: str, kana: str) -> tuple[str, str, str]:
    """The whole name, its reading in hiragana and its Hepburn romaji, without spaces
    and case-folded: what a prefix typed into a search is compared with.

    >>> name_search_keys("田中", "太郎", "タナカタロウ")
    ('田中太郎', 'たなかたろう', 'tanakatarou')
    """

    def compact(text: str) -> str:
        return "".join(jp_text.normalize_text(text).casefold().split())

    return (
        compact(family + given),
        compact(jp_text.to_hiragana(kana)),
        compact(jp_text.kana_to_romaji(kana)) if kana else "",
    )
