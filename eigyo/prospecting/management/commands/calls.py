"""eigyo calls stats --user EMAIL [--script NAME] [--month YYYY-MM] [--format table|json]"""

import json

from django.core.management.base import BaseCommand, CommandError

from eigyo.accounts.commands import owner_and_org
from eigyo.prospecting import call_stats
from eigyo.prospecting.access import visible_calls, visible_rehearsals, visible_scripts

RATES = {
    "past_reception": "past reception (staff/reception)",
    "decision_maker": "decision maker (dm/staff)",
    "appointment": "appointments (appt/conversation)",
}


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.0f}%"


class Command(BaseCommand):
    help = (
        "How far cold calls got with each script variant and version, as the user may "
        "see them (their own, their team's for a manager, everyone's for an admin): the "
        "calls, and the conditional rates — past reception = reached staff / reached "
        "reception, decision maker = reached the decision maker / reached staff, "
        "appointments / real conversations — each with its 95 % Wilson interval, and the "
        "chance each variant beats variant A."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        stats = sub.add_parser("stats", help="figures per script variant and version")
        stats.add_argument("--user", required=True, help="login email")
        stats.add_argument("--script", help="a script's name (default: every script)")
        stats.add_argument("--month", help="YYYY-MM (default: all time)")
        stats.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, **opts):
        user, _org = owner_and_org(opts["user"])
        scripts = visible_scripts(user)
        if opts.get("script"):
            scripts = scripts.filter(name=opts["script"])
            if not scripts.exists():
                raise CommandError(f"no script named {opts['script']!r}")
        if opts.get("month") and call_stats.month_bounds(opts["month"]) is None:
            raise CommandError("--month is YYYY-MM")
        out = []
        for script in scripts:
            calls = call_stats.filtered(visible_calls(user), script=script, month=opts.get("month"))
            practice = call_stats.filtered_rehearsals(
                visible_rehearsals(user), script=script, month=opts.get("month")
            )
            _versions, variants = call_stats.script_rows(
                calls, practice, known=script.versions.values_list("variant", "number")
            )
            for row in variants:
                out.append(
                    {
                        "script": script.name,
                        "variant": row.variant,
                        "calls": row.funnel.calls,
                        "practised": row.practised,
                        **{
                            name: {
                                "k": r.k,
                                "n": r.n,
                                "rate": r.value,
                                "low": r.interval[0],
                                "high": r.interval[1],
                                "beats_a": (row.beats_first or {}).get(name),
                            }
                            for name, r in row.rates.items()
                        },
                    }
                )
        if opts["format"] == "json":
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
            return
        if not out:
            self.stdout.write("no scripts")
            return
        for row in out:
            self.stdout.write(
                f"{row['script']} {row['variant']}: {row['calls']} calls, practised {row['practised']}"
            )
            for name, label in RATES.items():
                r = row[name]
                beats = "" if r["beats_a"] is None else f", {r['beats_a'] * 100:.0f}% to beat A"
                self.stdout.write(
                    f"  {label:34} {_pct(r['rate']):>5} ({r['k']}/{r['n']}; "
                    f"{_pct(r['low'])}–{_pct(r['high'])}{beats})"
                )
