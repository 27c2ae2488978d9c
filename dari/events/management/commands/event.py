"""`dari event ...`: events for operators and scripts.

dari event list [--json] [-o FILE]
dari event export-instance SLUG [-o FILE]      partnering-schedule/1
dari event schedule SLUG [--time-limit S]      optimise now (recorded as a run)
dari event schedule SLUG --enqueue             queue a run for the workers; prints its id
dari event runs SLUG [--json] [-o FILE]        the event's runs: status, times, bound, gap
dari event publish SLUG                        confirm the scheduled meetings
dari event export-schedule SLUG [-o FILE]      partnering-schedule-result/1
dari event ics SLUG --participant ID [-o FILE] a participant's calendar

Every command follows dari.cli.grammar: `-o -` or no -o writes to standard output; a participant
is named as the exports print it (`p36`), by its number (`36`) or by its user's login.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from dari.cli.command import DariCommand
from dari.cli.grammar import numbered
from dari.events.domain.calendar import participant_calendar
from dari.events.domain.queries import run_history
from dari.events.domain.schedule import (
    export_instance,
    export_schedule,
    participant_key,
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
from dari.events.tasks import enqueue_schedule


class Command(DariCommand):
    help = "Partnering events: list, export the scheduling problem, schedule, export, calendars."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        ls = sub.add_parser("list", help="list events")
        ls.add_argument("--json", action="store_true", help="print JSON")
        self.add_output_argument(ls)
        for name, helptext in [
            ("export-instance", "write the event's scheduling problem (partnering-schedule/1)"),
            ("export-schedule", "write the event's schedule (partnering-schedule-result/1)"),
        ]:
            p = sub.add_parser(name, help=helptext)
            p.add_argument("slug")
            self.add_output_argument(p)
        sc = sub.add_parser("schedule", help="optimise the event's schedule now")
        sc.add_argument("slug")
        sc.add_argument("--time-limit", type=float, default=None, metavar="SECONDS")
        sc.add_argument(
            "--enqueue",
            action="store_true",
            help="queue the run for `dari db_worker` and print its id instead of waiting",
        )
        rn = sub.add_parser("runs", help="list the event's optimiser runs, newest first")
        rn.add_argument("slug")
        rn.add_argument("--json", action="store_true", help="print JSON")
        self.add_output_argument(rn)
        pb = sub.add_parser("publish", help="publish: scheduled meetings become confirmed")
        pb.add_argument("slug")
        ics = sub.add_parser("ics", help="write a participant's iCalendar file")
        ics.add_argument("slug")
        ics.add_argument(
            "--participant",
            required=True,
            metavar="ID",
            help="participant id as exported (p36), its number (36) or the user's login",
        )
        self.add_output_argument(ics)

    def _event(self, slug: str) -> Event:
        event = Event.objects.filter(slug=slug).first()
        if event is None:
            known = ", ".join(Event.objects.values_list("slug", flat=True)[:10]) or "-"
            raise self.bad_input(
                _("no event with slug %(slug)s (events: %(known)s)")
                % {"slug": repr(slug), "known": known}
            )
        return event

    def _participant(self, event: Event, ref: str) -> Participant:
        people = Participant.objects.filter(event=event)
        number = numbered(ref, participant_key)
        found = people.filter(pk=number) if number is not None else people.none()
        participant = found.first() or people.filter(user__username=ref).first()
        if participant is None:
            raise self.bad_input(
                _("--participant: no participant %(ref)s in event %(slug)s")
                % {"ref": repr(ref), "slug": repr(event.slug)}
            )
        return participant

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "list":
            return self._list(options["json"], options["output"])
        event = self._event(options["slug"])
        if action == "export-instance":
            self.emit_json(export_instance(event), options["output"])
        elif action == "export-schedule":
            self.emit_json(export_schedule(event), options["output"])
        elif action == "runs":
            self._runs(event, options["json"], options["output"])
        elif action == "schedule" and options["enqueue"]:
            if options["time_limit"] is not None:
                raise self.bad_input(_("--time-limit: not with --enqueue (the worker decides)"))
            run = enqueue_schedule(event.pk, trigger="cli")
            self.stdout.write(str(run.pk))
        elif action == "schedule":
            limit = options["time_limit"]
            if limit is not None and not limit > 0:
                raise self.bad_input(_("--time-limit: must be a positive number of seconds"))
            run = schedule_event(event.pk, time_limit=limit)
            if run.status != "done":
                raise self.refused(_("scheduling failed: %(error)s") % {"error": run.error})
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
            participant = self._participant(event, options["participant"])
            self.emit(participant_calendar(participant), options["output"])

    def _runs(self, event: Event, as_json: bool, output: str | None) -> None:
        rows = run_history(event)
        if as_json:
            return self.emit_json(rows, output)

        def gap(row: dict[str, Any]) -> str:
            return "-" if row["gap"] is None else f"{100 * float(row['gap']):.2f}%"

        self.emit(
            "".join(
                f"{r['id']:>6} {r['status']:<8} {r['trigger']:<10} {r['created']} "
                f"scheduled {r['scheduled']}, bound {r['bound']}, gap {gap(r)}"
                f"{'  ' + r['error'] if r['error'] else ''}\n"
                for r in rows
            ),
            output,
        )

    def _list(self, as_json: bool, output: str | None) -> None:
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
            return self.emit_json(rows, output)
        self.emit(
            "".join(
                f"{r['slug']:<40} {r['mode']:<10} {r['start_date']}..{r['end_date']} "
                f"{r['participants']:>5} people "
                f"{r['scheduled']:>5}/{r['accepted']} meetings scheduled\n"
                for r in rows
            ),
            output,
        )
