"""The National Tax Agency corporate-number file (法人番号 全件/差分)."""

from __future__ import annotations

from collections.abc import Iterator

from eigyo.lib.jp_text import normalize_text
from eigyo.registry.formats.reading import (
    Alias,
    BadRow,
    PathOrFile,
    RecordOrAliasOrBad,
    RegistryRecord,
    _check_number,
    _looks_like,
    _name_of,
    _postal,
    _refuse_excel_name,
    _rows,
    _wrong_reader,
)

# In file order: NTA_COLUMNS[i] is column i + 1 of the 法人番号 CSV.
NTA_COLUMNS = (
    "一連番号",
    "法人番号",
    "処理区分",
    "訂正区分",
    "更新年月日",
    "変更年月日",
    "商号又は名称",
    "商号又は名称イメージID",
    "法人種別",
    "国内所在地（都道府県）",
    "国内所在地（市区町村）",
    "国内所在地（丁目番地等）",
    "国内所在地イメージID",
    "都道府県コード",
    "市区町村コード",
    "郵便番号",
    "国外所在地",
    "国外所在地イメージID",
    "登記記録の閉鎖等年月日",
    "登記記録の閉鎖等の事由",
    "承継先法人番号",
    "変更事由の詳細",
    "法人番号指定年月日",
    "最新履歴",
    "商号又は名称（英語表記）",
    "国内所在地（都道府県）（英語表記）",
    "国内所在地（市区町村丁目番地等）（英語表記）",
    "国外所在地（英語表記）",
    "フリガナ",
    "検索対象除外",
)
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
