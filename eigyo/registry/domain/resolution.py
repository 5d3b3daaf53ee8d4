"""Company-name resolution: a typed or imported name → one registry entity, or abstain.

Pure module (stdlib + rapidfuzz + eigyo.lib; no Django). Precision first, in order:

1. **Exact keys.** ``company_name_key`` (the project's one company-name
   normaliser: 全角/半角, legal forms anywhere, spaces, punctuation) of every
   *current* name of an entity — legal name, short name, English name, reading
   (katakana and romaji) and an alternative name written into the legal name
   ("パーク二四株式会社（定款上の商号 パーク２４株式会社）") — then of its former
   names (``aliases``). A current name wins over somebody's former name.
2. **Loose keys.** The same lookups on a key that also folds spellings people
   mix up: 旧字体 → 新字体 (髙 → 高, 證 → 証), hiragana → katakana, small ↔ large
   kana (キャノン = キヤノン), ー, ホールディングス = HD, グループ = G,
   フィナンシャルグループ = FG, a leading "The".
3. **Typos.** Only when no key hits, and only for kana typos (romaji input)
   in Japanese names of at least 6 characters. Candidates come from a
   blocking index keyed by (first character, bigram): the query's rarest
   bigrams, as many as it takes to reach every name within the edit distance
   that matters, so a 5-million-name registry costs a few short posting lists;
   they are scored by edit distance (OSA: a swap is one edit). One is
   ``matched`` only if it is one edit away (two, well apart, for names of 12+
   characters), every other name is at least two edits further, and no edit
   touches the first or last character, a kanji, a Latin letter or a digit —
   different companies are routinely exactly that far apart (北里 / 北越,
   サンライズ / サンライト, Sanko / Shinko, 第一 / 第二).

Several entities (by ``key``) behind one name are ``ambiguous`` unless the
query's legal form (株式会社 vs 合同会社 …) picks one; 前株 / 後株 does not,
people mix them up. A single candidate whose Japanese legal form contradicts
the query's is ``none`` with the candidate as a suggestion, and so is a single
near name; two or more near names are ``ambiguous``. Results are deterministic.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from eigyo.lib.jp_text import (
    RomajiStyle,
    company_name_key,
    is_kana,
    kana_to_romaji,
    normalize_text,
    to_katakana,
)
from eigyo.lib.legal_forms import LEGAL_FORMS, has_legal_form

__all__ = ["AMBIGUOUS", "MATCHED", "NONE", "Entity", "Match", "Resolver", "loose_key"]

MATCHED, AMBIGUOUS, NONE = "matched", "ambiguous", "none"

# Scores of the exact tiers (fuzzy matches score fuzz.ratio of the loose keys).
SCORE_EXACT, SCORE_FORMER, SCORE_LOOSE, SCORE_LOOSE_FORMER = 100.0, 99.0, 97.0, 96.0
# Typo matching: loose keys of at least FUZZY_MIN_LEN characters may be one edit
# away, of at least FUZZY_LONG_LEN two; the runner-up must be two edits further.
FUZZY_MIN_LEN, FUZZY_LONG_LEN, RUNNER_UP_GAP = 6, 12, 2
# Candidates scoring at least this (fuzz.ratio) are listed; two or more → ambiguous.
SUGGEST_MIN = 80.0
MAX_CANDIDATES = 5
# A query whose rarest bigrams still reach more names than this is generic
# ("東京", "日本工業"): it is not fuzzy-matched at all.
BLOCK_CAP = 20_000


@dataclass(frozen=True, slots=True)
class Entity:
    """One registry company."""

    key: str  # an id the caller understands, e.g. the corporate number or an EDINET code
    name: str  # legal name, e.g. "トヨタ自動車株式会社"
    name_en: str = ""
    kana: str = ""  # reading, may be empty
    short_name: str = ""  # e.g. JPX 銘柄名
    aliases: tuple[str, ...] = ()  # former names etc.


@dataclass(frozen=True, slots=True)
class Match:
    """The answer for one query; ``key``/``name`` are set only when ``matched``."""

    query: str
    key: str | None
    name: str | None
    score: float  # 0..100
    status: str  # "matched" | "ambiguous" | "none"
    candidates: tuple[tuple[str, float], ...] = ()  # (key, score): alternatives or a suggestion


# --------------------------------------------------------------------------- loose key

# 旧字体 / 異体字 common in company names → the form people type.
_KANJI_FOLD = str.maketrans(
    "髙﨑嵜齋齊邊邉澤濱濵廣國櫻德氣實與藝會舘冨眞惠榮壽萬藏鐵證寳寶學圓號縣發總醫驛營應滿亞晉條傳禮黑靜瀨賴淸槇辯",
    "高崎崎斎斉辺辺沢浜浜広国桜徳気実与芸会館富真恵栄寿万蔵鉄証宝宝学円号県発総医駅営応満亜晋条伝礼黒静瀬頼清槙弁",
)
_SMALL_KANA = str.maketrans(
    "ァィゥェォッャュョヮヵヶヂヅヰヱヲ", "アイウエオツヤユヨワカケジズイエオ"
)


def _kana_fold_table() -> dict[int, str | None]:
    # Built with the project's to_katakana so hiragana → katakana stays one definition.
    table: dict[int, str | None] = {
        cp: to_katakana(chr(cp)).translate(_SMALL_KANA) for cp in range(0x3041, 0x3097)
    }
    table.update({k: v for k, v in _SMALL_KANA.items()})
    table[ord("ー")] = None
    return table


_KANA_FOLD = _kana_fold_table()
# Abbreviations, written as people write the long form and folded like the key is.
_ABBREV_RE = re.compile(
    "(?P<fg>(?:フィナンシャル|ファイナンシャル)グループ|financialgroup)"
    "|(?P<hd>ホールディングス|ホールディング|holdings|holding|hldgs)"
    "|(?P<g>(?<=[^\x00-\x7f])グループ)".translate(_KANA_FOLD)
)
# Latin legal forms glued on without a space ("FMRLLC"), which company_name_key keeps.
_GLUED_EN_RE = re.compile("(?<=[a-z0-9]{3})(?:coltd|ltd|llc|inc|corp|limited)$")


def _loose(text: str, strict: str) -> str:
    """Loose key of normalised ``text`` whose ``company_name_key`` is ``strict``."""
    folded = text.translate(_KANJI_FOLD)
    if folded[:4].casefold() == "the ":
        folded = folded[4:]
    key = (strict if folded == text else company_name_key(folded)).translate(_KANA_FOLD)
    if "ル" in key or "l" in key:  # cheap pre-check for _ABBREV_RE
        key = _ABBREV_RE.sub(lambda m: m.lastgroup or "", key)
    if key.isascii():
        key = _GLUED_EN_RE.sub("", key)
    return key or strict


def loose_key(name: str | None) -> str:
    """The loose matching key of a name (company_name_key plus spelling folds)."""
    text = normalize_text(name)
    return _loose(text, company_name_key(text)) if text else ""


# --------------------------------------------------------------------------- legal forms

_JA_KINDS = {
    unicodedata.normalize("NFKC", v): f.name
    for f in LEGAL_FORMS
    if f.lang == "ja"
    for v in f.variants
}
_JA_KIND_RE = re.compile("|".join(map(re.escape, sorted(_JA_KINDS, key=len, reverse=True))))
_GODO_EN_RE = re.compile(r"(?i)(?<![a-z])(?:g\.\s*k\.?|godo\s+kaisha|l\.?l\.?c\.?)(?![a-z])")
Kind = tuple[str, bool]  # (canonical Japanese form, written in Japanese)
# Every Japanese variant holds one of these (a test checks it): a cheap pre-test.
_KIND_HINTS = ("会社", "會社", "法人", "(", "イシャ")


def _legal_kind(text: str) -> Kind | None:
    """The legal form a normalised name states, if any: ("合同会社", True) …"""
    if not text.isascii() and not any(s in text for s in _KIND_HINTS):
        return None
    text = text.translate(_KANJI_FOLD)  # 株式會社
    m = _JA_KIND_RE.search(text.replace(" ", ""))
    if m:
        return _JA_KINDS[m.group()], True
    if text.isascii() and has_legal_form(text):
        return ("合同会社" if _GODO_EN_RE.search(text) else "株式会社"), False
    return None


# --------------------------------------------------------------------------- names of an entity

_PAREN_RE = re.compile(r"^(?P<outer>.*\S)\s*\((?P<inner>[^()]+)\)$")
_TRADE_NAME_RE = re.compile(r"^(?:定款上の)?(?:英文)?(?:商号|称号)[\s:：]*")
_KANA_RE = re.compile("[\u3041-\u3096\u30a1-\u30fa]")
_LATIN_RE = re.compile("[A-Za-z]")


def _alternative_names(text: str) -> list[str]:
    """Names written in parentheses at the end of a legal name, and the name before them.

    "X（定款上の商号 Y）", "カナ表記（Latin Name）", "カナ表記（漢字名）" give [X, Y];
    a parenthesis that is part of the name ("…（シンガポール）リミテッド",
    "ユービーエス・エイ・ジー（銀行）") gives [].
    """
    m = _PAREN_RE.match(text)
    if not m:
        return []
    outer, inner = m["outer"], m["inner"].strip()
    trade = _TRADE_NAME_RE.match(inner)
    if trade:
        return [outer, inner[trade.end() :]]
    inner_key = company_name_key(inner)
    if (
        len(_LATIN_RE.findall(inner)) >= 3
        and not _KANA_RE.search(inner)
        and not outer.isascii()
        and len(inner_key) >= 3
    ):
        return [outer, inner]
    if _KANA_RE.search(outer) and not _KANA_RE.search(inner) and len(inner_key) >= 4:
        return [outer, inner]
    return []


_ROMAJI_STYLES: tuple[RomajiStyle, ...] = ("hepburn", "passport")


def _reading_keys(kana: str) -> list[str]:
    """Katakana and romaji (Hepburn and passport) keys of a reading."""
    key = company_name_key(kana)
    if not key or not is_kana(key):
        return [key] if key else []
    kata = to_katakana(key)
    keys = [kata]
    for style in _ROMAJI_STYLES:
        keys.append(re.sub(r"[^a-z0-9]", "", kana_to_romaji(kata, style=style)))
    return keys


# --------------------------------------------------------------------------- the resolver

_TYPO_CHAR_RE = re.compile("[\u30a1-\u30fa]")  # katakana (loose keys hold no hiragana nor ー)
_HONORIFIC_RE = re.compile(r"\s*御中$|\s+様$")  # "…株式会社 御中", "… 様" on address lists


def _add(index: dict[str, int | list[int]], key: str, i: int) -> None:
    """index[key] is one entity index, or a list of several (memory: most keys are unique)."""
    old = index.get(key)
    if old is None:
        index[key] = i
    elif isinstance(old, int):
        if old != i:
            index[key] = [old, i]
    elif old[-1] != i:  # one entity adds its names one after another
        old.append(i)


def _plausible_typo(query: str, name: str) -> bool:
    """True if ``name`` differs from ``query`` only by kana typos inside the name.

    A typo is a kana keyed wrong, dropped, added or swapped with its neighbour
    (romaji input). Not a typo: an edit of the first or last character
    (names of different companies often differ just there: サンライズ /
    サンライト, 山田工業 / 山田工業所), a
    different kanji (北里 / 北越 are different names, and a homophone cannot
    be checked without the reading), a Latin letter or digit (romanised names
    of different companies are routinely one letter apart: Sanko / Shinko), a
    numeral, or two edits closer than three characters unless they are one swap.
    """
    ops = Levenshtein.editops(query, name)
    q_last, n_last = len(query) - 1, len(name) - 1
    for op in ops:
        if op.tag != "insert":  # replace or delete query[src_pos]
            if op.src_pos in (0, q_last) or not _TYPO_CHAR_RE.match(query[op.src_pos]):
                return False
        if op.tag != "delete":  # replace or insert name[dest_pos]
            if op.dest_pos in (0, n_last) or not _TYPO_CHAR_RE.match(name[op.dest_pos]):
                return False
    positions = sorted(op.src_pos for op in ops)
    for p, q in zip(positions, positions[1:], strict=False):
        if q - p < 3 and not (
            len(query) == len(name)
            and q - p == 1
            and query[p] == name[q]
            and query[q] == name[p]
            and query[p] != query[q]
        ):
            return False
    return True


class Resolver:
    """Name → registry entity. Build once (indexes every name), then resolve many."""

    def __init__(self, entities: Iterable[Entity]):
        self._entities: list[Entity] = list(entities)
        # Exact tiers, tried in order: current strict, former strict, current loose, former loose.
        current: dict[str, int | list[int]] = {}
        former: dict[str, int | list[int]] = {}
        current_loose: dict[str, int | list[int]] = {}
        former_loose: dict[str, int | list[int]] = {}
        for i, e in enumerate(self._entities):
            name = normalize_text(e.name)
            for text in (name, *_alternative_names(name), e.short_name, e.name_en):
                text = normalize_text(text)
                strict = company_name_key(text) if text else ""
                if strict:
                    _add(current, strict, i)
                    _add(current_loose, _loose(text, strict), i)
            if e.kana:
                for key in _reading_keys(e.kana):
                    _add(current, key, i)
                    _add(current_loose, _loose(key, key), i)
            for alias in e.aliases:
                text = normalize_text(alias)
                strict = company_name_key(text) if text else ""
                if strict:
                    _add(former, strict, i)
                    _add(former_loose, _loose(text, strict), i)
        self._tiers = (
            (current, False, SCORE_EXACT),
            (former, False, SCORE_FORMER),
            (current_loose, True, SCORE_LOOSE),
            (former_loose, True, SCORE_LOOSE_FORMER),
        )
        self._current_loose, self._former_loose = current_loose, former_loose
        # Blocking index for the typo step: bigram → ids of the distinct loose keys holding it.
        self._strings: list[str] = list(current_loose)
        self._strings += [k for k in former_loose if k not in current_loose]
        # (first character + bigram) → ids of the strings holding it; an int when only one.
        grams: dict[str, int | list[int]] = {}
        for sid, s in enumerate(self._strings):
            head = s[0]
            for g in {head + s[j : j + 2] for j in range(len(s) - 1)}:
                _add(grams, g, sid)
        self._grams = grams
        self._kinds: dict[int, Kind | None] = {}

    def __len__(self) -> int:
        return len(self._entities)

    # ----------------------------------------------------------------- public

    def resolve(self, query: str) -> Match:
        text = _HONORIFIC_RE.sub("", normalize_text(query))
        strict = company_name_key(text) if text else ""
        if not strict:
            return Match(query, None, None, 0.0, NONE)
        loose = _loose(text, strict)
        for index, is_loose, score in self._tiers:
            ids = index.get(loose if is_loose else strict)
            if ids is not None:
                return self._decide(query, text, ids, score)
        return self._fuzzy(query, text, loose)

    def resolve_many(self, queries: Iterable[str]) -> list[Match]:
        """resolve() for each query, in order (a repeated query is resolved once)."""
        seen: dict[str, Match] = {}
        out = []
        for q in queries:
            m = seen.get(q)
            if m is None:
                m = seen[q] = self.resolve(q)
            out.append(m)
        return out

    # ----------------------------------------------------------------- internals

    def _kind(self, i: int) -> Kind | None:
        if i not in self._kinds:
            self._kinds[i] = _legal_kind(normalize_text(self._entities[i].name))
        return self._kinds[i]

    def _ids(self, loose: str) -> list[int]:
        ids = self._current_loose.get(loose)
        if ids is None:
            ids = self._former_loose.get(loose, [])
        return [ids] if isinstance(ids, int) else ids

    def _decide(self, query: str, text: str, ids: int | list[int], score: float) -> Match:
        """One name, the entities behind it: matched if one entity (by key) is left."""
        groups: dict[str, int] = {}
        for i in [ids] if isinstance(ids, int) else ids:
            groups.setdefault(self._entities[i].key, i)
        kind = _legal_kind(text)
        if len(groups) > 1 and kind:
            same = {k: i for k, i in groups.items() if (self._kind(i) or ("",))[0] == kind[0]}
            groups = same or groups
        if len(groups) > 1:
            cands = tuple((k, score) for k in sorted(groups)[:MAX_CANDIDATES])
            return Match(query, None, None, score, AMBIGUOUS, cands)
        ((key, i),) = groups.items()
        if kind and kind[1]:
            own = self._kind(i)
            if own and own[1] and own[0] != kind[0]:  # "X合同会社" is not "株式会社X"
                return Match(query, None, None, score, NONE, ((key, score),))
        return Match(query, key, self._entities[i].name, score, MATCHED)

    def _posting(self, gram: str) -> list[int] | tuple[int, ...]:
        ids = self._grams.get(gram, ())
        return (ids,) if isinstance(ids, int) else ids

    def _fuzzy(self, query: str, text: str, loose: str) -> Match:
        n = len(loose)
        if n < 3:
            return Match(query, None, None, 0.0, NONE)
        # Latin names are never typo-matched (see _plausible_typo); short ones neither.
        if loose.isascii() or n < FUZZY_MIN_LEN:
            max_d = 0
        else:
            max_d = 2 if n >= FUZZY_LONG_LEN else 1
        # Blocking: names starting with the query's first character, by bigram. A name
        # within k edits (OSA) lacks at most 3k of the query's bigrams, so it holds one
        # of any 3k + 1 of them: the rarest 3(max_d + 1) + 1 reach every name close
        # enough to be the match or its runner-up.
        head = loose[0]
        grams = {head + loose[j : j + 2] for j in range(n - 1)}
        postings = sorted(map(self._posting, grams), key=len)[: 3 * (max_d + 1) + 1]
        if sum(map(len, postings)) > BLOCK_CAP:
            return Match(query, None, None, 0.0, NONE)
        sids = set().union(*postings)
        if not sids:
            return Match(query, None, None, 0.0, NONE)
        strings = [self._strings[s] for s in sids]
        if max_d:
            near = process.extract(
                loose, strings, scorer=OSA.distance, limit=2, score_cutoff=max_d + 1
            )
            if (
                near
                and near[0][1] <= max_d
                and (len(near) == 1 or near[1][1] >= near[0][1] + RUNNER_UP_GAP)
                and _plausible_typo(loose, near[0][0])
            ):
                best = near[0][0]
                m = self._decide(query, text, self._ids(best), round(fuzz.ratio(loose, best), 1))
                if m.status == MATCHED:
                    return m
        scored: dict[str, float] = {}
        for s, score, _ in process.extract(
            loose, strings, scorer=fuzz.ratio, limit=MAX_CANDIDATES * 2, score_cutoff=SUGGEST_MIN
        ):
            for i in self._ids(s):
                key = self._entities[i].key
                scored[key] = max(scored.get(key, 0.0), round(score, 1))
        if not scored:
            return Match(query, None, None, 0.0, NONE)
        cands = tuple(sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES])
        status = AMBIGUOUS if len(cands) > 1 else NONE
        return Match(query, None, None, cands[0][1], status, cands)
