"""Creating events and their slot grids; registering participants and their availability."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import transaction
from django.utils import timezone as djtz
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dari.events.access import may_reach_people, registrations
from dari.events.domain.ended import event_over
from dari.events.domain.errors import EventError
from dari.events.domain.invitations import is_invited
from dari.events.models import Event, Meeting, MeetingStatus, Mode, Participant, Slot
from dari.events.rules import ParticipantRole, video_template_problem
from dari.scheduling.model import Slot as EngineSlot
from dari.scheduling.timezones import available_slots

# Bounds of the event's numbers (the form uses the same ones).
LIMITS = {"meeting_minutes": (5, 240), "tables": (1, 1000), "max_pending": (1, 1000)}
# The days a partnering event may have (the form uses the same rule, `order_problems`).
FIRST_YEAR = 2000
YEARS_AHEAD = 10
MAX_DAYS = 31


def check_video_template(template: str) -> None:
    """EventError naming the video link template when `video_template_problem` finds one."""
    problem = video_template_problem(template)
    if problem is not None:
        raise EventError(problem, field="video_url_template")


def check_timezone(name: str, field: str = "timezone") -> ZoneInfo:
    """The zone of an IANA name, or EventError naming the field."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise EventError(
            _("%(name)r is not an IANA time zone (e.g. Asia/Seoul)") % {"name": name}, field=field
        ) from None


def _parse_hhmm(value: str, where: str) -> time:
    try:
        return time.fromisoformat(value)
    except (TypeError, ValueError):
        raise EventError(
            _("%(value)r is not a time like 12:30") % {"value": value}, field=where
        ) from None


def slot_starts(event: Event) -> list[datetime]:
    """UTC starts of the event's slots.

    In person: the sessions (day_start to day_end in the event's zone, breaks left out) of
    every day. Virtual and hybrid: round the clock over the event's days in its zone, because
    each participant's own working hours decide availability and the overlaps between
    Seoul, Europe and America are narrow.
    """
    zone = check_timezone(event.timezone)
    step = timedelta(minutes=event.meeting_minutes)
    breaks = [
        (_parse_hhmm(b[0], "breaks"), _parse_hhmm(b[1], "breaks")) for b in event.breaks or []
    ]
    starts: list[datetime] = []
    day = event.start_date
    while day <= event.end_date:
        if event.mode == Mode.IN_PERSON:
            begin = datetime.combine(day, event.day_start, tzinfo=zone)
            end = datetime.combine(day, event.day_end, tzinfo=zone)
        else:
            begin = datetime.combine(day, time(0), tzinfo=zone)
            end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
        t = begin.astimezone(UTC)
        end_utc = end.astimezone(UTC)
        while t + step <= end_utc:
            local = t.astimezone(zone)
            local_end = (t + step).astimezone(zone)
            in_break = any(
                local.time() < b_end and b_start < local_end.time() for b_start, b_end in breaks
            )
            if not in_break or event.mode != Mode.IN_PERSON:
                starts.append(t)
            t += step
        day += timedelta(days=1)
    return starts


def check_not_over(event: Event) -> None:
    """EventError `event_over` once the event has ended: meetings can no longer be requested,
    answered, joined or scheduled (a past meeting cannot take place)."""
    if event_over(event):
        raise EventError(
            _(
                "This event is over (its last day was %(day)s): meetings can no longer be "
                "requested, answered or scheduled."
            )
            % {"day": event.end_date.isoformat()},
            code="event_over",
        )


def _check_range(value: int | None, field: str, low: int, high: int) -> None:
    if value is not None and not low <= value <= high:
        raise EventError(
            _("Enter a whole number from %(low)d to %(high)d.") % {"low": low, "high": high},
            field=field,
            code="out_of_range",
        )


def order_problems(
    start_date: date | None,
    end_date: date | None,
    day_start: time | None,
    day_end: time | None,
    deadline: date | datetime | None = None,
    zone: str | None = None,
) -> list[EventError]:
    """An event's days and daily hours out of order, or days no partnering event has (before
    FIRST_YEAR, more than YEARS_AHEAD years ahead, longer than MAX_DAYS: the calendar's ends
    have no UTC time, and a years-long grid of short slots would be millions of rows), each
    refusal naming its field (the form shows them all at once; the domain refuses the first).
    A request deadline (read on the clock of the event's `zone`) after the last day is refused
    too: requests made once the meetings are over could never be scheduled."""
    out = []
    first, last = FIRST_YEAR, djtz.now().year + YEARS_AHEAD
    years = _("Give a date in the years %(first)d to %(last)d.") % {"first": first, "last": last}
    if start_date is not None and not first <= start_date.year <= last:
        out.append(EventError(years, field="start_date", code="out_of_range"))
    elif start_date is not None and end_date is not None and end_date < start_date:
        out.append(EventError(_("the last day is before the first day"), field="end_date"))
    elif start_date is not None and end_date is not None:
        if (end_date - start_date).days >= MAX_DAYS:
            out.append(
                EventError(
                    _("An event lasts at most %(n)d days.") % {"n": MAX_DAYS},
                    field="end_date",
                    code="out_of_range",
                )
            )
    if day_start is not None and day_end is not None and day_end <= day_start:
        out.append(EventError(_("the sessions end before they start"), field="day_end"))
    if deadline is not None and not first <= deadline.year <= last:
        out.append(EventError(years, field="request_deadline", code="out_of_range"))
    elif (
        deadline is not None
        and end_date is not None
        and not out  # days out of order or range: the deadline is judged once they are right
        and _local_day(deadline, zone) > end_date
    ):
        out.append(
            EventError(
                _("The request deadline is after the event's last day."),
                field="request_deadline",
                code="out_of_range",
            )
        )
    return out


def _local_day(moment: date | datetime, zone: str | None) -> date:
    """The day `moment` falls on, on the clock of the event's zone when it has one."""
    if not isinstance(moment, datetime):
        return moment
    if zone and moment.tzinfo is not None:
        try:
            return moment.astimezone(ZoneInfo(zone)).date()
        except ZoneInfoNotFoundError:
            pass
    return moment.date()


def _check_event(event: Event) -> list[datetime]:
    """Validate an event's settings; returns the UTC starts of its slot grid."""
    for problem in order_problems(
        event.start_date,
        event.end_date,
        event.day_start,
        event.day_end,
        event.request_deadline,
        event.timezone,
    ):
        raise problem
    if event.meeting_minutes < 5:
        raise EventError(_("meetings must last at least 5 minutes"), field="meeting_minutes")
    _check_range(event.meeting_minutes, "meeting_minutes", *LIMITS["meeting_minutes"])
    _check_range(event.tables, "tables", *LIMITS["tables"])
    _check_range(event.max_pending_requests, "max_pending_requests", *LIMITS["max_pending"])
    check_video_template(event.video_url_template)
    if event.mode == Mode.IN_PERSON and not event.tables:
        raise EventError(_("an in-person event needs its number of tables"), field="tables")
    starts = slot_starts(event)
    if not starts:
        raise EventError(_("the sessions leave no slot for a meeting; check hours and breaks"))
    return starts


@transaction.atomic
def create_event(**fields: Any) -> Event:
    """Create an event and its slot grid; EventError names a bad field."""
    event = Event(**fields)
    starts = _check_event(event)
    event.save()
    Slot.objects.bulk_create(
        Slot(event=event, start=s, minutes=event.meeting_minutes) for s in starts
    )
    return event


@transaction.atomic
def update_event(event: Event, **fields: Any) -> Event:
    """Change an event's settings; the slot grid follows. Slots that stay keep their id (and
    so their meetings and blocks); a change that would drop a slot holding a meeting is refused."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    for name, value in fields.items():
        setattr(event, name, value)
    starts = set(_check_event(event))
    existing = list(event.slots.all())
    keep = {s.start for s in existing if s.start in starts and s.minutes == event.meeting_minutes}
    dropped = [s.pk for s in existing if s.start not in keep]
    held = (
        Meeting.objects.filter(slot_id__in=dropped)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("slot")
        .order_by("slot__start", "pk")
    )
    first = held.first()
    if first is not None:
        n = held.count()
        when = first.slot.start.astimezone(ZoneInfo(event.timezone)).strftime("%Y-%m-%d %H:%M")
        raise EventError(
            ngettext(
                "the new dates, hours or meeting length remove the time of %(n)d meeting "
                "(%(when)s, event time); keep that time, or have its participants move or "
                "cancel it first",
                "the new dates, hours or meeting length remove the times of %(n)d meetings "
                "(the first at %(when)s, event time); keep those times, or have their "
                "participants move or cancel them first",
                n,
            )
            % {"n": n, "when": when}
        )
    # A cancelled meeting keeps its time only for the calendars' cancellation notice; a time
    # that no longer exists is let go (its calendar entry leaves the feed).
    Meeting.objects.filter(slot_id__in=dropped, status=MeetingStatus.CANCELLED).update(slot=None)
    Slot.objects.filter(pk__in=dropped).delete()
    Slot.objects.bulk_create(
        Slot(event=event, start=s, minutes=event.meeting_minutes) for s in sorted(starts - keep)
    )
    event.save()
    return event


def engine_slots(event: Event) -> list[EngineSlot]:
    return [EngineSlot(id=str(s.pk), start=s.start, minutes=s.minutes) for s in event.slots.all()]


def available_slot_ids(
    participant: Participant, slots: list[EngineSlot] | None = None
) -> list[str]:
    """The slots a participant can meet in: working hours in their own zone (virtual), or the
    sessions of the days they attend (in person), less the slots they blocked."""
    event = participant.event
    slots = slots if slots is not None else engine_slots(event)
    days = {date.fromisoformat(d) for d in participant.attending_days} or None
    if event.mode == Mode.IN_PERSON or (event.mode == Mode.HYBRID and days):
        ids = available_slots(slots, event.timezone, (event.day_start, event.day_end), days)
    else:
        ids = available_slots(
            slots, participant.timezone, (participant.work_start, participant.work_end)
        )
    # .all() so that a prefetch_related("blocked_slots") of the caller is used (no query each).
    blocked = {str(slot.pk) for slot in participant.blocked_slots.all()}
    return [i for i in ids if i not in blocked]


def _retire_if_moved(event: Event, user: Any) -> None:
    """Registering again after moving to another organisation: the registration for the old
    one stops being the person's (`current`), keeping its organisation and its meetings, which
    are that organisation's to reassign or cancel; the person's registration for the new one
    starts afresh, or is the one they had if they come back to an organisation."""
    mine = registrations(user).select_for_update().filter(event=event)
    row = mine.first()
    if row is None or row.organization_id in (None, user.organization_id):
        return
    mine.update(current=False)
    earlier = (
        Participant.objects.filter(event=event, user=user, organization_id=user.organization_id)
        .order_by("-pk")
        .first()
    )
    if earlier is not None:
        Participant.objects.filter(pk=earlier.pk).update(current=True)


@transaction.atomic
def register_participant(
    event: Event,
    user: Any,
    timezone: str | None = None,
    work_start: time | None = None,
    work_end: time | None = None,
    attending_days: list[str] | None = None,
    role: str | None = None,
) -> Participant:
    """Register `user` for `event` as a member of their organisation (idempotent). When the
    event requires approval, a new registration waits for the organiser's, unless the
    organisers invited the user's organisation. A person who moved to another organisation
    gets a registration for it; the old one stays with the old organisation
    (`_retire_if_moved`)."""
    if not may_reach_people(user):
        raise EventError(
            _("Only confirmed members of an organisation can register for events."),
            code="forbidden",
        )
    tz = timezone or user.timezone or event.timezone
    check_timezone(tz)
    days = attending_days or []
    for d in days:
        try:
            day = date.fromisoformat(d)
        except ValueError:
            raise EventError(
                _("%(day)r is not a date like 2026-03-11") % {"day": d}, field="attending_days"
            ) from None
        if not event.start_date <= day <= event.end_date:
            raise EventError(
                _("%(day)s is not a day of the event") % {"day": d}, field="attending_days"
            )
    if work_start and work_end and work_start >= work_end:
        raise EventError(
            _("working hours: the start must be before the end"), field="work_end", code="invalid"
        )
    if role is not None and role not in ParticipantRole.values:
        raise EventError(_("Choose one of the roles offered."), field="role", code="invalid")
    defaults: dict[str, Any] = {
        "organization_id": user.organization_id,
        "timezone": tz,
        "work_start": work_start or time(9),
        "work_end": work_end or time(18),
        "attending_days": days,
    }
    if role is not None:
        defaults["role"] = role
    _retire_if_moved(event, user)
    participant, _created = Participant.objects.update_or_create(
        event=event,
        user=user,
        current=True,
        defaults=defaults,
        create_defaults={
            **defaults,
            "approved": not event.registration_approval or is_invited(event, user.organization_id),
        },
    )
    return participant


@transaction.atomic
def set_blocked_slots(participant: Participant, slot_ids: list[int]) -> None:
    """Replace the participant's blocked slots; refuses to block a confirmed meeting's slot."""
    # An id out of any id's range is no slot (and SQLite could not bind it).
    known = [pk for pk in slot_ids if 0 < pk < 2**63]
    slots = list(Slot.objects.filter(event_id=participant.event_id, pk__in=known))
    if len(slots) != len(set(slot_ids)):
        raise EventError(_("blocked slots: some slots are not slots of this event"))
    clash = Meeting.objects.filter(
        seats__participant=participant,
        slot__in=slots,
        confirmed=True,
        status=MeetingStatus.SCHEDULED,
    ).first()
    if clash is not None:
        raise EventError(
            _(
                "blocked slots: %(start)s UTC holds a confirmed meeting; "
                "cancel it before blocking that time"
            )
            % {"start": f"{clash.slot.start:%Y-%m-%d %H:%M}"}
        )
    participant.blocked_slots.set(slots)


@transaction.atomic
def toggle_blocked_slot(participant: Participant, slot_id: int) -> None:
    """Block an available slot or unblock a blocked one. The participant row is locked while
    the blocked set is read and written, so two quick clicks never undo each other."""
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
    blocked = set(participant.blocked_slots.values_list("pk", flat=True))
    set_blocked_slots(participant, sorted(blocked ^ {slot_id}))
