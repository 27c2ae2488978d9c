"""iCalendar for a participant: stable UIDs, SEQUENCE raised on every change, cancelled meetings
sent as cancelled, times with their zone (UTC instants, shown by clients in local time). The
other side is named, never by their e-mail address, with their organisation as the pages name it
to the reader (셀트리온 for a Korean reader)."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Max, Sum
from django.utils import timezone as djtz
from django.utils import translation
from icalendar import Alarm, Calendar, vCalAddress, vText
from icalendar import Event as VEvent

from dari.core.names import local_name
from dari.events.access import named_assets
from dari.events.domain.exports import who
from dari.events.domain.links import video_link
from dari.events.models import Meeting, MeetingStatus, Participant, Seat


def _calendar_meetings(participant: Participant) -> Any:
    return Meeting.objects.filter(seats__participant=participant, slot__isnull=False)


def calendar_version(participant: Participant) -> tuple[str, datetime | None]:
    """The ETag and Last-Modified of the participant's calendar, from a few small queries
    (no meeting loaded): they move whenever one of its meetings changes (each change saves the
    meeting, moving `updated`), a seat is added or removed, someone in them is renamed, an
    asset their requests were about is renamed or becomes visible or hidden to them, or the
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
            "participant__organization__name_ko",
        )
    )
    # The assets their requests were about, as far as the participant may see them (a CDA
    # signed or ended changes what the descriptions name).
    topics = _calendar_meetings(participant).values_list("request__asset_id", flat=True)
    parts = [
        sorted(named_assets(participant, topics).items()),
        meetings["n"],
        meetings["last"].isoformat() if meetings["last"] else "",
        meetings["sequences"],
        people,
        participant.timezone,
        participant.event.name,
        participant.event.name_ko,
        participant.event.video_url_template,
        participant.user.email,  # the one address the feed shows
        translation.get_language(),  # the words around the names are the reader's
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
    cal.add("x-wr-calname", f"Dari: {local_name(participant.event)}")
    cal.add("x-wr-timezone", participant.timezone)
    meetings = (
        _calendar_meetings(participant)
        .select_related("event", "slot", "request")
        .prefetch_related("participants__user", "participants__organization")
        .order_by("slot__start", "pk")
    )
    topics = named_assets(participant, [m.request.asset_id for m in meetings])
    for m in meetings:
        event_name = local_name(m.event)
        others = [p for p in m.participants.all() if p.pk != participant.pk]
        names = ", ".join(who(p) for p in others)
        ev = VEvent()
        ev.add("uid", f"{m.uid}@dari")
        ev.add("sequence", m.sequence)
        ev.add("dtstamp", m.updated or djtz.now())
        ev.add("dtstart", m.slot.start)
        ev.add("dtend", m.slot.start + timedelta(minutes=m.slot.minutes))
        ev.add("summary", f"{event_name}: {names}")
        cancelled = m.status == MeetingStatus.CANCELLED
        ev.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        link = video_link(m)
        table = translation.gettext("Table %(n)s") % {"n": m.table} if m.table else ""
        where = link or table or event_name
        ev.add("location", where)
        if link:
            ev.add("url", link)
        about = translation.gettext("Partnering meeting at %(event)s with %(names)s.")
        description = about % {"event": event_name, "names": names}
        if m.request.asset_id in topics:
            asset = translation.gettext("About the asset: %(asset)s")
            description += "\n" + asset % {"asset": topics[m.request.asset_id]}
        ev.add("description", vText(description))
        # Only the owner's own address: the others are named above, never by their e-mail
        # address, which nothing else shows them (and a feed needs only its secret link).
        if participant.user.email:
            attendee = vCalAddress(f"mailto:{participant.user.email}")
            attendee.params["cn"] = vText(participant.name)
            ev.add("attendee", attendee, encode=False)
        if not cancelled:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", vText(f"{event_name}: {names}"))
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
