"""Global search at 25,000 companies and 100,000 people (target: under 50 ms server time).

    .venv/bin/python bench/search_scale.py [--runs 20] [--rebuild]

Builds (once) in var/bench-search.sqlite3 an organisation with 25,000 companies,
100,000 people with kanji, kana and derived romaji, 5,000 deals, and the EDINET
registry (11,223 entities); then times what the header asks for each keystroke —
the search itself and the whole htmx request — for kanji, kana, romaji, company
names, a rare and a missing word. Server side, in-process (Django test client).
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
os.environ["EIGYO_SQLITE"] = str(ROOT / "var" / "bench-search.sqlite3")
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eigyo.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from eigyo.accounts.models import Membership, Organisation, Role, User  # noqa: E402
from eigyo.agenda.search import search  # noqa: E402
from eigyo.companies.models import Company  # noqa: E402
from eigyo.contacts.models import Person  # noqa: E402
from eigyo.deals.models import Deal  # noqa: E402
from eigyo.registry.models import search_fields  # noqa: E402

COMPANIES, PEOPLE, DEALS = 25_000, 100_000, 5_000
PLACES = [
    "東京",
    "大阪",
    "名古屋",
    "横浜",
    "京都",
    "神戸",
    "福岡",
    "札幌",
    "仙台",
    "広島",
    "日本",
    "中央",
]
TRADES = [
    "精機",
    "商事",
    "工業",
    "電機",
    "化学",
    "製薬",
    "物産",
    "運輸",
    "建設",
    "食品",
    "繊維",
    "産業",
]
FAMILY = [
    ("田中", "タナカ"), ("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"), ("山本", "ヤマモト"), ("中村", "ナカムラ"), ("小林", "コバヤシ"), ("加藤", "カトウ"),
    ("吉田", "ヨシダ"), ("山田", "ヤマダ"), ("佐々木", "ササキ"), ("山口", "ヤマグチ"), ("松本", "マツモト"),
    ("井上", "イノウエ"), ("木村", "キムラ"), ("林", "ハヤシ"), ("斎藤", "サイトウ"), ("清水", "シミズ"),
]  # fmt: skip
GIVEN = [
    ("太郎", "タロウ"), ("花子", "ハナコ"), ("健一", "ケンイチ"), ("美咲", "ミサキ"), ("大輔", "ダイスケ"),
    ("彩", "アヤ"), ("翔太", "ショウタ"), ("陽子", "ヨウコ"), ("誠", "マコト"), ("由美", "ユミ"),
]  # fmt: skip
QUERIES = ["田中", "タナカ", "tanaka", "たかはし", "東京精機", "とうきょう", "商事", "翔太", "zzz"]


def build() -> None:
    rng = random.Random(7)
    started = time.perf_counter()
    call_command("registry", "load", "edinet", verbosity=0)
    with transaction.atomic():
        org = Organisation.objects.create(name="Search KK", slug="search")
        rep = User.objects.create_user("rep@search.example", "x" * 12)
        Membership.objects.create(org=org, user=rep, role=Role.REP)
        companies = []
        for i in range(COMPANIES):
            name = f"{rng.choice(PLACES)}{rng.choice(TRADES)}{i:05d}株式会社"
            companies.append(Company(org=org, legal_name=name, **search_fields(name, "", "")))
        Company.objects.bulk_create(companies, batch_size=5000)
        ids = list(Company.objects.filter(org=org).values_list("pk", flat=True))
        people = []
        for _ in range(PEOPLE):
            (family, fk), (given, gk) = rng.choice(FAMILY), rng.choice(GIVEN)
            p = Person(
                org=org,
                company_id=rng.choice(ids),
                family_name=family,
                given_name=given,
                family_kana=fk,
                given_kana=gk,
            )
            p.derive_search_fields()
            people.append(p)
        Person.objects.bulk_create(people, batch_size=5000)
        Deal.objects.bulk_create(
            [
                Deal(
                    org=org,
                    title=f"{rng.choice(TRADES)}案件{i}",
                    company_id=rng.choice(ids),
                    owner=rep,
                )
                for i in range(DEALS)
            ],
            batch_size=5000,
        )
    print(f"built in {time.perf_counter() - started:.0f} s")


def timed(fn, runs: int) -> tuple[float, float]:
    fn()  # warm
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    db = Path(os.environ["EIGYO_SQLITE"])
    if args.rebuild and db.exists():
        db.unlink()
    call_command("migrate", verbosity=0)
    if not Organisation.objects.filter(slug="search").exists():
        build()
    rep = User.objects.get(email="rep@search.example")
    web = Client()
    web.force_login(rep)
    print(
        f"{connection.vendor}; {Company.objects.count():,} companies, {Person.objects.count():,} people"
    )
    print(f"{'query':<12} {'search ms':>10} {'p95':>6} {'request ms':>11} {'p95':>6}")
    worst = 0.0
    for q in QUERIES:
        s_med, s_p95 = timed(lambda q=q: search(rep, q), args.runs)
        r_med, r_p95 = timed(
            lambda q=q: web.get("/search/", {"q": q}, headers={"HX-Request": "true"}), args.runs
        )
        worst = max(worst, r_med)
        print(f"{q:<12} {s_med:>10.1f} {s_p95:>6.1f} {r_med:>11.1f} {r_p95:>6.1f}")
    print(f"slowest median request: {worst:.1f} ms")


if __name__ == "__main__":
    main()
