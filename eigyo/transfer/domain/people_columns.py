"""Reading a list of people someone exported (pure): which column holds what in the
files of business-card apps (Eight, Sansan), address books (Google Contacts current and
legacy, Outlook in Japanese or English), CRMs (Salesforce, HubSpot) and our own template;
which app wrote the file; and the values of a row (a name in one cell, kana, tags,
the card exchange's date). Sources of the formats: ../shared/FORMATS.md "People".

Headers are compared as `company_columns.header_key` does (NFKC, case-folded, without
spaces and punctuation), so "E-mail 1 - Value" is "email1value" and
"姓 (フリガナ)" is "姓フリガナ".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from eigyo.lib import jp_text
from eigyo.transfer.domain.company_columns import header_key

TARGETS = (
    "company_name",
    "company_kana",
    "company_phone",
    "department",
    "title",
    "full_name",
    "family_name",
    "given_name",
    "full_kana",
    "family_kana",
    "given_kana",
    "email",
    "phone",
    "mobile",
    "postal_code",
    "address",
    "website",
    "exchanged_on",
    "owner",
    "tags",
    "notes",
)
# Targets several columns may share (their cells are joined or taken in turn).
SHARED = {"notes", "tags", "phone", "address"}

EIGHT_COLUMNS = (
    "会社名",
    "部署名",
    "役職",
    "姓",
    "名",
    "e-mail",
    "郵便番号",
    "住所",
    "TEL会社",
    "TEL部門",
    "TEL直通",
    "Fax",
    "携帯電話",
    "URL",
    "名刺交換日",
)

# Header names as the apps write them (compared as keys: NFKC, case-folded, without
# spaces and punctuation), "|"-separated. Sources: FORMATS.md; Eight and Sansan exports
# (「TEL-1(1)」「氏名（カナ）［姓］」); Google Contacts current and legacy; Outlook and
# the Windows address book in English and Japanese; Salesforce API names and report
# labels (English, Japanese); HubSpot (English, Japanese); Cybozu's address book.
_ALIASES = {
    "company_name": "会社名|企業名|社名|勤務先|勤務先名|所属|会社|取引先名|取引先|関連付けられた会社|"
    "company|companyname|accountname|account|associatedcompany|organization|"
    "organizationname|organization1name|employer",
    "company_kana": "会社名フリガナ|会社名カナ|会社名よみ|会社名よみがな|会社名ふりがな|会社名かな|"
    "会社フリガナ|会社カナ|会社よみ|会社名読み|フリガナ会社名|ふりがな会社名|よみがな会社名|"
    "organization1yominame|organizationphoneticname|phoneticorganizationname|"
    "yomicompanyname|companyyomi|companynamekana|companykana",
    "company_phone": "tel会社|telcompany|会社電話|会社代表電話|代表電話|代表電話番号|電話番号会社|会社電話番号代表|"
    "companyphone|companymainphone|mainphone",
    "department": "部署|部署名|所属部署|部門|部課|department|organizationdepartment|"
    "organization1department",
    "title": "役職|役職名|肩書|肩書き|jobtitle|organizationtitle|organization1title",
    "full_name": "氏名|お名前|名前|フルネーム|姓名|name|fullname|contactname",
    "family_name": "姓|苗字|名字|氏名姓|名前姓|lastname|familyname|surname",
    "given_name": "名|氏名名|名前名|firstname|givenname",
    "full_kana": "フリガナ|ふりがな|よみがな|よみ|かな|カナ|読み|氏名フリガナ|氏名ふりがな|氏名カナ|"
    "氏名かな|氏名よみ|氏名よみがな|氏名読み|名前フリガナ|名前ふりがな|名前カナ|名前よみ|"
    "フリガナ氏名|ふりがな氏名|yominame|phoneticname",
    "family_kana": "姓フリガナ|姓ふりがな|姓カナ|姓かな|姓よみ|姓よみがな|姓読み|セイ|フリガナ姓|"
    "ふりがな姓|よみがな姓|よみ姓|カナ姓|読み姓|氏名姓フリガナ|氏名カナ姓|氏名フリガナ姓|"
    "氏名よみ姓|phoneticlastname|familynameyomi|yomilastname|yomisurname|lastnameyomi|"
    "lastnamekana|lastnamefurigana",
    "given_kana": "名フリガナ|名ふりがな|名カナ|名かな|名よみ|名よみがな|名読み|メイ|フリガナ名|"
    "ふりがな名|よみがな名|よみ名|カナ名|読み名|氏名名フリガナ|氏名カナ名|氏名フリガナ名|"
    "氏名よみ名|phoneticfirstname|givennameyomi|yomifirstname|yomigivenname|firstnameyomi|"
    "firstnamekana|firstnamefurigana",
    "email": "e-mail|email|eメール|メール|メールアドレス|電子メールアドレス|電子メール|"
    "emailaddress|email1value|email1|mail|mailaddress|emailvalue",
    "phone": "tel直通|tel部門|teldirect|teldepartment|直通電話|直通|電話|電話番号|会社電話番号|勤務先電話|勤務先電話番号|"
    "tel|tel1|tel11|phone|phonenumber|phone1value|phonevalue|businessphone|workphone|"
    "officephone|directphone",
    "mobile": "携帯電話|携帯|携帯番号|携帯電話番号|携帯電話1|mobile|mobilephone|mobilephonenumber|"
    "cellphone|cell",
    "postal_code": "郵便番号|郵便番号1|勤務先郵便番号|勤務先の郵便番号|会社郵便番号|郵便番号郵送先|"
    "〒|postalcode|zip|zipcode|mailingpostalcode|mailingzippostalcode|businesspostalcode|"
    "address1postalcode",
    "address": "住所|住所1|住所1全て|勤務先住所|会社住所|所在地|都道府県|市区町村|番地|"
    "勤務先番地|勤務先市区町村|勤務先都道府県|勤務先の番地|勤務先の市区町村|勤務先の都道府県|"
    "都道府県郵送先|市区郡郵送先|町名番地郵送先|address|address1formatted|streetaddress|"
    "street|city|state|stateregion|mailingaddress|mailingstate|mailingstateprovince|"
    "mailingcity|mailingstreet|businessstate|businesscity|businessstreet",
    "website": "url|website|ホームページ|webページ|会社のwebページ|website1value|webpage|"
    "websiteurl|会社url",
    "exchanged_on": "名刺交換日|交換日|exchangedate|cardexchangedate|metdate",
    "owner": "名刺所有者|名刺所有者ユーザid|名刺所有者ユーザー|名刺所有者ユーザーid|所有者|"
    "担当者|コンタクト担当者|コンタクト所有者|取引先責任者所有者|所有者氏名|contactowner|"
    "owner|ownername",
    "tags": "タグ|マイタグ|分類|分類項目|ラベル|labels|groupmembership|categories",
    "notes": "備考|メモ|コメント|notes|note|description",
}
# Taken only when no column of the file named the field more precisely: Outlook's
# "Title" is the courtesy title (Mr., 様) when "Job Title" is there, the job otherwise
# (Salesforce); Salesforce report exports say "Mobile" and "Mailing …".
_FALLBACK = {
    "title": ["title", "position"],
    "full_name": ["displayname", "fileas", "表示名"],
}

_BY_KEY = {header_key(a): t for t, names in _ALIASES.items() for a in names.split("|")}
# The same names with their numbers taken out: "E-mail 2 - Value", "TEL-2(1)",
# "Business Street 2", "会社住所2" are found by "E-mail - Value", "TEL", …
_BY_BARE = {re.sub(r"\d+", "", k): t for k, t in _BY_KEY.items()}
_FALLBACK_BY_KEY = {header_key(a): t for t, names in _FALLBACK.items() for a in names}
_READING = re.compile(r"kana|furigana|yomi|phonetic|フリガナ|ふりがな|カナ|かな|よみ|読み")
# Marks a template puts on a header: 「会社名（必須）」, "Email*", 「※氏名」, a BOM.
_MARKS = re.compile(
    r"[(（\[［【]\s*(?:必須|任意|required|optional)\s*[)）\]］】]|[*＊※#＃–—−]", re.I
)


def column_key(header: str) -> str:
    """A header as compared (company_columns.header_key, also without the marks of
    a required column and the dashes NFKC keeps: "E-mail 1 – Value")."""
    return header_key(_MARKS.sub("", header))


def _custom(key: str) -> str:
    """A CRM's custom field that carries a reading ("LastNameKana__c", "Furigana_Sei__c",
    「姓読み」)."""
    if not _READING.search(key):
        return ""
    if re.search(r"middle|additional|ミドル", key):  # a middle name's reading: not kept
        return ""
    if re.search(r"account|company|会社|organi|法人|取引先", key):
        return "company_kana"
    key = re.sub(r"氏名|名前", "", key)  # their 名 is not the given name
    if re.search(r"last|family|sei|surname|姓", key):
        return "family_kana"
    if re.search(r"first|given|mei|名", key):
        return "given_kana"
    return "full_kana"


# Numbered columns of the same field where several may be given: the first with a
# value is taken.
_NUMBERED = {"email", "phone", "mobile"}


def _numbered(key: str, taken: set[str]) -> str:
    """The target of a numbered column found without its number: a second e-mail or
    phone; a line of an address ("Business Street 2", 「住所2」, joined with the first);
    not a second address ("Address 2 - Formatted") or company."""
    target = _BY_BARE.get(re.sub(r"\d+", "", key), "")
    if not target or target not in taken or target in _NUMBERED:
        return target
    if target in SHARED and re.search(r"\D\d+$", key) and not re.search(r"\d\D+\d", key):
        return target
    return ""


def guess_mapping(headers: Iterable[str]) -> list[str]:
    """The target of each column ("" to ignore it). A target is taken by the first
    column that names it (except the shared ones and numbered e-mail and phone
    columns); Eight's tag columns, the columns after its 名刺交換日, are tags."""
    headers = list(headers)
    keys = [column_key(h) for h in headers]
    mapping = [""] * len(headers)
    taken: set[str] = set()
    tags_from = _eight_tags_from(keys)
    for i, key in enumerate(keys):
        target = _BY_KEY.get(key, "")
        if not target and re.search(r"\d", key):
            target = _numbered(key, taken)
            numbered = bool(target)
        else:
            numbered = False
        target = target or _custom(key)
        if tags_from is not None and i >= tags_from:
            target = "tags"
        elif tags_from is not None and key in ("tel会社", "telcompany"):
            target = "company_phone"
        if target in taken and target not in SHARED and not (numbered and target in _NUMBERED):
            target = ""
        taken.add(target)
        mapping[i] = target
    for i, key in enumerate(keys):
        target = _FALLBACK_BY_KEY.get(key, "")
        if not mapping[i] and target and target not in taken:
            taken.add(target)
            mapping[i] = target
    return mapping


# Eight's own column names (the exchange date last), in its Japanese and English UI.
_EIGHT_MARKS = [
    ("tel会社", "tel部門", "tel直通", "名刺交換日"),
    ("telcompany", "teldepartment", "teldirect", "exchangedate"),
]


def _eight_tags_from(keys: list[str]) -> int | None:
    """Where Eight's tag columns start (after 名刺交換日); None when the file is not
    Eight's. Eight is known by its own column names, wherever they stand."""
    for marks in _EIGHT_MARKS:
        if set(marks) <= set(keys):
            return keys.index(marks[-1]) + 1
    return None


def is_eight(headers: list[str]) -> bool:
    return _eight_tags_from([column_key(h) for h in headers]) is not None


def detect_format(headers: list[str]) -> str:
    """Which app wrote the file, as far as its headers tell ("" when none is known)."""
    keys = {column_key(h) for h in headers}
    if is_eight(headers):
        return "eight"
    if keys & {"名刺所有者ユーザid", "名刺所有者", "住所1全て", "tel11", "氏名カナ姓"}:
        return "sansan"
    if keys & {"phoneticfirstname", "phoneticlastname", "organizationname", "fileas"}:
        return "google"
    if keys & {"givennameyomi", "familynameyomi", "groupmembership", "organization1name"}:
        return "google_legacy"
    if "recordid" in keys or "レコードid" in keys:
        return "hubspot"
    if keys & {
        "yomifirstname",
        "yomilastname",
        "yomicompanyname",
        "jobtitle",
        "電子メールアドレス",
    }:
        return "outlook"
    if keys & {"businessphone", "companymainphone", "勤務先電話", "勤務先番地", "email2address"}:
        return "outlook"
    if keys & {"accountid", "reportstoid", "mailingstreet", "mailingpostalcode", "ownerid"}:
        return "salesforce"
    if keys & {"accountname", "contactid", "取引先名", "取引先責任者id", "郵便番号郵送先"}:
        return "salesforce"
    if keys >= {"会社名", "姓", "名"}:
        return "template"
    return ""


FORMAT_LABELS = {
    "eight": "Eight",
    "sansan": "Sansan",
    "google": "Google Contacts",
    "google_legacy": "Google Contacts (legacy)",
    "outlook": "Outlook",
    "hubspot": "HubSpot",
    "salesforce": "Salesforce",
    "template": "eigyo",
}

# Card apps: each row is a business card someone on the team received.
CARD_APPS = {"eight", "sansan"}

# --------------------------------------------------------------------------- values

_SPACE = re.compile(r"[\s\u3000]+")


def split_full_name(text: str) -> tuple[str, str]:
    """(family, given) from a name in one cell.

    Japanese writes the family name first: 「山田　花子」 → (山田, 花子). A Latin name
    is given-first ("Taro Yamada" → (Yamada, Taro)) unless written "Yamada, Taro".
    A Japanese name without a space cannot be split safely (山田花子 may be 山田 花子
    or 山 田花子): it is kept whole as the family name, as phones do."""
    text = jp_text.normalize_text(text).strip()
    if not text:
        return "", ""
    if "," in text:
        family, _sep, given = text.partition(",")
        return family.strip(), given.strip()
    parts = _SPACE.split(text)
    if len(parts) == 1:
        return parts[0], ""
    if all(p.isascii() for p in parts):
        return parts[-1], " ".join(parts[:-1])
    return parts[0], " ".join(parts[1:])


def reading(text: str) -> str:
    """A reading as stored: katakana, full-width (ｱﾝﾄﾞｳ → アンドウ, あんどう → アンドウ);
    "" when the cell is not kana (a romaji "Yamada" in a Phonetic column). Digits may
    stand among the kana (phones read 「ロイド1」 as ﾛｲﾄﾞ1)."""
    text = jp_text.normalize_text(text).strip()
    if not text or not jp_text.is_kana(re.sub(r"[0-9]", "", text) or "0"):
        return ""
    return jp_text.to_katakana(text)


def split_reading(text: str) -> tuple[str, str]:
    family, _sep, given = _SPACE.sub(" ", jp_text.normalize_text(text).strip()).partition(" ")
    return reading(family), reading(given)


_GOOGLE_SYSTEM = {"mycontacts", "starred", "friends", "family", "coworkers"}


def tags_of(header: str, cell: str) -> list[str]:
    """The tags a cell gives: Eight's tag column holds 1 under the tag's name; Google's
    Labels hold "* myContacts ::: 展示会" (system groups left out); others a list."""
    cell = jp_text.normalize_text(cell).strip()
    if not cell:
        return []
    if cell in ("1", "○", "〇", "✓", "TRUE", "true"):
        return [jp_text.normalize_text(header).strip()]
    if cell in ("0", "FALSE", "false", "×"):
        return []
    parts = re.split(r"\s*(?::::|;|、|,)\s*", cell)
    out = []
    for part in parts:
        part = part.strip().lstrip("*").strip()
        if part and part.replace(" ", "").casefold() not in _GOOGLE_SYSTEM:
            out.append(part)
    return out


_DATE = re.compile(r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})")


def parse_date(text: str) -> dt.date | None:
    """A date as the apps write it: 2024/04/01, 2024-04-01, 2024年4月1日, 20240401,
    with or without a time after it. None for blank; ValueError for anything else."""
    text = jp_text.normalize_text(text).strip()
    if not text:
        return None
    m = _DATE.search(text)
    if m is None and re.fullmatch(r"\d{8}", text):
        m = re.match(r"(\d{4})(\d{2})(\d{2})", text)
    if m is None:
        raise ValueError(text)
    return dt.date(int(m[1]), int(m[2]), int(m[3]))


def department_path(text: str) -> str:
    """Sansan writes a department's levels in one field separated by spaces
    (「営業本部 第一営業部」); kept as written, spaces made single."""
    return _SPACE.sub(" ", jp_text.normalize_text(text)).strip()


# Google Contacts writes the values of one label in one cell: "a@x.jp ::: b@y.jp".
_MANY = re.compile(r"\s*:::\s*")
_ONE_VALUE = {"email", "phone", "mobile", "company_phone", "website", "postal_code"}


def cell_values(target: str, cell: str) -> list[str]:
    """The values one cell gives a target: Google's "a ::: b" split for an e-mail,
    phone or website (the first that is one is taken); any other cell whole."""
    if target in _ONE_VALUE and ":::" in cell:
        return [v for v in _MANY.split(cell.strip()) if v]
    return [cell]


_PREFECTURE = re.compile(r"^(?:東京都|北海道|(?:京都|大阪)府|\S{2,3}県)")
_CITY = re.compile(r"^\S+?[市区町村郡](?:\S+?[区町村])?$")


def address_of(parts: list[str]) -> str:
    """An address given in several columns, in the Japanese order: Outlook and
    Salesforce write street, city, prefecture (「丸の内1-1」「千代田区」「東京都」);
    joined prefecture first. A Latin address is joined as written."""
    parts = [jp_text.normalize_text(p).strip() for p in parts if p and p.strip()]
    if len(parts) < 2 or not any(_PREFECTURE.match(p) for p in parts):
        return " ".join(parts)
    first = [p for p in parts if _PREFECTURE.match(p)]
    city = [p for p in parts if p not in first and _CITY.match(p)]
    street = [p for p in parts if p not in first and p not in city]
    return "".join(first + city + street)
