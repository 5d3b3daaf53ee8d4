"""eigyo import companies|people FILE --user EMAIL [--map COLUMN=FIELD ...] [--sheet NAME]
[--on-duplicate skip|merge] [--dry-run]"""

import json
import os

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from eigyo.accounts.commands import owner_and_org
from eigyo.companies.access import can_import_companies
from eigyo.companies.own_fields import fields_of
from eigyo.transfer import importing, pipeline, services
from eigyo.transfer.access import can_import_people
from eigyo.transfer.domain import people_columns
from eigyo.transfer.domain.company_columns import guess_mapping, header_key, rows


class Command(BaseCommand):
    help = (
        "Import a company list or a list of people (CSV or TSV in UTF-8, Shift_JIS or "
        "UTF-16; an Excel .xlsx workbook; for people also vCard and the exports of Eight, "
        "Sansan, Google Contacts, Outlook, Salesforce and HubSpot) into the organisation of "
        "--user, who must be an admin or manager. Every row is checked first and each "
        "company resolved against the registry; rows already in the organisation (or "
        "repeated in the file) are skipped as duplicates (people: or merged with "
        "--on-duplicate merge); if any row is bad, nothing is written and each bad row is "
        "reported with its line number (exit status 1)."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["companies", "people"], help="what the file holds")
        parser.add_argument("file", help="the CSV, .xlsx or (people) .vcf file")
        parser.add_argument("--sheet", default="", help="the workbook's sheet (default: first)")
        parser.add_argument(
            "--on-duplicate",
            choices=["skip", "merge"],
            default="skip",
            help="people already in the organisation: skip them, or fill in what they lack",
        )
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
        parser.add_argument(
            "--provider",
            default="",
            help="people: the third party the list came from (a purchased list, a partner's "
            "cards); leaves the privacy law's record of receipt (needs --obtained)",
        )
        parser.add_argument(
            "--obtained", default="", help="people: how the provider obtained the data"
        )
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, **opts):
        user, org = owner_and_org(opts["user"])
        if not can_import_companies(user) or not can_import_people(user):
            raise CommandError(f"{opts['user']} is not an admin or manager: imports are theirs")
        people = opts["kind"] == "people"
        if opts["provider"].strip() and not opts["obtained"].strip():
            raise CommandError("--provider needs --obtained: how the provider obtained the data")
        with translation.override(user.language or None):
            try:
                with open(opts["file"], "rb") as f:
                    text = importing.read_file(f.read(importing.MAX_BYTES + 1), opts["sheet"])
                mapping = self._mapping(org, text, opts["map"], people=people)
                if people:
                    target = services.people_target(user, on_duplicate=opts["on_duplicate"])
                    checked = pipeline.preview(target, text, mapping)
                else:
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
            filename = os.path.basename(opts["file"])
            try:
                if people:
                    done = services.commit_people(
                        text,
                        mapping,
                        by=user,
                        on_duplicate=opts["on_duplicate"],
                        filename=filename,
                        provider=opts["provider"].strip()[:200],
                        obtained=opts["obtained"].strip()[:300],
                    )
                else:
                    done = services.commit_import(text, mapping, by=user, filename=filename)
            except importing.ImportRefused as exc:
                raise CommandError(str(exc)) from exc
            if opts["format"] == "table":
                if people:
                    self.stdout.write(
                        f"imported {done.count('create')} people, merged {done.count('merge')}"
                    )
                else:
                    self.stdout.write(f"imported {done.count('create')} companies")

    def _mapping(self, org, text, pairs, *, people=False):
        try:
            headers = next(rows(text), (0, []))[1]
        except ValueError as exc:
            raise CommandError(f"the file is not CSV: {exc}") from exc
        if people:
            mapping = people_columns.guess_mapping(headers)
        else:
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
                            "duplicate_of": getattr(r.duplicate_of, "pk", None),
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
            elif r.action in ("skip", "merge"):
                what = (
                    f"already {r.duplicate_of._meta.model_name} {r.duplicate_of.pk} "
                    f"({r.duplicate_of.display_name})"
                    if r.duplicate_of
                    else f"same as line {r.duplicate_line}"
                )
                done = "merged" if r.action == "merge" else "skipped"
                self.stdout.write(f"line {r.line}: {r.name}: duplicate, {done}: {what}")
        self.stdout.write(
            f"{result.count('create')} new, {result.count('skip')} duplicates "
            f"skipped, {result.count('error')} errors"
            + (f", {result.count('merge')} to merge" if result.count("merge") else "")
        )
