"""eigyo forget_uploads [--days N]"""

from django.conf import settings
from django.core.management.base import BaseCommand

from eigyo.transfer import services


class Command(BaseCommand):
    help = (
        "Delete the files of uploaded lists whose import was committed or abandoned more "
        "than EIGYO_KEEP_UPLOAD_DAYS days ago (a preview left alone that long counts as "
        "abandoned). The record of each import (who, when, how many rows) stays. Run "
        "daily from cron, beside `eigyo remind`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="keeping period in days (default: the EIGYO_KEEP_UPLOAD_DAYS setting)",
        )

    def handle(self, *args, **opts):
        days = settings.EIGYO_KEEP_UPLOAD_DAYS if opts["days"] is None else opts["days"]
        forgotten = services.forget_uploads(keep_days=max(0, days))
        if opts["verbosity"] >= 1:
            self.stdout.write(f"deleted the files of {forgotten} uploaded lists")
