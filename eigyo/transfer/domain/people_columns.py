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

_ALIASES = {
    "company_name": [
        "会社名",
        "企業名",
        "社名",
        "勤務先",
        "所属",
        "company",
        "companyname",
        "accountname",
        "account",
        "associatedcompany",
        "organization",
        "organizationname",
        "organization1name",
        "取引先名",
    ],
    "company_kana": [
        "会社名フリガナ",
        "会社名カナ",
        "会社名よみ",
        "会社フリガナ",
        "organization1yominame",
        "organizationphoneticname",
        "yomicompanyname",
        "companyyomi",
        "companynamekana",
    ],
    "company_phone": ["tel会社", "会社電話", "代表電話", "companyphone", "companymainphone"],
    "department": [
        "部署",
        "部署名",
        "所属部署",
        "部門",
        "department",
        "organizationdepartment",
        "organization1department",
    ],
    "title": [
        "役職",
        "役職名",
        "肩書",
        "肩書き",
        "jobtitle",
        "organizationtitle",
        "organization1title",
    ],
    "full_name": ["氏名", "お名前", "名前", "フルネーム", "name", "fullname", "contactname"],
    "family_name": ["姓", "苗字", "名字", "氏名姓", "lastname", "familyname", "surname"],
    "given_name": ["名", "氏名名", "firstname", "givenname"],
    "full_kana": [
        "フリガナ",
        "ふりがな",
        "氏名フリガナ",
        "氏名カナ",
        "よみがな",
        "yominame",
        "phoneticname",
    ],
    "family_kana": [
        "姓フリガナ",
        "姓カナ",
        "姓よみ",
        "セイ",
        "フリガナ姓",
        "氏名姓フリガナ",
        "phoneticlastname",
        "familynameyomi",
        "yomilastname",
        "yomisurname",
        "lastnamekana",
    ],
    "given_kana": [
        "名フリガナ",
        "名カナ",
        "名よみ",
        "メイ",
        "フリガナ名",
        "氏名名フリガナ",
        "phoneticfirstname",
        "givennameyomi",
        "yomifirstname",
        "yomigivenname",
        "firstnamekana",
    ],
    "email": [
        "e-mail",
        "email",
        "メール",
        "メールアドレス",
        "電子メールアドレス",
        "電子メール",
        "emailaddress",
        "email1value",
        "email1",
        "mail",
    ],
    "phone": [
        "tel直通",
        "tel部門",
        "直通電話",
        "電話",
        "電話番号",
        "会社電話番号",
        "勤務先電話",
        "勤務先電話番号",
        "tel",
        "tel1",
        "tel11",
        "phone",
        "phonenumber",
        "phone1value",
        "businessphone",
        "workphone",
    ],
    "mobile": [
        "携帯電話",
        "携帯",
        "携帯番号",
        "携帯電話番号",
        "mobile",
        "mobilephone",
        "cellphone",
        "携帯電話1",
    ],
    "postal_code": [
        "郵便番号",
        "郵便番号1",
        "勤務先郵便番号",
        "会社郵便番号",
        "postalcode",
        "zip",
        "zipcode",
        "mailingpostalcode",
        "mailingzippostalcode",
        "businesspostalcode",
        "address1postalcode",
    ],
    "address": [
        "住所",
        "住所1",
        "住所1全て",
        "勤務先住所",
        "会社住所",
        "address",
        "address1formatted",
        "mailingaddress",
        "mailingstate",
        "mailingstateprovince",
        "mailingcity",
        "mailingstreet",
        "businessstate",
        "businesscity",
        "businessstreet",
    ],
    "website": ["url", "website", "ホームページ", "website1value", "webpage"],
    "exchanged_on": ["名刺交換日", "交換日", "exchangedate", "metdate"],
    "owner": [
        "名刺所有者",
        "名刺所有者ユーザid",
        "名刺所有者ユーザー",
        "名刺所有者ユーザーid",
        "所有者",
        "contactowner",
        "owner",
        "ownername",
        "担当者",
    ],
    "tags": ["タグ", "マイタグ", "labels", "groupmembership", "categories", "分類"],
    "notes": ["備考", "メモ", "notes", "note", "description", "コメント"],
}
# Taken only when no column of the file named the field more precisely: Outlook's
# "Title" is the courtesy title (Mr., 様) when "Job Title" is there, the job otherwise
# (Salesforce); Salesforce report exports say "Mobile" and "Mailing …".
_FALLBACK = {
    "title": ["title", "position"],
    "full_name": ["displayname", "fileas"],
}

_BY_KEY = {header_key(a): t for t, names in _ALIASES.items() for a in names}
_FALLBACK_BY_KEY = {header_key(a): t for t, names in _FALLBACK.items() for a in names}
_READING = re.compile(r"kana|furigana|yomi|phonetic|フリガナ|ふりがな|カナ|よみ")


def _custom(key: str) -> str:
    """A CRM's custom field that carries a reading ("LastNameKana__c", "Furigana_Sei__c")."""
    if not _READING.search(key):
        return ""
    if re.search(r"account|company|会社|organi", key):
        return "company_kana"
    if re.search(r"last|family|sei|surname|姓", key):
        return "family_kana"
    if re.search(r"first|given|mei|名", key):
        return "given_kana"
    return "full_kana"


def guess_mapping(headers: Iterable[str]) -> list[str]:
    """The target of each column ("" to ignore it). A target is taken by the first
    column that names it (except the shared ones); Eight's tag columns, the columns
    after its 名刺交換日, are tags."""
    headers = list(headers)
    keys = [header_key(h) for h in headers]
    mapping = [""] * len(headers)
    taken: set[str] = set()
    eight = is_eight(headers)
    for i, key in enumerate(keys):
        target = _BY_KEY.get(key, "") or _custom(key)
        if eight and i >= len(EIGHT_COLUMNS):
            target = "tags"
        elif eight and key == "tel会社":
            target = "company_phone"
        if target in taken and target not in SHARED:
            target = ""
        taken.add(target)
        mapping[i] = target
    for i, key in enumerate(keys):
        target = _FALLBACK_BY_KEY.get(key, "")
        if not mapping[i] and target and target not in taken:
            taken.add(target)
            mapping[i] = target
    return mapping


def is_eight(headers: list[str]) -> bool:
    keys = [header_key(h) for h in headers[: len(EIGHT_COLUMNS)]]
    return keys == [header_key(h) for h in EIGHT_COLUMNS]


def detect_format(headers: list[str]) -> str:
    """Which app wrote the file, as far as its headers tell ("" when none is known)."""
    keys = {header_key(h) for h in headers}
    if is_eight(headers):
        return "eight"
    if keys & {"名刺所有者ユーザid", "名刺所有者"}:
        return "sansan"
    if "phoneticfirstname" in keys or "organizationname" in keys:
        return "google"
    if "givennameyomi" in keys or "groupmembership" in keys:
        return "google_legacy"
    if keys & {"yomifirstname", "yomilastname", "jobtitle", "電子メールアドレス"}:
        return "outlook"
    if "recordid" in keys and "contactowner" in keys:
        return "hubspot"
    if keys & {"accountid", "mobilephone", "mailingstreet", "reportstoid"}:
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
