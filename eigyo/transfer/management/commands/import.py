"""eigyo import companies FILE --user EMAIL [--map COLUMN=FIELD ...] [--dry-run]"""

import json
import os

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from eigyo.accounts.commands import owner_and_org
from eigyo.companies.access import can_import_companies
from eigyo.companies.own_fields import fields_of
from eigyo.transfer import importing, services
from eigyo.transfer.domain.company_columns import guess_mapping, header_key, rows


class Command(BaseCommand):
    help = (
        "Import a company list (CSV or TSV; UTF-8 or Shift_JIS) into the organisation of "
        "--user, who must be an admin or manager. Every row is checked first and resolved "
        "against the registry; rows already among the organisation's companies (or repeated "
        "in the file) are skipped as duplicates; if any row is bad, nothing is written and "
        "each bad row is reported with its line number (exit status 1)."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["companies"], help="what the file holds")
        parser.add_argument("file", help="the CSV file")
        parser.add_argument("--user", required=True, help="email of the admin or manager")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="COLUMN=FIELD",
            help="map a column (header as written) to a field, e.g. "
            "--map 取引先=legal_name or --map 工場数=own:plants; "
            "FIELD empty ignores the column",
        )
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, **opts):
        user, org = owner_and_org(opts["user"])
        if not can_import_companies(user):
            raise CommandError(f"{opts['user']} is not an admin or manager: imports are theirs")
        with translation.override(user.language or None):
            try:
                with open(opts["file"], "rb") as f:
                    text = importing.read_file(f.read(importing.MAX_BYTES + 1))
                mapping = self._mapping(org, text, opts["map"])
                checked = importing.preview(org, user, text, mapping)
            except OSError as exc:
                raise CommandError(f"cannot read {opts['file']}: {exc.strerror}") from exc
            except importing.ImportRefused as exc:
                raise CommandError(str(exc)) from exc
            self._report(checked, opts["format"])
            if checked.count("error"):
                raise CommandError(
                    f"{checked.count('error')} rows have errors: nothing was imported"
                )
            if opts["dry_run"] or not checked.can_commit:
                return
            try:
                done = services.commit_import(
                    text, mapping, by=user, filename=os.path.basename(opts["file"])
                )
            except importing.ImportRefused as exc:
                raise CommandError(str(exc)) from exc
            if opts["format"] == "table":
                self.stdout.write(f"imported {done.count('create')} companies")

    def _mapping(self, org, text, pairs):
        try:
            headers = next(rows(text), (0, []))[1]
        except ValueError as exc:
            raise CommandError(f"the file is not CSV: {exc}") from exc
        fields = fields_of(org)
        mapping = guess_mapping(headers, {f.key: f.label for f in fields})
        keys = [header_key(h) for h in headers]
        for pair in pairs:
            column, sep, target = pair.partition("=")
            if not sep or header_key(column) not in keys:
                raise CommandError(
                    f"--map {pair}: no column {column!r} in the file "
                    f"(columns: {', '.join(headers)})"
                )
            mapping[keys.index(header_key(column))] = target.strip()
        return mapping

    def _report(self, result, fmt):
        if fmt == "json":
            self.stdout.write(
                json.dumps(
                    [
                        {
                            "line": r.line,
                            "name": r.name,
                            "action": r.action,
                            "errors": r.errors,
                            "registry": r.entry.corporate_number if r.entry else "",
                            "match": r.match_status,
                            "duplicate_of": r.duplicate_of.pk if r.duplicate_of else None,
                            "duplicate_line": r.duplicate_line,
                        }
                        for r in result.rows
                    ],
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        for r in result.rows:
            if r.action == "error":
                self.stdout.write(f"line {r.line}: {r.name or '—'}: " + "; ".join(r.errors))
            elif r.action == "skip":
                what = (
                    f"already company {r.duplicate_of.pk} ({r.duplicate_of.display_name})"
                    if r.duplicate_of
                    else f"same as line {r.duplicate_line}"
                )
                self.stdout.write(f"line {r.line}: {r.name}: duplicate, skipped: {what}")
        self.stdout.write(
            f"{result.count('create')} new, {result.count('skip')} duplicates "
            f"skipped, {result.count('error')} errors"
        )
