"""eigyo restore-backup FILE [--yes] [--check]"""

from django.core.management.base import BaseCommand, CommandError

from eigyo.transfer import backup


class Command(BaseCommand):
    help = (
        "Replace the whole database with a backup made by `eigyo backup`. The file is "
        "checked first (SQLite: PRAGMA integrity_check and eigyo's tables; PostgreSQL: "
        "pg_restore --list); when the check fails nothing is replaced. The current "
        "database is backed up first (eigyo-…-before-restore.*), then replaced: SQLite "
        "through the online backup API, PostgreSQL with pg_restore --clean in one "
        "transaction. Stop the workers (eigyo remind, eigyo export --jobs) first; "
        "everything written since the backup is lost. For one organisation's archive "
        "see `eigyo restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="the backup to restore")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
        parser.add_argument("--check", action="store_true", help="only check the file")
        parser.add_argument("--dir", metavar="DIR", help="where to keep the copy made first")

    def handle(self, *args, **opts):
        try:
            what = backup.check(opts["file"])
        except backup.BackupError as exc:
            raise CommandError(f"not restored: {exc}") from exc
        self.stdout.write(f"{opts['file']}: {what}")
        if opts["check"]:
            return
        if not opts["yes"]:
            answer = input("Replace the whole database with this backup? Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("not restored")
        try:
            safety = backup.restore(opts["file"], opts["dir"])
        except backup.BackupError as exc:
            raise CommandError(f"not restored: {exc}") from exc
        self.stdout.write(f"restored; the database as it was is kept in {safety}")
