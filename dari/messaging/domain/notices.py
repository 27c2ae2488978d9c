"""E-mails for what happens in an event: a request received, an answer, meetings scheduled,
moved or cancelled, a request to move a meeting and its answer, a new message. They listen to
`dari.events.signals` (connected in `dari.messaging.wiring`), go only to people who belong to
the request's thread (`dari.messaging.access.thread_members`), and honour each recipient's
preferences."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from dari.events.access import asset_named_to
from dari.events.domain.links import video_link
from dari.events.models import Meeting, MeetingRequest, MeetingStatus, MoveRequest, Participant
from dari.events.rules import MoveStatus
from dari.messaging.access import thread_members
from dari.messaging.domain.mail import compose, deliver, site_url
from dari.messaging.domain.prefs import preferences_by_user
from dari.messaging.models import Message, NoticeKind

CHANGES = {
    "scheduled": NoticeKind.MEETING_SCHEDULED,
    "moved": NoticeKind.MEETING_MOVED,
    "cancelled": NoticeKind.MEETING_CANCELLED,
}


def label(p: Participant) -> str:
    return f"{p.name} ({p.organization.name})" if p.organization else p.name


def thread_url(request_id: int) -> str:
    return site_url(reverse("messages:thread", args=[request_id]))


def _send_to(kind: str, template: str, people: list[Participant], context: dict[str, Any]) -> int:
    prefs = preferences_by_user([p.user_id for p in people])
    sent = 0
    for p in people:
        mine = prefs[p.user_id]
        if not mine.wants(kind) or not p.user.email:
            continue
        out = compose(kind, template, p.user, mine, p.timezone, {"me": p, **context})
        sent += deliver(out)
    return sent


def _request(request_id: int) -> MeetingRequest:
    # Not the asset itself: a template could name it to someone who may not see it.
    return MeetingRequest.objects.select_related(
        "event", "requester__user", "requester__organization", "target__user"
    ).get(pk=request_id)


def notify_request(request_id: int, **_: Any) -> int:
    """Tell the requested participant (or each participant of the requested organisation),
    naming the asset asked about (ours or theirs) to whoever may see it."""
    request = _request(request_id)
    people = [p for p in thread_members(request) if p.pk != request.requester_id]
    context = {
        "request": request,
        "event": request.event,
        "requester": label(request.requester),
        "link": thread_url(request.pk),
        "requests_link": site_url(reverse("events:requests", args=[request.event.slug])),
    }
    return sum(
        _send_to(
            NoticeKind.REQUEST_RECEIVED,
            "request_received",
            [p],
            {**context, "asset": asset_named_to(request, p)},
        )
        for p in people
    )


def notify_answer(request_id: int, status: str = "", **_: Any) -> int:
    """Tell the requester that their request was accepted or declined."""
    request = _request(request_id)
    people = [p for p in thread_members(request) if p.pk == request.requester_id]
    answered_by = (
        Participant.objects.select_related("user", "organization").get(pk=request.answered_by_id)
        if request.answered_by_id
        else None
    )
    context = {
        "request": request,
        "event": request.event,
        "accepted": status == "accepted",
        "answered_by": label(answered_by) if answered_by else "",
        "link": thread_url(request.pk),
    }
    return _send_to(NoticeKind.REQUEST_ANSWERED, "request_answered", people, context)


def meeting_context(meeting: Meeting, me: Participant, people: list[Participant]) -> dict[str, Any]:
    """What a meeting e-mail shows one participant: the others with their own local time,
    the place (video link or table), the asset the request was about if `me` may see it (as
    in the request e-mail) and the agenda."""
    others = [{"label": label(o), "zone": o.timezone} for o in people if o.pk != me.pk]
    return {
        "meeting": meeting,
        "event": meeting.event,
        "start": meeting.slot.start if meeting.slot else None,
        "others": others,
        "others_names": ", ".join(o["label"] for o in others),
        "video": video_link(meeting),
        "table": meeting.table,
        "asset": asset_named_to(meeting.request, me),
        "link": site_url(reverse("events:agenda", args=[meeting.event.slug])),
    }


def notify_schedule_changes(meeting_ids: list[int], change: str = "scheduled", **_: Any) -> int:
    """Tell every participant of the given meetings their (new) time, in their own zone."""
    kind = CHANGES.get(change, NoticeKind.MEETING_SCHEDULED)
    meetings = (
        Meeting.objects.filter(pk__in=meeting_ids)
        .select_related("event", "slot", "request")
        .prefetch_related("participants__user", "participants__organization")
    )
    sent = 0
    for m in meetings:
        members = {p.pk for p in thread_members(m.request)}
        people = list(m.participants.all())
        recipients = [p for p in people if p.pk in members]
        this_kind = kind
        if m.status == MeetingStatus.CANCELLED:
            this_kind, template = NoticeKind.MEETING_CANCELLED, "meeting_cancelled"
        elif m.slot is None:
            template = "meeting_unscheduled"
        else:
            template = "meeting_moved" if kind == NoticeKind.MEETING_MOVED else "meeting_scheduled"
        for p in recipients:
            sent += _send_to(this_kind, template, [p], meeting_context(m, p, people))
    return sent


def notify_message(message_id: int) -> int:
    """E-mail a new message to the other members of its thread (unless they turned it off)."""
    message = Message.objects.select_related(
        "author__user", "author__organization", "request__event"
    ).get(pk=message_id)
    request = message.request
    people = [p for p in thread_members(request) if p.user_id != message.author.user_id]
    context = {
        "message": message,
        "event": request.event,
        "author": label(message.author),
        "link": thread_url(request.pk),
    }
    return _send_to(NoticeKind.MESSAGE, "message", people, context)


def _move(move_id: int) -> MoveRequest:
    return (
        MoveRequest.objects.select_related(
            "meeting__event", "meeting__slot", "meeting__request", "asked_by__organization"
        )
        .prefetch_related("preferred_slots", "meeting__participants__user")
        .prefetch_related("meeting__participants__organization")
        .get(pk=move_id)
    )


def _move_context(move: MoveRequest, me: Participant, people: list[Participant]) -> dict[str, Any]:
    meeting = move.meeting
    return {
        **meeting_context(meeting, me, people),
        "move": move,
        "asked_by": label(move.asked_by),
        "preferred": [s.start for s in move.preferred_slots.all()],
        # The page where the other side accepts or declines, and the asker follows the answer.
        "answer_link": site_url(reverse("events:agenda", args=[meeting.event.slug]) + "#moves"),
    }


def notify_move(move_id: int, **_: Any) -> int:
    """Tell the other side of the meeting that someone asks to move it (they answer on their
    agenda)."""
    move = _move(move_id)
    meeting = move.meeting
    asker = move.asked_by
    members = {p.pk for p in thread_members(meeting.request)}
    people = list(meeting.participants.all())
    sent = 0
    for p in people:
        same_side = p.pk == asker.pk or (
            asker.organization_id is not None and p.organization_id == asker.organization_id
        )
        if same_side or p.pk not in members:
            continue
        context = _move_context(move, p, people)
        sent += _send_to(NoticeKind.MOVE_REQUESTED, "move_requested", [p], context)
    return sent


def notify_move_answer(move_id: int, status: str = "", **_: Any) -> int:
    """Tell the one who asked to move a meeting that the other side accepted or declined."""
    move = _move(move_id)
    meeting = move.meeting
    members = {p.pk for p in thread_members(meeting.request)}
    people = list(meeting.participants.all())
    asker = next((p for p in people if p.pk == move.asked_by_id), None)
    if asker is None or asker.pk not in members:
        return 0
    answered_by = next((p for p in people if p.pk == move.answered_by_id), None)
    context = {
        **_move_context(move, asker, people),
        "accepted": status == MoveStatus.ACCEPTED,
        "answered_by": label(answered_by) if answered_by else "",
        "moved": move.to_slot_id is not None,
    }
    return _send_to(NoticeKind.MOVE_ANSWERED, "move_answered", [asker], context)
