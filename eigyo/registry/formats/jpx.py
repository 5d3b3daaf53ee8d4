"""The JPX listed-issues list (data_j saved as CSV)."""

from __future__ import annotations

from collections.abc import Iterator

from eigyo.lib.jp_text import normalize_text
from eigyo.registry.formats.reading import (
    _JPX_CODE_RE,
    BadRow,
    PathOrFile,
    RecordOrBad,
    RegistryRecord,
    _clean,
    _header_index,
    _looks_like,
    _name_of,
    _refuse_excel_name,
    _rows,
    _wrong_reader,
)

JPX_COLUMNS = (
    "日付",
    "コード",
    "銘柄名",
    "市場・商品区分",
    "33業種コード",
    "33業種区分",
    "17業種コード",
    "17業種区分",
    "規模コード",
    "規模区分",
)


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
