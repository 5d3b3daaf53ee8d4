"""eigyo backup [--dir DIR] [--keep N] [--list] [--check FILE]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eigyo.transfer import backup


class Command(BaseCommand):
    help = (
        "Back up the whole database while eigyo keeps running: SQLite through its online "
        "backup API (a consistent copy, checked with PRAGMA integrity_check), PostgreSQL "
        "through pg_dump (custom format, checked with pg_restore --list). Files are named "
        "eigyo-YYYYMMDD-HHMMSS.sqlite3 / .dump in --dir (default $EIGYO_BACKUP_DIR or "
        "var/backups/). Restore one with `eigyo restore-backup FILE`. Schedule it with cron "
        "or a systemd timer (README, 'Backups')."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", metavar="DIR", help="where to write the backup")
        parser.add_argument(
            "--keep",
            type=int,
            default=0,
            metavar="N",
            help="afterwards remove all but the newest N backups in the directory",
        )
        parser.add_argument("--list", action="store_true", help="list the backups, newest first")
        parser.add_argument("--check", metavar="FILE", help="only check a backup file")

    def handle(self, *args, **opts):
        directory = Path(opts["dir"]) if opts["dir"] else None
        if opts["keep"] < 0:
            raise CommandError("--keep must be 0 (keep all) or more")
        try:
            if opts["check"]:
                self.stdout.write(f"{opts['check']}: {backup.check(opts['check'])}")
                return
            if opts["list"]:
                for path in backup.backups(directory):
                    self.stdout.write(f"{path}  {path.stat().st_size:,} bytes")
                return
            taken = backup.take(directory, keep=opts["keep"])
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{taken.path}  {taken.size:,} bytes, checked")
        for path in taken.removed:
            self.stdout.write(f"removed {path} (--keep {opts['keep']})")
