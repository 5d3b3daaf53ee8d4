"""Server time of the main pages and endpoints on the demo data.

    DEBUG=1 .venv/bin/python bench/pages.py [--runs 30]

Uses the demo database (run `eigyo demo` first); measures the Django test
client end to end in-process (no network), median and 95th percentile, and
the number of SQL queries per request.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eigyo.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from eigyo.accounts.models import ApiToken, User  # noqa: E402
from eigyo.companies.models import Company  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    user = User.objects.get(email="rep1@demo.example")
    web = Client(SERVER_NAME="127.0.0.1")
    web.force_login(user)
    token, secret = ApiToken.issue(user, "bench")
    rest = Client(SERVER_NAME="127.0.0.1", headers={"Authorization": f"Bearer {secret}"})
    company = Company.objects.filter(org=user.membership.org).order_by("pk").first()
    cases = [
        ("home", web, "/"),
        ("companies list", web, "/companies/"),
        ("companies search 'とよ' (htmx)", web, "/companies/?q=とよ"),
        ("company detail + timeline", web, f"/companies/{company.pk}/"),
        ("people search 'tanaka'", web, "/people/?q=tanaka"),
        ("portfolio list", web, "/portfolio/"),
        ("activities list", web, "/activities/"),
        ("log-a-visit form", web, f"/activities/new/?company={company.pk}"),
        ("registry search 'toyota'", web, "/companies/registry/?q=toyota"),
        ("API companies", rest, "/api/companies"),
        ("API activities", rest, "/api/activities"),
    ]
    print(f"{'request':34} {'median ms':>9} {'p95 ms':>7} {'queries':>7}")
    for name, client, url in cases:
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        p95 = sorted(times)[int(len(times) * 0.95) - 1]
        print(f"{name:34} {statistics.median(times):9.1f} {p95:7.1f} {len(queries):7d}")
    token.delete()


if __name__ == "__main__":
    main()
