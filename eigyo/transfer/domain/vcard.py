"""vCard as phones write it and read it (pure; vobject does the syntax).

Read: 2.1 (raw Shift_JIS bytes, or per-property CHARSET + QUOTED-PRINTABLE with soft
line breaks, the reading in ``SOUND;X-IRMC-N``), 3.0 (``X-PHONETIC-LAST-NAME`` /
``-FIRST-NAME``, ``SORT-STRING``), 4.0 (``N;SORT-AS``), many cards per file, iPhone's
``item1.`` groups. ``N`` is always Family;Given;Middle;Prefix;Suffix (RFC 6350
§6.2.2): never swapped for Japanese names. Readings in order of precedence:
X-PHONETIC-* > SORT-AS > SORT-STRING > SOUND;X-IRMC-N, stored as full-width katakana.

Write: vCard 3.0 with the reading as iPhone and Android show it (X-PHONETIC-LAST-NAME,
X-PHONETIC-FIRST-NAME, SORT-STRING) and the company (ORG, X-PHONETIC-ORG).

Real files are read as tolerantly as Android reads them (vcard_text.py prepares the
lines): nested AGENT cards, comment lines, unindented base64, quoted-printable in any
charset, bare commas; a card without a name is named by what it has, an empty one is
left out. A card that cannot be read raises CardError with the line it starts on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import vobject

from eigyo.lib import jp_text, phones
from eigyo.transfer.domain.people_columns import split_full_name
from eigyo.transfer.domain.vcard_text import CardError, chunks, decode, looks_like_vcard

__all__ = [
    "HEADERS",
    "Card",
    "CardError",
    "Contact",
    "decode",
    "looks_like_vcard",
    "parse",
    "table",
    "write",
]

HEADERS = [
    "会社名",
    "会社名フリガナ",
    "部署",
    "役職",
    "姓",
    "名",
    "姓フリガナ",
    "名フリガナ",
    "メール",
    "電話番号",
    "携帯電話",
    "郵便番号",
    "住所",
    "URL",
    "備考",
]


@dataclass
class Card:
    """What eigyo keeps of one card."""

    line: int
    family: str = ""
    given: str = ""
    middle: str = ""
    family_kana: str = ""
    given_kana: str = ""
    company: str = ""
    company_kana: str = ""
    department: str = ""
    title: str = ""
    emails: list[str] = field(default_factory=list)
    phone: str = ""
    mobile: str = ""
    other_phones: list[str] = field(default_factory=list)
    postal_code: str = ""
    address: str = ""
    website: str = ""
    note: str = ""
    is_company: bool = False  # iPhone's company card (X-ABShowAs:COMPANY): no person

    def row(self) -> list[str]:
        """The card as a row under HEADERS (our own import template)."""
        notes = [self.note] if self.note else []
        if self.middle:
            notes.append(f"ミドルネーム: {self.middle}")
        # The first address that is one is the e-mail; the others are kept in the notes.
        email = next((e for e in self.emails if _EMAIL.fullmatch(e)), "")
        if [e for e in self.emails if e != email]:
            notes.append("メール: " + ", ".join(e for e in self.emails if e != email))
        # A number that is no Japanese phone number ("9", a US number) is kept in the
        # notes: a phone book is not refused for it.
        phone, mobile = _phone(self.phone), _phone(self.mobile)
        others = [
            *self.other_phones,
            *(n for n, ok in ((self.phone, phone), (self.mobile, mobile)) if n and not ok),
        ]
        if others:
            notes.append("電話: " + ", ".join(others))
        return [
            self.company,
            self.company_kana,
            self.department,
            self.title,
            self.family,
            self.given,
            self.family_kana,
            self.given_kana,
            email,
            phone,
            mobile,
            self.postal_code,
            self.address,
            self.website,
            "\n".join(notes),
        ]

    @property
    def empty(self) -> bool:
        """A card with nothing to import ("BEGIN:VCARD", "END:VCARD")."""
        return not (
            self.family or self.given or self.company or self.emails or self.phone or self.mobile
        )


# An address the person form accepts (Django's rules): an old docomo address with two
# dots in a row ("taro..y@docomo.ne.jp") is not one, and is kept in the notes.
_ATOM = r"[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+"
_EMAIL = re.compile(
    rf"{_ATOM}(?:\.{_ATOM})*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?\.)+"
    r"[A-Za-z0-9-]{2,63}"
)


def _phone(number: str) -> str:
    try:
        return phones.normalize_phone(number) and number
    except phones.InvalidPhone:
        return ""


def parse(text: str) -> list[Card]:
    """Every card of a file. Raises CardError for the first card that cannot be read."""
    cards = []
    for line, chunk in chunks(text):
        try:
            component = vobject.readOne(chunk, allowQP=True)
        except Exception as exc:  # vobject raises ParseError, but also bare errors on junk
            raise CardError(line, _reason(exc)) from exc
        try:
            card = _card(line, component)
        except Exception as exc:  # a property of an unexpected shape
            raise CardError(line, _reason(exc)) from exc
        if not card.empty and not _group(component):
            cards.append(card)
    if not cards:
        raise CardError(1, "no card in the file", "empty")
    return cards


def _group(c) -> bool:
    """A card that is a group of others (Apple's X-ADDRESSBOOKSERVER-KIND:group, 4.0's
    KIND:group) or a place: no person."""
    kind = _first(c, "kind") or _first(c, "x-addressbookserver-kind")
    return kind is not None and _text(kind.value).lower() in ("group", "location")


def _reason(exc: Exception) -> str:
    text = re.sub(r"^At line \d+: ", "", str(exc)).strip()
    return (text or type(exc).__name__)[:200]


def _text(value) -> str:
    if isinstance(value, bytes):
        return ""
    if isinstance(value, list | tuple):
        return " ".join(_text(v) for v in value if v)
    return jp_text.normalize_text(str(value)).strip()


def _first(component, name: str):
    found = component.contents.get(name.lower())
    return found[0] if found else None


def _sort_as(prop) -> list[str]:
    values = prop.params.get("SORT-AS") if prop is not None else None
    if not values:
        return []
    return [p.strip() for p in ",".join(values).replace(",", ";").split(";")]


def _split(text: str, parts: int) -> list[str]:
    out = [p.strip() for p in text.split(";")]
    return (out + [""] * parts)[:parts]


def _reading(text: str) -> str:
    """Katakana, full-width; digits kept (Android's test cards read ﾛｲﾄﾞ1 as ロイド1)."""
    text = jp_text.normalize_text(text).strip()
    if not text or not jp_text.is_kana(re.sub(r"[0-9]", "", text) or "x"):
        return ""
    return jp_text.to_katakana(text)


def _types(prop) -> set[str]:
    found = {t.upper() for t in prop.params.get("TYPE", [])}
    found |= {t.upper() for t in getattr(prop, "singletonparams", [])}
    return found


def _card(line: int, c) -> Card:
    card = Card(line=line)
    show_as = _first(c, "x-abshowas")
    n = _first(c, "n")
    if n is not None and not isinstance(n.value, str | bytes):
        card.family = _text(n.value.family)
        card.given = _text(n.value.given)
        card.middle = _text(n.value.additional)
    elif n is not None:
        card.family, card.given, card.middle = _split(_text(n.value), 3)
    fn = _first(c, "fn")
    kind = _first(c, "kind")
    company = show_as is not None and _text(show_as.value).upper() == "COMPANY"
    company |= kind is not None and _text(kind.value).lower() in ("org", "organization")
    if company and not card.family:  # iPhone's company card, 4.0's KIND:org
        card.is_company = True
    if not card.family and not card.given and fn is not None:
        # FN alone (a 2.1 phone, Outlook): 「山田 太郎」 is family first, "Taro Yamada"
        # given first; 「山田太郎」 cannot be split safely and stays whole.
        shown = _text(fn.value)
        # A Latin name alone is not split: "Ando Roid" may be written family first.
        split = not shown.isascii() or "," in shown
        card.family, card.given = split_full_name(shown) if split else (shown, "")
    elif not card.family and card.given:
        card.family, card.given = card.given, ""
    # The reading, best source first.
    family_kana = given_kana = ""
    last, first = _first(c, "x-phonetic-last-name"), _first(c, "x-phonetic-first-name")
    if last is not None or first is not None:
        family_kana = _text(last.value) if last is not None else ""
        given_kana = _text(first.value) if first is not None else ""
    elif _sort_as(n):
        family_kana, given_kana = (_sort_as(n) + ["", ""])[:2]
    elif _first(c, "sort-string") is not None:
        family_kana, given_kana = _spaced(_text(_first(c, "sort-string").value), card)
    else:
        sound = next(
            (s for s in c.contents.get("sound", []) if "X-IRMC-N" in _types(s) or not s.params),
            None,
        )
        if sound is not None and isinstance(sound.value, str):
            family_kana, given_kana = _split(sound.value, 2)
            if not given_kana:
                family_kana, given_kana = _spaced(family_kana, card)
    card.family_kana, card.given_kana = _reading(family_kana), _reading(given_kana)
    org = _first(c, "org")
    if org is not None:
        parts = org.value if isinstance(org.value, list) else _split(_text(org.value), 2)
        parts = [_text(p) for p in parts]
        card.company = parts[0] if parts else ""
        card.department = " ".join(p for p in parts[1:] if p)
        org_reading = _first(c, "x-phonetic-org")
        sort = _sort_as(org)
        card.company_kana = _reading(
            _text(org_reading.value) if org_reading is not None else (sort[0] if sort else "")
        )
    title = _first(c, "title")
    card.title = _text(title.value) if title is not None else ""
    emails = sorted(c.contents.get("email", []), key=lambda p: not _pref(p))
    card.emails = [e for e in (_address(_text(p.value)) for p in emails) if e]
    for tel in sorted(c.contents.get("tel", []), key=lambda p: not _pref(p)):
        _add_phone(card, _text(tel.value), _types(tel) | _label_kinds(c, tel))
    adrs = c.contents.get("adr", [])
    adr = next((a for a in adrs if "WORK" in _types(a)), None) or next(
        (a for a in adrs if _pref(a)), adrs[0] if adrs else None
    )
    if adr is not None and not isinstance(adr.value, str | bytes):
        a = adr.value
        card.postal_code = _text(a.code)
        parts = [_text(p) for p in (a.region, a.city, a.street, a.extended)]
        if all(p.isascii() for p in parts):  # a Latin address is written street first
            card.address = ", ".join(p for p in reversed(parts) if p)
        else:
            card.address = "".join(parts)
    url = _first(c, "url")
    # Google writes "http\\://…": an escaped colon that vCard does not define.
    card.website = _text(url.value).replace("\\:", ":") if url is not None else ""
    card.note = "\n".join(
        str(p.value).strip() for p in c.contents.get("note", []) if isinstance(p.value, str)
    )
    _fallback_name(card, c)
    return card


def _pref(prop) -> bool:
    """A preferred value: TYPE=PREF (2.1, 3.0) or PREF=1 (4.0)."""
    return "PREF" in _types(prop) or "PREF" in {p.upper() for p in prop.params}


def _address(text: str) -> str:
    """The address of an e-mail value: '"Omega" <omega@example.com>' (a 2.1 line broken
    in two), "mailto:…" (4.0)."""
    found = re.search(r"<([^<>\s]+@[^<>\s]+)>", text)
    text = found[1] if found else text
    return re.sub(r"^mailto:", "", text, flags=re.I).strip()


_LABELS = (("MOBILE", "CELL"), ("IPHONE", "CELL"), ("携帯", "CELL"), ("FAX", "FAX"))
_LABELS += (("PAGER", "PAGER"), ("ポケベル", "PAGER"), ("HOME", "HOME"), ("自宅", "HOME"))


def _label_kinds(c, prop) -> set[str]:
    """The kinds iPhone's label of the same group gives ("item3.X-ABLabel:_$!<Mobile>!$_")."""
    group = (getattr(prop, "group", None) or "").lower()
    if not group:
        return set()
    label = next(
        (
            _text(x.value).upper()
            for x in c.contents.get("x-ablabel", [])
            if (x.group or "").lower() == group
        ),
        "",
    )
    return {kind for word, kind in _LABELS if word in label}


_EXTENSION = re.compile(r"^(.*?\d)\s*(?:;\s*ext=|ext\.?|x|内線|[,;#pw])\s*[\d#*,pw]*$", re.I)
_JP_MOBILE = re.compile(r"0[789]0\d{8}")


def _add_phone(card: Card, number: str, kinds: set[str]) -> None:
    """A number where it belongs: mobile (CELL, or a Japanese 070/080/090 number with
    no other kind), phone (the first one without a kind that excludes it), else kept
    in the notes — unknown kinds (X-NEC-…), SIP addresses, a number with its extension
    (the number itself is taken, the extension kept in the notes)."""
    if not number:
        return
    if re.match(r"^sip:", number, re.I) or "@" in number:
        card.other_phones.append(number)
        return
    number = re.sub(r"^tel:", "", number, flags=re.I).strip()
    found = _EXTENSION.match(number)
    base = found[1].strip() if found else number
    if found:
        card.other_phones.append(number)
    digits = re.sub(r"[^\d+]", "", jp_text.normalize_text(base))
    if digits.startswith("+81"):
        digits = "0" + digits[3:].lstrip("0")
    excluded = kinds & {"FAX", "HOME", "PAGER", "MODEM", "ISDN", "BBS", "CAR", "VIDEO"}
    mobile = kinds & {"CELL", "MOBILE"} or (not excluded and _JP_MOBILE.fullmatch(digits))
    if mobile and not card.mobile:
        card.mobile = base
    elif not mobile and not excluded and not card.phone:
        card.phone = base
    elif not found:
        card.other_phones.append(number)


def _fallback_name(card: Card, c) -> None:
    """A card without a name (Android shows it by what it has): the reading, the
    nickname, else it is a company's card when it names one (no person), else the
    e-mail address or the number stands for the name."""
    if card.family or card.given or card.is_company:
        return
    nickname = _first(c, "nickname")
    custom = next(
        (
            x.value
            for x in c.contents.get("x-android-custom", [])
            if isinstance(x.value, str) and "nickname" in x.value.split(";")[0]
        ),
        "",
    )
    if card.family_kana or card.given_kana:
        card.family, card.given = card.family_kana, card.given_kana
    elif nickname is not None and _text(nickname.value):
        card.family = _text(nickname.value)
    elif custom and _split(custom, 2)[1]:
        card.family = jp_text.normalize_text(_split(custom, 2)[1])
    elif card.company:
        card.is_company = True
    elif card.emails or card.phone or card.mobile:
        card.family = card.emails[0] if card.emails else card.phone or card.mobile


def _spaced(text: str, card: Card) -> tuple[str, str]:
    """A reading in one string: split at its space when the name has two parts."""
    text = jp_text.normalize_text(text).strip()
    family, _sep, given = text.partition(" ")
    if given and card.given:
        return family, given.strip()
    return text.replace(" ", "") if not card.given else family, ""


def table(cards: Iterable[Card]) -> list[list[str]]:
    """HEADERS and one row per card: what the people import reads."""
    return [HEADERS, *(card.row() for card in cards if not card.is_company)]


# --------------------------------------------------------------------------- writing


@dataclass
class Contact:
    """One person as written to a card."""

    family: str
    given: str = ""
    family_kana: str = ""
    given_kana: str = ""
    company: str = ""
    company_kana: str = ""
    department: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""
    mobile: str = ""
    note: str = ""


def write(contacts: Iterable[Contact]) -> str:
    """vCard 3.0, one card per person, as iPhone and Android read it with the kana."""
    out = []
    for p in contacts:
        card = vobject.vCard()
        card.add("n").value = vobject.vcard.Name(family=p.family, given=p.given)
        # Japanese is shown family first with no space; a Latin name given first.
        if p.family.isascii() and p.given.isascii():
            shown = " ".join(x for x in (p.given, p.family) if x)
        else:
            shown = p.family + p.given
        card.add("fn").value = shown
        if p.family_kana:
            card.add("x-phonetic-last-name").value = p.family_kana
        if p.given_kana:
            card.add("x-phonetic-first-name").value = p.given_kana
        if p.family_kana or p.given_kana:
            card.add("sort-string").value = " ".join(x for x in (p.family_kana, p.given_kana) if x)
        if p.company or p.department:
            card.add("org").value = [p.company, p.department] if p.department else [p.company]
        if p.company_kana:
            card.add("x-phonetic-org").value = p.company_kana
        if p.title:
            card.add("title").value = p.title
        if p.email:
            email = card.add("email")
            email.value, email.type_param = p.email, ["INTERNET", "WORK"]
        if p.phone:
            tel = card.add("tel")
            tel.value, tel.type_param = p.phone, ["WORK", "VOICE"]
        if p.mobile:
            tel = card.add("tel")
            tel.value, tel.type_param = p.mobile, ["CELL"]
        if p.note:
            card.add("note").value = p.note
        out.append(card.serialize())
    return "".join(out)
