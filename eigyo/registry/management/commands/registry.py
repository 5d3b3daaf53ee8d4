"""eigyo registry load edinet|tse · eigyo registry search NAME"""

from django.core.management.base import BaseCommand, CommandError

from eigyo.registry import loaders
from eigyo.registry.filters import name_search
from eigyo.registry.models import RegistryEntry


class Command(BaseCommand):
    help = (
        "The public company registry. `load edinet` loads the EDINET code list shipped in "
        "the japan-finance-codes package; `load tse` then adds market segment, 33-sector and "
        "TOPIX size class from the JPX list in the tokyo-stock-exchange package. Loads are "
        "idempotent. `search NAME` looks a name, kana or romaji prefix up."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser(
            "load",
            help="load a public list into the registry",
            description="edinet / tse: the lists shipped in PyPI packages. FILE: a file you "
            "downloaded — the EDINET code list (EdinetcodeDlInfo.csv), the JPX listed issues "
            "(data_j saved as CSV), or the National Tax Agency corporate numbers (全件 or 差分, "
            "CSV or zip, Unicode or Shift_JIS); the kind is recognised from its content.",
        )
        load.add_argument("source", help="edinet, tse, or the path of a downloaded file")
        load.add_argument("--no-progress", action="store_true", help="no progress bar")
        search = sub.add_parser("search", help="search the registry")
        search.add_argument("name", help="name, kana or romaji prefix, or English name")
        search.add_argument("--limit", type=int, default=10)

    def handle(self, *args, **opts):
        if opts["action"] == "load":
            source = opts["source"]
            if source in ("edinet", "tse"):
                loader = {"edinet": loaders.load_edinet, "tse": loaders.load_tse}[source]
                report = loader(progress=not opts["no_progress"])
            else:
                from eigyo.registry.file_loader import load_file

                try:
                    report = load_file(source, progress=not opts["no_progress"])
                except (OSError, ValueError) as exc:
                    raise CommandError(str(exc)) from exc
            notes = report.skipped + report.warnings
            shown = notes if opts["verbosity"] >= 2 else notes[:5]
            for line in shown:
                self.stderr.write(line)
            if len(notes) > len(shown):
                self.stderr.write(f"… and {len(notes) - len(shown)} more (-v 2 lists them all)")
            self.stdout.write(self.style.SUCCESS(report.summary()))
            return
        if opts["limit"] < 1:
            raise CommandError("--limit must be at least 1")
        cond = name_search(opts["name"], prefix_only=True)
        for entry in RegistryEntry.objects.filter(cond).order_by("name_key")[: opts["limit"]]:
            self.stdout.write(
                f"{entry.corporate_number or '-':13}  {entry.name}  {entry.name_en}".rstrip()
            )
