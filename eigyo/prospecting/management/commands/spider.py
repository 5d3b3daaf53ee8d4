"""eigyo spider --company ID [--limit N] [--format table|json]"""

import json

from django.core.management.base import BaseCommand, CommandError

from eigyo.companies.models import Company
from eigyo.prospecting import spider


class Command(BaseCommand):
    help = (
        "Propose the companies most similar to a client (same sector, neighbouring size, "
        "same region, avatar fit) that no one in its organisation works yet, with why."
    )

    def add_arguments(self, parser):
        parser.add_argument("--company", type=int, required=True, help="the company's id")
        parser.add_argument("--limit", type=int, default=20)
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, **opts):
        company = Company.objects.select_related("registry").filter(pk=opts["company"]).first()
        if company is None:
            raise CommandError(f"no company with id {opts['company']}")
        if not 1 <= opts["limit"] <= 100:
            raise CommandError("--limit must be between 1 and 100")
        rows = [
            {
                "registry": p.entry.pk,
                "name": p.entry.name,
                "corporate_number": p.entry.corporate_number,
                "score": p.score,
                "reasons": p.reasons,
            }
            for p in spider.propose(company, limit=opts["limit"])
        ]
        if opts["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for r in rows:
            self.stdout.write(f"{r['score']:3d}  {r['name']}  ({', '.join(r['reasons'])})")
