"""Agenda and team benchmarks at scale (issue: ≤ 50 ms per agenda, ≤ 300 ms for
the benchmarks page of a 50-rep team, queries not growing with the portfolio).

    .venv/bin/python bench/portfolio_scale.py [--runs 20] [--rebuild]
    EIGYO_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/eigyo_bench \
        .venv/bin/python bench/portfolio_scale.py        # the same on PostgreSQL

Builds (once) an organisation of 500 reps in 10 teams of 50, 25,000 companies
and relationships (50 per rep) and 1,000,000 activities (40 per relationship
over the last year) in its own SQLite file, var/bench-scale.sqlite3, then times
the agenda of sample reps (function and full page) and a manager's team
benchmarks page, server side (in-process test client, no network).
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
os.environ["EIGYO_SQLITE"] = str(ROOT / "var" / "bench-scale.sqlite3")
os.environ.pop("DATABASE_URL", None)
if os.environ.get("EIGYO_BENCH_DATABASE_URL"):  # an empty database it may fill
    os.environ["DATABASE_URL"] = os.environ["EIGYO_BENCH_DATABASE_URL"]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eigyo.settings")

import django  # noqa: E402

django.setup()

import datetime as dt  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from eigyo.accounts.models import Membership, Organisation, Role, Team, User  # noqa: E402
from eigyo.activities.models import Activity  # noqa: E402
from eigyo.companies.models import Company  # noqa: E402
from eigyo.core import clock  # noqa: E402
from eigyo.portfolio import planning  # noqa: E402
from eigyo.portfolio.models import Relationship, TierChange  # noqa: E402
from eigyo.registry.models import search_fields  # noqa: E402

REPS, TEAMS, PER_REP, ACTS_PER_REL = 500, 10, 50, 40
TODAY = dt.date(2026, 11, 24)
TIERS = (
    ["new"] * 10
    + ["willing"] * 10
    + ["possible"] * 8
    + ["probable"] * 4
    + ["client"] * 12
    + ["nurture"] * 3
    + ["dropped"] * 3
)


def build() -> None:
    rng = random.Random(7)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    with transaction.atomic():
        org = Organisation.objects.create(name="Scale KK", slug="scale")
        users = User.objects.bulk_create(
            [
                User(email=f"rep{i}@scale.example", family_name="営業", given_name=f"{i}")
                for i in range(REPS)
            ]
            + [
                User(email=f"boss{t}@scale.example", family_name="部長", given_name=f"{t}")
                for t in range(TEAMS)
            ]
        )
        reps, bosses = users[:REPS], users[REPS:]
        teams = [
            Team.objects.create(org=org, name=f"Team {t}", manager=bosses[t]) for t in range(TEAMS)
        ]
        Membership.objects.bulk_create(
            [
                Membership(org=org, user=u, role=Role.REP, team=teams[i * TEAMS // REPS])
                for i, u in enumerate(reps)
            ]
            + [
                Membership(org=org, user=b, role=Role.MANAGER, team=teams[t])
                for t, b in enumerate(bosses)
            ]
        )
        companies = []
        for i in range(REPS * PER_REP):
            c = Company(org=org, legal_name=f"株式会社スケール{i:05d}")
            for k, v in search_fields(c.legal_name, "", "").items():
                setattr(c, k, v)
            companies.append(c)
        Company.objects.bulk_create(companies, batch_size=2000)
        rels = []
        for i, c in enumerate(companies):
            tier = rng.choice(TIERS)
            rels.append(
                Relationship(
                    org=org,
                    company=c,
                    owner=reps[i // PER_REP],
                    tier=tier,
                    tier_since=TODAY - dt.timedelta(days=rng.randrange(30, 400)),
                )
            )
        Relationship.objects.bulk_create(rels, batch_size=2000)
        TierChange.objects.bulk_create(
            [
                TierChange(org=org, relationship=r, to_tier=r.tier, changed_on=r.tier_since)
                for r in rels
            ],
            batch_size=2000,
        )
        print(f"  people and portfolios: {time.perf_counter() - started:.0f} s", flush=True)
        batch = []
        tz = timezone.get_current_timezone()
        for r in rels:
            for _ in range(ACTS_PER_REL):
                day = TODAY - dt.timedelta(days=rng.randrange(1, 365))
                batch.append(
                    Activity(
                        org=org,
                        company_id=r.company_id,
                        owner_id=r.owner_id,
                        kind="visit",
                        occurred_at=dt.datetime.combine(
                            day, dt.time(10 + rng.randrange(8)), tzinfo=tz
                        ),
                        business_discussed=rng.random() < 0.2,
                        next_step_on=day + dt.timedelta(days=14) if rng.random() < 0.1 else None,
                    )
                )
            if len(batch) >= 50_000:
                Activity.objects.bulk_create(batch, batch_size=5000)
                batch = []
        Activity.objects.bulk_create(batch, batch_size=5000)
    with connection.cursor() as cursor:
        # A live PostgreSQL database is vacuumed by autovacuum; a freshly loaded one is
        # not yet, and without the visibility map no index-only scan is possible.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(
        f"  built in {time.perf_counter() - started:.0f} s: {Activity.objects.count():,} "
        f"activities, {Relationship.objects.count():,} relationships",
        flush=True,
    )


def timed(fn, runs: int) -> tuple[float, float, int]:
    fn()  # warm
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    reset_queries()  # DEBUG keeps a capped query log; start it empty
    with CaptureQueriesContext(connection) as q:
        fn()
    return statistics.median(times), max(times), len(q)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    db = Path(os.environ["EIGYO_SQLITE"])
    if args.rebuild and db.exists() and "DATABASE_URL" not in os.environ:
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    if not Organisation.objects.filter(slug="scale").exists():
        print("building the data set (once) …", flush=True)
        build()
    clock.freeze(timezone.make_aware(dt.datetime.combine(TODAY, dt.time(9))))
    org = Organisation.objects.get(slug="scale")
    print(
        f"data: {User.objects.count():,} users, {Relationship.objects.filter(org=org).count():,} "
        f"relationships, {Activity.objects.filter(org=org).count():,} activities ({connection.vendor})"
    )
    sample = list(User.objects.filter(email__in=[f"rep{i}@scale.example" for i in (0, 137, 499)]))
    print(f"{'measure':46} {'median ms':>9} {'max ms':>7} {'queries':>7}")
    for rep in sample:
        med, worst, q = timed(lambda rep=rep: planning.build_agenda(rep, org, TODAY), args.runs)
        print(f"{'agenda (domain + queries), ' + rep.email:46} {med:9.1f} {worst:7.1f} {q:7d}")
    web = Client(SERVER_NAME="127.0.0.1")
    web.force_login(sample[0])
    med, worst, q = timed(lambda: web.get("/portfolio/agenda/"), args.runs)
    print(f"{'agenda page (full HTML), ' + sample[0].email:46} {med:9.1f} {worst:7.1f} {q:7d}")
    med, worst, q = timed(lambda: web.get("/api/agenda"), args.runs)
    print(f"{'agenda API, ' + sample[0].email:46} {med:9.1f} {worst:7.1f} {q:7d}")
    boss = User.objects.get(email="boss3@scale.example")
    boss_web = Client(SERVER_NAME="127.0.0.1")
    boss_web.force_login(boss)
    runs = max(5, args.runs // 4)
    med, worst, q = timed(lambda: boss_web.get("/portfolio/benchmarks/"), runs)
    print(f"{'team benchmarks page, 50 reps':46} {med:9.1f} {worst:7.1f} {q:7d}")
    med, worst, q = timed(lambda: boss_web.get("/portfolio/plan/"), runs)
    print(f"{'4-week plan page (manager own)':46} {med:9.1f} {worst:7.1f} {q:7d}")


if __name__ == "__main__":
    main()
