"""Tables of an event for download (CSV, XLSX): its meetings, participants, requests and
follow-ups for organisers (a request's message and a follow-up's note stay between the two
sides), and a participant's own agenda. Read only. A table is a dict with
`key`, `title`, `columns` (key, heading) and `rows` (dicts of plain values). Assets are named
only when the reader may see them (`with_visible_asset`); times are given in the zone named in
the table (the event's for organisers, the participant's own for an agenda). Organisations are
named as the pages name them to the reader (셀트리온 for a Korean reader: `local_name`); the
participants table keeps the recorded name beside the Korean one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from dari.core.names import country_name, local_name, name_in_korean
from dari.directory.access import with_visible_asset
from dari.events.access import representing
from dari.events.domain.links import video_link
from dari.events.domain.reasons import reason_texts
from dari.events.models import (
    Event,
    FollowUp,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    Outcome,
    Participant,
    RequestStatus,
)
from dari.events.rules import ParticipantRole

Table = dict[str, Any]
TABLES = ("meetings", "participants", "requests", "followups")


def _local(value: datetime | None, zone: str) -> str:
    return value.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M") if value else ""


def who(p: Participant | None) -> str:
    """A participant's name with their organisation's in the reader's language ("" for none)."""
    if p is None:
        return ""
    return f"{p.name} ({local_name(p.organization)})" if p.organization else p.name


def people(path: str = "participants") -> Prefetch:
    """The prefetch of a meeting's participants with their user and organisation."""
    return Prefetch(
        path, queryset=Participant.objects.select_related("user", "organization").order_by("pk")
    )


def _meeting_rows(
    meetings: Any, zone: str, reader: Participant | None = None
) -> list[dict[str, Any]]:
    meetings = list(meetings)
    why = reason_texts(meetings, zone, reader)
    rows = []
    for m in meetings:
        rows.append(
            {
                "id": m.pk,
                "start": _local(m.slot.start if m.slot else None, zone),
                "minutes": m.slot.minutes if m.slot else "",
                "status": str(MeetingStatus(m.status).label),
                "confirmed": _("yes") if m.confirmed else _("no"),
                "people": "; ".join(who(p) for p in m.participants.all()),
                "asset": m.shown_asset_name or "",
                "where": video_link(m) or (str(m.table) if m.table else ""),
                "reason": why.get(m.pk, ""),
            }
        )
    return rows


def _meeting_columns(zone: str) -> list[tuple[str, str]]:
    return [
        ("id", _("Meeting")),
        ("start", _("Start (%(zone)s)") % {"zone": zone}),
        ("minutes", _("Minutes")),
        ("status", _("Status")),
        ("confirmed", _("Confirmed")),
        ("people", _("Participants")),
        ("asset", _("Asset")),
        ("where", _("Video link or table")),
        ("reason", _("Why not scheduled")),
    ]


def _meetings_of(rows: Any, user: Any) -> Any:
    return (
        with_visible_asset(rows, user, "request__asset", "shown_asset")
        .select_related("event", "slot")
        .prefetch_related(people())
        .order_by("slot__start", "pk")
    )


def meetings_table(event: Event, user: Any) -> Table:
    meetings = _meetings_of(Meeting.objects.filter(event=event), user)
    return {
        "key": "meetings",
        "title": _("Meetings"),
        "columns": _meeting_columns(event.timezone),
        "rows": _meeting_rows(meetings, event.timezone),
    }


def _standing(p: Participant, speaking: set[int]) -> str:
    """Whether `p` still speaks for their organisation; if not, why (for the organisers, who
    may send someone else to the meetings it holds, or cancel them)."""
    if p.pk in speaking:
        return str(_("yes"))
    if not p.current:
        return str(_("no: registered again for another organisation"))
    return str(_("no: no longer a member"))


def participants_table(event: Event, user: Any) -> Table:
    people = Participant.objects.filter(event=event).select_related("user", "organization")
    speaking = set(representing(people).values_list("pk", flat=True))
    rows = [
        {
            "id": p.pk,
            "name": p.name,
            "email": p.user.email,
            "organization": p.organization.name if p.organization else "",
            "organization_ko": name_in_korean(p.organization) if p.organization else "",
            "country": country_name(p.organization.country) if p.organization else "",
            "role": str(ParticipantRole(p.role).label),
            "approved": _("yes") if p.approved else _("no"),
            "timezone": p.timezone,
            "registered": _local(p.created, event.timezone),
            "represents": _standing(p, speaking),
        }
        for p in people.order_by("pk")
    ]
    return {
        "key": "participants",
        "title": _("Participants"),
        "columns": [
            ("id", _("Participant")),
            ("name", _("Name")),
            ("email", _("E-mail")),
            ("organization", _("Organisation")),
            ("organization_ko", _("Organisation (Korean name)")),
            ("country", _("Country")),
            ("role", _("Role")),
            ("approved", _("Approved")),
            ("timezone", _("Time zone")),
            ("registered", _("Registered (%(zone)s)") % {"zone": event.timezone}),
            ("represents", _("Represents the organisation")),
        ],
        "rows": rows,
    }


def requests_table(event: Event, user: Any) -> Table:
    requests = (
        with_visible_asset(MeetingRequest.objects.filter(event=event), user, "asset", "shown")
        .select_related(
            "requester__user", "requester__organization", "target__user", "target_organization"
        )
        .order_by("created", "pk")
    )
    rows = [
        {
            "id": r.pk,
            "created": _local(r.created, event.timezone),
            "requester": who(r.requester),
            "target": who(r.target) if r.target else local_name(r.target_organization),
            "priority": r.priority,
            "status": str(RequestStatus(r.status).label),
            "asset": r.shown_name or "",
            "answered": _local(r.answered, event.timezone),
        }
        for r in requests
    ]
    return {
        "key": "requests",
        "title": _("Requests"),
        "columns": [
            ("id", _("Request")),
            ("created", _("Sent (%(zone)s)") % {"zone": event.timezone}),
            ("requester", _("From")),
            ("target", _("To")),
            ("priority", _("Priority")),
            ("status", _("Status")),
            ("asset", _("Asset")),
            ("answered", _("Answered (%(zone)s)") % {"zone": event.timezone}),
        ],
        "rows": rows,
    }


def followups_table(event: Event, user: Any) -> Table:
    followups = (
        FollowUp.objects.filter(meeting__event=event)
        .select_related("reported_by__user", "reported_by__organization")
        .order_by("created", "pk")
    )
    rows = [
        {
            "meeting": f.meeting_id,
            "reported": _local(f.created, event.timezone),
            "by": who(f.reported_by),
            "outcome": str(Outcome(f.outcome).label),
            "deal": f.deal_id or "",
        }
        for f in followups
    ]
    return {
        "key": "followups",
        "title": _("Follow-ups"),
        "columns": [
            ("meeting", _("Meeting")),
            ("reported", _("Reported (%(zone)s)") % {"zone": event.timezone}),
            ("by", _("Reported by")),
            ("outcome", _("Outcome")),
            ("deal", _("Deal")),
        ],
        "rows": rows,
    }


EVENT_TABLES: dict[str, Callable[[Event, Any], Table]] = {
    "meetings": meetings_table,
    "participants": participants_table,
    "requests": requests_table,
    "followups": followups_table,
}


def agenda_table(user: Any, me: Participant) -> Table:
    """My own meetings, in my zone."""
    meetings = _meetings_of(Meeting.objects.filter(seats__participant=me), user)
    return {
        "key": "agenda",
        "title": _("My agenda"),
        "columns": _meeting_columns(me.timezone),
        "rows": _meeting_rows(meetings, me.timezone, me),
    }
