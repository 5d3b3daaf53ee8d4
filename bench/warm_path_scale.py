"""The warmest way in at 100,000 people and 1,000,000 ties (target: under 100 ms).

    .venv/bin/python bench/warm_path_scale.py [--runs 20] [--rebuild]
    EIGYO_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/eigyo_paths \\
        .venv/bin/python bench/warm_path_scale.py        # the same on PostgreSQL

Builds (once) an organisation with 20 salespeople, 5,000 client companies and
100,000 people, and 1,000,000 ties between them: 600,000 meetings in the visit log
(300,000 activities with two people each), 95,000 reporting lines (everyone but each
company's head reports to someone), 300,000 people who know people at other
companies and 5,000 business cards — then times `warmest_path` for sample targets,
server side (in-process), and the whole page.
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
os.environ["EIGYO_SQLITE"] = str(ROOT / "var" / "bench-paths.sqlite3")
os.environ.pop("DATABASE_URL", None)
if os.environ.get("EIGYO_BENCH_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["EIGYO_BENCH_DATABASE_URL"]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eigyo.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

import datetime as dt  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from eigyo.accounts.models import Membership, Organisation, Role, User  # noqa: E402
from eigyo.activities.models import Activity  # noqa: E402
from eigyo.companies.models import Company  # noqa: E402
from eigyo.contacts.models import Person, Tie  # noqa: E402
from eigyo.core import clock  # noqa: E402
from eigyo.prospecting import warm_paths  # noqa: E402

TODAY = dt.date(2026, 12, 7)
USERS, COMPANIES, PER_COMPANY = 20, 5_000, 20
ACTIVITIES, KNOWS, CARDS = 300_000, 300_000, 5_000


def build() -> None:
    rng = random.Random(11)
    started = time.perf_counter()
    with transaction.atomic():
        org = Organisation.objects.create(name="Paths KK", slug="paths")
        users = User.objects.bulk_create(
            [
                User(email=f"u{i}@paths.example", family_name="営業", given_name=f"{i}")
                for i in range(USERS)
            ]
        )
        Membership.objects.bulk_create([Membership(org=org, user=u, role=Role.REP) for u in users])
        companies = Company.objects.bulk_create(
            [Company(org=org, legal_name=f"株式会社取引先{i:05d}") for i in range(COMPANIES)],
            batch_size=2000,
        )
        people = []
        for c in companies:
            for j in range(PER_COMPANY):
                people.append(
                    Person(
                        org=org, company=c, family_name=f"社員{j}", title="課長" if j < 4 else ""
                    )
                )
        Person.objects.bulk_create(people, batch_size=5000)
        # reporting lines: each company's people under someone earlier in the same company
        for k, p in enumerate(people):
            j = k % PER_COMPANY
            if j:
                p.reports_to_id = people[k - j + rng.randrange(0, j)].pk
        Person.objects.bulk_update(
            [p for k, p in enumerate(people) if k % PER_COMPANY], ["reports_to"], batch_size=5000
        )
        print(f"  people: {time.perf_counter() - started:.0f} s", flush=True)
        tz = timezone.get_current_timezone()
        through = Activity.people.through
        for start in range(0, ACTIVITIES, 50_000):
            acts, picks = [], []
            for _ in range(min(50_000, ACTIVITIES - start)):
                c = rng.randrange(COMPANIES)
                day = TODAY - dt.timedelta(days=rng.randrange(1, 720))
                acts.append(
                    Activity(
                        org=org,
                        company=companies[c],
                        owner=rng.choice(users),
                        kind="visit",
                        occurred_at=dt.datetime.combine(day, dt.time(10), tzinfo=tz),
                    )
                )
                base = c * PER_COMPANY
                picks.append(rng.sample(range(base, base + PER_COMPANY), 2))
            Activity.objects.bulk_create(acts, batch_size=5000)
            through.objects.bulk_create(
                [
                    through(activity_id=a.pk, person_id=people[i].pk)
                    for a, two in zip(acts, picks, strict=True)
                    for i in two
                ],
                batch_size=10_000,
            )
        print(f"  visit log: {time.perf_counter() - started:.0f} s", flush=True)
        ties = []
        for _ in range(KNOWS):
            a, b = rng.sample(range(len(people)), 2)
            ties.append(
                Tie(
                    org=org,
                    person=people[a],
                    other=people[b],
                    source="known",
                    strength=round(rng.uniform(0.2, 0.9), 2),
                )
            )
        for _ in range(CARDS):
            ties.append(
                Tie(
                    org=org,
                    user=rng.choice(users),
                    person=rng.choice(people),
                    source="card",
                    strength=0.3,
                )
            )
        Tie.objects.bulk_create(ties, batch_size=10_000)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    edges = (
        through.objects.count()
        + Tie.objects.count()
        + Person.objects.exclude(reports_to=None).count()
    )
    print(
        f"  built in {time.perf_counter() - started:.0f} s: {Person.objects.count():,} people, {edges:,} ties",
        flush=True,
    )


def timed(fn, runs: int) -> tuple[float, float, int]:
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    reset_queries()
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
    if not Organisation.objects.filter(slug="paths").exists():
        print("building the data set (once) …", flush=True)
        build()
    clock.freeze(timezone.make_aware(dt.datetime.combine(TODAY, dt.time(9))))
    org = Organisation.objects.get(slug="paths")
    viewer = User.objects.get(email="u0@paths.example")
    rng = random.Random(5)
    ids = list(Person.objects.filter(org=org).values_list("pk", flat=True))
    targets = [Person.objects.get(pk=rng.choice(ids)) for _ in range(5)]
    print(f"data: {len(ids):,} people ({connection.vendor})")
    print(f"{'measure':44} {'median ms':>9} {'max ms':>7} {'queries':>7} {'hops':>4}")
    for t in targets:
        found = warm_paths.warmest_path(viewer, [t], TODAY)
        med, worst, q = timed(lambda t=t: warm_paths.warmest_path(viewer, [t], TODAY), args.runs)
        print(
            f"{'warmest path to person ' + str(t.pk):44} {med:9.1f} {worst:7.1f} {q:7d} {found.path.hops if found else '-':>4}"
        )
    web = Client()
    web.force_login(viewer)
    t = targets[0]
    med, worst, q = timed(lambda: web.get(f"/introductions/path/?to={t.pk}"), args.runs)
    print(f"{'the page (full HTML)':44} {med:9.1f} {worst:7.1f} {q:7d}")
    company = Company.objects.filter(org=org).order_by("pk")[7]
    med, worst, q = timed(
        lambda: warm_paths.warmest_path(viewer, list(company.people.all()), TODAY), args.runs
    )
    print(f"{'warmest path to a company (20 people)':44} {med:9.1f} {worst:7.1f} {q:7d}")


if __name__ == "__main__":
    main()
