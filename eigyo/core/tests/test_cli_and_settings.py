"""The `eigyo` command, production settings, and the SQLite safety settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]


def run(args, **env):
    full_env = {**os.environ, **env}
    full_env.pop("DJANGO_SETTINGS_MODULE", None)
    full_env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "-m", "eigyo.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=full_env,
        timeout=120,
    )


def test_help_explains_the_commands():
    result = run(["--help"])
    assert result.returncode == 0
    for word in ("demo", "runserver", "registry load edinet", "DATABASE_URL"):
        assert word in result.stdout


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        SECRET_KEY="x" * 20 + "production-secret-key-value-0123456789abcdef",
        DEBUG="0",
        ALLOWED_HOSTS="eigyo.example.jp",
        EIGYO_SQLITE=str(tmp_path / "db.sqlite3"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_refuses_to_start_without_a_secret_key_in_production():
    result = run(["check"], SECRET_KEY="", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_password_hashing_is_argon2_in_production():
    result = run(
        ["shell", "-c", "from django.conf import settings; print(settings.PASSWORD_HASHERS[0])"],
        DEBUG="1",
    )
    assert "Argon2PasswordHasher" in result.stdout


@pytest.mark.django_db
def test_sqlite_runs_in_wal_with_immediate_transactions():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-specific")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1


WRITER = """
tag = TAG
from django.db import transaction
from eigyo.accounts.models import Organisation
from eigyo.companies.models import Company
org, _ = Organisation.objects.get_or_create(slug="load", defaults={"name": "Load"})
for i in range(60):
    with transaction.atomic():
        n = Company.objects.filter(org=org).count()
        Company.objects.create(org=org, legal_name=f"{tag}-{i}-{n}")
print("ok")
"""


def test_file_database_uses_wal_and_concurrent_writers_do_not_fail(tmp_path):
    """Two processes writing at once: with WAL + IMMEDIATE transactions neither
    gets "database is locked" and no row is lost."""
    db = str(tmp_path / "eigyo.sqlite3")
    full = {**os.environ, "DEBUG": "1", "EIGYO_SQLITE": db}
    full.pop("DATABASE_URL", None)
    full.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run(
        [sys.executable, "-m", "eigyo.cli", "migrate", "-v0"],
        env=full,
        cwd=ROOT,
        check=True,
        timeout=300,
    )
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "eigyo.cli",
                "shell",
                "-v",
                "0",
                "-c",
                WRITER.replace("TAG", f'"w{k}"'),
            ],
            env=full,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in range(2)
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0 and "ok" in out, err[-2000:]
    check = subprocess.run(
        [
            sys.executable,
            "-m",
            "eigyo.cli",
            "shell",
            "-v",
            "0",
            "-c",
            "from django.db import connection\n"
            "from eigyo.companies.models import Company\n"
            "c = connection.cursor(); c.execute('PRAGMA journal_mode')\n"
            "print(c.fetchone()[0], Company.objects.count())",
        ],
        env=full,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.stdout.split() == ["wal", "120"], check.stderr[-2000:]
