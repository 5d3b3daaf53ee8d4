"""The EDINET code list (EdinetcodeDlInfo.csv, 金融庁)."""

from __future__ import annotations

from collections.abc import Iterator

from eigyo.lib.jp_text import normalize_text
from eigyo.registry.formats.reading import (
    BadRow,
    PathOrFile,
    RecordOrBad,
    RegistryRecord,
    _check_number,
    _clean,
    _header_index,
    _looks_like,
    _name_of,
    _prefecture_of,
    _refuse_excel_name,
    _rows,
    _ticker,
    _wrong_reader,
)

EDINET_COLUMNS = (
    "ＥＤＩＮＥＴコード",
    "提出者種別",
    "上場区分",
    "連結の有無",
    "資本金",
    "決算日",
    "提出者名",
    "提出者名（英字）",
    "提出者名（ヨミ）",
    "所在地",
    "提出者業種",
    "証券コード",
    "提出者法人番号",
)


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
