"""eigyo partners alerts [--user EMAIL] [--date YYYY-MM-DD] [--format table|json]"""

import json

from django.core.management.base import BaseCommand

from eigyo.accounts.commands import owner_and_org, parse_date
from eigyo.core import clock
from eigyo.followups import inbox
from eigyo.partners import alerts


class Command(BaseCommand):
    help = (
        "Partner alerts for the partner managers: a partner projected to miss its period "
        "target, a termination right that is open (and the day it lapses), a renewal whose "
        "notice deadline is within 60 days. Each alert goes into the manager's inbox once "
        "(the remind worker e-mails it) and is printed."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("alerts", help="tell the partner managers what is due")
        run.add_argument("--user", help="only this partner manager (login email)")
        run.add_argument("--date", help="as of this day (default: today)")
        run.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, **opts):
        today = parse_date(opts.get("date"), clock.today())
        owners = None
        if opts.get("user"):
            user, _org = owner_and_org(opts["user"])
            owners = [user.pk]
        due = alerts.send(today, owners)
        rows = [
            {
                "to": a["to"],
                "kind": a["kind"],
                "day": a["day"].isoformat(),
                "subject": a["subject"],
                "text": str(inbox.KINDS[a["kind"]].text)
                % {"actor": "", "subject": a["subject"], "day": a["day"].isoformat()},
            }
            for a in due
        ]
        if opts["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write("No partner alerts.")
        for row in rows:
            self.stdout.write(f"{row['day']}  {row['text']}")
