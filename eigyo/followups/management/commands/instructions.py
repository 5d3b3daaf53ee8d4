"""eigyo instructions --user EMAIL [--evaporating] [--format table|json]"""

import json

from django.core.management.base import BaseCommand

from eigyo.accounts.commands import owner_and_org
from eigyo.core import clock
from eigyo.followups import services
from eigyo.followups.access import visible_instructions


class Command(BaseCommand):
    help = (
        "List the open instructions and client requests a user may see (their own, or "
        "their team's for a manager), or with --evaporating only those whose milestone "
        "passed with no word since."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="login email")
        parser.add_argument("--evaporating", action="store_true")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, **opts):
        user, org = owner_and_org(opts["user"])
        visible = visible_instructions(user)
        today = clock.today()
        if opts["evaporating"]:
            rows = [
                {
                    "id": e.instruction.pk,
                    "subject": e.instruction.subject,
                    "owner": e.instruction.owner.email,
                    "milestone": e.milestone.title,
                    "due": e.milestone.due_on.isoformat(),
                    "days_silent": e.days_silent,
                }
                for e in services.evaporating(visible, org, today)
            ]
        else:
            rows = [
                {
                    "id": i.pk,
                    "subject": i.subject,
                    "owner": i.owner.email,
                    "kind": i.kind,
                    "acknowledged": bool(i.acknowledged_at),
                }
                for i in visible.filter(status="open").select_related("owner")
            ]
        if opts["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            self.stdout.write("  ".join(str(v) for v in row.values()))
