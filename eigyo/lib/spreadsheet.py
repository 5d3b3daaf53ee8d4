"""Cells that a spreadsheet would run: neutralise them in everything eigyo writes.

Excel, LibreOffice and Google Sheets treat a cell starting with ``=``, ``+``, ``-``
or ``@`` (and a tab or carriage return before one of them) as a formula, so a name
such as ``=HYPERLINK("http://evil","click")`` typed into a form would run on the
manager's machine when the list is opened (OWASP "CSV injection"). Prefixing a
single quote makes the cell text again; the quote is visible, which is the point.
Numbers are written as numbers and never touched: a negative yen amount stays -500.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value: object) -> object:
    """The value as a spreadsheet should show it: strings that would start a formula
    get a leading apostrophe; anything that is not a string is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_row(row):
    """A row (list or dict of cells) with every cell neutralised."""
    if isinstance(row, dict):
        return {key: neutralise(cell) for key, cell in row.items()}
    return [neutralise(cell) for cell in row]
