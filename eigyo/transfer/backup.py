"""Backups of the whole installation's database, taken while eigyo keeps running, and
their restore — checked before anything is replaced.

SQLite: the online backup API (`sqlite3.Connection.backup`) copies every page in one
step from a read transaction, so the copy is the database as of one moment: writers go
on (WAL mode: a reader never blocks them) and each of their transactions is either
wholly in the copy or not at all. The copy is checked (`PRAGMA integrity_check`) before
it gets its final name.
PostgreSQL: `pg_dump --format=custom`, a consistent snapshot too; checked with
`pg_restore --list`.

Restore checks the file first (integrity_check / pg_restore --list, and that it is an
eigyo database), keeps a copy of the current database next to the backups, then
replaces: SQLite through the same backup API into the live file (under its write lock,
so a running eigyo sees the old or the new database, never half of one); PostgreSQL
with `pg_restore --clean --if-exists --single-transaction`.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections

from eigyo.core import clock

NAME = re.compile(r"^eigyo-(\d{8}-\d{6})(?:-[\w-]+)?\.(sqlite3|dump)$")


class BackupError(Exception):
    """The backup could not be taken, or a file is not a sound eigyo backup."""


@dataclass
class Taken:
    path: Path
    size: int
    removed: list[Path]


def backup_dir() -> Path:
    """EIGYO_BACKUP_DIR, default var/backups/."""
    path = Path(os.environ.get("EIGYO_BACKUP_DIR") or Path(settings.VAR_DIR) / "backups")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _db(alias: str = "default") -> dict:
    return settings.DATABASES[alias]


def vendor(alias: str = "default") -> str:
    return connections[alias].vendor


def _stamp(suffix: str = "") -> str:
    return clock.now().strftime("%Y%m%d-%H%M%S") + (f"-{suffix}" if suffix else "")


# ---------------------------------------------------------------- SQLite


def backup_sqlite(source: Path | str, target: Path | str) -> None:
    """Copy a live SQLite database to `target` with the online backup API, as of one
    moment, then check the copy."""
    target = Path(target)
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=60)
    try:
        dst = sqlite3.connect(partial)
        try:
            # pages=-1: every page in one step, from one read transaction — a snapshot.
            src.backup(dst, pages=-1)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            dst.close()
    finally:
        src.close()
    check_sqlite(partial)
    partial.replace(target)


def check_sqlite(path: Path | str) -> None:
    """Raise BackupError unless `path` is a sound SQLite database holding eigyo."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path}: not an SQLite database ({exc})") from exc
    if result != ["ok"]:
        raise BackupError(f"{path}: integrity check failed: {'; '.join(result[:5])}")
    if not {"django_migrations", "accounts_organisation"} <= tables:
        raise BackupError(f"{path}: not an eigyo database (no eigyo tables)")


def restore_sqlite(backup: Path | str, target: Path | str) -> None:
    """Replace the database at `target` with the checked backup, through the backup
    API (under the target's write lock: readers see the old or the new one)."""
    check_sqlite(backup)
    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target, timeout=60)
        try:
            src.backup(dst, pages=-1)
            result = [row[0] for row in dst.execute("PRAGMA integrity_check")]
        finally:
            dst.close()
    finally:
        src.close()
    if result != ["ok"]:
        raise BackupError(f"{target}: integrity check failed after restore: {result[:5]}")


# ---------------------------------------------------------------- PostgreSQL


def _pg_env(db: dict) -> dict:
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[name] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    if shutil.which(args[0]) is None:
        raise BackupError(f"{args[0]} is not installed (Debian: apt install postgresql-client)")
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{args[0]} failed: {result.stderr.strip()[:500]}")
    return result


def backup_postgres(target: Path | str, db: dict | None = None) -> None:
    db = db or _db()
    target = Path(target)
    partial = target.with_name(target.name + ".part")
    _run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={partial}", db["NAME"]],
        _pg_env(db),
    )
    check_postgres(partial)
    partial.replace(target)


def check_postgres(path: Path | str) -> None:
    """Raise BackupError unless `path` is a readable pg_dump archive of eigyo."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    listing = _run(["pg_restore", "--list", str(path)], dict(os.environ)).stdout
    if "django_migrations" not in listing or "accounts_organisation" not in listing:
        raise BackupError(f"{path}: not an eigyo database dump (no eigyo tables)")


def restore_postgres(backup: Path | str, db: dict | None = None) -> None:
    db = db or _db()
    check_postgres(backup)
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={db['NAME']}",
            str(backup),
        ],
        _pg_env(db),
    )


# ---------------------------------------------------------------- the commands' work


def take(directory: Path | None = None, keep: int = 0, label: str = "") -> Taken:
    """Back up the configured database into `directory` (default: backup_dir()) as
    eigyo-YYYYMMDD-HHMMSS.sqlite3 or .dump; with keep > 0, remove all but the newest
    `keep` backups there."""
    directory = Path(directory) if directory else backup_dir()
    directory.mkdir(parents=True, exist_ok=True)
    kind = vendor()
    if kind == "sqlite":
        path = directory / f"eigyo-{_stamp(label)}.sqlite3"
        backup_sqlite(_db()["NAME"], path)
    elif kind == "postgresql":
        path = directory / f"eigyo-{_stamp(label)}.dump"
        backup_postgres(path)
    else:
        raise BackupError(f"backups of {kind} databases are not supported")
    removed = prune(directory, keep) if keep else []
    return Taken(path, path.stat().st_size, removed)


def backups(directory: Path | None = None) -> list[Path]:
    """The backups in `directory`, newest first (by the time in their names)."""
    directory = Path(directory) if directory else backup_dir()
    found = [p for p in directory.iterdir() if p.is_file() and NAME.match(p.name)]
    return sorted(found, key=lambda p: (NAME.match(p.name).group(1), p.name), reverse=True)


def prune(directory: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` backups (copies kept before a restore count
    too); returns what was removed."""
    old = backups(directory)[keep:]
    for path in old:
        path.unlink()
    return old


def check(path: Path | str) -> str:
    """Check a backup for the configured database; returns what it is."""
    kind = vendor()
    if kind == "sqlite":
        check_sqlite(path)
        return "SQLite database, integrity check ok"
    check_postgres(path)
    return "pg_dump archive, pg_restore --list ok"


def restore(path: Path | str, directory: Path | None = None) -> Path:
    """Check `path`, keep a backup of the current database (returned), then replace the
    database with the backup. Nothing is replaced when the check fails."""
    check(path)
    connections.close_all()
    safety = take(directory, label="before-restore").path
    if vendor() == "sqlite":
        restore_sqlite(path, _db()["NAME"])
    else:
        restore_postgres(path)
    return safety
