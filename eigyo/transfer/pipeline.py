"""The import pipeline, one for every kind of list.

decode (UTF-8 or Shift_JIS) → read the rows → map columns to fields (guessed from the
headers, changeable) → each row to form data → check every row with the same form as
typing it in, find duplicates → preview → commit all rows or none → record the import.

What differs between a company list, a people list, a vCard file or a card-app export
is a `Target`: its fields, how a cell becomes form data, how rows are checked and
saved. The pipeline does the rest, the same way for each."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from eigyo.core import clock
from eigyo.transfer.domain import company_columns as columns
from eigyo.transfer.models import CompanyImport

MAX_ROWS = 10_000
MAX_BYTES = 10 * 1024 * 1024


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
    saved: Any = None  # once written
    form: Any = field(default=None, repr=False)  # the validated form

    @property
    def action(self) -> str:
        if self.errors:
            return "error"
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
        return bool(self.rows) and not self.count("error") and bool(self.count("create"))


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

    def row(self, line: int, cells: list[str], mapping: list[str]) -> Row:
        raise NotImplementedError

    def check(self, rows: list[Row]) -> None:
        """Set each row's errors and duplicates (and its validated form)."""
        raise NotImplementedError

    def save(self, row: Row):
        raise NotImplementedError


def read_file(data: bytes) -> str:
    """The uploaded bytes as text (UTF-8 with or without BOM, or Shift_JIS/cp932)."""
    if len(data) > MAX_BYTES:
        raise ImportRefused(_("The file is larger than 10 MB; split it."))
    try:
        return columns.decode(data)
    except columns.FileProblem as exc:
        if str(exc) == "excel":
            raise ImportRefused(
                _(
                    "This is an Excel workbook. Save it as CSV (UTF-8) in Excel "
                    "and upload the .csv file."
                )
            ) from exc
        raise ImportRefused(_("The file is neither UTF-8 nor Shift_JIS text.")) from exc


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
    if len(records) - 1 > MAX_ROWS:
        raise ImportRefused(
            _("At most %(n)s rows at a time; split the file.") % {"n": f"{MAX_ROWS:,}"}
        )
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
    if target.required not in mapping:
        raise ImportRefused(target.required_message)
    rows = [target.row(line, cells, mapping) for line, cells in body]
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
            for row in result.rows:
                if row.action == "create":  # checked inside this transaction: valid and new
                    row.saved = target.save(row)
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
    batch.imported_at = clock.now()
    batch.save()
    return result
