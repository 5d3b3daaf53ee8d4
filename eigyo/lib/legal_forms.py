"""Legal-form tokens of company names (株式会社, (株), Co., Ltd. …) and their regexes.

Data plus two compiled regexes; used by ``jp_text.company_name_key`` and
``jp_text.strip_legal_form``. Pure module (stdlib only).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

__all__ = ["LEGAL_FORMS", "LegalForm", "has_legal_form", "remove_legal_forms"]


@dataclass(frozen=True, slots=True)
class LegalForm:
    """One legal form and the spellings under which it appears in names."""

    name: str  # canonical spelling
    lang: Literal["ja", "en"]
    variants: tuple[str, ...]  # raw spellings; normalised when the regex is built


LEGAL_FORMS: tuple[LegalForm, ...] = (
    LegalForm(
        "株式会社",
        "ja",
        (
            "株式会社",
            "(株)",
            "（株）",
            "㈱",
            "㍿",
            "ｶﾌﾞｼｷｶﾞｲｼｬ",
            "カブシキガイシャ",
            "カブシキカイシャ",
        ),
    ),
    LegalForm("有限会社", "ja", ("有限会社", "(有)", "（有）", "㈲", "ユウゲンガイシャ")),
    LegalForm("合同会社", "ja", ("合同会社", "(同)", "（同）", "ゴウドウガイシャ")),
    LegalForm("合資会社", "ja", ("合資会社", "(資)", "（資）", "ゴウシガイシャ")),
    LegalForm("合名会社", "ja", ("合名会社", "(名)", "（名）", "㈴", "ゴウメイガイシャ")),
    LegalForm("一般社団法人", "ja", ("一般社団法人", "(一社)")),
    LegalForm("一般財団法人", "ja", ("一般財団法人", "(一財)")),
    LegalForm("公益社団法人", "ja", ("公益社団法人", "(公社)")),
    LegalForm("公益財団法人", "ja", ("公益財団法人", "(公財)")),
    LegalForm("社団法人", "ja", ("社団法人", "㈳", "(社)")),  # pre-2008 form, still in old data
    LegalForm("財団法人", "ja", ("財団法人", "㈶", "(財)")),
    LegalForm("独立行政法人", "ja", ("独立行政法人", "(独)")),
    LegalForm("国立大学法人", "ja", ("国立大学法人",)),
    LegalForm("学校法人", "ja", ("学校法人", "(学)")),
    LegalForm("医療法人", "ja", ("医療法人社団", "医療法人財団", "医療法人", "(医)")),
    LegalForm("社会福祉法人", "ja", ("社会福祉法人", "(福)")),
    LegalForm("特定非営利活動法人", "ja", ("特定非営利活動法人", "NPO法人", "(特非)")),
    LegalForm(
        "Co., Ltd.",
        "en",
        ("Co., Ltd.", "Co.,Ltd.", "Co. Ltd", "Company Limited", "Company, Limited"),
    ),
    LegalForm("Corporation", "en", ("Corporation", "Corp.")),
    LegalForm("Inc.", "en", ("Inc.", "Incorporated", "Company, Incorporated")),
    LegalForm("K.K.", "en", ("K.K.", "KK", "Kabushiki Kaisha")),
    LegalForm("Ltd.", "en", ("Limited", "Ltd.")),
    LegalForm("G.K.", "en", ("G.K.", "Godo Kaisha")),
    LegalForm("LLC", "en", ("LLC", "L.L.C.")),
)
# Deliberately absent: "Holdings", "HD", "Group", "& Co." — they are part of the name.


# Legal-form regexes. Speed matters (keys are computed for millions of names),
# so no re.IGNORECASE — it stops re from jumping to candidate positions at C
# speed — and case is spelled out instead: "(株)" as literals, "Ltd" as [lL][tT][dD].


def _ci(word: str) -> str:
    return "".join(
        f"[{c.lower()}{c.upper()}]" if c.isascii() and c.isalpha() else re.escape(c) for c in word
    )


def _ja_pattern(variant: str) -> str:
    v = unicodedata.normalize("NFKC", variant)  # "（株）" → "(株)", ｶﾌﾞｼｷ… → カブシキ…
    if v.startswith("(") and v.endswith(")"):  # "(株)", tolerating "( 株 )"
        return r"\(\s*" + re.escape(v[1:-1]) + r"\s*\)"
    return re.escape(v)


def _en_words(variant: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", variant.casefold())


def _en_tail(words: list[str]) -> str:
    # Dotted initials ("K.K.") need their dots, so "GK Design" keeps its "GK";
    # real words tolerate any mix of spaces, dots and commas ("Co.,Ltd", "Co Ltd").
    sep = r"\.\s*" if all(len(w) == 1 for w in words) else r"[\s.,]*"
    return _ci(words[0][1:]) + "".join(sep + _ci(w) for w in words[1:])


def _build_ja_re() -> re.Pattern[str]:
    variants = [v for f in LEGAL_FORMS if f.lang == "ja" for v in f.variants]
    variants += [c for v in variants for c in (v.lower(), v.upper())]  # "NPO法人", "npo法人"
    variants.sort(key=len, reverse=True)  # "医療法人社団" before "医療法人"
    return re.compile("|".join(dict.fromkeys(map(_ja_pattern, variants))))


def _build_en_re() -> re.Pattern[str]:
    by_first: dict[str, list[str]] = {}
    variants = [v for f in LEGAL_FORMS if f.lang == "en" for v in f.variants]
    for v in sorted(variants, key=len, reverse=True):  # "Company Limited" before "Co."
        words = _en_words(v)
        tails = by_first.setdefault(words[0][0], [])
        if _en_tail(words) not in tails:
            tails.append(_en_tail(words))
    # "[first letters]" up front lets re skip ahead; the lookbehinds then check,
    # behind that letter, that it starts an ASCII word (so "トヨタInc." loses
    # "Inc." but "Incredible" keeps it) and does not follow "&" ("Mitsui & Co.").
    firsts = "".join(_ci(c)[1:-1] for c in by_first)
    branches = "|".join(f"(?<={_ci(c)})(?:{'|'.join(t)})" for c, t in by_first.items())
    return re.compile(rf"[{firsts}](?<![a-zA-Z0-9&].)(?<!&\s.)(?:{branches})\.?(?![a-zA-Z0-9])")


_JA_LEGAL_RE = _build_ja_re()
_EN_LEGAL_RE = _build_en_re()
# Real lists glue the suffix on ("SNTCORPORATION", "WonderCorporation"). Only the
# long, unambiguous "Corporation" is unglued, and only at the end of the name.
_GLUED_EN_RE = re.compile(rf"(?<=[a-zA-Z0-9]){_ci('corporation')}\.?$")
_ASCII_LETTER_RE = re.compile("[a-zA-Z]")


def remove_legal_forms(text: str) -> str:
    """Remove every legal-form token from already-normalised text (see jp_text)."""
    # English forms leave a space (a word boundary); Japanese ones vanish, so
    # "トヨタ(株)東京" reads "トヨタ東京" rather than "トヨタ 東京".
    text = _JA_LEGAL_RE.sub("", text)
    if not _ASCII_LETTER_RE.search(text):
        return text
    return _GLUED_EN_RE.sub("", _EN_LEGAL_RE.sub(" ", text).rstrip(" ,"))


def has_legal_form(text: str) -> bool:
    """True if normalised text holds a legal-form token."""
    if _JA_LEGAL_RE.search(text):
        return True
    if not _ASCII_LETTER_RE.search(text):
        return False
    return _EN_LEGAL_RE.search(text) is not None or _GLUED_EN_RE.search(text) is not None
