"""`dari notify [--dry-run] [--at ISO-TIME] [--json] [-o FILE]`: send the reminders and digests
due now (each once, like the periodic jobs), or with --dry-run print what would be sent at
--at (default now) without sending or recording anything."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone as djtz

from dari.cli.command import DariCommand
from dari.messaging.domain.outbox import due, send_due


class Command(DariCommand):
    help = "Send due reminders and digests; --dry-run --at ISO-TIME prints what would be sent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="print what would be sent; send nothing"
        )
        parser.add_argument(
            "--at",
            metavar="ISO-TIME",
            help="the moment to consider (with --dry-run), e.g. 2026-03-10T08:45+09:00; "
            "a time without a zone is UTC",
        )
        parser.add_argument("--json", action="store_true", help="the same as JSON")
        self.add_output_argument(parser)

    def _moment(self, at: str | None) -> datetime:
        if at is None:
            return djtz.now()
        try:
            moment = datetime.fromisoformat(at)
        except ValueError:
            raise self.bad_input(f"--at: not an ISO date and time: {at!r}") from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment

    def handle(self, *args: Any, **options: Any) -> None:
        moment = self._moment(options["at"])
        if not options["dry_run"]:
            if options["at"] is not None:
                raise self.bad_input("--at: only with --dry-run (sending happens now)")
            sent = send_due(moment)
            self.stderr.write(f"sent {sent} e-mail(s)")
            return
        planned = due(moment)
        if options["json"]:
            self.emit_json(
                [
                    {
                        "kind": o.kind,
                        "to": o.to,
                        "language": o.language,
                        "key": o.key,
                        "subject": o.subject,
                        "body": o.body,
                    }
                    for o in planned
                ],
                options["output"],
            )
            return
        lines = [f"{len(planned)} e-mail(s) would be sent at {moment.isoformat()}"]
        for o in planned:
            lines += ["", f"{o.kind} to {o.to} ({o.language}) [{o.key}]", f"Subject: {o.subject}"]
            lines += ["  " + line if line else "" for line in o.body.splitlines()]
        self.emit("\n".join(lines) + "\n", options["output"])
