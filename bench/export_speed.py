"""Exporting 25,000 rows of a list as CSV (UTF-8 and cp932) and .xlsx.

    .venv/bin/python bench/export_speed.py [--rows 25000] [--runs 3]

Uses a fresh SQLite file var/bench-export.sqlite3: one organisation with --rows
companies, --rows people (name, kana, company, e-mail, phones, notes) and --rows
activities (each with one person met). Times the whole export as the admin downloads
it (access rule, filter, one read, the file written), best of --runs, and counts the
queries of each. Then writes the whole organisation's archive (`eigyo export`) and
restores it into a new, empty SQLite installation (`eigyo restore`, a subprocess).
"""

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DEBUG", "1")
DB = ROOT / "var" / "bench-export.sqlite3"
os.environ["EIGYO_SQLITE"] = str(DB)
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eigyo.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from eigyo.accounts.models import Membership, Organisation, Role, User  # noqa: E402
from eigyo.activities.models import Activity  # noqa: E402
from eigyo.companies.models import Company  # noqa: E402
from eigyo.contacts.models import Person  # noqa: E402
from eigyo.core import clock  # noqa: E402
from eigyo.deals.models import Deal  # noqa: E402
from eigyo.transfer import archive  # noqa: E402
from eigyo.transfer.exporting import REGISTRY, export_file  # noqa: E402


def build(rows: int):
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DB}{suffix}").unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    org = Organisation.objects.create(name="Bench KK", slug="bench")
    admin = User.objects.create_user("admin@bench.example", "x" * 12, family_name="管理")
    Membership.objects.create(org=org, user=admin, role=Role.ADMIN)
    companies = Company.objects.bulk_create(
        Company(
            org=org,
            legal_name=f"株式会社ベンチ{i:05d}",
            kana=f"ベンチ{i:05d}",
            name_key=f"ベンチ{i:05d}",
            prefecture="13",
            phone="03-1234-5678",
            notes="=SUM(A1) 注意" if i % 100 == 0 else "メモ",
        )
        for i in range(rows)
    )
    people = Person.objects.bulk_create(
        Person(
            org=org,
            company=companies[i],
            family_name="田中",
            given_name=f"太郎{i}",
            family_kana="タナカ",
            given_kana="タロウ",
            email=f"t{i}@example.jp",
            phone="03-1111-2222",
            mobile="090-1111-2222",
            notes="〜 wave dash 🙂",
        )
        for i in range(rows)
    )
    when = clock.now()
    activities = Activity.objects.bulk_create(
        Activity(org=org, company=companies[i], owner=admin, occurred_at=when, notes="訪問")
        for i in range(rows)
    )
    Through = Activity.people.through
    Through.objects.bulk_create(
        Through(activity_id=a.pk, person_id=p.pk) for a, p in zip(activities, people, strict=True)
    )
    Deal.objects.bulk_create(
        Deal(
            org=org,
            title=f"案件{i}",
            company=companies[i],
            owner=admin,
            amount=1_000_000 + i,
            expected_close=dt.date(2027, 3, 31),
        )
        for i in range(rows)
    )
    return admin


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=25_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    admin = build(args.rows)
    print(f"{args.rows:,} rows per list, best of {args.runs}")
    print(
        f"{'list':<12} {'format':<10} {'seconds':>8} {'cpu s':>6} {'rows/s':>9} {'MB':>6} "
        f"{'queries':>8}"
    )
    for key in ("companies", "people", "activities", "deals"):
        for fmt, encoding in (("csv", "utf-8"), ("csv", "cp932"), ("xlsx", "utf-8")):
            best = cpu = None
            for _ in range(args.runs):
                with CaptureQueriesContext(connection) as queries:
                    start, start_cpu = time.perf_counter(), time.process_time()
                    result = export_file(REGISTRY[key], admin, {}, fmt, encoding)
                    took = time.perf_counter() - start
                    took_cpu = time.process_time() - start_cpu
                best = took if best is None else min(best, took)
                cpu = took_cpu if cpu is None else min(cpu, took_cpu)
            assert result.rows == args.rows, result.rows
            label = fmt if fmt == "xlsx" else f"csv {encoding}"
            print(
                f"{key:<12} {label:<10} {best:>8.2f} {cpu:>6.2f} {args.rows / best:>9,.0f} "
                f"{len(result.content) / 1e6:>6.1f} {len(queries):>8}"
            )

    bench_archive(admin)


def bench_archive(admin):
    org = admin.membership.org
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.zip"
        start = time.perf_counter()
        manifest = archive.write_archive(org, path)
        took = time.perf_counter() - start
        rows = sum(t["rows"] for t in manifest["tables"])
        print(
            f"organisation archive: {rows:,} rows, {len(manifest['tables'])} tables, "
            f"{path.stat().st_size / 1e6:.1f} MB written in {took:.2f} s"
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        env.update(DEBUG="1", EIGYO_VAR_DIR=tmp, EIGYO_SQLITE=str(Path(tmp) / "new.sqlite3"))
        eigyo = [sys.executable, "-m", "eigyo.cli"]
        subprocess.run([*eigyo, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        start = time.perf_counter()
        subprocess.run([*eigyo, "restore", str(path)], env=env, check=True, cwd=ROOT)
        print(f"restored into an empty installation in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
