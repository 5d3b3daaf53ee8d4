"""Reading a company list someone exported (pure): the text of the file, which column
holds what, and the values people type for yes/no and numbers.

Header names are recognised in Japanese and English, including the account exports
of Salesforce and HubSpot and the company columns of business-card apps, after
NFKC, case folding and dropping spaces and punctuation ("会社名（カナ）" =
"会社名(カナ)" = "会社名 カナ").
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator

from eigyo.lib.jp_text import normalize_text

TARGETS = (
    "legal_name",
    "short_name",
    "name_en",
    "kana",
    "corporate_number",
    "sector33",
    "size_class",
    "market_segment",
    "prefecture",
    "city",
    "address",
    "postal_code",
    "phone",
    "website",
    "notes",
)

_ALIASES = {
    "legal_name": [
        "会社名",
        "企業名",
        "社名",
        "法人名",
        "商号",
        "商号又は名称",
        "正式名称",
        "取引先名",
        "取引先",
        "会社",
        "顧客名",
        "company",
        "companyname",
        "accountname",
        "organization",
        "organisation",
        "organizationname",
        "name",
        "名前",
    ],
    "short_name": ["略称", "通称", "略称名", "shortname", "abbreviation"],
    "name_en": [
        "英文社名",
        "英語社名",
        "英文名",
        "英語名",
        "会社名英語",
        "会社名英文",
        "englishname",
        "companynameenglish",
        "nameenglish",
        "nameen",
    ],
    "kana": [
        "フリガナ",
        "ふりがな",
        "カナ",
        "かな",
        "よみ",
        "読み",
        "よみがな",
        "読み仮名",
        "会社名カナ",
        "会社名フリガナ",
        "会社名よみ",
        "会社名ふりがな",
        "企業名カナ",
        "社名カナ",
        "kana",
        "reading",
        "companynamekana",
        "phonetic",
        "yomi",
    ],
    "corporate_number": ["法人番号", "corporatenumber", "houjinbangou", "hojinbango"],
    "sector33": ["業種", "業界", "東証33業種", "33業種", "33業種区分", "industry", "sector"],
    "size_class": ["規模", "規模区分", "企業規模", "sizeclass", "size"],
    "market_segment": [
        "市場",
        "市場区分",
        "上場市場",
        "市場商品区分",
        "market",
        "marketsegment",
        "listing",
    ],
    "prefecture": [
        "都道府県",
        "県",
        "prefecture",
        "state",
        "billingstateprovince",
        "stateregion",
        "shippingstateprovince",
        "stateprovince",
    ],
    "city": ["市区町村", "city", "billingcity", "town"],
    "address": [
        "住所",
        "所在地",
        "本社所在地",
        "本社住所",
        "会社住所",
        "番地",
        "address",
        "streetaddress",
        "billingstreet",
        "street",
        "address1",
    ],
    "postal_code": [
        "郵便番号",
        "〒",
        "zip",
        "zipcode",
        "postalcode",
        "postcode",
        "billingzippostalcode",
        "zippostalcode",
    ],
    "phone": [
        "電話番号",
        "電話",
        "代表電話",
        "代表電話番号",
        "会社電話",
        "tel",
        "phone",
        "phonenumber",
        "telephone",
        "companyphone",
    ],
    "website": [
        "url",
        "website",
        "websiteurl",
        "ホームページ",
        "hp",
        "ウェブサイト",
        "web",
        "サイト",
        "companywebsite",
        "companydomainname",
        "domain",
    ],
    "notes": ["備考", "メモ", "notes", "note", "description", "説明", "コメント", "comment"],
}

_DROP = re.compile(r"[\s()\[\]{}（）「」『』【】・･_\-‐－―/／:：.,、。'\"]+")


def header_key(header: str) -> str:
    """A header as compared: NFKC, case-folded, without spaces and punctuation."""
    return _DROP.sub("", normalize_text(header).casefold())


_BY_KEY = {header_key(alias): target for target, names in _ALIASES.items() for alias in names}


def guess_mapping(headers: Iterable[str], own: dict[str, str] | None = None) -> list[str]:
    """The target of each column ("" to ignore it). ``own`` maps the organisation's
    own fields (key → label) to targets ``own:<key>``; their labels and keys are
    recognised too. A target is taken by the first column that names it, except
    notes, which several columns may share."""
    known = dict(_BY_KEY)
    for key, label in (own or {}).items():
        known.setdefault(header_key(label), f"own:{key}")
        known.setdefault(header_key(key), f"own:{key}")
    taken: set[str] = set()
    mapping = []
    for header in headers:
        target = known.get(header_key(header), "")
        if target in taken and target != "notes":
            target = ""
        taken.add(target)
        mapping.append(target)
    return mapping


# --------------------------------------------------------------------------- the file


class FileProblem(ValueError):
    """The file as a whole cannot be read (not CSV, no header, too many rows)."""


def decode(data: bytes) -> str:
    """The text of an uploaded CSV: UTF-8 (with or without BOM), else cp932 — the
    Shift_JIS that Excel on Japanese Windows writes. UTF-16 (Excel's "Unicode
    text") is read too."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise FileProblem("excel")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp932")
    except UnicodeDecodeError as exc:
        raise FileProblem("encoding") from exc


def rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first physical line, cells) per record; a quoted field may span lines.
    Blank records are skipped. The delimiter is a comma, or a tab for TSV."""
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    # strict: a stray quote is reported (with its line) rather than swallowing the file.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line = 1
    returns = "\r" in text  # line breaks inside a cell made "\n" (most files have none)
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not "".join(cells).strip():
                continue
            if returns:
                cells = [c.replace("\r\n", "\n").replace("\r", "\n") for c in cells]
            yield start, cells
    except csv.Error as exc:
        raise FileProblem(f"csv:{line}") from exc


# --------------------------------------------------------------------------- values

_YES = {"yes", "y", "true", "1", "はい", "有", "あり", "○", "〇", "◯", "済", "✓", "✔"}
_NO = {"no", "n", "false", "0", "いいえ", "無", "なし", "×", "✕", "未"}
_BLANK = {"", "-", "ー", "―", "—"}


def parse_yes_no(text: str) -> bool | None:
    """True/False for the ways people write yes and no; None for blank.
    Raises ValueError for anything else."""
    value = normalize_text(text).casefold()
    if value in _BLANK:
        return None
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise ValueError(text)


def parse_number(text: str) -> int | None:
    """A whole number as people type it: "1,200", "１２００", "1200人", "¥3,000";
    None for blank. Raises ValueError for anything else (decimals included)."""
    value = normalize_text(text).replace(",", "").replace("¥", "").replace("￥", "")
    value = re.sub(r"(人|名|社|円|件|箇所|カ所|ヶ所|か所)$", "", value).strip()
    if not value:
        return None
    if not re.fullmatch(r"[+-]?\d{1,16}", value):
        raise ValueError(text)
    return int(value)
