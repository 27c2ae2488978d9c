"""`dari periodic [--once] [--interval SECONDS]`: enqueue the periodic jobs when they are due
(request expiry, ...); `dari db_worker` runs them. Run one next to each worker, or several:
each tick is enqueued once across all of them (see dari.events.periodic)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import CommandParser

from dari.cli.command import DariCommand
from dari.events.periodic import JOBS, enqueue_due


class Command(DariCommand):
    help = "Enqueue periodic jobs when due (once across all processes); --once for cron."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="check once, then exit")
        parser.add_argument(
            "--interval", type=float, default=30.0, help="seconds between checks (default 30)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["interval"] > 0:
            raise self.bad_input("--interval: must be more than 0 seconds")
        names = ", ".join(f"{j.name} (every {j.every})" for j in JOBS)
        if options["verbosity"] > 1 or not options["once"]:
            self.stdout.write(f"periodic jobs: {names}")
        while True:
            for name in enqueue_due():
                self.stdout.write(f"enqueued {name}")
            if options["once"]:
                return
            time.sleep(options["interval"])
