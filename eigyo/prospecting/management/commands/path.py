"""eigyo path --user EMAIL (--to PERSON_ID | --company COMPANY_ID) [--format text|json]"""

import json

from django.core.management.base import BaseCommand, CommandError

from eigyo.accounts.commands import owner_and_org
from eigyo.companies.access import visible_companies
from eigyo.contacts.access import sees_ties, visible_people
from eigyo.core import clock
from eigyo.prospecting import warm_paths


class Command(BaseCommand):
    help = (
        "The warmest way in: from anyone on the team to a person (or anyone at a "
        "company), through the people we met, the ties recorded by hand and the "
        "reporting lines inside each client — at most three steps, each explained, as "
        "the user may see it (a private contact shows as someone on our team)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="login email (whose view)")
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--to", type=int, help="the person's id")
        target.add_argument("--company", type=int, help="a company's id: anyone there")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **opts):
        user, _org = owner_and_org(opts["user"])
        if not sees_ties(user):
            raise CommandError("who knows whom is the sales side's")
        people = visible_people(user)
        if opts["to"]:
            targets = list(people.filter(pk=opts["to"]))
        else:
            firm = visible_companies(user).filter(pk=opts["company"]).first()
            targets = list(people.filter(company=firm)) if firm else []
        if not targets:
            raise CommandError("no such person or company")
        found = warm_paths.warmest_path(user, targets, clock.today())
        if opts["format"] == "json":
            self.stdout.write(
                json.dumps(
                    None
                    if found is None
                    else {
                        "warmth": round(found.warmth, 4),
                        "hops": found.path.hops,
                        "text": found.text,
                        "steps": [
                            {
                                "name": s.name,
                                "detail": s.detail,
                                "ours": s.ours,
                                "private": s.private,
                            }
                            for s in found.steps
                        ],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        self.stdout.write(found.text if found else "no way in within three steps")
