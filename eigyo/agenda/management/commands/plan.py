"""eigyo plan --user EMAIL [--weeks 4] [--date YYYY-MM-DD] [--format table|json]"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from eigyo.accounts.commands import owner_and_org, parse_date
from eigyo.core import clock
from eigyo.portfolio import planning
from eigyo.portfolio.text import explain


class Command(BaseCommand):
    help = (
        "Print a rep's plan for the coming weeks: due contacts spread over Japanese "
        "business days within the daily capacity, and what does not fit."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="the rep's login email")
        parser.add_argument("--weeks", type=int, default=4, help="1 to 8 (default 4)")
        parser.add_argument("--date", help="first day, YYYY-MM-DD (default: today)")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, **opts):
        if not 1 <= opts["weeks"] <= 8:
            raise CommandError("--weeks must be between 1 and 8")
        user, org = owner_and_org(opts["user"])
        start = parse_date(opts["date"], clock.today())
        plan = planning.build_plan(user, org, start, opts["weeks"])
        with translation.override(user.language):
            days = [(d, [(c, explain(c, d)) for c in items]) for d, items in plan.days]
        if opts["format"] == "json":
            self.stdout.write(
                json.dumps(
                    {
                        "user": user.email,
                        "capacity": plan.capacity,
                        "fits": plan.fits,
                        "days": [
                            {
                                "date": d.isoformat(),
                                "contacts": [
                                    {
                                        "company": c.company_name,
                                        "tier": c.tier,
                                        "reason": c.reason,
                                        "why": why,
                                    }
                                    for c, why in items
                                ],
                            }
                            for d, items in days
                        ],
                        "unplaced": len(plan.unplaced),
                        "late": len(plan.late),
                        "shortfall_by_tier": plan.shortfall_by_tier(),
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        for d, items in days:
            self.stdout.write(f"{d.isoformat()} ({d.strftime('%a')})")
            for c, why in items:
                self.stdout.write(f"  {c.company_name}  —  {why}")
        if plan.fits:
            self.stdout.write("every due contact fits before its date")
        else:
            self.stdout.write(
                f"{len(plan.unplaced)} contacts do not fit, {len(plan.late)} planned late; "
                f"by tier: {plan.shortfall_by_tier()}"
            )
