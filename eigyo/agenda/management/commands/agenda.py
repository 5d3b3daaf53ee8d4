"""eigyo agenda --user EMAIL [--date YYYY-MM-DD] [--format table|json]"""

import json

from django.core.management.base import BaseCommand
from django.utils import translation

from eigyo.accounts.commands import owner_and_org, parse_date
from eigyo.core import clock
from eigyo.portfolio import planning
from eigyo.portfolio.text import explain


class Command(BaseCommand):
    help = (
        "Print a rep's agenda for a day: whom to contact and why (overdue first, then by "
        "tier), within the daily capacity, plus the new approaches paced to the monthly "
        "target. In the user's language."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="the rep's login email")
        parser.add_argument("--date", help="YYYY-MM-DD (default: today in Asia/Tokyo)")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, **opts):
        user, org = owner_and_org(opts["user"])
        day = parse_date(opts["date"], clock.today())
        with translation.override(user.language):
            agenda = planning.build_agenda(user, org, day)
            rows = [
                {
                    "company": c.company_name,
                    "tier": c.tier,
                    "reason": c.reason,
                    "why": explain(c, day),
                    "relationship": c.relationship_id,
                }
                for c in agenda.contacts
            ]
            approaches = [
                {"company": a.company_name, "relationship": a.relationship_id}
                for a in agenda.approaches
            ]
        if opts["format"] == "json":
            self.stdout.write(
                json.dumps(
                    {
                        "user": user.email,
                        "date": day.isoformat(),
                        "business_day": agenda.is_business_day,
                        "contacts": rows,
                        "approach_quota": agenda.approach_quota,
                        "approaches": approaches,
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        self.stdout.write(f"{user.display_name} · {day.isoformat()}")
        if not agenda.is_business_day:
            self.stdout.write("not a business day")
        for i, row in enumerate(rows, 1):
            self.stdout.write(f"{i}. {row['company']}  —  {row['why']}")
        if agenda.approach_quota:
            self.stdout.write(f"new approaches: {agenda.approach_quota}")
            for a in approaches:
                self.stdout.write(f"  + {a['company']}")
