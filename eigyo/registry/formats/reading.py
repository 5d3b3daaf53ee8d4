"""What the three readers share: the records they yield, and bytes → lines → rows
(encoding detection, zip members, overlong and broken lines). Pure: no Django."""

from __future__ import annotations

import codecs
import contextlib
import csv
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from eigyo.lib import corporate_number
from eigyo.lib.jp_text import normalize_text


@dataclass(frozen=True, slots=True)
class RegistryRecord:
    """One entity as a public list publishes it, normalised (see the module doc)."""

    corporate_number: str  # 13 digits, check digit verified, or ""
    name: str  # legal name (normalize_text); "" for JPX, which has none
    name_en: str = ""
    kana: str = ""  # reading in katakana, when the source has it
    edinet_code: str = ""
    securities_code: str = ""  # JPX ticker: "7203", "130A" (5 digits: preferred shares)
    prefecture: str = ""  # "東京都" as written, or ""
    address: str = ""
    postal_code: str = ""  # "123-4567" or ""
    industry: str = ""  # EDINET 提出者業種 / JPX 33業種区分, as published
    sector33_code: str = ""  # JPX 33業種コード as published ("3700"), "" for funds
    market: str = ""  # JPX 市場・商品区分, as published
    size_class: str = ""  # JPX 規模区分 ("TOPIX Core30")
    is_listed: bool = False
    closed: bool = False  # NTA: registration closed, merged out or deleted
    former_names: tuple[str, ...] = ()  # never filled here: see Alias
    source: str = ""  # "edinet" | "jpx" | "nta"
    line: int = 0  # 1-based physical line in the file
    short_name: str = ""  # JPX 銘柄名 (normalize_text), not a legal name
    kind: str = ""  # NTA 法人種別 code: "301" 株式会社, "101" national agency …
    warnings: tuple[str, ...] = ()  # values dropped from this row, and why


@dataclass(frozen=True, slots=True)
class Alias:
    """A former name from an NTA history row (最新履歴 = 0), merged by the caller."""

    corporate_number: str
    name: str
    line: int = 0
    name_en: str = ""
    kana: str = ""
    source: str = "nta"


@dataclass
class BadRow:
    """A row that was not read, with its 1-based physical line number."""

    line: int
    reason: str  # plain English: "invalid corporate number 5070001000716"


RecordOrBad = RegistryRecord | BadRow
RecordOrAliasOrBad = RegistryRecord | Alias | BadRow

PREFECTURES = (
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
)
_PREFECTURE_SET = frozenset(PREFECTURES)

# JPX codes: digits in positions 1 and 3, a digit or capital letter in 2 and 4 ("130A");
# preferred shares have five digits (伊藤園 優先株式 "25935").
_TICKER_RE = re.compile(r"[0-9][0-9A-Z][0-9][0-9A-Z]")
_JPX_CODE_RE = re.compile(r"[0-9][0-9A-Z][0-9][0-9A-Z]|[0-9]{5}")
_POSTAL_RE = re.compile(r"([0-9]{3})-?([0-9]{4})")

_CHUNK = 1 << 16  # bytes read at a time; the first chunk also decides the encoding
_MAX_LINE = 1 << 20  # a longer line is a BadRow, skipped without being kept
_EXCEL_MESSAGE = (
    "{name} is an Excel workbook; eigyo reads CSV only. Open it in Excel (or LibreOffice) "
    "and save it as 'CSV UTF-8' (or 'CSV'), then load the .csv file."
)

PathOrFile = str | os.PathLike[str] | IO[bytes]


# --------------------------------------------------------------------------- bytes → lines


def _name_of(path_or_file: PathOrFile) -> str:
    if isinstance(path_or_file, str | os.PathLike):
        return os.fspath(path_or_file)
    return str(getattr(path_or_file, "name", "the file"))


def _refuse_excel_name(path_or_file: PathOrFile) -> None:
    name = _name_of(path_or_file)
    if name.lower().endswith((".xls", ".xlsx", ".xlsm")):
        raise ValueError(_EXCEL_MESSAGE.format(name=name))


@contextlib.contextmanager
def _open(path_or_file: PathOrFile) -> Iterator[tuple[IO[bytes], bytes, str]]:
    """(binary stream, its first chunk already read, display name).

    A zip is opened and its one CSV member streamed (nothing is extracted).
    A file object passed in is left open; a path opened here is closed.
    """
    name = _name_of(path_or_file)
    with contextlib.ExitStack() as stack:
        if isinstance(path_or_file, str | os.PathLike):
            stream: IO[bytes] = stack.enter_context(open(path_or_file, "rb"))
        else:
            stream = path_or_file
        start = stream.tell() if stream.seekable() else 0
        head = stream.read(_CHUNK)
        if isinstance(head, str):
            raise TypeError(f"{name}: open the file in binary mode ('rb'), not text mode")
        if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # OLE2: .xls
            raise ValueError(_EXCEL_MESSAGE.format(name=name))
        if head.startswith(b"PK\x03\x04"):
            if not stream.seekable():
                raise ValueError(f"{name}: a zip must be given as a path or a seekable file")
            stream.seek(start)
            archive = stack.enter_context(zipfile.ZipFile(stream))
            member = _csv_member(archive, name)
            name = f"{name}:{member}"
            stream = stack.enter_context(archive.open(member))
            head = stream.read(_CHUNK)
        yield stream, head, name


def _csv_member(archive: zipfile.ZipFile, name: str) -> str:
    members = [n for n in archive.namelist() if n.lower().endswith(".csv") and "__MACOSX" not in n]
    if len(members) == 1:
        return members[0]
    if not members and "xl/workbook.xml" in archive.namelist():
        raise ValueError(_EXCEL_MESSAGE.format(name=name))
    if not members:
        raise ValueError(f"{name}: the zip holds no .csv file")
    raise ValueError(f"{name}: the zip holds {len(members)} .csv files; extract the one to load")


def _byte_lines(stream: IO[bytes], head: bytes) -> Iterator[bytes | None]:
    """Physical lines without their b"\\n"; None for a line longer than _MAX_LINE.

    cp932 and UTF-8 never use byte 0x0A inside a character, so splitting bytes
    on b"\\n" before decoding is safe.
    """
    pending = b""
    skipping = False  # inside an over-long line: drop bytes until its end
    chunk = head
    while chunk:
        parts = chunk.split(b"\n")
        last = parts.pop()
        if parts:
            if skipping:
                parts[0] = None  # type: ignore[call-overload]
                skipping = False
            elif pending:
                parts[0] = pending + parts[0]
                pending = b""
            yield from parts
        if not skipping:
            pending += last
            if len(pending) > _MAX_LINE:
                pending, skipping = b"", True
        chunk = stream.read(_CHUNK)
    if skipping:
        yield None
    elif pending:
        yield pending


def _codec(encoding: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise ValueError(f"unknown encoding {encoding!r}") from None
    # The Japanese Windows files are cp932, Microsoft's superset of Shift_JIS
    # (①, ㈱, NEC and IBM extensions); reading them as strict shift_jis loses rows.
    return "cp932" if name in ("shift_jis", "cp932", "ms932") else name


def _detect(head: bytes, name: str) -> str:
    """Choose "utf-8" or "cp932" from the first chunk.

    UTF-8 when it decodes with (almost) no error: a few broken sequences among
    many good ones (or the last character cut at the chunk's end) still mean
    UTF-8; cp932 Japanese text decoded as UTF-8 is nearly all errors.
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError(
            f"{name} is UTF-16 (Excel's 'Unicode text'); save it as 'CSV UTF-8' instead"
        )
    if head.isascii():
        return "utf-8"
    text = head.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    non_ascii = len(text) - len(text.encode("ascii", "ignore")) - bad
    return "utf-8" if non_ascii >= 10 * bad else "cp932"


class _OneLine:
    """Feeds a csv.reader one line at a time, so that a quote left open ends in
    csv.Error ("unexpected end of data") instead of swallowing the next lines."""

    __slots__ = ("text",)

    def __init__(self) -> None:
        self.text: str | None = None

    def __iter__(self) -> _OneLine:
        return self

    def __next__(self) -> str:
        text = self.text
        if text is None:
            raise StopIteration
        self.text = None
        return text


def _rows(path_or_file: PathOrFile, encoding: str | None) -> Iterator[tuple[int, Any]]:
    """(1-based physical line number, list of fields | BadRow); blank lines skipped."""
    feed = _OneLine()
    reader = csv.reader(feed, strict=True)  # one reader for the file: no per-line setup
    with _open(path_or_file) as (stream, head, name):
        enc = _codec(encoding) if encoding else _detect(head, name)
        number = 0
        for raw in _byte_lines(stream, head):
            number += 1
            if raw is None:
                yield number, BadRow(number, f"line longer than {_MAX_LINE} bytes")
                continue
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError as e:
                why = f"bytes that cannot be decoded as {enc} (at byte {e.start + 1})"
                yield number, BadRow(number, why)
                continue
            if number == 1 and text.startswith("\ufeff"):
                text = text[1:]
            if text.endswith("\r"):
                text = text[:-1]
            if '"' not in text:  # no quoting: a plain split is what csv would do
                if text and not text.isspace():
                    yield number, text.split(",")
                continue
            feed.text = text
            try:
                yield number, next(reader)
            except csv.Error as e:
                why = "a quote is never closed" if "end of data" in str(e) else "text after a quote"
                yield number, BadRow(number, f"malformed CSV ({why})")


# --------------------------------------------------------------------------- fields


def _clean(value: str) -> str:
    """Trimmed, and JPX's "-" (not applicable) as ""."""
    value = value.strip()
    return "" if value in ("-", "－") else value


def _check_number(raw: str) -> tuple[str, str | None]:
    """(clean corporate number or "", reason it is invalid or None)."""
    value = raw.strip()
    if not value:
        return "", None
    if len(value) == 13 and value.isascii() and value.isdigit():  # the usual case, fast
        if corporate_number.check_digit(value[1:]) == value[0]:
            return value, None
    else:
        value = corporate_number.clean(value)
        if corporate_number.is_valid(value):
            return value, None
    return value, f"invalid corporate number {value}"


def _ticker(raw: str) -> tuple[str, str | None]:
    """4-character ticker from a JPX ("7203") or EDINET ("72030") code."""
    code = normalize_text(raw).upper()
    if len(code) == 5 and code.endswith("0"):
        code = code[:4]
    if not code or _TICKER_RE.fullmatch(code):
        return code, None
    return "", f"unrecognised securities code {raw.strip()!r} dropped"


def _postal(raw: str) -> tuple[str, str | None]:
    if len(raw) == 7 and raw.isascii() and raw.isdigit():  # as NTA writes it
        return f"{raw[:3]}-{raw[3:]}", None
    value = normalize_text(raw)
    if not value:
        return "", None
    m = _POSTAL_RE.fullmatch(value)
    if m:
        return f"{m[1]}-{m[2]}", None
    return "", f"unrecognised postal code {raw.strip()!r} dropped"


def _prefecture_of(address: str) -> str:
    for size in (3, 4):  # 神奈川県, 和歌山県 and 鹿児島県 have four characters
        if address[:size] in _PREFECTURE_SET:
            return address[:size]
    return ""


def _header_index(row: list[str], wanted: tuple[str, ...], name: str, what: str) -> list[int]:
    """Index of each wanted column in a header row (names compared after NFKC)."""
    positions = {normalize_text(c): i for i, c in enumerate(row)}
    missing = [c for c in wanted if normalize_text(c) not in positions]
    if missing:
        raise ValueError(f"{name}: not {what}: the header lacks {', '.join(missing)}")
    return [positions[normalize_text(c)] for c in wanted]


def _looks_like(row: list[str]) -> str:
    """The format whose title or header line this row is, or ""."""
    joined = normalize_text(",".join(row))
    if "EDINETコード" in joined or "ダウンロード実行日" in joined:
        return "edinet"
    if "銘柄名" in joined and "コード" in joined:
        return "jpx"
    if len(row) >= 20 and len(row[1].strip()) == 13 and row[1].strip().isdigit():
        return "nta"
    return ""


_READER_OF = {"edinet": "read_edinet_csv", "jpx": "read_jpx", "nta": "read_nta"}


def _wrong_reader(name: str, found: str, expected: str) -> ValueError:
    return ValueError(
        f"{name} looks like a {found.upper()} file, not {expected.upper()}: "
        f"read it with {_READER_OF[found]}"
    )
