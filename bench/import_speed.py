"""Importing a 100,000-row company list and a 100,000-row list of people, end to end,
the way the pages do it: the uploaded bytes read, every row checked (preview) and the
list kept with the preview's outcome; then the all-or-nothing import, which starts from
that outcome, checks it against what the organisation added or changed since, and
writes in batches, with the record of the import.

    .venv/bin/python bench/import_speed.py [--rows 100000] [--kind companies|people]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eigyo_bench_import \\
        .venv/bin/python bench/import_speed.py

A fresh database each run (SQLite: var/bench-import-speed.sqlite3) with the shipped
EDINET + JPX registry (11,223 entities). The company list is the one of
bench/import_scale.py (half listed companies typed the way people type them, 45 %
unknown companies, 5 % repeats; kana, prefecture, phone, notes on every row). The
people list is an Eight export: 15 fixed columns and two tag columns, 20,000
companies (a third of them listed), every person with e-mail, phone, mobile and a card
exchange date, 10 % of the rows a later exchange with someone already in the file.
Prints rows/s of the preview and of the import, their query counts and the peak
resident memory of the process (run one kind per process for its own peak).
"""

import argparse
import csv
import io
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DEBUG", "1")
DB = ROOT / "var" / "bench-import-speed.sqlite3"
FILE = ROOT / "var" / "bench-import-speed.csv"
if not os.environ.get("DATABASE_URL"):
    os.environ["EIGYO_SQLITE"] = str(DB)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eigyo.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from eigyo.accounts.models import Membership, Organisation, Role, User  # noqa: E402
from eigyo.companies.models import Company  # noqa: E402
from eigyo.contacts.models import Person  # noqa: E402
from eigyo.registry.models import RegistryEntry  # noqa: E402
from eigyo.registry.resolving import resolver  # noqa: E402
from eigyo.transfer import importing, pipeline, services  # noqa: E402
from eigyo.transfer.domain.people_columns import EIGHT_COLUMNS  # noqa: E402
from eigyo.transfer.models import CompanyImport  # noqa: E402

FAMILY = [
    ("田中", "タナカ"),
    ("鈴木", "スズキ"),
    ("高橋", "タカハシ"),
    ("佐藤", "サトウ"),
    ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"),
    ("山本", "ヤマモト"),
    ("中村", "ナカムラ"),
]
GIVEN = [
    ("太郎", "タロウ"),
    ("花子", "ハナコ"),
    ("誠", "マコト"),
    ("美咲", "ミサキ"),
    ("大輔", "ダイスケ"),
    ("彩", "アヤ"),
    ("健一", "ケンイチ"),
    ("翔太", "ショウタ"),
]


def _csv(lines) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(lines)
    return out.getvalue().encode("cp932")  # as Excel on Japanese Windows saves it


def companies_file(rows: int) -> bytes:
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
            name = f"新規開拓{i:06d}株式会社"
        else:
            name = lines[rng.randrange(1, len(lines))][0] if i else "先頭株式会社"
        phone = f"03-{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}"
        lines.append([name, "シンキカイタク", "東京都", phone, "展示会 2026"])
    return _csv(lines)


def people_file(rows: int) -> bytes:
    rng = random.Random(7)
    listed = list(RegistryEntry.objects.filter(is_listed=True).values_list("name", flat=True))
    firms = [rng.choice(listed) if i % 3 == 0 else f"取引先{i:05d}株式会社" for i in range(20_000)]
    lines = [[*EIGHT_COLUMNS, "展示会2026", "重要"]]
    people = []
    for i in range(rows):
        if people and rng.random() < 0.1:
            row = list(rng.choice(people))
            row[14] = f"2026/{rng.randrange(1, 13):02d}/{rng.randrange(1, 29):02d}"
            lines.append(row)
            continue
        (fam, _fk), (giv, _gk) = rng.choice(FAMILY), rng.choice(GIVEN)
        row = [
            rng.choice(firms),
            "営業本部 第一営業部",
            "課長",
            fam,
            f"{giv}{i}",
            f"p{i}@example.co.jp",
            "100-0005",
            "東京都千代田区丸の内1-1-1",
            "03-1234-5678",
            "",
            f"03-{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}",
            "",
            f"090-{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}",
            "https://example.co.jp",
            f"2025/{rng.randrange(1, 13):02d}/{rng.randrange(1, 29):02d}",
            rng.choice(["1", ""]),
            rng.choice(["1", ""]),
        ]
        people.append(row)
        lines.append(row)
    return _csv(lines)


class Count:
    """Counts the queries without keeping them (a log of 10,000 INSERTs of 999
    parameters each would be most of the memory measured)."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, execute, sql, params, many, context):
        self.n += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        self._cm = connection.execute_wrapper(self)
        self._cm.__enter__()
        return self

    def __exit__(self, *exc):
        self._cm.__exit__(*exc)

    def __len__(self) -> int:
        return self.n


def main() -> None:
    settings.DEBUG = False  # DEBUG keeps every query's SQL: not what a server does
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--kind", choices=["companies", "people"], default="companies")
    parser.add_argument("--fresh", action="store_true", help="a new database and registry")
    parser.add_argument("--setup", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--profile", action="store_true", help="cProfile preview and import")
    args = parser.parse_args()
    if args.setup:
        # In its own process, so that loading the registry is not in the import's peak.
        if connection.vendor == "sqlite" and args.fresh:
            DB.unlink(missing_ok=True)
        call_command("migrate", verbosity=0)
        if args.fresh and connection.vendor != "sqlite":
            call_command("flush", "--no-input", verbosity=0)
        if not RegistryEntry.objects.exists():
            call_command("registry", "load", "edinet", verbosity=0)
            call_command("registry", "load", "tse", verbosity=0)
        # The last run's organisation goes here: deleting 100,000 people collects them
        # all in memory, which is not the import's peak.
        Organisation.objects.filter(slug="bench").delete()
        User.objects.filter(email="boss@bench.example").delete()
        # The file too: it is what a user uploads, not part of the server's memory.
        FILE.write_bytes(
            companies_file(args.rows) if args.kind == "companies" else people_file(args.rows)
        )
        return
    subprocess.run(
        [
            sys.executable,
            __file__,
            "--setup",
            f"--rows={args.rows}",
            f"--kind={args.kind}",
            *(["--fresh"] if args.fresh else []),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    org = Organisation.objects.create(name="Bench KK", slug="bench")
    user = User.objects.create_user("boss@bench.example", "x" * 12)
    Membership.objects.create(org=org, user=user, role=Role.MANAGER)
    size = FILE.stat().st_size
    resolver()  # built once per process, as in a running server

    def target():
        if args.kind == "companies":
            return importing.CompanyList(org, user)
        return services.people_target(user)

    def upload():
        # The upload page: the file read, every row checked, the list and the preview's
        # outcome kept for the import.
        text = pipeline.read_file(FILE.read_bytes())
        checked = pipeline.preview(target(), text, keep=True)
        for row in [r for r in checked.rows if r.errors][:5]:
            print("error", row.line, row.name, row.errors)
        batch = services.start_import(
            by=user,
            filename="bench.csv",
            text=text,
            mapping=checked.mapping,
            target=args.kind,
            kept=checked.kept,
        )
        return batch.pk  # the import is another request: it holds none of this

    def commit(pk):
        batch = CompanyImport.objects.get(pk=pk)  # as the import page loads it
        if args.kind == "companies":
            return services.commit_import(batch.content, batch.mapping, by=user, batch=batch)
        return services.commit_people(batch.content, batch.mapping, by=user, batch=batch)

    if args.profile:
        import cProfile
        import pstats

        with cProfile.Profile() as prof:
            commit(upload())
        if os.environ.get("PROFILE_OUT"):
            prof.dump_stats(os.environ["PROFILE_OUT"])
        pstats.Stats(prof).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(40)
        return
    with Count() as q1:
        started, cpu = time.perf_counter(), time.process_time()
        batch = upload()
        preview_s, preview_cpu = time.perf_counter() - started, time.process_time() - cpu
    preview_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with Count() as q2:
        started, cpu = time.perf_counter(), time.process_time()
        done = commit(batch)
        commit_s, commit_cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    written = (Company if args.kind == "companies" else Person).objects.filter(org=org).count()
    print(f"{connection.vendor}, {args.kind}, {args.rows:,} rows ({size / 2**20:.1f} MB)")
    print(
        f"  {done.count('create'):,} new, {done.count('skip'):,} duplicates, "
        f"{done.count('error'):,} errors; {written:,} {args.kind} written"
    )
    print(
        f"  preview {preview_s:.2f} s (CPU {preview_cpu:.2f} s)  {args.rows / preview_s:,.0f} "
        f"rows/s  {len(q1)} queries; peak RSS so far {preview_peak:,.0f} MB"
    )
    print(
        f"  import  {commit_s:.2f} s (CPU {commit_cpu:.2f} s)  {args.rows / commit_s:,.0f} rows/s  "
        f"{len(q2)} queries "
        + ("(checked every row again, then wrote)" if done.rechecked else "(from the kept preview)")
    )
    total = preview_s + commit_s
    print(
        f"  end to end {total:.2f} s  {args.rows / total:,.0f} rows/s;  peak RSS {peak:,.0f} MB;  "
        f"load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
