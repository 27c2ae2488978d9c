"""Scheduling an event with the optimiser: build the partnering-schedule/1 instance from the
database, solve it outside any transaction, then apply the result atomically if nothing changed
meanwhile (else solve again). Confirmed meetings are locked and never move; while the event
runs, a slot that has begun takes no new meeting and what sits in it stays."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import replace
from typing import Any

from django.db import transaction
from django.utils import timezone as djtz
from django.utils import translation
from django.utils.translation import gettext as _

from dari.events.domain.errors import EventError
from dari.events.domain.reasons import reason_texts
from dari.events.domain.setup import available_slot_ids, check_not_over, engine_slots
from dari.events.models import (
    Event,
    Meeting,
    MeetingStatus,
    Participant,
    RunStatus,
    ScheduleRun,
    Seat,
)
from dari.events.signals import announce, meetings_changed
from dari.scheduling.model import Assignment, Instance, Result, instance_to_dict, result_to_dict
from dari.scheduling.model import Meeting as EngineMeeting
from dari.scheduling.model import Participant as EngineParticipant
from dari.scheduling.solve import SolveOptions, solve

MAX_ATTEMPTS = 3


def participant_key(pk: int) -> str:
    return f"p{pk}"


def meeting_key(pk: int) -> str:
    return f"m{pk}"


def _active_meetings(event: Event) -> list[Meeting]:
    return list(
        Meeting.objects.filter(event=event)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("request")
        .prefetch_related("seats")
        .order_by("request__created", "pk")
    )


def _one_key_per_person(
    participants: list[Participant], available: dict[int, set[str]], held: dict[int, set[str]]
) -> dict[str, str]:
    """One engine participant per person: a registration they replaced when they moved to
    another organisation (its meetings stay the old organisation's) and their current one are
    one person, never booked twice at one time. Returns the key of each replaced registration
    -> the current one's, whose availability becomes the times both can make, plus the times
    the locked meetings of either hold."""
    current = {p.user_id: p for p in participants if p.current}
    merged: dict[str, str] = {}
    for p in participants:
        mine = current.get(p.user_id)
        if p.current or mine is None:
            continue
        merged[participant_key(p.pk)] = participant_key(mine.pk)
        available[mine.pk] = (available[mine.pk] & available[p.pk]) | held[mine.pk] | held[p.pk]
    return merged


def build_instance(event: Event) -> Instance:
    """The event's scheduling problem as the engine's Instance (meetings in request order)."""
    slots = engine_slots(event)
    meetings = _active_meetings(event)
    participants = list(
        Participant.objects.filter(event=event)
        .prefetch_related("blocked_slots")
        .select_related("event")
    )
    # A slot that has begun takes no meeting it does not hold already: while the event runs,
    # what is placed goes ahead of now, and what sits in a past slot (held, or missed) stays.
    now = djtz.now()
    past = {s.id for s in slots if s.start <= now}
    available = {p.pk: set(available_slot_ids(p, slots)) - past for p in participants}
    held_by: dict[int, set[str]] = defaultdict(set)
    engine_meetings = []
    for m in meetings:
        held = m.slot_id is not None and (m.confirmed or str(m.slot_id) in past)
        locked = str(m.slot_id) if held else None
        seat_ids = [s.participant_id for s in m.seats.all()]
        if locked:
            # A confirmed (or past) time stays available to those who hold it.
            for pid in seat_ids:
                available[pid].add(locked)
                held_by[pid].add(locked)
        engine_meetings.append(
            EngineMeeting(
                id=meeting_key(m.pk),
                participants=tuple(participant_key(pid) for pid in seat_ids),
                weight=float(m.request.priority),
                locked_slot=locked,
            )
        )
    order = {s.id: i for i, s in enumerate(slots)}
    person = _one_key_per_person(participants, available, held_by)
    engine_meetings = [
        replace(m, participants=tuple(dict.fromkeys(person.get(k, k) for k in m.participants)))
        for m in engine_meetings
    ]
    engine_participants = tuple(
        EngineParticipant(
            id=participant_key(p.pk),
            available=tuple(sorted(available[p.pk], key=order.__getitem__)),
            organization=p.organization_id,
            timezone=p.timezone,
        )
        for p in participants
        if participant_key(p.pk) not in person
    )
    return Instance(
        slots=tuple(slots),
        participants=engine_participants,
        meetings=tuple(engine_meetings),
        tables=event.tables if event.in_person else None,
        event_name=event.name,
        event_timezone=event.timezone,
    )


def export_instance(event: Event) -> dict[str, Any]:
    """partnering-schedule/1 document of the event."""
    return instance_to_dict(build_instance(event))


def export_schedule(event: Event) -> dict[str, Any]:
    """partnering-schedule-result/1 document of the event's current schedule."""
    meetings = _active_meetings(event)
    result = Result(
        assignments=[],
        unscheduled=[],
        stats=dict(
            event.runs.filter(status=RunStatus.DONE).values_list("stats", flat=True).first() or {}
        ),
    )
    for m in meetings:
        if m.status == MeetingStatus.SCHEDULED:
            result.assignments.append(Assignment(meeting_key(m.pk), str(m.slot_id)))
        else:
            result.unscheduled.append(meeting_key(m.pk))
    # The file is for machines and the command line: its sentences are English.
    with translation.override("en"):
        texts = reason_texts(meetings, event.timezone)
    for pk, text in texts.items():
        result.explanations[meeting_key(pk)] = text
    return result_to_dict(result)


def _assign_tables(
    event: Event, meetings: list[Meeting], slot_of: dict[int, int | None]
) -> dict[int, int | None]:
    """Table numbers per slot for in-person events: unchanged meetings keep theirs."""
    if not event.in_person:
        return {m.pk: None for m in meetings}
    tables: dict[int, int | None] = {}
    used: dict[int, set[int]] = defaultdict(set)
    for m in meetings:
        s = slot_of[m.pk]
        if s is not None and m.slot_id == s and m.table is not None and m.table not in used[s]:
            tables[m.pk] = m.table
            used[s].add(m.table)
    for m in meetings:
        s = slot_of[m.pk]
        if m.pk in tables:
            continue
        if s is None:
            tables[m.pk] = None
            continue
        n = 1
        while n in used[s]:
            n += 1
        tables[m.pk] = n
        used[s].add(n)
    return tables


def _apply(event: Event, result: Result, lock_all: bool) -> tuple[list[Meeting], int]:
    """Write a result; returns the meetings whose time changed and the number moved."""
    meetings = _active_meetings(event)
    by_key = {meeting_key(m.pk): m for m in meetings}
    slot_of: dict[int, int | None] = {m.pk: None for m in meetings}
    for a in result.assignments:
        slot_of[by_key[a.meeting].pk] = int(a.slot)
    tables = _assign_tables(event, meetings, slot_of)
    changed = [m for m in meetings if m.slot_id != slot_of[m.pk] or m.table != tables[m.pk]]
    moved = sum(1 for m in changed if m.slot_id is not None and slot_of[m.pk] is not None)
    ids = [m.pk for m in changed]
    changed_ids = set(ids)
    # Two phases so that swaps never collide with the no-double-booking constraints.
    Seat.objects.filter(meeting_id__in=ids).update(slot=None)
    Meeting.objects.filter(pk__in=ids).update(
        slot=None, table=None, status=MeetingStatus.UNSCHEDULED
    )
    now = djtz.now()
    dirty = []
    for m in meetings:
        new_slot = slot_of[m.pk]
        reason: dict[str, Any] = {}
        if new_slot is None:
            reason = result.reasons.get(meeting_key(m.pk), {})
        confirm = m.confirmed or (lock_all and new_slot is not None)
        moved_now = m.pk in changed_ids
        if not moved_now and reason == m.unscheduled_reason and confirm == m.confirmed:
            continue
        if moved_now:
            m.sequence += 1
        m.slot_id = new_slot
        m.table = tables[m.pk]
        m.status = MeetingStatus.SCHEDULED if new_slot is not None else MeetingStatus.UNSCHEDULED
        m.unscheduled_reason = reason
        m.confirmed = confirm
        m.updated = now  # bulk_update does not apply auto_now; the calendar's DTSTAMP uses it
        dirty.append(m)
    Meeting.objects.bulk_update(
        dirty,
        ["slot", "table", "status", "sequence", "unscheduled_reason", "confirmed", "updated"],
    )
    seats = list(Seat.objects.filter(meeting_id__in=ids))
    for seat in seats:
        seat.slot_id = slot_of[seat.meeting_id]
    Seat.objects.bulk_update(seats, ["slot"])
    return changed, moved


def schedule_event(
    event_id: int,
    run: ScheduleRun | None = None,
    time_limit: float | None = None,
    options: SolveOptions | None = None,
) -> ScheduleRun:
    """Optimise the event's schedule and record the run with its statistics and bound.

    Before the schedule is published every unconfirmed meeting may move (the previous
    schedule is a hint); after publication the run only places new meetings around the
    confirmed ones, which it then confirms too. Once the event is over a run is refused
    (recorded as failed with the reason) and the schedule stays as it was.
    """
    run = run or ScheduleRun.objects.create(event_id=event_id)
    ScheduleRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, progress="building", progress_params={}, started=djtz.now()
    )
    try:
        for _attempt in range(MAX_ATTEMPTS):
            event = Event.objects.get(pk=event_id)
            check_not_over(event)
            instance = build_instance(event)
            snapshot = instance_to_dict(instance)
            previous = {
                meeting_key(m.pk): str(m.slot_id)
                for m in Meeting.objects.filter(event=event, status=MeetingStatus.SCHEDULED)
            }
            ScheduleRun.objects.filter(pk=run.pk).update(
                progress="optimising", progress_params={"meetings": len(instance.meetings)}
            )
            opts = options or SolveOptions()
            opts.previous = previous
            started = time.perf_counter()
            result = solve(instance, time_limit=time_limit, options=opts)
            with transaction.atomic():
                locked_event = Event.objects.select_for_update().get(pk=event_id)
                if instance_to_dict(build_instance(locked_event)) != snapshot:
                    continue  # requests or availability changed while solving: solve again
                changed, moved = _apply(
                    locked_event, result, lock_all=locked_event.schedule_published
                )
                stats = dict(result.stats)
                stats["wall_seconds"] = round(time.perf_counter() - started, 3)
                ScheduleRun.objects.filter(pk=run.pk).update(
                    status=RunStatus.DONE,
                    progress="done",
                    progress_params={},
                    stats=stats,
                    scheduled=len(result.assignments),
                    unscheduled=len(result.unscheduled),
                    moved=moved,
                    finished=djtz.now(),
                )
                if locked_event.schedule_published and changed:
                    announce(meetings_changed, meeting_ids=[m.pk for m in changed], change="moved")
            break
        else:
            ScheduleRun.objects.filter(pk=run.pk).update(progress="changing")
            raise EventError(_("the event kept changing while it was being scheduled; run again"))
    except Exception as exc:  # the run records any failure; the schedule is left as it was
        ScheduleRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, error=str(exc) or type(exc).__name__, finished=djtz.now()
        )
        if not isinstance(exc, EventError):
            raise
    run.refresh_from_db()
    return run


def record_lost_run(run_id: int, detail: str, retried: bool) -> None:
    """The worker running the run stopped (dari.ops.workers): the console says so, and the run
    is either queued again or failed. A run that has finished meanwhile is left alone."""
    unfinished = ScheduleRun.objects.filter(
        pk=run_id, status__in=(RunStatus.QUEUED, RunStatus.RUNNING)
    )
    if retried:
        unfinished.update(
            status=RunStatus.QUEUED, progress="requeued", progress_params={"detail": detail}
        )
    else:
        unfinished.update(
            status=RunStatus.FAILED,
            progress="lost",
            progress_params={"detail": detail},
            error=_("the worker running this run stopped (%(detail)s); it was not retried again")
            % {"detail": detail},
            finished=djtz.now(),
        )


@transaction.atomic
def publish_schedule(event_id: int) -> int:
    """Publish: every scheduled meeting becomes confirmed (never moved again); participants
    are told. Returns the number of meetings confirmed."""
    event = Event.objects.select_for_update().get(pk=event_id)
    meetings = list(
        Meeting.objects.filter(event=event, status=MeetingStatus.SCHEDULED, confirmed=False)
    )
    Meeting.objects.filter(pk__in=[m.pk for m in meetings]).update(confirmed=True)
    event.schedule_published = True
    event.save(update_fields=["schedule_published"])
    ids = [m.pk for m in meetings]
    announce(meetings_changed, meeting_ids=ids, change="scheduled")
    return len(ids)


@transaction.atomic
def cancel_meeting(meeting_id: int, by: Participant) -> Meeting:
    """A participant cancels a meeting: its slot is freed and calendars receive a cancellation."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
    if not meeting.seats.filter(participant=by).exists():
        raise EventError(_("only a participant of this meeting can cancel it"))
    if meeting.status == MeetingStatus.CANCELLED:
        raise EventError(_("this meeting is already cancelled"))
    Seat.objects.filter(meeting=meeting).update(slot=None)
    meeting.status = MeetingStatus.CANCELLED
    meeting.table = None
    meeting.sequence += 1
    meeting.save(update_fields=["status", "table", "sequence", "updated"])
    # Keep the time for the calendar's cancellation notice; free it for scheduling.
    announce(meetings_changed, meeting_ids=[meeting.pk], change="cancelled")
    return meeting
