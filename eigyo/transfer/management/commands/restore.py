"""eigyo restore FILE [--check]"""

from django.core.management.base import BaseCommand, CommandError

from eigyo.transfer import archive


class Command(BaseCommand):
    help = (
        "Restore an organisation archive made by `eigyo export` into this installation, "
        "all or nothing: the archive is verified first (manifest, checksums, row counts, "
        "migrations), then every table is written in one transaction with its ids kept. "
        "Refused, with nothing written, when the organisation, one of its users or any "
        "of its row ids already exists here: restore into an empty installation "
        "(`eigyo migrate` on a new database first). Registry entries the organisation "
        "points to are matched to this installation's registry by corporate number or "
        "EDINET code, and added when missing. Not for backups: see `eigyo restore-backup`."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="the archive (.zip) to restore")
        parser.add_argument(
            "--check", action="store_true", help="only verify the archive; write nothing"
        )

    def handle(self, *args, **opts):
        try:
            if opts["check"]:
                manifest = archive.check(opts["file"])
                self.stdout.write(
                    f"{opts['file']}: {manifest['organisation']['name']} can be restored here"
                )
                return
            result = archive.restore(opts["file"])
        except archive.RestoreRefused as exc:
            raise CommandError(f"not restored: {exc}") from exc
        rows = sum(result.rows.values())
        self.stdout.write(
            f"restored {result.organisation.name} ({result.organisation.slug}): "
            f"{rows:,} rows in {len(result.rows)} tables; registry entries: "
            f"{result.registry_matched} matched, {result.registry_inserted} added"
        )
