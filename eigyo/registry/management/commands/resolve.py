"""eigyo resolve [FILE|-] [--format csv|json]"""

import csv
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from eigyo.lib.spreadsheet import neutralise_row
from eigyo.registry.resolving import resolve_names


class Command(BaseCommand):
    help = (
        "Resolve company names to the registry. Reads one name per line from FILE (or "
        "standard input with -) and writes, for each line in order, "
        "query,corporate_number,name,score,status where status is matched, ambiguous or "
        "none: it abstains rather than guess. Handles 全角/半角, legal forms in any position "
        "and spelling ((株), ㈱, Co., Ltd., K.K. …), English names and readings."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default="-", help="names, one per line (- = stdin)")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")

    def handle(self, *args, **opts):
        try:
            if opts["file"] == "-":
                lines = sys.stdin.read().splitlines()
            else:
                with open(opts["file"], encoding="utf-8-sig") as fh:
                    lines = fh.read().splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {opts['file']}: {exc}") from exc
        results = resolve_names(lines)
        rows = [
            {
                "query": q,
                "corporate_number": (entry.corporate_number if entry else ""),
                "name": (entry.name if entry else ""),
                "score": round(m.score, 1),
                "status": m.status,
            }
            for q, (m, entry) in zip(lines, results, strict=True)
        ]
        if opts["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        writer = csv.DictWriter(
            self.stdout,
            fieldnames=list(rows[0])
            if rows
            else ["query", "corporate_number", "name", "score", "status"],
            lineterminator="\n",
        )
        writer.writeheader()
        # A name as typed (`=HYPERLINK(…)`) must not run when the CSV is opened.
        writer.writerows(neutralise_row(row) for row in rows)
