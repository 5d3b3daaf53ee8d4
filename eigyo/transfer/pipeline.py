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
import datetime as dt
import hashlib
import io
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _

from eigyo.core import actor, clock
from eigyo.transfer.domain import company_columns as columns
from eigyo.transfer.domain import vcard, workbook
from eigyo.transfer.models import CompanyImport, ImportCheck

# No cap on rows: rows are checked without a form each and written in batches
# (bench/import_speed.py). The size bounds what one request holds in memory.
MAX_BYTES = 64 * 1024 * 1024


class ImportRefused(ValueError):
    """The file as a whole cannot be imported; the message is for the user."""


class RowsRefused(ImportRefused):
    """Rows of the file are bad: nothing is imported; `checked` has every row's errors."""

    def __init__(self, message: str, checked: Preview) -> None:
        super().__init__(message)
        self.checked = checked


@dataclass(slots=True)
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
    kept: Any = None  # the checked values, as a kept preview restores them (see `keep`)

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
    # The checked outcome, compact, for the import to start from (see `keep`).
    kept: bytes | None = None
    rechecked: bool = True  # False: the import started from the kept outcome

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

    # A target that can start its import from the preview's outcome (instead of
    # checking every row again) implements these four; see `keep` and `commit`.

    def identity(self) -> list:
        """What besides the file and the mapping the outcome depends on."""
        return [self.key, self.org.pk, getattr(self.user, "pk", None)]

    def marks(self) -> dict | None:
        """Where the organisation's records stand before the check (highest id and
        count of each table the check reads), to find what changed since. None: the
        target keeps nothing."""
        return None

    def kept_rows(self, preview: Preview):
        """(what the import needs besides the rows: JSON, each row as a `line`)."""
        raise NotImplementedError

    def restore(self, extra, items, since: dt.datetime, marks: dict) -> list[Row] | None:
        """The rows to import from the kept outcome (`items`: the rows' lines, as bytes),
        checked again only against what
        the organisation added or changed since `since`; None when something changed
        that only checking every row again can answer (the import then does)."""
        raise NotImplementedError


def mark(queryset) -> list[int]:
    """[highest id, count] of a table's rows (of the organisation), before a check."""
    got = queryset.aggregate(high=Max("pk"), n=Count("pk"))
    return [got["high"] or 0, got["n"]]


def none_deleted(queryset, mark: list[int]) -> bool:
    """No row that was there at `mark` has gone since (ids only grow)."""
    return queryset.filter(pk__lte=mark[0]).count() == mark[1]


def changed_since(queryset, since: dt.datetime, mark: list[int]):
    """The rows added since `mark` or changed since `since`."""
    return queryset.filter(Q(pk__gt=mark[0]) | Q(updated_at__gt=since))


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


def _records(text: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header row, and the records after it one at a time: a 100,000-row file's
    cells are never all in memory at once (they were a third of an import's peak)."""
    records = _readable(columns.rows(text))
    first = next(records, None)
    if first is None:
        raise ImportRefused(_("The file is empty."))
    return first[1], records


def _readable(records: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    try:
        yield from records
    except columns.FileProblem as exc:
        line = str(exc).removeprefix("csv:")
        raise ImportRefused(
            _("Line %(line)s: the CSV cannot be read (an unclosed quote?).") % {"line": line}
        ) from exc


def _full_mapping(headers: list[str], mapping: list[str]) -> list[str]:
    return [(mapping[i] if i < len(mapping) else "") for i in range(len(headers))]


def preview(
    target: Target, text: str, mapping: list[str] | None = None, *, keep: bool = False
) -> Preview:
    """Check every row without writing anything; with `keep`, the outcome is also
    packed (Preview.kept) for the import to start from."""
    headers, body = _records(text)
    if mapping is None:
        mapping = target.guess_mapping(headers)
    mapping = _full_mapping(headers, mapping)
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
    since, marks = clock.now(), (target.marks() if keep else None)
    target.check(rows)
    result = Preview(headers, mapping, rows)
    if marks is not None and not result.count("error"):
        result.kept = _pack(target, text, result, since, marks)
    return result


# The kept outcome of a preview: a header line (what it was checked against) and one
# JSON line per row, zlib-compressed — about 100 bytes a row. It is only ever read
# back by `commit`, which checks the fingerprint (file, mapping, target, user) first.
KEPT_VERSION = 1


_LINE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # made once, not per row


def line(value) -> str:
    """A value as one line of a kept outcome (JSON: strings escape their line breaks
    and tabs, so a line is one row)."""
    return _LINE.encode(value)


def _fingerprint(target: Target, text: str, mapping: list[str]) -> str:
    digest = hashlib.sha256(json.dumps([target.identity(), mapping]).encode())
    for start in range(0, len(text), 1 << 20):  # not the whole file encoded at once
        digest.update(text[start : start + (1 << 20)].encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _pack(target: Target, text: str, result: Preview, since: dt.datetime, marks) -> bytes | None:
    try:
        extra, items = target.kept_rows(result)
        packer = zlib.compressobj(1)
        head = {
            "v": KEPT_VERSION,
            "fingerprint": _fingerprint(target, text, result.mapping),
            "headers": result.headers,
            "since": since.isoformat(),
            "marks": marks,
            "extra": extra,
        }
        out = [packer.compress(json.dumps(head, ensure_ascii=False).encode() + b"\n")]
        lines: list[str] = []
        for item in items:
            lines.append(item)
            if len(lines) >= 2000:
                out.append(packer.compress(("\n".join(lines) + "\n").encode()))
                lines = []
        out.append(packer.compress(("\n".join(lines) + "\n").encode() if lines else b""))
        out.append(packer.flush())
    except (TypeError, ValueError):  # a value JSON cannot hold: the import checks again
        return None
    return b"".join(out)


def _unpacked(kept: bytes) -> Iterator[bytes]:
    """The kept outcome's lines, decompressed a piece at a time."""
    unpacker, rest = zlib.decompressobj(), b""
    for start in range(0, len(kept), 1 << 16):
        *lines, rest = (rest + unpacker.decompress(kept[start : start + (1 << 16)])).split(b"\n")
        yield from lines
    yield from (rest + unpacker.flush()).split(b"\n")


def _restore(target: Target, text: str, mapping: list[str] | None, kept: bytes) -> Preview | None:
    """The preview's outcome, if it is this file's with this mapping for this target,
    brought up to date with what changed since; None to check every row again."""
    lines = _unpacked(kept)
    try:
        head = json.loads(next(lines))
    except (zlib.error, StopIteration, ValueError):
        return None
    if head.get("v") != KEPT_VERSION:
        return None
    headers = head["headers"]
    mapping = _full_mapping(headers, target.guess_mapping(headers) if mapping is None else mapping)
    if head["fingerprint"] != _fingerprint(target, text, mapping):
        return None
    target.start(headers)
    items = (line for line in lines if line)
    since = dt.datetime.fromisoformat(head["since"])
    rows = target.restore(head["extra"], items, since, head["marks"])
    if rows is None:
        return None
    return Preview(headers, mapping, rows, rechecked=False)


def commit(
    target: Target, text: str, mapping: list[str] | None = None, *, kept: bytes | None = None
) -> Preview:
    """Write every `create` (and `merge`) row, or nothing if any row is bad: from the
    preview's `kept` outcome when it is this file's, checked again only against what
    was added or changed since; else every row checked again, inside the transaction."""
    try:
        with transaction.atomic():
            result = _restore(target, text, mapping, kept) if kept else None
            if result is None:
                result = preview(target, text, mapping)
            if result.count("error"):
                raise RowsRefused(
                    _("Nothing was imported: correct the rows with errors first."), result
                )
            if not result.can_commit:
                raise ImportRefused(_("There is nothing new to import."))
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
    the same transaction: a record says "imported" only if the rows are there. A
    previewed batch's kept outcome is used, then dropped."""
    kept = None
    if batch is not None and batch.pk:
        check = ImportCheck.objects.filter(batch=batch).first()
        kept = bytes(check.outcome) if check is not None else None
    result = commit(target, text, mapping, kept=kept)
    if kept is not None:
        ImportCheck.objects.filter(batch=batch).delete()
    fresh = batch is None or batch.pk is None
    batch = batch or CompanyImport(
        org=target.org, created_by=target.user, filename=filename[:200], content=text
    )
    batch.target = target.key
    batch.mapping, batch.status = result.mapping, CompanyImport.Status.DONE
    batch.created, batch.skipped = result.count("create"), result.count("skip")
    batch.merged = result.count("merge")
    batch.imported_at = clock.now()
    # A previewed list's content is already saved (writing a 100,000-row file again
    # would cost its size in memory once more).
    batch.save(update_fields=None if fresh else _RECORDED)
    return result


_RECORDED = [
    "target",
    "mapping",
    "status",
    "created",
    "skipped",
    "merged",
    "imported_at",
    "options",
    "updated_at",
]
