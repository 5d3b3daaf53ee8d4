"""eigyo remind [--loop] [--interval SECONDS]"""

import time

from django.core.management.base import BaseCommand

from eigyo.core import clock
from eigyo.followups import reminders


class Command(BaseCommand):
    help = (
        "Send what is due by email: milestone reminders and escalations, open promises "
        "to buyers, and the 08:00 digest of the day's agenda on business days. Each "
        "reminder is sent once even with several workers; failed sends are retried. "
        "Run once (cron) or with --loop as a worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="keep running")
        parser.add_argument("--interval", type=int, default=60, help="seconds between rounds")
        parser.add_argument("--rounds", type=int, default=0, help="with --loop: stop after N")

    def handle(self, *args, **opts):
        rounds = 0
        while True:
            now = clock.now()
            queued = reminders.enqueue_due(now)
            sent, failed = reminders.send_pending(now)
            if opts["verbosity"] >= 1:
                self.stdout.write(f"queued {queued}, sent {sent}, failed {failed}")
            rounds += 1
            if not opts["loop"] or (opts["rounds"] and rounds >= opts["rounds"]):
                return
            time.sleep(max(1, opts["interval"]))
