"""Importing a 5,000-row company list (preview, then the all-or-nothing write).

    .venv/bin/python bench/import_scale.py [--rows 5000]

Uses a fresh SQLite file var/bench-import.sqlite3 with the shipped EDINET + JPX
registry (11,223 entities). The list mixes listed companies typed the way people
type them (ﾄﾖﾀ自動車(株), "株式会社 " prefixes, English names), unknown companies,
and rows repeating an earlier one; every row has kana, prefecture, phone and notes.
Prints the preview time (decode, map, resolve, validate every row, find
duplicates), the write time and the query count of each.
"""

import argparse
import csv
import io
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DEBUG", "1")
DB = ROOT / "var" / "bench-import.sqlite3"
os.environ["EIGYO_SQLITE"] = str(DB)
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eigyo.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from eigyo.accounts.models import Membership, Organisation, Role, User  # noqa: E402
from eigyo.companies.models import Company  # noqa: E402
from eigyo.registry.models import RegistryEntry  # noqa: E402
from eigyo.registry.resolving import resolver  # noqa: E402
from eigyo.transfer import importing  # noqa: E402


def make_list(rows: int) -> str:
    rng = random.Random(5)
    listed = list(
        RegistryEntry.objects.filter(is_listed=True)
        .exclude(short_name="")
        .values_list("name", "name_en", "short_name")
    )
    lines = [["会社名", "フリガナ", "都道府県", "電話番号", "備考"]]
    for i in range(rows):
        roll = rng.random()
        if roll < 0.5:
            name, name_en, short = rng.choice(listed)
            name = rng.choice([name, name.replace("株式会社", "(株)"), short, name_en or name])
        elif roll < 0.95:
            name = f"新規開拓{i:05d}株式会社"
        else:
            name = lines[rng.randrange(1, len(lines))][0] if i else "先頭株式会社"
        lines.append(
            [
                name,
                "シンキカイタク",
                "東京都",
                f"03-{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}",
                "展示会 2026",
            ]
        )
    out = io.StringIO()
    csv.writer(out).writerows(lines)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()
    DB.unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    call_command("registry", "load", "edinet", verbosity=0)
    call_command("registry", "load", "tse", verbosity=0)
    org = Organisation.objects.create(name="Bench KK", slug="bench")
    user = User.objects.create_user("boss@bench.example", "x" * 12)
    Membership.objects.create(org=org, user=user, role=Role.MANAGER)
    text = make_list(args.rows)
    resolver()  # built once per process, as in a running server
    reset_queries()
    with CaptureQueriesContext(connection) as q1:
        started = time.perf_counter()
        checked = importing.preview(org, user, text)
        preview_s = time.perf_counter() - started
    for row in [r for r in checked.rows if r.errors][:5]:
        print("error", row.line, row.name, row.errors)
    with CaptureQueriesContext(connection) as q2:
        started = time.perf_counter()
        importing.commit(org, user, text, checked.mapping)
        commit_s = time.perf_counter() - started
    print(
        f"rows {args.rows:,}: {checked.count('create'):,} new, {checked.count('skip'):,} "
        f"duplicates, {checked.count('error'):,} errors; "
        f"{sum(1 for r in checked.rows if r.entry):,} linked to the registry"
    )
    print(f"preview {preview_s:.2f} s ({args.rows / preview_s:,.0f} rows/s, {len(q1)} queries)")
    print(
        f"import  {commit_s:.2f} s (preview again + write; {len(q2)} queries); "
        f"companies now {Company.objects.filter(org=org).count():,}"
    )


if __name__ == "__main__":
    main()
