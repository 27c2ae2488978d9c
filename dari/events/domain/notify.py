"""Email notifications (console backend in the demo): requests, answers, schedule changes.

Each message is rendered in the recipient's own time zone. The functions listen to the
event signals (`dari/events/signals.py`); `connect()` is called from the app's `ready()`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import send_mass_mail

from dari.events import signals
from dari.events.models import Meeting, MeetingRequest, MeetingStatus, Participant


def _local(dt: Any, tz: str) -> str:
    local: str = dt.astimezone(ZoneInfo(tz)).strftime("%a %d %b %Y %H:%M %Z")
    return local


def _send(messages: Iterable[tuple[str, str, list[str]]]) -> None:
    batch = [(s, b, settings.DEFAULT_FROM_EMAIL, to) for s, b, to in messages if to and to[0]]
    if batch:
        send_mass_mail(batch, fail_silently=True)


def _emails_of_org(event_id: int, org_id: str) -> list[str]:
    return list(
        Participant.objects.filter(event_id=event_id, organization_id=org_id)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


def notify_request(request_id: int, **_: Any) -> None:
    """Tell the requested participant (or organisation) about a new request."""
    request = MeetingRequest.objects.select_related(
        "event", "requester__organization", "target__user"
    ).get(pk=request_id)
    requester = request.requester
    org = requester.organization.name if requester.organization else ""
    to = (
        [request.target.user.email]
        if request.target
        else _emails_of_org(request.event_id, request.target_organization_id)
    )
    body = (
        f"{requester.name} ({org}) asks to meet you at {request.event.name}.\n\n{request.message}\n"
    )
    _send([(f"[Dari] Meeting request from {requester.name}", body, to)])


def notify_answer(request_id: int, **_: Any) -> None:
    """Tell the requester that their request was accepted or declined."""
    request = MeetingRequest.objects.select_related("event", "answered_by", "requester__user").get(
        pk=request_id
    )
    answer = request.get_status_display().lower()
    by = request.answered_by.name if request.answered_by else ""
    body = f"{by} {answer} your meeting request at {request.event.name}."
    if request.decline_reason:
        body += f"\nReason: {request.decline_reason}"
    _send([(f"[Dari] Your meeting request was {answer}", body, [request.requester.user.email])])


def notify_schedule_changes(meeting_ids: list[int], **_: Any) -> None:
    """Tell every participant of the given meetings their (new) time, in their own zone."""
    messages = []
    meetings = (
        Meeting.objects.filter(pk__in=meeting_ids)
        .select_related("event", "slot")
        .prefetch_related("participants__user", "participants__organization")
    )
    for m in meetings:
        people = list(m.participants.all())
        for p in people:
            others = ", ".join(o.name for o in people if o.pk != p.pk)
            if m.status == MeetingStatus.CANCELLED:
                subject, body = (
                    "[Dari] Meeting cancelled",
                    f"Your meeting with {others} is cancelled.",
                )
            elif m.slot is not None:
                when = _local(m.slot.start, p.timezone)
                subject = f"[Dari] Meeting with {others}: {when}"
                body = f"Your meeting with {others} at {m.event.name} is at {when}."
            else:
                subject, body = (
                    "[Dari] Meeting not scheduled",
                    f"Your meeting with {others} has no slot yet.",
                )
            messages.append((subject, body, [p.user.email]))
    _send(messages)


def connect() -> None:
    """Listen to the event signals (called once, from EventsConfig.ready)."""
    signals.request_created.connect(notify_request, dispatch_uid="dari.notify.request")
    signals.request_answered.connect(notify_answer, dispatch_uid="dari.notify.answer")
    signals.meetings_changed.connect(notify_schedule_changes, dispatch_uid="dari.notify.meetings")
