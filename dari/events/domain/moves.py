"""Moving a scheduled meeting: either side asks (with a reason and preferred times if they
like), the other side accepts or declines. On acceptance the optimiser looks for the least
disruptive new time: every other scheduled meeting of the event is locked where it is, only
this meeting is free (preferred times first). When it finds none, the organiser picks a slot
free for everyone in the meeting. Calendars get the same UID with a higher SEQUENCE;
`meetings_changed` announces change="moved".

Each command holds the event's row lock (as a schedule run applies its result under it), so
moves and runs happen one after the other; the seats' unique constraint is the last guard
against double booking."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone as djtz
from django.utils.translation import gettext as _

from dari.events.domain.errors import EventError
from dari.events.domain.schedule import build_instance, meeting_key, participant_key
from dari.events.domain.setup import available_slot_ids, check_not_over, engine_slots
from dari.events.models import Event, Meeting, MeetingStatus, MoveRequest, Participant, Seat, Slot
from dari.events.rules import MoveStatus
from dari.events.signals import announce, meetings_changed, move_answered, move_requested
from dari.scheduling.model import Instance
from dari.scheduling.model import Meeting as EngineMeeting
from dari.scheduling.model import Slot as EngineSlot
from dari.scheduling.solve import SolveOptions, solve

MAX_REASON = 1000
SOLVE_SECONDS = 2.0


def _lock(event_id: int, meeting_id: int) -> tuple[Event, Meeting]:
    event = Event.objects.select_for_update().get(pk=event_id)
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .filter(event=event, pk=meeting_id)
        .select_related("slot")
        .first()
    )
    if meeting is None:
        raise EventError(_("No such meeting at this event."), field="meeting", code="not_found")
    return event, meeting


def _seated(meeting: Meeting, participant: Participant) -> None:
    """Refuse someone not in the meeting exactly as for a meeting that does not exist: its
    existence is the two sides' and the organisers' to know."""
    if not Seat.objects.filter(meeting=meeting, participant=participant).exists():
        raise EventError(_("No such meeting at this event."), field="meeting", code="not_found")


@transaction.atomic
def ask_to_move(
    meeting_id: int, by: Participant, reason: str = "", preferred_slot_ids: Sequence[int] = ()
) -> MoveRequest:
    """`by` asks the other side to move a scheduled meeting."""
    event, meeting = _lock(by.event_id, meeting_id)
    _seated(meeting, by)
    check_not_over(event)
    if meeting.status != MeetingStatus.SCHEDULED:
        raise EventError(
            _("Only a scheduled meeting can be moved."), field="meeting", code="not_scheduled"
        )
    if MoveRequest.objects.filter(meeting=meeting, status=MoveStatus.PENDING).exists():
        raise EventError(
            _("A request to move this meeting is already waiting for an answer."),
            field="meeting",
            code="duplicate",
        )
    reason = reason.strip()
    if len(reason) > MAX_REASON:
        raise EventError(
            _("The reason is too long (at most %(n)d characters).") % {"n": MAX_REASON},
            field="reason",
            code="max_length",
        )
    wanted = set(preferred_slot_ids)
    slots = list(Slot.objects.filter(event_id=meeting.event_id, pk__in=wanted))
    if len(slots) != len(wanted) or meeting.slot_id in wanted:
        raise EventError(
            _("Choose other times of this event."), field="preferred_slots", code="invalid"
        )
    if wanted - set(open_slot_ids(event, [meeting.pk]).get(meeting.pk, [])):
        raise EventError(
            _("Choose times when everyone in the meeting is free and that are still ahead."),
            field="preferred_slots",
            code="unavailable",
        )
    move = MoveRequest.objects.create(
        meeting=meeting, asked_by=by, reason=reason, from_slot_id=meeting.slot_id
    )
    move.preferred_slots.set(slots)
    announce(move_requested, move_id=move.pk)
    return move


def _lock_move(
    move_id: int, event_id: int, by: Participant | None = None
) -> tuple[Event, Meeting, MoveRequest]:
    """The event, the meeting and the request to move it, locked in that order. `by`: a
    participant, for whom the request of a meeting they do not sit in is missing (neither its
    status nor who may answer it is told); None for the organisers."""
    moves = MoveRequest.objects.filter(pk=move_id, meeting__event_id=event_id)
    if by is not None:
        moves = moves.filter(meeting__seats__participant=by)
    meeting_id = moves.values_list("meeting_id", flat=True).first()
    if meeting_id is None:
        raise EventError(_("No such request to move a meeting."), field="move", code="not_found")
    event, meeting = _lock(event_id, meeting_id)
    move = MoveRequest.objects.select_for_update().select_related("asked_by").get(pk=move_id)
    return event, meeting, move


def _lock_pending(move_id: int, by: Participant) -> tuple[Event, Meeting, MoveRequest]:
    event, meeting, move = _lock_move(move_id, by.event_id, by)
    if move.status != MoveStatus.PENDING:
        raise EventError(
            _("This request was already answered or withdrawn."), field="move", code="answered"
        )
    return event, meeting, move


def _other_side(meeting: Meeting, move: MoveRequest, participant: Participant) -> None:
    _seated(meeting, participant)
    asker = move.asked_by
    if participant.pk == asker.pk or (
        asker.organization_id is not None and participant.organization_id == asker.organization_id
    ):
        raise EventError(
            _("Only the other side of the meeting can answer this request."),
            field="move",
            code="forbidden",
        )


def _answer(move: MoveRequest, status: str, by: Participant) -> None:
    move.status = status
    move.answered_by = by
    move.answered = djtz.now()
    move.save(update_fields=["status", "answered_by", "answered"])


@transaction.atomic
def decline_move(move_id: int, by: Participant) -> MoveRequest:
    """The other side declines: the meeting stays where it is."""
    _event, meeting, move = _lock_pending(move_id, by)
    _other_side(meeting, move, by)
    _answer(move, MoveStatus.DECLINED, by)
    announce(move_answered, move_id=move.pk, status=MoveStatus.DECLINED.value)
    return move


@transaction.atomic
def withdraw_move(move_id: int, by: Participant) -> MoveRequest:
    """The one who asked takes the request back."""
    _event, _meeting, move = _lock_pending(move_id, by)
    if move.asked_by_id != by.pk:
        raise EventError(
            _("Only the one who asked can withdraw this request."), field="move", code="forbidden"
        )
    _answer(move, MoveStatus.WITHDRAWN, by)
    return move


@transaction.atomic
def accept_move(move_id: int, by: Participant) -> MoveRequest:
    """The other side accepts; the optimiser moves the meeting at once if a time is free for
    everyone in it, else the request waits for the organiser to pick a slot."""
    event, meeting, move = _lock_pending(move_id, by)
    _other_side(meeting, move, by)
    check_not_over(event)
    _answer(move, MoveStatus.ACCEPTED, by)
    announce(move_answered, move_id=move.pk, status=MoveStatus.ACCEPTED.value)
    if meeting.status != MeetingStatus.SCHEDULED:
        return move
    preferred = [str(pk) for pk in move.preferred_slots.values_list("pk", flat=True)]
    for allowed in ([preferred] if preferred else []) + [None]:
        slot_id = find_new_slot(event, meeting, allowed)
        if slot_id is not None:
            do_move(event, meeting, slot_id, move)
            break
    return move


def relocation_instance(
    event: Event, meeting: Meeting, allowed: Iterable[str] | None = None
) -> Instance:
    """The event's problem with every other scheduled meeting locked where it is, meetings not
    scheduled left out, and this meeting free among `allowed` slots (any, if None) except its
    current one."""
    instance = build_instance(event)
    slot_of = dict(
        Meeting.objects.filter(event=event, status=MeetingStatus.SCHEDULED).values_list(
            "pk", "slot_id"
        )
    )
    key = meeting_key(meeting.pk)
    keep: list[EngineMeeting] = []
    extra: dict[str, set[str]] = {}
    for m in instance.meetings:
        pk = int(m.id[1:])
        if m.id == key:
            keep.append(replace(m, locked_slot=None))
        elif pk in slot_of:
            locked = str(slot_of[pk])
            keep.append(replace(m, locked_slot=locked))
            for key_of_p in m.participants:
                extra.setdefault(key_of_p, set()).add(locked)
    mine = {participant_key(s.participant_id) for s in meeting.seats.all()}
    wanted = set(allowed) if allowed is not None else None
    order = [s.id for s in instance.slots]
    people = []
    for p in instance.participants:
        fixed = extra.get(p.id, set())
        available = set(p.available) | fixed
        if p.id in mine:
            available.discard(str(meeting.slot_id))
            if wanted is not None:
                available = {s for s in available if s in wanted or s in fixed}
        people.append(replace(p, available=tuple(s for s in order if s in available)))
    return replace(instance, meetings=tuple(keep), participants=tuple(people))


def find_new_slot(event: Event, meeting: Meeting, allowed: Iterable[str] | None) -> int | None:
    """The optimiser's new slot for `meeting` with everything else fixed, or None."""
    instance = relocation_instance(event, meeting, allowed)
    result = solve(instance, time_limit=SOLVE_SECONDS, options=SolveOptions(exact="never"))
    slot = result.slot_of().get(meeting_key(meeting.pk))
    return int(slot) if slot is not None else None


def _free_table(event: Event, meeting: Meeting, slot_id: int) -> int | None:
    if not event.in_person:
        return None
    used = set(
        Meeting.objects.filter(slot_id=slot_id, table__isnull=False)
        .exclude(pk=meeting.pk)
        .values_list("table", flat=True)
    )
    tables = event.tables or 0
    free = [n for n in range(1, tables + 1) if n not in used]
    if not free:
        raise EventError(_("No table is free at that time."), field="slot", code="no_table")
    return free[0]


def do_move(event: Event, meeting: Meeting, slot_id: int, move: MoveRequest | None) -> Meeting:
    """Put `meeting` (locked, scheduled) in `slot_id`; the caller checked the slot is free."""
    table = _free_table(event, meeting, slot_id)
    try:
        with transaction.atomic():
            Seat.objects.filter(meeting=meeting).update(slot_id=slot_id)
    except IntegrityError:
        raise EventError(
            _("Someone in this meeting already has a meeting at that time."),
            field="slot",
            code="busy",
        ) from None
    meeting.slot_id = slot_id
    meeting.table = table
    meeting.sequence += 1
    meeting.save(update_fields=["slot", "table", "sequence", "updated"])
    if move is not None:
        move.to_slot_id = slot_id
        move.save(update_fields=["to_slot"])
    announce(meetings_changed, meeting_ids=[meeting.pk], change="moved")
    return meeting


def open_slot_ids(
    event: Event,
    meeting_ids: Iterable[int],
    now: datetime | None = None,
    slots: list[EngineSlot] | None = None,
) -> dict[int, list[int]]:
    """For each scheduled meeting of `meeting_ids`, the slots (in order) that every seat of it
    can make (`available_slot_ids`, as the optimiser: working hours in their own zone, or the
    event's sessions, less the slots they blocked), where none of them has another meeting,
    not begun at `now`, with a table free in person; its current slot left out. The times
    offered when asking to move it, and those the organiser chooses among. Fixed queries;
    `slots` are the event's (`engine_slots`) when the caller has read them already."""
    now = now or djtz.now()
    ahead = [s for s in (engine_slots(event) if slots is None else slots) if s.start > now]
    seats = list(
        Seat.objects.filter(
            meeting_id__in=list(meeting_ids),
            meeting__event=event,
            meeting__status=MeetingStatus.SCHEDULED,
        ).values_list("meeting_id", "participant_id", "slot_id")
    )
    people = {pid for _m, pid, _s in seats}
    seated = list(
        Participant.objects.filter(pk__in=people)
        .select_related("event")
        .prefetch_related("blocked_slots")
    )
    can = {p.pk: set(available_slot_ids(p, ahead)) for p in seated}
    # Busy is the person's: a meeting of a registration they replaced when they moved to
    # another organisation holds their time as much as one of their current registration.
    rows_of: dict[int, list[int]] = {}
    for p in seated:
        rows_of.setdefault(p.user_id, []).append(p.pk)
    for user_id, slot_id in Seat.objects.filter(
        participant__user_id__in=list(rows_of), participant__event=event, slot__isnull=False
    ).values_list("participant__user_id", "slot_id"):
        for pid in rows_of[user_id]:
            can[pid].discard(str(slot_id))
    if event.in_person:
        full = {
            str(row["slot_id"])
            for row in Meeting.objects.filter(
                event=event, status=MeetingStatus.SCHEDULED, slot__isnull=False
            )
            .values("slot_id")
            .annotate(n=Count("pk"))
            .order_by()
            if row["n"] >= (event.tables or 0)
        }
        can = {pid: ids - full for pid, ids in can.items()}
    sets: dict[int, list[set[str]]] = {}
    for meeting_id, pid, _slot in seats:
        sets.setdefault(meeting_id, []).append(can[pid])
    out = {}
    for meeting_id, mine in sets.items():
        common = set.intersection(*mine)
        out[meeting_id] = [int(s.id) for s in ahead if s.id in common]
    return out


def free_slot_ids(event: Event, meeting: Meeting) -> list[int]:
    """`open_slot_ids` of one meeting (empty if it is not scheduled)."""
    return open_slot_ids(event, [meeting.pk]).get(meeting.pk, [])


@transaction.atomic
def organiser_move(event_id: int, move_id: int, slot_id: int) -> MoveRequest:
    """The organiser places an accepted request's meeting in a slot free for everyone in it."""
    event, meeting, move = _lock_move(move_id, event_id)
    check_not_over(event)
    if move.status != MoveStatus.ACCEPTED or move.to_slot_id is not None:
        raise EventError(
            _("This meeting is not waiting for a new time."), field="move", code="answered"
        )
    if meeting.status != MeetingStatus.SCHEDULED:
        raise EventError(
            _("Only a scheduled meeting can be moved."), field="meeting", code="not_scheduled"
        )
    if slot_id not in free_slot_ids(event, meeting):
        raise EventError(
            _("That time is not free for everyone in the meeting."), field="slot", code="busy"
        )
    do_move(event, meeting, slot_id, move)
    return move
