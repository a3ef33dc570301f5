import time
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from egov.lib.periodic import schedule


class Command(BaseCommand):
    help = "Enqueue periodic jobs when they fall due (run exactly one per deployment)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="enqueue what is due, then exit")
        parser.add_argument("--interval", type=float, default=30.0, help="seconds between checks")

    def handle(self, *args: Any, **options: Any) -> None:
        jobs = schedule()
        self.stdout.write(f"Scheduler started with {len(jobs)} job(s).")
        while True:
            now = timezone.now()
            for job in jobs:
                if job.due(now):
                    job.run(now)
                    self.stdout.write(f"{now:%Y-%m-%d %H:%M:%S} enqueued: {job.name}")
            if options["once"]:
                return
            time.sleep(options["interval"])
