"""The import pipeline, one for every kind of list.

decode (UTF-8 or Shift_JIS) → read the rows → map columns to fields (guessed from the
headers, changeable) → each row to form data → check every row with the same form as
typing it in, find duplicates → preview → commit all rows or none → record the import.

Files come as CSV or TSV (UTF-8 with or without BOM, Shift_JIS/cp932, UTF-16), as an
Excel workbook (.xlsx: the first sheet or a chosen one) or as vCard: each is read into
the same CSV text first, which is what a previewed import keeps until it is committed.

What differs between a company list, a people list, a vCard file or a card-app export
is a `Target`: its fields, how a cell becomes form data, how rows are checked and
saved. The pipeline does the rest, the same way for each."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from eigyo.core import actor, clock
from eigyo.transfer.domain import company_columns as columns
from eigyo.transfer.domain import vcard, workbook
from eigyo.transfer.models import CompanyImport

# No cap on rows: rows are checked without a form each and written in batches
# (bench/import_speed.py). The size bounds what one request holds in memory.
MAX_BYTES = 64 * 1024 * 1024


class ImportRefused(ValueError):
    """The file as a whole cannot be imported; the message is for the user."""


@dataclass
class Row:
    """One record of the file as the preview shows it."""

    line: int
    name: str
    data: dict  # form data for the target's form
    errors: list[str] = field(default_factory=list)
    duplicate_of: Any = None  # the existing record this row repeats
    duplicate_line: int | None = None  # or the earlier line it repeats
    match_status: str = ""  # the registry's answer for a name: matched | ambiguous | none
    entry: Any = None  # the registry entity it resolved to
    saved: Any = None  # once written: the record (companies, leads) or its id (people)
    form: Any = field(default=None, repr=False)  # the validated form

    merge: bool = False  # a duplicate of an existing record to be completed, not skipped

    @property
    def action(self) -> str:
        if self.errors:
            return "error"
        if self.duplicate_of is not None and self.merge:
            return "merge"
        if self.duplicate_of is not None or self.duplicate_line is not None:
            return "skip"
        return "create"

    @property
    def company(self):
        """The company written for this row (company lists)."""
        return self.saved


@dataclass
class Preview:
    headers: list[str]
    mapping: list[str]
    rows: list[Row]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def can_commit(self) -> bool:
        writes = self.count("create") + self.count("merge")
        return bool(self.rows) and not self.count("error") and bool(writes)


class Target:
    """What a list is imported into, for one organisation and user. Subclasses say
    which fields a column can fill, turn a row's cells into form data, check the rows
    (the same form as typing one in; duplicates) and save one checked row."""

    key = ""  # recorded with the import
    required = ""  # a column must be mapped to this field
    required_message = ""
    meanwhile_message = ""  # when a row clashes with a record written since the check

    def __init__(self, org, user) -> None:
        self.org, self.user = org, user

    def choices(self) -> list[tuple[str, str]]:
        """("", "(ignore)") and every field a column can be mapped to."""
        raise NotImplementedError

    def guess_mapping(self, headers: list[str]) -> list[str]:
        raise NotImplementedError

    def start(self, headers: list[str]) -> None:
        """The file's header row, before its rows are read (a target may need it)."""

    def missing(self, mapping: list[str]) -> str:
        """Why the mapping cannot import anything ("" when it can)."""
        return "" if self.required in mapping else self.required_message

    def row(self, line: int, cells: list[str], mapping: list[str]) -> Row:
        raise NotImplementedError

    def check(self, rows: list[Row]) -> None:
        """Set each row's errors and duplicates (and its validated form)."""
        raise NotImplementedError

    def save(self, row: Row):
        raise NotImplementedError

    def save_all(self, rows: list[Row]) -> None:
        """Write every checked row to be created or merged (setting row.saved); a
        target that writes in batches overrides this."""
        for row in rows:
            row.saved = self.save(row)


def read_file(data: bytes, sheet: str = "") -> str:
    """The uploaded bytes as CSV text: a CSV/TSV file decoded (UTF-8 with or without
    BOM, Shift_JIS/cp932, UTF-16), an .xlsx workbook's sheet (the first unless one is
    named), or a vCard file's cards as rows of the people template."""
    if len(data) > MAX_BYTES:
        raise ImportRefused(
            _("The file is larger than %(n)s MB; split it.") % {"n": MAX_BYTES // 2**20}
        )
    if workbook.is_old_excel(data):
        raise ImportRefused(
            _("This is an Excel 97–2003 workbook (.xls). Save it as .xlsx or CSV in Excel.")
        )
    if workbook.is_xlsx(data):
        try:
            return workbook.to_csv(data, sheet)
        except workbook.WorkbookProblem as exc:
            if str(exc).startswith("sheet:"):
                raise ImportRefused(
                    _("The workbook has no sheet named “%(sheet)s”.") % {"sheet": sheet}
                ) from exc
            raise ImportRefused(_("The Excel workbook cannot be read (is it damaged?).")) from exc
    if vcard.looks_like_vcard(data) or vcard.looks_like_vcard(_utf16_head(data)):
        try:
            cards = vcard.parse(vcard.decode(data))
        except vcard.CardError as exc:
            reason = {
                "unclosed": _("the card has no END:VCARD"),
                "outside": _("text outside a card"),
                "empty": _("no card in the file"),
            }.get(exc.code, exc.reason)
            raise ImportRefused(
                _("Line %(line)s: the vCard cannot be read (%(reason)s).")
                % {"line": exc.line, "reason": reason}
            ) from exc
        return _csv_text(vcard.table(cards))
    try:
        return columns.decode(data)
    except columns.FileProblem as exc:
        raise ImportRefused(_("The file is neither UTF-8 nor Shift_JIS text.")) from exc


def _utf16_head(data: bytes) -> bytes:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data[:4096].decode("utf-16", errors="ignore").encode()
    return b""


def _csv_text(table: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(table)
    return out.getvalue()


def _records(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        records = list(columns.rows(text))
    except columns.FileProblem as exc:
        line = str(exc).removeprefix("csv:")
        raise ImportRefused(
            _("Line %(line)s: the CSV cannot be read (an unclosed quote?).") % {"line": line}
        ) from exc
    if not records:
        raise ImportRefused(_("The file is empty."))
    (_line, headers), body = records[0], records[1:]
    return headers, body


def preview(target: Target, text: str, mapping: list[str] | None = None) -> Preview:
    """Check every row without writing anything."""
    headers, body = _records(text)
    if mapping is None:
        mapping = target.guess_mapping(headers)
    mapping = [(mapping[i] if i < len(mapping) else "") for i in range(len(headers))]
    allowed = [t for t, _label in target.choices()]
    unknown = sorted(set(mapping) - set(allowed))
    if unknown:
        raise ImportRefused(
            _("Unknown field for a column: %(unknown)s (known: %(known)s).")
            % {"unknown": ", ".join(unknown), "known": ", ".join(t for t in allowed if t)}
        )
    problem = target.missing(mapping)
    if problem:
        raise ImportRefused(problem)
    target.start(headers)
    rows = [target.row(line, cells, mapping) for line, cells in body]
    del body  # the rows hold what they need: a 100,000-row file's cells go now
    target.check(rows)
    return Preview(headers, mapping, rows)


def commit(target: Target, text: str, mapping: list[str] | None = None) -> Preview:
    """Check again and write every `create` row, or nothing if any row is bad."""
    try:
        with transaction.atomic():
            result = preview(target, text, mapping)
            if not result.can_commit:
                raise ImportRefused(
                    _("Nothing was imported: correct the rows with errors first.")
                    if result.count("error")
                    else _("There is nothing new to import.")
                )
            # Checked inside this transaction: valid, and new (or to be merged). The
            # rows are written in bulk, so the audit trail learns the importer here
            # when no request or command has said who acts.
            with actor.attributed_to(target.user):
                target.save_all([r for r in result.rows if r.action in ("create", "merge")])
    except IntegrityError as exc:  # a record added meanwhile by someone else
        raise ImportRefused(target.meanwhile_message) from exc
    return result


@transaction.atomic
def commit_recorded(
    target: Target,
    text: str,
    mapping: list[str] | None = None,
    *,
    filename: str = "",
    batch: CompanyImport | None = None,
) -> Preview:
    """commit(), and the record of the import (a previewed batch, or a new one) in
    the same transaction: a record says "imported" only if the rows are there."""
    result = commit(target, text, mapping)
    batch = batch or CompanyImport(
        org=target.org, created_by=target.user, filename=filename[:200], content=text
    )
    batch.target = target.key
    batch.mapping, batch.status = result.mapping, CompanyImport.Status.DONE
    batch.created, batch.skipped = result.count("create"), result.count("skip")
    batch.merged = result.count("merge")
    batch.imported_at = clock.now()
    batch.save()
    return result
