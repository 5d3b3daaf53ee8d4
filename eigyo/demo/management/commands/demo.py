"""eigyo demo [--reset]"""

from django.core.management.base import BaseCommand, CommandError

from eigyo.activities.models import Activity
from eigyo.companies.models import Company
from eigyo.demo import builder as demo
from eigyo.portfolio.models import Relationship


class Command(BaseCommand):
    help = (
        'Build the demo organisation "Demo KK": the real company registry, an admin, a '
        "manager, three reps, a partner user and a marketing user, ~300 registry companies in "
        "the reps' portfolios and six months of visits. Same result every run; running it "
        "again changes nothing unless --reset is given. Prints the logins."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="delete and rebuild Demo KK")

    def handle(self, *args, **opts):
        from django.db import connection
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("the database is not up to date: run `eigyo migrate` first")
        org, built = demo.build(reset=opts["reset"])
        counts = (
            f"{Company.objects.filter(org=org).count()} companies, "
            f"{Relationship.objects.filter(org=org).count()} relationships, "
            f"{Activity.objects.filter(org=org).count()} activities"
        )
        verb = "built" if built else "already there (use --reset to rebuild)"
        self.stdout.write(self.style.SUCCESS(f"Demo KK {verb}: {counts}"))
        self.stdout.write(
            f"Log in at http://127.0.0.1:8000/ with (password for all: {demo.PASSWORD}):"
        )
        for email, role, _password in demo.logins():
            self.stdout.write(f"  {role:10} {email}")
