"""An Excel workbook (.xlsx) as the CSV text every import reads (pure; openpyxl reads
it in read-only mode, streaming the rows rather than building the whole sheet)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
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


def _cell(value, number_format: str = "General") -> str:
    if value is None:
        return ""
    if type(value) is int or (type(value) is float and value.is_integer() and value >= 0):
        shown = _padded(int(value), number_format)
        if shown:
            return shown
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
        for row in ws.iter_rows():
            cells = [_cell(c.value, getattr(c, "number_format", "General")) for c in row]
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


_CONDITION = re.compile(r"^\[(<=|>=|<|>|=)(\d+)\]")
_OPERATORS = {
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
    "=": lambda a, b: a == b,
}


def _padded(number: int, number_format: str) -> str:
    """A whole number as Excel shows it under a format made of digit places and
    literals: Japanese lists keep phone numbers and postal codes as numbers shown with
    their leading zero (「0##-####-####」, 「000-0000」, Excel's 郵便番号 format with its
    [<=999] sections); without the zero 0312345678 would be 312345678. "" for any
    other format."""
    if number < 0 or "0" not in number_format:
        return ""
    for section in number_format.split(";"):
        found = _CONDITION.match(section)
        if found and not _OPERATORS[found[1]](number, int(found[2])):
            continue
        section = _CONDITION.sub("", section).replace('"', "").replace("\\", "")
        if not re.fullmatch(r"[0#\-\s()]+", section):
            return ""
        return _fill(str(number), section)
    return ""


def _fill(digits: str, section: str) -> str:
    places = [i for i, char in enumerate(section) if char in "0#"]
    if len(digits) >= len(places):  # the extra digits stand before the first place
        digits_at = dict(zip(places, digits[len(digits) - len(places) :], strict=True))
        head = digits[: len(digits) - len(places)]
    else:
        digits_at = dict(zip(places[len(places) - len(digits) :], digits, strict=True))
        head = ""
    out = [head]
    for i, char in enumerate(section):
        if i in digits_at:
            out.append(digits_at[i])
        elif char == "0":
            out.append("0")
        elif char != "#":
            out.append(char)
    return "".join(out).strip()
