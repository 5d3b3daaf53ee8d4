"""An Excel workbook (.xlsx) as the CSV text every import reads (pure; openpyxl reads
it in read-only mode, streaming the rows rather than building the whole sheet)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import openpyxl


class WorkbookProblem(ValueError):
    """The workbook cannot be read, or has no such sheet; the message names it."""


def is_xlsx(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def is_old_excel(data: bytes) -> bool:
    """The .xls format of Excel 97–2003 (an OLE file), which openpyxl does not read."""
    return data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _open(data: bytes):
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise WorkbookProblem("unreadable") from exc


def sheet_names(data: bytes) -> list[str]:
    book = _open(data)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel keeps every number as a float: 1200.0 is 1200
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def to_csv(data: bytes, sheet: str = "") -> str:
    """The chosen sheet (the first when none is named) as CSV text."""
    book = _open(data)
    try:
        if sheet and sheet not in book.sheetnames:
            raise WorkbookProblem(f"sheet:{sheet}")
        ws = book[sheet] if sheet else book.worksheets[0]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for values in ws.iter_rows(values_only=True):
            cells = [_cell(v) for v in values]
            while cells and not cells[-1]:
                cells.pop()
            writer.writerow(cells)
        return out.getvalue()
    except WorkbookProblem:
        raise
    except Exception as exc:  # a damaged sheet inside a valid zip: the user's file, not a 500
        raise WorkbookProblem("unreadable") from exc
    finally:
        book.close()
