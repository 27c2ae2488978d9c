"""Availability of participants in their own time zone (virtual and hybrid events).

The event layer computes each participant's ``available`` slot ids with :func:`available_slots`:
a slot is available when it lies wholly within the participant's local working hours on a
local day, in its IANA zone, with daylight-saving time applied on the slot's own date (so
Europe/London and America/New_York, which change on different dates, are both right).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .model import Slot


def slot_is_within(
    slot: Slot,
    zone: ZoneInfo,
    working_hours: tuple[time, time] = (time(9), time(17)),
    days: Collection[date] | None = None,
) -> bool:
    """True if ``slot`` starts and ends within the local working hours of one local day."""
    start_utc = slot.start if slot.start.tzinfo is not None else slot.start.replace(tzinfo=UTC)
    end_utc = start_utc + timedelta(minutes=slot.minutes)
    start = start_utc.astimezone(zone)
    end = end_utc.astimezone(zone)
    day = start.date()
    if days is not None and day not in days:
        return False
    day_start = datetime.combine(day, working_hours[0], tzinfo=zone)
    if working_hours[1] == time(0):  # "until midnight"
        day_end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    else:
        day_end = datetime.combine(day, working_hours[1], tzinfo=zone)
    # compare as instants (aware datetimes in different offsets compare correctly)
    return day_start <= start and end <= day_end


def available_slots(
    slots: Iterable[Slot],
    tz_name: str,
    working_hours: tuple[time, time] = (time(9), time(17)),
    days: Collection[date] | None = None,
    blocked: Sequence[tuple[datetime, datetime]] = (),
) -> list[str]:
    """Ids of the slots that lie wholly within local ``working_hours`` in zone ``tz_name``.

    - ``days``: local calendar dates the participant attends (None: every day);
    - ``blocked``: (start, end) aware datetimes of busy time; a slot overlapping one is dropped.

    Raises ``zoneinfo.ZoneInfoNotFoundError`` for an unknown zone name.
    """
    zone = ZoneInfo(tz_name)
    out: list[str] = []
    for slot in slots:
        if not slot_is_within(slot, zone, working_hours, days):
            continue
        start = slot.start
        end = start + timedelta(minutes=slot.minutes)
        if any(b_start < end and start < b_end for b_start, b_end in blocked):
            continue
        out.append(slot.id)
    return out


def local_label(slot: Slot, tz_name: str) -> str:
    """e.g. ``Tue 11 Mar 10:00 GMT`` -- the slot's start in a participant's zone."""
    return slot.start.astimezone(ZoneInfo(tz_name)).strftime("%a %d %b %H:%M %Z")
