"""Backups taken while four writers are busy restore to a sound database holding every
row committed before the backup began; a bad file is refused before anything is
replaced; --keep keeps the newest. Through the real CLI, on SQLite and (when a server
answers) PostgreSQL."""

import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from eigyo.transfer import backup
from eigyo.transfer.tests.test_archive import _eigyo, _installation, _postgres

WRITERS = 4


class Writers:
    """Four threads inserting one row per transaction into `probe` until stopped,
    each noting the ids whose COMMIT returned."""

    def __init__(self, connect):
        self.connect = connect
        self.committed: list[int] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.errors: list[Exception] = []
        self.threads = [threading.Thread(target=self.run, args=(n,)) for n in range(WRITERS)]

    def run(self, writer: int):
        try:
            conn, insert = self.connect()
            n = 0
            while not self.stop.is_set():
                n += 1
                row_id = insert(conn, writer, n)
                with self.lock:
                    self.committed.append(row_id)
            conn.close()
        except Exception as exc:  # noqa: BLE001 — reported by the test
            self.errors.append(exc)

    def snapshot(self) -> set[int]:
        with self.lock:
            return set(self.committed)

    def __enter__(self):
        for t in self.threads:
            t.start()
        while len(self.snapshot()) < 50:  # every writer under way
            time.sleep(0.01)
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for t in self.threads:
            t.join()


def _sqlite_writers(path: Path):
    def connect():
        conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")

        def insert(conn, writer, n):
            conn.execute("BEGIN IMMEDIATE")
            cur = conn.execute(
                "INSERT INTO probe (writer, n, note) VALUES (?, ?, ?)", (writer, n, "書き込み" * 20)
            )
            conn.execute("COMMIT")
            return cur.lastrowid

        return conn, insert

    return Writers(connect)


def _pg_writers(url: str):
    import psycopg

    def connect():
        conn = psycopg.connect(url, autocommit=True)

        def insert(conn, writer, n):
            return conn.execute(
                "INSERT INTO probe (writer, n, note) VALUES (%s, %s, %s) RETURNING id",
                (writer, n, "書き込み" * 20),
            ).fetchone()[0]

        return conn, insert

    return Writers(connect)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_backup_under_four_writers_restores_every_committed_row(tmp_path, backend):
    url = None
    if backend == "postgresql":
        url = _postgres(f"eigyo_export_backup_{os.getpid()}")
        if url is None:
            pytest.skip("no PostgreSQL server at 127.0.0.1:5432")
    env = _installation(tmp_path, "live", url)
    db_file = Path(env["EIGYO_SQLITE"])
    if backend == "sqlite":
        with sqlite3.connect(db_file) as conn:
            conn.execute(
                "CREATE TABLE probe (id INTEGER PRIMARY KEY AUTOINCREMENT, writer, n, note)"
            )
        writers = _sqlite_writers(db_file)
    else:
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE TABLE probe (id serial PRIMARY KEY, writer int, n int, note text)")
        writers = _pg_writers(url)
    backups = tmp_path / "backups"
    with writers:
        before = writers.snapshot()
        out = _eigyo(env, "backup", "--dir", str(backups)).stdout
        during = writers.snapshot()
    assert not writers.errors
    assert len(during) > len(before)  # the writers went on while the backup ran
    (taken,) = list(backups.iterdir())
    assert str(taken) in out and "checked" in out
    everything = writers.snapshot()

    restored = _eigyo(env, "restore-backup", str(taken), "--yes", "--dir", str(backups))
    assert "restored" in restored.stdout

    if backend == "sqlite":
        with sqlite3.connect(db_file) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            rows = {r[0] for r in conn.execute("SELECT id FROM probe")}
    else:
        import psycopg

        with psycopg.connect(url) as conn:
            rows = {r[0] for r in conn.execute("SELECT id FROM probe")}
    assert before <= rows  # every row committed before the backup began
    assert rows <= during  # nothing that was never committed, nothing from after
    assert len(rows) < len(everything)  # the database really went back to the backup
    # eigyo itself still runs on the restored database.
    assert _eigyo(env, "migrate", "--check").returncode == 0
    # The database as it was before the restore was kept.
    assert any("before-restore" in p.name for p in backups.iterdir())


def test_a_bad_backup_is_refused_and_nothing_is_replaced(tmp_path):
    env = _installation(tmp_path, "live", None)
    db_file = Path(env["EIGYO_SQLITE"])
    before = db_file.read_bytes()
    broken = tmp_path / "eigyo-20261207-000000.sqlite3"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    result = _eigyo(env, "restore-backup", str(broken), "--yes", check=False)
    assert result.returncode != 0 and "not restored" in result.stderr
    stranger = tmp_path / "other.sqlite3"
    with sqlite3.connect(stranger) as conn:
        conn.execute("CREATE TABLE t (x)")
    result = _eigyo(env, "restore-backup", str(stranger), "--yes", check=False)
    assert "not an eigyo database" in result.stderr
    assert db_file.read_bytes() == before


def test_keep_removes_all_but_the_newest(tmp_path):
    for stamp in ("20261201-010000", "20261203-010000", "20261202-010000"):
        (tmp_path / f"eigyo-{stamp}.sqlite3").write_bytes(b"x")
    (tmp_path / "eigyo-20261204-010000-before-restore.sqlite3").write_bytes(b"x")
    (tmp_path / "notes.txt").write_text("not a backup")
    removed = backup.prune(tmp_path, 2)
    assert sorted(p.name for p in removed) == [
        "eigyo-20261201-010000.sqlite3",
        "eigyo-20261202-010000.sqlite3",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "eigyo-20261203-010000.sqlite3",
        "eigyo-20261204-010000-before-restore.sqlite3",
        "notes.txt",
    ]
