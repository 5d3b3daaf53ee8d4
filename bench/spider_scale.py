"""Spider proposals against a 1-million-company registry (target ≤ 100 ms each).

    .venv/bin/python bench/spider_scale.py [--runs 20] [--rebuild]

Builds (once) 1,000,000 synthetic registry entries spread over the 33 sectors,
TOPIX size classes and 47 prefectures in var/bench-spider.sqlite3, an
organisation with 2,000 companies in portfolios, then times `spider.propose`
for clients in different sectors (server side, in-process).
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DEBUG", "1")
os.environ["EIGYO_SQLITE"] = str(ROOT / "var" / "bench-spider.sqlite3")
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eigyo.settings")

import django  # noqa: E402

django.setup()

import datetime as dt  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402

from eigyo.accounts.models import Membership, Organisation, Role, User  # noqa: E402
from eigyo.companies.models import Company  # noqa: E402
from eigyo.portfolio.models import Relationship  # noqa: E402
from eigyo.prospecting import spider  # noqa: E402
from eigyo.registry.codes import PREFECTURES, SECTORS_33, SIZE_CLASSES  # noqa: E402
from eigyo.registry.models import RegistryEntry  # noqa: E402

N = 1_000_000


def build() -> None:
    rng = random.Random(11)
    sectors = [c for c, _ja, _en in SECTORS_33]
    sizes = [c for c, _l in SIZE_CLASSES] + [""] * 3
    prefs = [c for c, _ja, _en in PREFECTURES]
    started = time.perf_counter()
    batch = []
    with transaction.atomic():
        for i in range(N):
            name = f"合成{i:07d}工業"
            batch.append(
                RegistryEntry(
                    edinet_code="",
                    name=name,
                    name_key=name,
                    sector33=rng.choice(sectors),
                    size_class=rng.choice(sizes),
                    prefecture=rng.choice(prefs),
                    source="bench",
                )
            )
            if len(batch) == 20_000:
                RegistryEntry.objects.bulk_create(batch)
                batch = []
        RegistryEntry.objects.bulk_create(batch)
        org = Organisation.objects.create(name="Spider KK", slug="spider")
        rep = User.objects.create_user("rep@spider.example", "x" * 12)
        Membership.objects.create(org=org, user=rep, role=Role.REP)
        picked = RegistryEntry.objects.order_by("?")[:2000]
        companies = [
            Company(
                org=org,
                legal_name=e.name,
                name_key=e.name_key,
                registry=e,
                sector33=e.sector33,
                size_class=e.size_class,
                prefecture=e.prefecture,
            )
            for e in picked
        ]
        Company.objects.bulk_create(companies)
        Relationship.objects.bulk_create(
            [
                Relationship(
                    org=org,
                    company=c,
                    owner=rep,
                    tier="client" if i < 50 else "new",
                    tier_since=dt.date(2026, 10, 1),
                )
                for i, c in enumerate(companies)
            ]
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"  built in {time.perf_counter() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    db = Path(os.environ["EIGYO_SQLITE"])
    if args.rebuild:
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    if not Organisation.objects.filter(slug="spider").exists():
        print(f"building {N:,} registry entries (once) …", flush=True)
        build()
    clients = list(
        Company.objects.filter(org__slug="spider", relationships__tier="client").select_related(
            "registry"
        )[:10]
    )
    print(f"registry: {RegistryEntry.objects.count():,} entries; {len(clients)} sample clients")
    times, queries = [], []
    for company in clients:
        spider.propose(company, limit=20)  # warm
        for _ in range(args.runs):
            start = time.perf_counter()
            spider.propose(company, limit=20)
            times.append((time.perf_counter() - start) * 1000)
        reset_queries()
        spider.propose(company, limit=20)
        queries.append(len(connection.queries))
    times.sort()
    print(
        f"spider.propose, 20 proposals: median {statistics.median(times):.1f} ms, "
        f"p95 {times[int(len(times) * 0.95) - 1]:.1f} ms, max {times[-1]:.1f} ms, "
        f"{max(queries)} queries"
    )


if __name__ == "__main__":
    main()
