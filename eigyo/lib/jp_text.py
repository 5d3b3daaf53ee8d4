"""Japanese text helpers: normalisation, company-name keys, kana and romaji.

Pure module (stdlib + jaconv). ``company_name_key`` is THE normaliser for
company-name matching; everything that compares company names goes through it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

import jaconv

from .legal_forms import LEGAL_FORMS, LegalForm, has_legal_form, remove_legal_forms

__all__ = [
    "LEGAL_FORMS",
    "LegalForm",
    "RomajiStyle",
    "company_name_key",
    "contains_japanese",
    "is_kana",
    "kana_to_romaji",
    "normalize_text",
    "search_variants",
    "strip_legal_form",
    "to_hiragana",
    "to_katakana",
]

# Invisible characters that sneak in through copy-paste and break equality.
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u2060\ufeff]")


def normalize_text(s: str | None) -> str:
    """NFKC-normalise, drop invisible characters, collapse whitespace, strip.

    NFKC turns full-width ASCII into ASCII, half-width katakana into full-width
    (with voiced marks composed) and ㈱ into (株). Every Unicode whitespace,
    U+3000 included, becomes one ASCII space. ``None`` gives "".
    """
    if not s:
        return ""
    if not s.isascii():  # NFKC is the identity on ASCII; skip it on the hot path
        s = unicodedata.normalize("NFKC", _INVISIBLE_RE.sub("", s))
    return " ".join(s.split())


# Kana letters (not ・, not combining or unassigned code points) after which ー is
# a long-vowel mark.
_KANA_CLASS = "\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
# Everything but letters (incl. 々 and ー) and digits, plus ー that is not a
# long-vowel mark (not after kana: "ABCーD" uses it as a dash).
_NON_KEY_RE = re.compile(rf"[\W_]+|(?<![{_KANA_CLASS}])ー+")


def _compact(text: str) -> str:
    # "&" → "and" only now: the legal-form regex needs to see the "&" of "& Co.".
    return _NON_KEY_RE.sub("", text.replace("&", "and") if "&" in text else text)


def _key_once(s: str) -> str:
    text = normalize_text(s).casefold()
    # The name is nothing but a legal form ("株式会社"): keep it rather than
    # return "", which would match every other such name.
    return _compact(remove_legal_forms(text)) or _compact(text)


def company_name_key(s: str | None) -> str:
    """The matching key of a company name.

    normalize_text → casefold → legal forms removed anywhere (LEGAL_FORMS) →
    "&" becomes "and" → ー kept only as a long-vowel mark after kana →
    everything but letters and digits removed (spaces, ・, punctuation,
    dashes, symbols). Kana script is kept as written: "とよた" and "トヨタ"
    are different keys. A name that is only a legal form keeps it.

    >>> company_name_key("（株）ﾄﾖﾀ") == company_name_key("トヨタ 株式会社") == "トヨタ"
    True
    >>> company_name_key("TOYOTA MOTOR CORP.")
    'toyotamotor'
    """
    key = _key_once(s or "")
    # Removing punctuation can bring a legal form's parts together ("株 式会社"),
    # so iterate to a fixed point: key(key(x)) == key(x). A key that is NFKC and
    # holds no legal form is already one (the usual case: one cheap check).
    for _ in range(8):
        if unicodedata.is_normalized("NFKC", key) and not has_legal_form(key):
            break
        again = _key_once(key)
        if again == key:
            break
        key = again
    return key


def strip_legal_form(s: str | None) -> str:
    """Display form without legal-form tokens: "Toyota Motor Co., Ltd." → "Toyota Motor".

    Case and internal spaces are kept (tidied); a name that is only a legal
    form is returned unchanged.
    """
    text = normalize_text(s)
    stripped = " ".join(remove_legal_forms(text).split()).strip(" ,・/-")
    return stripped or text


def is_only_legal_form(s: str | None) -> bool:
    """True for a "name" that is nothing but a legal form: 「株式会社」, 「（株）」, "Co., Ltd."

    >>> is_only_legal_form("（株）"), is_only_legal_form("（株）トヨタ")
    (True, False)
    """
    text = normalize_text(s)
    return bool(text) and not _compact(remove_legal_forms(text).casefold())


# --------------------------------------------------------------------------- kana


_KANA_ONLY_RE = re.compile(f"[{_KANA_CLASS}\u30fb ]+")
_JAPANESE_RE = re.compile(
    "[\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f\u3005-\u3007"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
)


def to_hiragana(s: str | None) -> str:
    """Katakana → hiragana (after normalize_text, so half-width input works)."""
    return jaconv.kata2hira(normalize_text(s))


def to_katakana(s: str | None) -> str:
    """Hiragana → katakana (after normalize_text)."""
    return jaconv.hira2kata(normalize_text(s))


def is_kana(s: str | None) -> bool:
    """True if, after normalize_text, s is non-empty and only kana, ー, ・ and spaces."""
    text = normalize_text(s)
    return bool(text) and _KANA_ONLY_RE.fullmatch(text) is not None


def contains_japanese(s: str | None) -> bool:
    """True if s holds any kana (half-width included), 々〆〇 or CJK ideograph."""
    return bool(s) and _JAPANESE_RE.search(s) is not None


def search_variants(s: str | None) -> list[str]:
    """Forms to look up for a search query, deduplicated, most literal first.

    The normalised casefolded query; for a kana query also its katakana and
    hiragana forms. ASCII (romaji) is simply the lowercased query.
    """
    base = normalize_text(s).casefold()
    if not base:
        return []
    variants = [base]
    if is_kana(base):
        variants += [jaconv.hira2kata(base), jaconv.kata2hira(base)]
    return list(dict.fromkeys(variants))


# --------------------------------------------------------------------------- romaji

RomajiStyle = Literal["hepburn", "passport"]

_CHOON = "\ue000"  # stands in for ー while jaconv runs (it would turn ー into "-")
# っ doubles the next consonant; before anything else (vowel, ん, end, ー) it is dropped.
_DOUBLABLE = "かきくけこがぎぐげごさしすせそざじずぜぞたつてとだぢづでどなにぬねのはひふへほ"
_DOUBLABLE += "ばびぶべぼぱぴぷぺぽまみむめもやゆよらりるれろわゐゑをゔゕゖ"
_SOKUON_START_RE = re.compile("(?<![ぁ-ゖー])っ+")  # word-initial: jaconv gives "xtsu"
_SOKUON_CHI_RE = re.compile("っ(?=ち)")
_SOKUON_DROP_RE = re.compile(f"っ(?![{_DOUBLABLE}])")
_N_BEFORE_VOWEL_RE = re.compile("ん(?=[あいうえおやゆよ])")
_N_BEFORE_LABIAL_RE = re.compile("ん(?=[ばびぶべぼぱぴぷぺぽまみむめも])")
# Sounds jaconv spells input-style ("てぃ" → "tei", "ちぇ" → "chie") or not at all.
_DIGRAPHS = {
    "てぃ": "ti",
    "でぃ": "di",
    "とぅ": "tu",
    "どぅ": "du",
    "てゅ": "tyu",
    "でゅ": "dyu",
    "しぇ": "she",
    "ちぇ": "che",
    "じぇ": "je",
    "ぢぇ": "je",
    "ぢゃ": "ja",
    "ぢゅ": "ju",
    "ぢょ": "jo",
    "うぃ": "wi",
    "うぇ": "we",
    "うぉ": "wo",
    "いぇ": "ye",
    "つぁ": "tsa",
    "つぃ": "tsi",
    "つぇ": "tse",
    "つぉ": "tso",
    "くぁ": "kwa",
    "ぐぁ": "gwa",
    "ふゅ": "fyu",
    "きぇ": "kye",
    "ゕ": "ka",
    "ゖ": "ke",
    "ゐ": "i",
    "ゑ": "e",
    "を": "o",
}
_DIGRAPH_RE = re.compile("|".join(sorted(_DIGRAPHS, key=len, reverse=True)))
_VOWEL_CHOON_RE = re.compile(f"([aeiou]){_CHOON}+")
_PASSPORT_OO_RE = re.compile("o(?:o|u(?!e))")  # おお/おう → o, but いのうえ stays "inoue"


def kana_to_romaji(kana: str | None, *, style: RomajiStyle = "hepburn") -> str:
    """Lowercase Hepburn romaji of a kana string (hiragana or katakana).

    ``"hepburn"`` (default) keeps vowels as the kana write them: サトウ → "satou",
    キョウコ → "kyouko"; ー repeats the preceding vowel (ラーメン → "raamen");
    ん before a vowel or y gets an apostrophe (シンイチ → "shin'ichi").
    ``"passport"`` follows the Japanese passport rules used for people's names:
    ou/oo → o, uu → u, ー dropped, ん before b/m/p → m, no apostrophe
    (サトウ → "sato", ホンマ → "homma"). Both: っ doubles the consonant
    (ハットリ → "hattori", マッチャ → "matcha"). ・ becomes a space; spaces and
    non-kana characters pass through (normalised, lowercased).
    """
    if style not in ("hepburn", "passport"):
        raise ValueError(f"unknown romaji style: {style!r}")
    passport = style == "passport"
    h = jaconv.kata2hira(normalize_text(kana).lower()).replace("・", " ")
    h = h.replace("ー", _CHOON)
    h = _SOKUON_START_RE.sub("", h)
    h = _SOKUON_DROP_RE.sub("", _SOKUON_CHI_RE.sub("t", h))
    h = _N_BEFORE_VOWEL_RE.sub("n" if passport else "n'", h)
    if passport:
        h = _N_BEFORE_LABIAL_RE.sub("m", h)
    h = _DIGRAPH_RE.sub(lambda m: _DIGRAPHS[m.group()], h)
    r = jaconv.kana2alphabet(h)
    if passport:
        r = _PASSPORT_OO_RE.sub("o", r.replace(_CHOON, "")).replace("uu", "u")
    else:
        r = _VOWEL_CHOON_RE.sub(r"\1\1", r).replace(_CHOON, "")
    return " ".join(r.split())  # ・ and dropped marks may leave double spaces
