"""eigyo audit verify | prune | triage — check the hash chains, drop events past their
retention (the chain stays verifiable from its anchor), trace a possible leak."""

import datetime as dt
import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from eigyo.accounts.commands import parse_date
from eigyo.accounts.models import Organisation, User
from eigyo.audit import chain, provision, triage
from eigyo.audit.forms import start_of
from eigyo.core import clock


def _org(slug):
    if slug is None:
        return None
    org = Organisation.objects.filter(slug=slug).first()
    if org is None:
        raise CommandError(f"no organisation {slug!r}")
    return org


class Command(BaseCommand):
    help = (
        "The audit trail: `verify` walks every organisation's hash chain and exits 1 when an "
        "event was edited or removed; `prune` deletes events older than the retention "
        "(EIGYO_AUDIT_RETENTION_DAYS) and anchors the chain; `triage` lists whose personal "
        "data a user, API token or feed read or exported in a window."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="check the hash chains")
        verify.add_argument("--org", help="one organisation's slug (default: all)")
        prune = sub.add_parser("prune", help="delete events past their retention")
        prune.add_argument("--org", help="one organisation's slug (default: all)")
        prune.add_argument("--days", type=int, help="keep this many days (default: the setting)")
        t = sub.add_parser("triage", help="whose data a user, token or feed read")
        t.add_argument("--org", required=True, help="the organisation's slug")
        who = t.add_mutually_exclusive_group(required=True)
        who.add_argument("--user", help="the user's login email")
        who.add_argument("--token", type=int, help="the API token's id")
        who.add_argument("--feed", type=int, help="the calendar feed's id")
        t.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
        t.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD (inclusive)")
        t.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, **opts):
        getattr(self, "_" + opts["action"])(opts)

    def _verify(self, opts):
        org = _org(opts.get("org"))
        ids = [org.pk] if org else chain.chains()
        bad = 0
        for org_id in ids:
            verdict = chain.verify(org_id)
            label = org_id if org_id is not None else "-"
            if verdict.ok:
                self.stdout.write(f"org {label}: {verdict.checked} events, chain intact")
            else:
                bad += 1
                for problem in verdict.problems:
                    self.stdout.write(f"org {label}: {problem}")
        if bad:
            raise CommandError(f"{bad} chain(s) broken")

    def _prune(self, opts):
        days = opts["days"] if opts["days"] is not None else settings.EIGYO_AUDIT_RETENTION_DAYS
        if days < 1:
            raise CommandError("--days must be at least 1")
        before = clock.now() - dt.timedelta(days=days)
        org = _org(opts.get("org"))
        for org_id in [org.pk] if org else chain.chains():
            n = chain.prune(org_id, before)
            self.stdout.write(f"org {org_id if org_id is not None else '-'}: {n} events pruned")
        if org is None:
            n = provision.prune_expired(clock.today())
            self.stdout.write(f"{n} provision records past their retention deleted")

    def _triage(self, opts):
        org = _org(opts["org"])
        start = parse_date(opts["start"], clock.today())
        end = parse_date(opts["end"], clock.today())
        user_id = None
        if opts["user"]:
            user = User.objects.filter(email__iexact=opts["user"]).first()
            if user is None:
                raise CommandError(f"no user {opts['user']}")
            user_id = user.pk
        result = triage.triage(
            org.pk,
            start=start_of(start),
            end=start_of(end + dt.timedelta(days=1)),
            user_id=user_id,
            token_id=opts["token"],
            feed_id=opts["feed"],
        )
        if opts["format"] == "json":
            data = {
                "people": result.count,
                "reads": len(result.events),
                "items": result.items,
                "persons": [
                    {
                        "id": p.person_id,
                        "name": p.name,
                        "times": p.times,
                        "items": sorted(p.items),
                        "first": p.first.isoformat() if p.first else None,
                        "last": p.last.isoformat() if p.last else None,
                    }
                    for p in result.people
                ],
            }
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{result.count} people, {len(result.events)} reads; items: {', '.join(result.items) or '-'}"
        )
        for p in result.people:
            self.stdout.write(f"{p.person_id}\t{p.name}\t{p.times}\t{', '.join(sorted(p.items))}")
