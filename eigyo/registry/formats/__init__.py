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

import csv
import os
from collections.abc import Callable, Iterator

from eigyo.registry.formats.edinet import EDINET_COLUMNS, read_edinet_csv
from eigyo.registry.formats.jpx import JPX_COLUMNS, read_jpx
from eigyo.registry.formats.nta import NTA_COLUMNS, read_nta
from eigyo.registry.formats.reading import (
    PREFECTURES,
    Alias,
    BadRow,
    PathOrFile,
    RecordOrAliasOrBad,
    RegistryRecord,
    _detect,
    _looks_like,
    _open,
    _refuse_excel_name,
)

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
