"""Writing a table out as a spreadsheet: CSV (UTF-8 with BOM, or Shift_JIS/cp932 for
older Excel) and .xlsx (SpreadsheetML written directly, see `write_xlsx`). Cells are plain
Python values: str, int, bool, date, datetime (already in Asia/Tokyo, naive) or None.

Every string goes through `lib.spreadsheet.neutralise`, so a cell that would start a
formula is text in both formats; numbers are written as numbers.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence

from eigyo.lib.spreadsheet import neutralise

DATE_FORMAT = "yyyy/mm/dd"
DATETIME_FORMAT = "yyyy/mm/dd hh:mm"

# Characters Shift_JIS writers and cp932 map differently (the "wave dash problem"):
# text typed on a Mac or read from a JIS source carries the left-hand code points,
# which cp932 cannot encode although it has the same character at the right-hand one.
CP932_VARIANTS = {
    "\u301c": "\uff5e",  # 〜 WAVE DASH → ～ FULLWIDTH TILDE
    "\u2016": "\u2225",  # ‖ DOUBLE VERTICAL LINE → ∥ PARALLEL TO
    "\u2212": "\uff0d",  # − MINUS SIGN → － FULLWIDTH HYPHEN-MINUS
    "\u2014": "\u2015",  # — EM DASH → ― HORIZONTAL BAR
    "\u00a2": "\uffe0",  # ¢ → ￠
    "\u00a3": "\uffe1",  # £ → ￡
    "\u00ac": "\uffe2",  # ¬ → ￢
    "\u00a0": " ",  # no-break space → space
    # Common kanji outside JIS X 0208 / cp932, written with the everyday form.
    "\U00020bb7": "吉",  # 𠮷 (tsuchi-yoshi)
}
# The geta mark is the Japanese typesetter's sign for "a character we do not have".
GETA = "\u3013"  # 〓


def _cp932_replacement(char: str) -> str:
    """What cp932 writes for a character it cannot hold: the cp932 code point of a
    JIS-mapping variant, else its NFKC compatibility form (e.g. ㉑ → 21, é stays é
    when cp932 has it, emoji have none), else the geta mark 〓."""
    for candidate in (CP932_VARIANTS.get(char), unicodedata.normalize("NFKC", char)):
        if candidate:
            try:
                candidate.encode("cp932")
            except UnicodeEncodeError:
                continue
            return candidate
    return GETA


def _cp932_errors(exc: UnicodeError):
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(_cp932_replacement(c) for c in bad), exc.end


codecs.register_error("eigyo-cp932", _cp932_errors)

ENCODINGS = {"utf-8": "utf-8-sig", "cp932": "cp932"}


def to_cp932(text: str) -> bytes:
    """The text as Shift_JIS (cp932), characters it cannot hold replaced (see above)."""
    return text.encode("cp932", errors="eigyo-cp932")


def _csv_cell(value):
    kind = type(value)
    if kind is str:
        return neutralise(value)
    if value is None:
        return ""
    if kind is bool:
        return "TRUE" if value else "FALSE"
    if kind is dt.datetime:
        return value.isoformat(" ", "minutes")
    if kind is dt.date:
        return value.isoformat()
    return neutralise(value)


def write_csv(headers: Sequence[str], rows: Iterable[Sequence], encoding: str = "utf-8") -> bytes:
    """The table as CSV bytes: UTF-8 with a BOM (Excel then reads it as UTF-8) or cp932.
    Lines end with CRLF as Excel writes them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in headers])
    writer.writerows([_csv_cell(c) for c in row] for row in rows)
    text = buffer.getvalue()
    if encoding == "cp932":
        return to_cp932(text)
    return text.encode("utf-8-sig")


def write_xlsx(
    headers: Sequence[str],
    rows: Iterable[Sequence],
    *,
    title: str = "Sheet1",
    kinds: Sequence[str] = (),
) -> bytes:
    """The table as an .xlsx workbook: a bold header row frozen at the top, strings
    inline, numbers as numbers ("yen" columns with a thousands separator), dates and
    datetimes as real Excel dates with a Japanese-style format.

    Written straight as SpreadsheetML (ECMA-376) rather than through openpyxl: its
    write-only mode costs ~17 µs a cell, 7 s for 25,000 rows of 18 columns, where the
    target is under 2 s (docs/benchmarks.md). The parts written are the minimum Excel,
    LibreOffice and openpyxl read; the tests read every file back with openpyxl."""
    style_of = {"yen": _YEN, "date": _DATE, "datetime": _DATETIME}
    styles = [style_of.get(kind, 0) for kind in kinds]
    letters = [_column_letter(i) for i in range(max(len(headers), len(kinds), 1) + 64)]
    out = io.StringIO()
    write = out.write
    write(_SHEET_HEAD)
    write("<cols>")
    for index, header in enumerate(headers, start=1):
        width = min(max(len(str(header)) * 2 + 2, 10), 40)
        write(f'<col min="{index}" max="{index}" width="{width}" customWidth="1"/>')
    write("</cols><sheetData>")
    write('<row r="1">')
    for index, header in enumerate(headers):
        text = _xml_text(str(neutralise(str(header))))
        write(f'<c r="{letters[index]}1" s="{_BOLD}" t="inlineStr"><is><t>{text}</t></is></c>')
    write("</row>")
    for number, row in enumerate(rows, start=2):
        write(f'<row r="{number}">')
        for index, value in enumerate(row):
            if value is None or value == "":
                continue
            ref = f"{letters[index]}{number}"
            if isinstance(value, str):
                text = _xml_text(neutralise(value))
                write(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>')
            elif isinstance(value, bool):
                write(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, int | float):
                style = styles[index] if index < len(styles) else 0
                write(f'<c r="{ref}" s="{style}"><v>{value}</v></c>')
            elif isinstance(value, dt.datetime):
                serial = (value - _EPOCH).total_seconds() / 86400
                write(f'<c r="{ref}" s="{_DATETIME}"><v>{serial!r}</v></c>')
            elif isinstance(value, dt.date):
                write(f'<c r="{ref}" s="{_DATE}"><v>{(value - _EPOCH.date()).days}</v></c>')
            else:
                text = _xml_text(neutralise(str(value)))
                write(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>')
        write("</row>")
    write(_SHEET_TAIL)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _workbook(title))
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", _STYLES)
        archive.writestr("xl/worksheets/sheet1.xml", out.getvalue().encode("utf-8"))
    return buffer.getvalue()


# Characters XML 1.0 cannot carry at all (control characters other than tab, LF, CR).
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    text = _ILLEGAL_XML.sub("", text)
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_EPOCH = dt.datetime(1899, 12, 30)  # Excel's day 0 (1900 date system, after its leap bug)
# Cell style indexes into styles.xml's cellXfs below.
_BOLD, _YEN, _DATE, _DATETIME = 1, 2, 3, 4
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_SHEET_HEAD = (
    f'{_XML}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
    '<sheetViews><sheetView workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    "</sheetView></sheetViews>"
)
_SHEET_TAIL = "</sheetData></worksheet>"
_CONTENT_TYPES = (
    f"{_XML}"
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    f'{_XML}<Relationships xmlns="{_PKG}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK_RELS = (
    f'{_XML}<Relationships xmlns="{_PKG}">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
_STYLES = (
    f'{_XML}<styleSheet xmlns="{_MAIN}">'
    f'<numFmts count="2"><numFmt numFmtId="164" formatCode="{DATE_FORMAT}"/>'
    f'<numFmt numFmtId="165" formatCode="{DATETIME_FORMAT}"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    # 3 is Excel's built-in "#,##0"
    '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def _workbook(title: str) -> str:
    name = _xml_text(_sheet_title(title)).replace('"', "&quot;")
    return (
        f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        f'<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )


def _sheet_title(title: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet's name."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in str(title)).strip()
    return cleaned[:31] or "Sheet1"
