"""Read models of moving meetings: the requests to move my meetings (mine and the other
side's), the times I may prefer, and, for the organiser, the accepted requests still waiting
for a new time with the slots free for everyone in the meeting. Reads only; times in the zone
of whoever reads them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from dari.events.domain.exports import people, who
from dari.events.domain.moves import open_slot_ids
from dari.events.domain.setup import engine_slots
from dari.events.models import Event, MoveRequest, Participant, Slot
from dari.events.rules import MoveStatus


@dataclass(frozen=True)
class MoveLine:
    """A pending request to move one of my meetings."""

    pk: int
    meeting_id: int
    asked_by: str
    by_my_side: bool
    reason: str
    current: datetime | None
    preferred: tuple[datetime, ...]


def pending_moves(me: Participant) -> tuple[MoveLine, ...]:
    """Pending requests to move my meetings, oldest first (three queries)."""
    zone = ZoneInfo(me.timezone)
    moves = (
        MoveRequest.objects.filter(meeting__seats__participant=me, status=MoveStatus.PENDING)
        .select_related("asked_by__user", "asked_by__organization", "from_slot")
        .prefetch_related("preferred_slots")
        .order_by("created", "pk")
    )
    lines = []
    for m in moves:
        asker = m.asked_by
        mine = asker.pk == me.pk or (
            asker.organization_id is not None and asker.organization_id == me.organization_id
        )
        lines.append(
            MoveLine(
                pk=m.pk,
                meeting_id=m.meeting_id,
                asked_by=asker.name,
                by_my_side=mine,
                reason=m.reason,
                current=m.from_slot.start.astimezone(zone) if m.from_slot else None,
                preferred=tuple(
                    s.start.astimezone(zone)
                    for s in sorted(m.preferred_slots.all(), key=lambda s: s.start)
                ),
            )
        )
    return tuple(lines)


def slot_choices(me: Participant) -> tuple[tuple[int, datetime], ...]:
    """Every slot of my event with its start in my zone (preferred times to offer)."""
    zone = ZoneInfo(me.timezone)
    return tuple(
        (s.pk, s.start.astimezone(zone))
        for s in Slot.objects.filter(event_id=me.event_id).order_by("start", "pk")
    )


def move_times(
    me: Participant, meeting_ids: list[int]
) -> dict[int, tuple[tuple[int, datetime], ...]]:
    """For each of my scheduled meetings, the times to offer when asking to move it (those
    everyone in it can make, free for all of them and still ahead: `open_slot_ids`), with
    their start in my zone."""
    zone = ZoneInfo(me.timezone)
    slots = engine_slots(me.event)
    starts = {int(s.id): s.start for s in slots}
    return {
        meeting_id: tuple((pk, starts[pk].astimezone(zone)) for pk in ids)
        for meeting_id, ids in open_slot_ids(me.event, meeting_ids, slots=slots).items()
    }


@dataclass(frozen=True)
class WaitingMove:
    """An accepted request whose meeting the optimiser could not place: the organiser picks
    one of `free` (slot id, start in the event's zone)."""

    pk: int
    meeting_id: int
    people: tuple[str, ...]
    current: datetime | None
    free: tuple[tuple[int, datetime], ...]


def waiting_moves(event: Event) -> tuple[WaitingMove, ...]:
    """Accepted requests to move a meeting that still wait for a new time."""
    zone = ZoneInfo(event.timezone)
    moves = (
        MoveRequest.objects.filter(
            meeting__event=event,
            status=MoveStatus.ACCEPTED,
            to_slot__isnull=True,
            meeting__status="scheduled",
        )
        .select_related("meeting__slot")
        .prefetch_related(people("meeting__participants"), "meeting__seats")
        .order_by("answered", "pk")
    )
    slots = engine_slots(event)
    starts = {int(s.id): s.start for s in slots}
    moves = list(moves)
    free = open_slot_ids(event, [m.meeting_id for m in moves], slots=slots)
    rows = []
    for m in moves:
        meeting = m.meeting
        rows.append(
            WaitingMove(
                pk=m.pk,
                meeting_id=meeting.pk,
                people=tuple(who(p) for p in meeting.participants.all()),
                current=meeting.slot.start.astimezone(zone) if meeting.slot else None,
                free=tuple((pk, starts[pk].astimezone(zone)) for pk in free.get(meeting.pk, [])),
            )
        )
    return tuple(rows)
