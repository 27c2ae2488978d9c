"""`dari event ...`: events for operators and scripts.

dari event list [--json]
dari event export-instance SLUG -o FILE       partnering-schedule/1
dari event schedule SLUG [--time-limit S]     optimise now (recorded as a run)
dari event publish SLUG                       confirm the scheduled meetings
dari event export-schedule SLUG -o FILE       partnering-schedule-result/1
dari event ics SLUG --participant ID -o FILE  a participant's calendar
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dari.events.domain.calendar import participant_calendar
from dari.events.domain.schedule import (
    export_instance,
    export_schedule,
    publish_schedule,
    schedule_event,
)
from dari.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    Participant,
    RequestStatus,
)


def _write(data: bytes | str, output: Path | None, stderr: Any) -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if output is None:
        sys.stdout.buffer.write(raw)
        sys.stdout.flush()
        return
    output.write_bytes(raw)
    stderr.write(f"wrote {output}")


class Command(BaseCommand):
    help = "Partnering events: list, export the scheduling problem, schedule, export, calendars."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        ls = sub.add_parser("list", help="list events")
        ls.add_argument("--json", action="store_true", help="machine-readable output")
        for name, helptext in [
            ("export-instance", "write the event's scheduling problem (partnering-schedule/1)"),
            ("export-schedule", "write the event's schedule (partnering-schedule-result/1)"),
        ]:
            p = sub.add_parser(name, help=helptext)
            p.add_argument("slug")
            p.add_argument("-o", "--output", type=Path)
        sc = sub.add_parser("schedule", help="optimise the event's schedule now")
        sc.add_argument("slug")
        sc.add_argument("--time-limit", type=float, default=None)
        pb = sub.add_parser("publish", help="publish: scheduled meetings become confirmed")
        pb.add_argument("slug")
        ics = sub.add_parser("ics", help="write a participant's iCalendar file")
        ics.add_argument("slug")
        ics.add_argument("--participant", required=True, help="participant id (number) or username")
        ics.add_argument("-o", "--output", type=Path)

    def _event(self, slug: str) -> Event:
        event = Event.objects.filter(slug=slug).first()
        if event is None:
            known = ", ".join(Event.objects.values_list("slug", flat=True)[:10]) or "none"
            raise CommandError(f"no event with slug {slug!r} (events: {known})")
        return event

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "list":
            return self._list(options["json"])
        event = self._event(options["slug"])
        if action == "export-instance":
            _write(
                json.dumps(export_instance(event), indent=1) + "\n", options["output"], self.stderr
            )
        elif action == "export-schedule":
            _write(
                json.dumps(export_schedule(event), indent=1) + "\n", options["output"], self.stderr
            )
        elif action == "schedule":
            run = schedule_event(event.pk, time_limit=options["time_limit"])
            if run.status != "done":
                raise CommandError(f"scheduling failed: {run.error}")
            s = run.stats
            self.stdout.write(
                f"scheduled {run.scheduled}, not scheduled {run.unscheduled}, moved {run.moved}; "
                f"weight {s.get('weight')} of proved bound {s.get('bound')} "
                f"(gap {100 * float(s.get('gap', 0)):.2f}%), "
                f"{s.get('seconds')} s, {s.get('method')}"
            )
        elif action == "publish":
            n = publish_schedule(event.pk)
            self.stdout.write(f"published: {n} meetings confirmed")
        elif action == "ics":
            ref = options["participant"]
            people = Participant.objects.filter(event=event)
            found = (
                people.filter(pk=int(ref)) if ref.isdigit() else people.filter(user__username=ref)
            )
            participant = found.first()
            if participant is None:
                raise CommandError(f"--participant: no participant {ref!r} in event {event.slug!r}")
            _write(participant_calendar(participant), options["output"], self.stderr)

    def _list(self, as_json: bool) -> None:
        rows = []
        for e in Event.objects.order_by("start_date", "slug"):
            meetings = Meeting.objects.filter(event=e).exclude(status=MeetingStatus.CANCELLED)
            rows.append(
                {
                    "slug": e.slug,
                    "name": e.name,
                    "mode": e.mode,
                    "timezone": e.timezone,
                    "start_date": e.start_date.isoformat(),
                    "end_date": e.end_date.isoformat(),
                    "participants": e.participants.count(),
                    "requests": MeetingRequest.objects.filter(event=e).count(),
                    "accepted": MeetingRequest.objects.filter(
                        event=e, status=RequestStatus.ACCEPTED
                    ).count(),
                    "scheduled": meetings.filter(status=MeetingStatus.SCHEDULED).count(),
                    "unscheduled": meetings.filter(status=MeetingStatus.UNSCHEDULED).count(),
                    "published": e.schedule_published,
                    "synthetic": e.synthetic,
                }
            )
        if as_json:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        for r in rows:
            self.stdout.write(
                f"{r['slug']:<40} {r['mode']:<10} {r['start_date']}..{r['end_date']} "
                f"{r['participants']:>5} people "
                f"{r['scheduled']:>5}/{r['accepted']} meetings scheduled"
            )
