"""iCalendar for a participant: stable UIDs, SEQUENCE raised on every change, cancelled meetings
sent as cancelled, times with their zone (UTC instants, shown by clients in local time). The
other side is named, never by their e-mail address."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Max, Sum
from django.utils import timezone as djtz
from icalendar import Alarm, Calendar, vCalAddress, vText
from icalendar import Event as VEvent

from dari.events.domain.links import video_link
from dari.events.models import Meeting, MeetingStatus, Participant, Seat


def _calendar_meetings(participant: Participant) -> Any:
    return Meeting.objects.filter(seats__participant=participant, slot__isnull=False)


def calendar_version(participant: Participant) -> tuple[str, datetime | None]:
    """The ETag and Last-Modified of the participant's calendar, from three small queries
    (no meeting loaded): they move whenever one of its meetings changes (each change saves the
    meeting, moving `updated`), a seat is added or removed, someone in them is renamed, or the
    participant's zone or address, the event's name or its video link changes. A calendar
    app's poll that finds no change is answered 304."""
    meetings = _calendar_meetings(participant).aggregate(
        n=Count("pk"), last=Max("updated"), sequences=Sum("sequence")
    )
    # Who sits in them, as the feed names them (a renamed person or organisation is a change).
    people = list(
        Seat.objects.filter(meeting__in=_calendar_meetings(participant).values("pk"))
        .order_by("meeting_id", "participant_id")
        .values_list(
            "meeting_id",
            "participant__user__first_name",
            "participant__user__last_name",
            "participant__user__username",
            "participant__organization__name",
        )
    )
    parts = [
        meetings["n"],
        meetings["last"].isoformat() if meetings["last"] else "",
        meetings["sequences"],
        people,
        participant.timezone,
        participant.event.name,
        participant.event.video_url_template,
        participant.user.email,  # the one address the feed shows
    ]
    tag = hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()
    return f'"{tag}"', meetings["last"]


ALARM_MINUTES = 15


def participant_calendar(participant: Participant, alarm_minutes: int = ALARM_MINUTES) -> bytes:
    """The .ics of every scheduled or cancelled meeting of a participant; each meeting carries
    an alarm `alarm_minutes` before it (the person's reminder setting)."""
    cal = Calendar()
    cal.add("prodid", "-//Dari//Partnering//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Dari: {participant.event.name}")
    cal.add("x-wr-timezone", participant.timezone)
    meetings = (
        _calendar_meetings(participant)
        .select_related("event", "slot")
        .prefetch_related("participants__user", "participants__organization")
        .order_by("slot__start", "pk")
    )
    for m in meetings:
        others = [p for p in m.participants.all() if p.pk != participant.pk]
        names = ", ".join(
            f"{p.name} ({p.organization.name})" if p.organization else p.name for p in others
        )
        ev = VEvent()
        ev.add("uid", f"{m.uid}@dari")
        ev.add("sequence", m.sequence)
        ev.add("dtstamp", m.updated or djtz.now())
        ev.add("dtstart", m.slot.start)
        ev.add("dtend", m.slot.start + timedelta(minutes=m.slot.minutes))
        ev.add("summary", f"{m.event.name}: {names}")
        cancelled = m.status == MeetingStatus.CANCELLED
        ev.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        link = video_link(m)
        where = link or (f"Table {m.table}" if m.table else m.event.name)
        ev.add("location", where)
        if link:
            ev.add("url", link)
        ev.add("description", vText(f"Partnering meeting at {m.event.name} with {names}."))
        # Only the owner's own address: the others are named above, never by their e-mail
        # address, which nothing else shows them (and a feed needs only its secret link).
        if participant.user.email:
            attendee = vCalAddress(f"mailto:{participant.user.email}")
            attendee.params["cn"] = vText(participant.name)
            ev.add("attendee", attendee, encode=False)
        if not cancelled:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", vText(f"{m.event.name}: {names}"))
            alarm.add("trigger", timedelta(minutes=-alarm_minutes))
            ev.add_component(alarm)
        cal.add_component(ev)
    ical: bytes = cal.to_ical()
    return ical


def reset_calendar_link(participant: Participant) -> Participant:
    """A new secret token for the participant's subscription feed: the old address answers
    404 at once, like an unknown token (for a link shared by mistake or a lost device)."""
    participant.calendar_token = Participant._meta.get_field("calendar_token").get_default()
    participant.save(update_fields=["calendar_token"])
    return participant
