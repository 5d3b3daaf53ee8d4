"""eigyo export --org SLUG [--output FILE] | --jobs [--loop] | --check FILE"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eigyo.accounts.models import Organisation
from eigyo.core import clock
from eigyo.transfer import archive, export_jobs


class Command(BaseCommand):
    help = (
        "Write a whole organisation to one archive (zip): a manifest (format version, "
        "migrations applied, row counts, a SHA-256 per file) and one JSON-lines file per "
        "table. `eigyo restore FILE` brings it back into an empty installation. "
        "The archive holds every person, deal and user of the organisation, password "
        "hashes included: keep it as safe as the database. "
        "With --jobs, build the archives admins asked for on the page (once, or --loop "
        "as a worker)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", metavar="SLUG", help="the organisation to export")
        parser.add_argument(
            "--output",
            "-o",
            metavar="FILE",
            help="where to write the archive (default: ./SLUG-YYYYMMDD-HHMMSS.zip)",
        )
        parser.add_argument(
            "--check",
            metavar="FILE",
            help="verify an archive (manifest, checksums, row counts) and say what it holds",
        )
        parser.add_argument(
            "--jobs", action="store_true", help="build the archives requested on the admin page"
        )
        parser.add_argument("--loop", action="store_true", help="with --jobs: keep running")
        parser.add_argument("--interval", type=int, default=10, help="seconds between rounds")
        parser.add_argument("--rounds", type=int, default=0, help="with --loop: stop after N")

    def handle(self, *args, **opts):
        if opts["check"]:
            return self._check(opts["check"])
        if opts["jobs"]:
            return self._jobs(opts)
        if not opts["org"]:
            raise CommandError("name the organisation: --org SLUG (or --jobs, or --check FILE)")
        org = Organisation.objects.filter(slug=opts["org"]).first()
        if org is None:
            slugs = ", ".join(Organisation.objects.values_list("slug", flat=True)[:20])
            raise CommandError(f"no organisation {opts['org']!r} (there are: {slugs or 'none'})")
        stamp = clock.now().strftime("%Y%m%d-%H%M%S")
        path = Path(opts["output"] or f"{org.slug}-{stamp}.zip")

        def progress(done, total, label):
            if opts["verbosity"] >= 2:
                self.stderr.write(f"  {done}/{total} {label}")

        manifest = archive.write_archive(org, path, progress)
        rows = sum(t["rows"] for t in manifest["tables"])
        self.stdout.write(
            f"{path}: {org.name}, {len(manifest['tables'])} tables, {rows:,} rows "
            f"({path.stat().st_size:,} bytes)"
        )

    def _check(self, path):
        try:
            manifest = archive.check(path)
        except archive.RestoreRefused as exc:
            raise CommandError(str(exc)) from exc
        org = manifest["organisation"]
        self.stdout.write(
            f"{path}: {org['name']} ({org['slug']}), made {manifest['created_at']} "
            f"by eigyo {manifest['eigyo']} on {manifest['database']}; checksums correct"
        )
        for table in manifest["tables"]:
            if table["rows"]:
                self.stdout.write(f"  {table['table']:<40} {table['rows']:>9,}")

    def _jobs(self, opts):
        rounds = 0
        while True:
            built = export_jobs.run_pending()
            if opts["verbosity"] >= 1 and (built or not opts["loop"]):
                self.stdout.write(f"built {built} archive(s)")
            rounds += 1
            if not opts["loop"] or (opts["rounds"] and rounds >= opts["rounds"]):
                return
            time.sleep(max(1, opts["interval"]))
