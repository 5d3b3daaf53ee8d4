"""Streaming readers for the public Japanese company lists a user downloads.

Three official files, read as published (no conversion step for the user):

* ``read_edinet_csv`` — the EDINET code list ``EdinetcodeDlInfo.csv`` (金融庁;
  cp932, a title line, then the header line). ``Edinetcode.zip`` is accepted as is.
* ``read_jpx`` — the JPX listed-issues list ``data_j`` saved as CSV (UTF-8 or
  cp932). The ``.xls`` itself is refused with a ValueError: we add no Excel
  dependency, the user saves it as CSV.
* ``read_nta`` — the National Tax Agency corporate-number file (全件 or 差分;
  no header, 30 columns; Unicode or Shift_JIS edition), or its ``.zip``.

``sniff(path)`` tells which of the three a file is; ``READERS`` maps the answer
to its reader.

Every reader is a generator that holds one line at a time (constant memory,
whatever the file size) and yields, per physical line:

* a :class:`RegistryRecord` — one normalised entity;
* an :class:`Alias` — NTA history rows (最新履歴 = 0) carry a *former* name; they
  are yielded apart and the caller merges them by corporate number
  (``RegistryRecord.former_names`` is never filled here). A history row may
  repeat the current name (an address change): the caller drops duplicates;
* a :class:`BadRow` — a row that cannot be used, with its 1-based physical line
  number and the reason in plain English. The stream goes on after it.

Only problems with the file as a whole raise ``ValueError`` (an Excel workbook,
a UTF-16 file, a zip without exactly one CSV, a missing header column, the
wrong reader for the file); they are raised when iteration starts, except the
``.xls``/``.xlsx`` file name, which is refused at call time.

Conventions:

* Legal names, English names, readings and addresses go through
  ``normalize_text`` (NFKC: ``ＺＯＺＯ`` → ``ZOZO``, U+3000 → space). Labels and
  codes (industry, market, size class, sector code) are kept as published,
  only trimmed; ``-`` (JPX "not applicable") becomes "".
* ``securities_code`` is the 4-character ticker as JPX writes it (``"7203"``,
  ``"130A"``); EDINET's 5-character form (``"72030"``) loses its trailing "0".
  JPX lists preferred shares under 5-digit codes (``"25935"`` 伊藤園 優先株式):
  those are kept whole, so they never collide with the common stock.
* ``name`` is always a legal name or "". JPX publishes no legal name, only a
  short name (銘柄名, e.g. ``ＺＯＺＯ``), which goes to ``short_name``; JPX records
  have ``name == ""`` so that a merge never puts a short name over a legal one.
* Every JPX row is yielded, funds and ETFs included: they have
  ``sector33_code == ""`` (JPX writes ``-``) and the caller skips them.
* ``sector33_code`` is JPX's code as published (``"3700"``; fishery is ``"50"``);
  EDINET publishes only the label (``industry``).
* Corporate numbers are checked (the FIRST digit is the check digit); an
  invalid one makes the row a BadRow. An empty one is allowed in EDINET
  (foreign filers, funds), not in NTA. A value of secondary importance that
  cannot be read (a securities or postal code) is dropped and named in the
  record's ``warnings``; the row still loads.
* One physical line is one row (none of the three formats puts line breaks
  inside a field); a line with unbalanced quotes is a BadRow, and so is a line
  longer than 1 MiB (it is skipped without being held in memory).
* Encoding: a UTF-8 BOM is dropped. Without an explicit ``encoding`` the first
  64 KiB decide between UTF-8 and cp932 (Microsoft's Shift_JIS, which the
  Japanese Windows files actually use; "shift_jis" given explicitly is read as
  cp932 too). A line that does not decode is a BadRow; the others still load.

Pure module: stdlib and eigyo.lib only, no Django.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from eigyo.lib import corporate_number
from eigyo.lib.jp_text import normalize_text

__all__ = [
    "EDINET_COLUMNS",
    "JPX_COLUMNS",
    "NTA_COLUMNS",
    "PREFECTURES",
    "READERS",
    "Alias",
    "BadRow",
    "RegistryRecord",
    "read_edinet_csv",
    "read_jpx",
    "read_nta",
    "sniff",
]


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

# --------------------------------------------------------------------------- columns

EDINET_COLUMNS = (
    "ＥＤＩＮＥＴコード", "提出者種別", "上場区分", "連結の有無", "資本金", "決算日",
    "提出者名", "提出者名（英字）", "提出者名（ヨミ）", "所在地", "提出者業種", "証券コード",
    "提出者法人番号",
)  # fmt: skip

JPX_COLUMNS = (
    "日付", "コード", "銘柄名", "市場・商品区分", "33業種コード", "33業種区分",
    "17業種コード", "17業種区分", "規模コード", "規模区分",
)  # fmt: skip

# In file order: NTA_COLUMNS[i] is column i + 1 of the 法人番号 CSV.
NTA_COLUMNS = (
    "一連番号", "法人番号", "処理区分", "訂正区分", "更新年月日", "変更年月日", "商号又は名称",
    "商号又は名称イメージID", "法人種別", "国内所在地（都道府県）", "国内所在地（市区町村）",
    "国内所在地（丁目番地等）", "国内所在地イメージID", "都道府県コード", "市区町村コード",
    "郵便番号", "国外所在地", "国外所在地イメージID", "登記記録の閉鎖等年月日",
    "登記記録の閉鎖等の事由", "承継先法人番号", "変更事由の詳細", "法人番号指定年月日", "最新履歴",
    "商号又は名称（英語表記）", "国内所在地（都道府県）（英語表記）",
    "国内所在地（市区町村丁目番地等）（英語表記）", "国外所在地（英語表記）", "フリガナ",
    "検索対象除外",
)  # fmt: skip
_N = {name: i for i, name in enumerate(NTA_COLUMNS)}  # 0-based index by column name
_NTA_NUMBER = _N["法人番号"]
_NTA_PROCESS = _N["処理区分"]
_NTA_NAME = _N["商号又は名称"]
_NTA_KIND = _N["法人種別"]
_NTA_PREF = _N["国内所在地（都道府県）"]
_NTA_CITY = _N["国内所在地（市区町村）"]
_NTA_STREET = _N["国内所在地（丁目番地等）"]
_NTA_POSTAL = _N["郵便番号"]
_NTA_ABROAD = _N["国外所在地"]
_NTA_CLOSED_ON = _N["登記記録の閉鎖等年月日"]
_NTA_LATEST = _N["最新履歴"]
_NTA_NAME_EN = _N["商号又は名称（英語表記）"]
_NTA_KANA = _N["フリガナ"]

# 処理区分 that end a registration: 21 closure, 71 merged out, 81 and 99 deletion.
_NTA_CLOSING = frozenset({"21", "71", "81", "99"})
# 22 reopening and 72 merger cancelled: a closure date left on the row does not count.
_NTA_REOPENING = frozenset({"22", "72"})

PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県",
    "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県",
    "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府",
    "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県",
    "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県",
    "鹿児島県", "沖縄県",
)  # fmt: skip
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


# --------------------------------------------------------------------------- EDINET


def read_edinet_csv(path_or_file: PathOrFile, encoding: str | None = None) -> Iterator[RecordOrBad]:
    """Records from the EDINET code list (EdinetcodeDlInfo.csv or Edinetcode.zip).

    is_listed is 上場区分 == "上場"; kana from 提出者名（ヨミ）; prefecture from the
    start of 所在地; securities_code as the 4-character ticker. The header may
    be the first line (title line removed) or the second (as published).
    """
    _refuse_excel_name(path_or_file)
    return _read_edinet(path_or_file, encoding)


def _read_edinet(path_or_file: PathOrFile, encoding: str | None) -> Iterator[RecordOrBad]:
    name = _name_of(path_or_file)
    index: list[int] | None = None
    width = seen = 0
    for number, row in _rows(path_or_file, encoding):
        if isinstance(row, BadRow):
            yield row
            continue
        if index is None:  # the title line, then the header line
            seen += 1
            if normalize_text(row[0]) == "EDINETコード":
                index = _header_index(row, EDINET_COLUMNS, name, "an EDINET code list")
                width = len(row)
                continue
            found = _looks_like(row)
            if found in ("jpx", "nta"):
                raise _wrong_reader(name, found, "edinet")
            if seen >= 2:
                raise ValueError(f"{name}: not an EDINET code list (no ＥＤＩＮＥＴコード header)")
            continue
        if len(row) != width:
            yield BadRow(number, f"expected {width} columns, found {len(row)}")
            continue
        code, _kind, listed, _cons, _cap, _fy, filer, filer_en, yomi, address, industry, sec, cn = (
            row[i] for i in index
        )
        edinet_code = normalize_text(code).upper()
        legal_name = normalize_text(filer)
        number_, invalid = _check_number(cn)
        if invalid:
            yield BadRow(number, invalid)
            continue
        if not edinet_code or not legal_name:
            yield BadRow(number, "no EDINET code or no filer name")
            continue
        ticker, warning = _ticker(sec)
        address = normalize_text(address)
        yield RegistryRecord(
            corporate_number=number_,
            name=legal_name,
            name_en=normalize_text(filer_en),
            kana=normalize_text(yomi),
            edinet_code=edinet_code,
            securities_code=ticker,
            prefecture=_prefecture_of(address),
            address=address,
            industry=_clean(industry),
            is_listed=listed.strip() == "上場",
            source="edinet",
            line=number,
            warnings=(warning,) if warning else (),
        )
    if index is None:
        raise ValueError(f"{name}: not an EDINET code list (no ＥＤＩＮＥＴコード header)")


# --------------------------------------------------------------------------- JPX

_JPX_USED = ("コード", "銘柄名", "市場・商品区分", "33業種コード", "33業種区分", "規模区分")


def read_jpx(path_or_file: PathOrFile, encoding: str | None = None) -> Iterator[RecordOrBad]:
    """Records from the JPX listed-issues list (data_j) saved as CSV.

    Columns are found by their header names, so an added index column does not
    matter. Records have short_name (銘柄名) and name == "", is_listed True;
    funds and ETFs have sector33_code == "" (see the module doc).
    Raises ValueError at once for a .xls/.xlsx name: save the workbook as CSV.
    """
    _refuse_excel_name(path_or_file)
    return _read_jpx(path_or_file, encoding)


def _read_jpx(path_or_file: PathOrFile, encoding: str | None) -> Iterator[RecordOrBad]:
    name = _name_of(path_or_file)
    index: list[int] | None = None
    width = 0
    for number, row in _rows(path_or_file, encoding):
        if isinstance(row, BadRow):
            yield row
            continue
        if index is None:
            found = _looks_like(row)
            if found not in ("jpx", ""):
                raise _wrong_reader(name, found, "jpx")
            index, width = _header_index(row, _JPX_USED, name, "a JPX listed-issues list"), len(row)
            continue
        if len(row) != width:
            yield BadRow(number, f"expected {width} columns, found {len(row)}")
            continue
        code, short, market, sector_code, sector, size = (row[i] for i in index)
        ticker = normalize_text(code).upper()
        if not _JPX_CODE_RE.fullmatch(ticker):
            yield BadRow(number, f"invalid securities code {code.strip()!r}")
            continue
        yield RegistryRecord(
            corporate_number="",
            name="",
            short_name=normalize_text(short),
            securities_code=ticker,
            industry=_clean(sector),
            sector33_code=_clean(sector_code),
            market=_clean(market),
            size_class=_clean(size),
            is_listed=True,
            source="jpx",
            line=number,
        )
    if index is None:
        raise ValueError(f"{name}: empty file, not a JPX listed-issues list")


# --------------------------------------------------------------------------- NTA


def read_nta(path_or_file: PathOrFile, encoding: str | None = None) -> Iterator[RecordOrAliasOrBad]:
    """Records from a 法人番号 full (全件) or differential (差分) CSV, or its .zip.

    Latest rows (最新履歴 = 1) give a RegistryRecord: address = 都道府県 +
    市区町村 + 丁目番地等 (国外所在地 when there is no domestic one), postal code
    as "100-0005", kind = 法人種別, closed for 処理区分 21/71/81/99 or a closure
    date. History rows (最新履歴 = 0) give an Alias with the former name.
    ``encoding`` overrides the detection ("utf-8", "cp932", "shift_jis").
    """
    _refuse_excel_name(path_or_file)
    return _read_nta(path_or_file, encoding)


def _read_nta(path_or_file: PathOrFile, encoding: str | None) -> Iterator[RecordOrAliasOrBad]:
    name = _name_of(path_or_file)
    width = len(NTA_COLUMNS)
    first = True
    for number, row in _rows(path_or_file, encoding):
        if isinstance(row, BadRow):
            yield row
            continue
        if first:
            first = False
            found = _looks_like(row)
            if found in ("edinet", "jpx"):
                raise _wrong_reader(name, found, "nta")
        if len(row) != width:
            yield BadRow(number, f"expected {width} columns, found {len(row)}")
            continue
        number_, invalid = _check_number(row[_NTA_NUMBER])
        if invalid or not number_:
            yield BadRow(number, invalid or "no corporate number")
            continue
        legal_name = normalize_text(row[_NTA_NAME])
        if not legal_name:
            yield BadRow(number, f"no name for corporate number {number_}")
            continue
        latest = row[_NTA_LATEST].strip()
        if latest == "0":
            yield Alias(
                corporate_number=number_,
                name=legal_name,
                line=number,
                name_en=normalize_text(row[_NTA_NAME_EN]),
                kana=normalize_text(row[_NTA_KANA]),
            )
            continue
        if latest != "1":
            yield BadRow(number, f"最新履歴 is {latest!r}, expected 1 (latest) or 0 (history)")
            continue
        prefecture = row[_NTA_PREF].strip()
        address = normalize_text(row[_NTA_PREF] + row[_NTA_CITY] + row[_NTA_STREET])
        postal, warning = _postal(row[_NTA_POSTAL])
        process = row[_NTA_PROCESS].strip()
        closed = process in _NTA_CLOSING or (
            bool(row[_NTA_CLOSED_ON].strip()) and process not in _NTA_REOPENING
        )
        yield RegistryRecord(
            corporate_number=number_,
            name=legal_name,
            name_en=normalize_text(row[_NTA_NAME_EN]),
            kana=normalize_text(row[_NTA_KANA]),
            prefecture=prefecture,
            address=address or normalize_text(row[_NTA_ABROAD]),
            postal_code=postal,
            closed=closed,
            kind=row[_NTA_KIND].strip(),
            source="nta",
            line=number,
            warnings=(warning,) if warning else (),
        )


# --------------------------------------------------------------------------- sniff


def sniff(path: PathOrFile) -> str:
    """Which reader fits the file: "edinet", "jpx" or "nta", from its first lines.

    A zip is looked into (its one CSV).

    Raises ValueError with what was expected when the file is none of them
    (and for an Excel workbook, with how to save it as CSV). A file object is
    put back where it was.
    """
    _refuse_excel_name(path)
    position = None
    if not isinstance(path, str | os.PathLike) and path.seekable():
        position = path.tell()
    try:
        with _open(path) as (_stream, head, name):
            enc = _detect(head, name)
    finally:
        if position is not None:
            path.seek(position)  # type: ignore[union-attr]
    lines = head.decode(enc, errors="replace").removeprefix("\ufeff").splitlines()
    rows = []
    for text in lines[:3]:
        if text.strip():
            try:
                rows.append(next(csv.reader((text,))))
            except (csv.Error, StopIteration):
                rows.append([text])
    for row in rows[:2]:
        found = _looks_like(row)
        if found:
            return found
    raise ValueError(
        f"{name}: not a file eigyo can read. Expected the EDINET code list "
        "(EdinetcodeDlInfo.csv), the JPX listed-issues list (data_j saved as CSV) or an NTA "
        "corporate-number CSV (全件/差分)."
    )


READERS: dict[str, Callable[..., Iterator[RecordOrAliasOrBad]]] = {
    "edinet": read_edinet_csv,
    "jpx": read_jpx,
    "nta": read_nta,
}
