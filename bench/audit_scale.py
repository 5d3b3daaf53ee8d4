"""The audit trail's cost and its answers at scale.

    .venv/bin/python bench/audit_scale.py [--events 200000] [--runs 5]

In a fresh var/bench-audit.sqlite3 (or EIGYO_BENCH_DATABASE_URL for PostgreSQL):
times a person's save with and without its audit record (the per-write cost),
appends --events read events over 90 days for 2,000 people (an API token reading
pages of 25), then times `verify` over the whole chain, leak triage for the token
over a week and over the whole period, and one person's disclosure package."""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DEBUG", "1")
DB = ROOT / "var" / "bench-audit.sqlite3"
os.environ["EIGYO_SQLITE"] = str(DB)
if os.environ.get("EIGYO_BENCH_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["EIGYO_BENCH_DATABASE_URL"]
else:
    os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eigyo.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from eigyo.accounts.models import ApiToken, Membership, Organisation, Role, User  # noqa: E402
from eigyo.audit import chain, disclosure, tracking, triage  # noqa: E402
from eigyo.audit.models import AuditEvent  # noqa: E402
from eigyo.contacts.models import Person  # noqa: E402
from eigyo.core import actor, clock  # noqa: E402

PEOPLE = 2_000


def ms(fn, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if DB.exists() and not os.environ.get("DATABASE_URL"):
        DB.unlink()
    call_command("migrate", verbosity=0)
    org = Organisation.objects.create(name="Bench KK", slug=f"bench-{random.randint(0, 10**9)}")
    user = User.objects.create_user(f"{org.slug}@bench.example", "x" * 20)
    Membership.objects.create(org=org, user=user, role=Role.ADMIN)
    token, _secret = ApiToken.issue(user, "bench")
    with tracking.quiet():
        people = Person.objects.bulk_create(
            [
                Person(org=org, family_name=f"佐藤{i}", given_name="花子", email=f"p{i}@x.example")
                for i in range(PEOPLE)
            ]
        )
    person = people[0]

    def save():
        with transaction.atomic():
            person.title = str(random.random())
            person.save()

    def save_quiet():
        with tracking.quiet():
            save()

    with actor.acting(user, via="bench"):
        print(f"person save without audit: {ms(save_quiet, 200):.2f} ms (median of 200)")
        print(f"person save with audit:    {ms(save, 200):.2f} ms (median of 200)")
        start = clock.now() - dt.timedelta(days=90)
        step = dt.timedelta(days=90) / args.events
        t = time.perf_counter()
        batch = 5_000
        for b in range(0, args.events, batch):
            with transaction.atomic():
                for i in range(b, min(b + batch, args.events)):
                    clock.freeze(start + step * i)
                    first = (i * 25) % PEOPLE
                    tracking.record(
                        AuditEvent.Action.API_READ,
                        org_id=org.pk,
                        object_type="contacts.person",
                        payload={"items": ["name", "email"], "count": 25},
                        subjects=[p.pk for p in people[first : first + 25]],
                        credential=f"token:{token.pk}",
                    )
        clock.freeze(None)
        took = time.perf_counter() - t
        print(f"appended {args.events:,} read events (25 people each) in {took:.1f} s")
    n = AuditEvent.objects.filter(org=org).count()
    print(f"verify {n:,} events: {ms(lambda: chain.verify(org.pk), 1):.0f} ms")
    end = clock.now()
    week = ms(
        lambda: triage.triage(org.pk, start=end - dt.timedelta(days=7), end=end, token_id=token.pk),
        args.runs,
    )
    print(f"triage, token, last 7 days: {week:.0f} ms")
    whole = ms(
        lambda: triage.triage(
            org.pk, start=end - dt.timedelta(days=91), end=end, token_id=token.pk
        ),
        1,
    )
    result = triage.triage(org.pk, start=end - dt.timedelta(days=91), end=end, token_id=token.pk)
    print(f"triage, token, 90 days: {whole:.0f} ms ({result.count:,} people)")
    print(
        f"disclosure package of one person: {ms(lambda: disclosure.package(person), args.runs):.0f} ms"
    )


if __name__ == "__main__":
    main()
