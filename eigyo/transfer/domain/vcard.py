"""vCard as phones write it and read it (pure; vobject does the syntax).

Read: 2.1 (raw Shift_JIS bytes, or per-property CHARSET + QUOTED-PRINTABLE with soft
line breaks, the reading in ``SOUND;X-IRMC-N``), 3.0 (``X-PHONETIC-LAST-NAME`` /
``-FIRST-NAME``, ``SORT-STRING``), 4.0 (``N;SORT-AS``), many cards per file, iPhone's
``item1.`` groups. ``N`` is always Family;Given;Middle;Prefix;Suffix (RFC 6350
§6.2.2): never swapped for Japanese names. Readings in order of precedence:
X-PHONETIC-* > SORT-AS > SORT-STRING > SOUND;X-IRMC-N, stored as full-width katakana.

Write: vCard 3.0 with the reading as iPhone and Android show it (X-PHONETIC-LAST-NAME,
X-PHONETIC-FIRST-NAME, SORT-STRING) and the company (ORG, X-PHONETIC-ORG).

A card that cannot be read raises CardError with the line it starts on.
"""

from __future__ import annotations

import codecs
import quopri
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import vobject

from eigyo.lib import jp_text, phones
from eigyo.transfer.domain.people_columns import split_full_name

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


class CardError(ValueError):
    """A card that cannot be read; `line` is where it starts in the file, `code` what
    is wrong (unclosed | outside | empty | syntax), `reason` the parser's words."""

    def __init__(self, line: int, reason: str, code: str = "syntax") -> None:
        super().__init__(f"line {line}: {reason}")
        self.line, self.reason, self.code = line, reason, code


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


_EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\".]+")


def _phone(number: str) -> str:
    try:
        return phones.normalize_phone(number) and number
    except phones.InvalidPhone:
        return ""


def looks_like_vcard(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf\r\n\t ").upper()
    return head.startswith(b"BEGIN:VCARD")


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16, else cp932 — not shift_jis: phones write
    ①, ㈱ and vendor characters that only cp932 knows."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data[:2] in (b"B\x00", b"b\x00"):  # UTF-16 without its BOM (little-endian)
        return data.decode("utf-16-le", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Line by line: two address books pasted together may be one UTF-8, one cp932
    # (a cp932 character never holds a line-feed byte, so the split is safe).
    return "\n".join(_decode_line(line) for line in data.removeprefix(b"\xef\xbb\xbf").split(b"\n"))


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp932", errors="replace")


_BEGIN = re.compile(r"^\s*BEGIN\s*:\s*VCARD\s*$", re.I)
_END = re.compile(r"^\s*END\s*:\s*VCARD\s*$", re.I)
_AGENT = re.compile(r"^(?:[\w-]+\.)?AGENT(?:;[^:]*)?:\s*$", re.I)


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """(line of BEGIN, the card's text made readable) for each card; text outside
    cards is ignored when blank, an error otherwise."""
    start, lines, nested = 0, [], 0
    # iOS 6 ended lines with CR CR LF: one line break, not a blank line that would end
    # a folded photo.
    for number, line in enumerate(re.split(r"\r*\n|\r", text), 1):
        if not lines:
            if _BEGIN.match(line):
                start, lines = number, [line]
            elif line.strip():
                raise CardError(number, "text outside a card (BEGIN:VCARD expected)", "outside")
            continue
        if _BEGIN.match(line) and not lines[-1].rstrip().endswith("="):
            # A 2.1 AGENT holds another person's card inside this one (Windows Mobile
            # writes it): skipped, as Android does. Any other BEGIN means the card
            # before it was never closed.
            if not nested and not _AGENT.match(lines[-1]):
                raise CardError(start, "the card has no END:VCARD", "unclosed")
            nested += 1
            continue
        if nested:
            nested -= 1 if _END.match(line) else 0
            continue
        lines.append(line)
        if _END.match(line):
            yield start, "\r\n".join(_readable(lines)) + "\r\n"
            lines = []
    if lines:
        raise CardError(start, "the card has no END:VCARD", "unclosed")


def _head(line: str) -> tuple[str, str, str] | None:
    """(NAME, ;params, value) of a property line: the name without its group, the
    colon found outside quoted parameter values; None for a line without one."""
    quoted = False
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            name, _sep, params = line[:i].partition(";")
            return name.rpartition(".")[2].strip().upper(), _sep + params, line[i + 1 :]
    return None


_BINARY = re.compile(r";\s*(?:ENCODING\s*=\s*)?(?:B|BASE64)\s*(?:;|$)", re.I)
_QP = re.compile(r";\s*(?:ENCODING\s*=\s*)?QUOTED-PRINTABLE\s*(?=;|$)", re.I)
_CHARSET = re.compile(r';\s*CHARSET\s*=\s*"?([^;:"]*)"?', re.I)


def _readable(lines: list[str]) -> list[str]:
    """The card's lines as vobject can read them, the way Android tolerates them:
    a photo, logo or sound in base64 (never kept) is left out — in 2.1 its lines may
    not be indented; lines starting with "#" are comments; quoted-printable values
    are decoded here with their CHARSET, Shift_JIS read as cp932 (①, ㈱) and a broken
    byte replaced rather than losing the whole file."""
    out: list[str] = []
    skipping = False
    for line in lines:
        continues = line[:1] in (" ", "\t") or (out and out[-1].endswith("=") and _qp(out[-1]))
        if skipping:
            if continues or (line.strip() and ":" not in line):
                continue
            skipping = False
            if not line.strip():
                continue
        if continues and out:
            if _qp(out[-1]) and out[-1].endswith("="):  # a soft line break
                out[-1] = out[-1][:-1] + line
            else:  # a folded line
                out[-1] += line[1:]
            continue
        head = _head(line)
        if head is None and line.lstrip().startswith("#"):
            continue
        if head is not None and _BINARY.search(head[1] + ";"):
            skipping = True
            continue
        out.append(line)
    return [_commas(_decoded(line) if _qp(line) else line) for line in out]


_LISTS = {"N", "CATEGORIES", "NICKNAME"}


def _commas(line: str) -> str:
    """A comma in a value escaped where it is text: vobject cuts FN, NOTE and TITLE at
    the first bare comma ("Manager, Sales" → "Manager"), but 2.1 never escapes
    commas and many 3.0 writers do not either. N, CATEGORIES and NICKNAME keep their
    commas: there they separate values."""
    head = _head(line)
    if head is None or head[0] in _LISTS or "," not in head[2]:
        return line
    value = re.sub(r"(\\.)|,", lambda m: m[1] or "\\,", head[2])
    return line[: len(line) - len(head[2])] + value


def _qp(line: str) -> bool:
    head = _head(line)
    return head is not None and _QP.search(head[1]) is not None


def _decoded(line: str) -> str:
    """A quoted-printable property as a plain one (CHARSET and ENCODING removed)."""
    name_and_params, value = line[: len(line) - len(_head(line)[2]) - 1], _head(line)[2]
    found = _CHARSET.search(name_and_params)
    charset = _charset(found[1] if found else "utf-8")
    if not value.isascii():  # already text: the file itself was in that charset
        text = value
    else:
        text = quopri.decodestring(value.encode("ascii")).decode(charset, errors="replace")
    params = _CHARSET.sub("", _QP.sub("", name_and_params))
    return params + ":" + re.sub(r"\r\n|\r|\n", r"\\n", text)


def _charset(name: str) -> str:
    key = name.strip().lower().replace("-", "_")
    if key in ("shift_jis", "sjis", "x_sjis", "shiftjis", "ms_kanji", "windows_31j", "cp932"):
        return "cp932"
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return "utf-8"


def parse(text: str) -> list[Card]:
    """Every card of a file. Raises CardError for the first card that cannot be read."""
    cards = []
    for line, chunk in _chunks(text):
        try:
            component = vobject.readOne(chunk, allowQP=True)
        except Exception as exc:  # vobject raises ParseError, but also bare errors on junk
            raise CardError(line, _reason(exc)) from exc
        try:
            card = _card(line, component)
        except Exception as exc:  # a property of an unexpected shape
            raise CardError(line, _reason(exc)) from exc
        if not card.empty:
            cards.append(card)
    if not cards:
        raise CardError(1, "no card in the file", "empty")
    return cards


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
    if show_as is not None and _text(show_as.value).upper() == "COMPANY" and not card.family:
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
