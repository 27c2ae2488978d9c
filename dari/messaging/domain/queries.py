"""Read models of messages: a thread, my conversations with their unread counts, the requests
to move my meetings that wait for my answer, my unread total for the header. Everything goes
through `dari.messaging.access.visible_threads`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, F, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from dari.core.names import local_name
from dari.events.access import registrations
from dari.events.models import MeetingRequest, MoveRequest, Participant
from dari.events.rules import MoveStatus
from dari.messaging.access import speaking_for, visible_threads
from dari.messaging.domain.threads import CLOSED
from dari.messaging.models import Message, ThreadRead


@dataclass(frozen=True)
class ThreadMessage:
    id: int
    author: str
    organization: str
    body: str
    created: datetime
    mine: bool


@dataclass(frozen=True)
class Thread:
    request: MeetingRequest
    other_side: str
    messages: tuple[ThreadMessage, ...]
    open: bool


@dataclass(frozen=True)
class ThreadRow:
    request_id: int
    event: str
    event_slug: str
    other_side: str
    status: str
    last_activity: datetime
    unread: int


def _unread_messages(user: Any) -> QuerySet[Message]:
    last_read = ThreadRead.objects.filter(request=OuterRef("request"), user=user).values(
        "last_read"
    )[:1]
    return (
        Message.objects.filter(request__in=visible_threads(user).values("pk"))
        .exclude(author__user=user)
        .annotate(mark=Coalesce(Subquery(last_read), Value(0), output_field=IntegerField()))
        .filter(pk__gt=F("mark"))
    )


def unread_count(user: Any) -> int:
    """How many messages from others the user has not read, over all their threads."""
    if not getattr(user, "is_authenticated", False):
        return 0
    n: int = _unread_messages(user).count()
    return n


def _other_side(request: MeetingRequest, me: Participant | None) -> str:
    if me is not None and request.requester_id == me.pk:
        other = request.target
        org = local_name(request.target_organization)
    else:
        other = request.requester
        org = local_name(request.requester.organization)
    if other is None:
        return str(org)
    return f"{other.name} ({org})" if org else str(other.name)


def conversations(user: Any) -> tuple[ThreadRow, ...]:
    """My threads with a message in them, the latest first, each with its unread count."""
    unread = dict(
        _unread_messages(user).values("request").annotate(n=Count("pk")).values_list("request", "n")
    )
    requests = (
        visible_threads(user)
        .filter(~Q(message="") | Q(thread_messages__isnull=False))
        .annotate(last=Coalesce(Max("thread_messages__created"), "created"))
        .select_related(
            "event",
            "requester__user",
            "requester__organization",
            "target__user",
            "target_organization",
        )
        .order_by("-last", "-pk")
    )
    mine = {p.event_id: p for p in registrations(user)}
    return tuple(
        ThreadRow(
            request_id=r.pk,
            event=local_name(r.event),
            event_slug=r.event.slug,
            other_side=_other_side(r, mine.get(r.event_id)),
            status=str(r.get_status_display()),
            last_activity=r.last,
            unread=unread.get(r.pk, 0),
        )
        for r in requests
    )


def thread(user: Any, request: MeetingRequest) -> Thread:
    """The messages of a thread the user belongs to (access already checked): the request's
    own message first, then the replies in order."""
    me = registrations(user).filter(event_id=request.event_id).first()
    first = []
    if request.message:
        requester = request.requester
        first.append(
            ThreadMessage(
                id=0,
                author=requester.name,
                organization=local_name(requester.organization),
                body=request.message,
                created=request.created,
                mine=requester.user_id == user.pk,
            )
        )
    replies = Message.objects.filter(request=request).select_related(
        "author__user", "author__organization"
    )
    return Thread(
        request=request,
        other_side=_other_side(
            MeetingRequest.objects.select_related(
                "requester__user", "requester__organization", "target__user", "target_organization"
            ).get(pk=request.pk),
            me,
        ),
        messages=tuple(first)
        + tuple(
            ThreadMessage(
                id=m.pk,
                author=m.author.name,
                organization=local_name(m.author.organization),
                body=m.body,
                created=m.created,
                mine=m.author.user_id == user.pk,
            )
            for m in replies
        ),
        open=request.status not in CLOSED,
    )


@dataclass(frozen=True)
class MoveNotice:
    """The other side asks to move one of my meetings: I answer on my agenda of the event."""

    move_id: int
    event: str
    event_slug: str
    asked_by: str
    asked: datetime


def moves_to_answer(user: Any) -> tuple[MoveNotice, ...]:
    """Pending requests to move a meeting I sit in, asked by the other side (two queries)."""
    if not getattr(user, "is_authenticated", False):
        return ()
    moves = (
        MoveRequest.objects.filter(
            status=MoveStatus.PENDING, meeting__seats__participant__in=speaking_for(user)
        )
        .exclude(asked_by__user=user)
        .select_related("asked_by__organization", "meeting__event")
        .order_by("created", "pk")
        .distinct()
    )
    mine = {p.event_id: p for p in registrations(user)}
    out = []
    for m in moves:
        me, asker = mine.get(m.meeting.event_id), m.asked_by
        if me is None or (asker.organization_id and asker.organization_id == me.organization_id):
            continue
        org = local_name(asker.organization)
        out.append(
            MoveNotice(
                move_id=m.pk,
                event=local_name(m.meeting.event),
                event_slug=m.meeting.event.slug,
                asked_by=f"{asker.name} ({org})" if org else str(asker.name),
                asked=m.created,
            )
        )
    return tuple(out)
