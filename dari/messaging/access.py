"""Who reads and writes the thread of a meeting request.

A thread belongs to the two sides: the requester, and the requested participant (or, while a
request to an organisation is unanswered, the participants of that organisation at the event,
any of whom may answer), plus the colleagues added to the meeting. They must be confirmed
members (`dari.events.access.may_reach_people`), like everyone who sends requests, and still
speak for the organisation they registered for (`represents`: someone who moved to another
organisation reads no thread of the old registration and gets none of its mail). Nobody else
reads a thread, its messages or its counts: not the organisers of the event, not platform
admins, not other members of either organisation. A refused thread answers like a missing one.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from dari.accounts.access import vetted_users
from dari.events.access import (
    answering_condition,
    may_reach_people,
    registrations,
    representing,
)
from dari.events.models import MeetingRequest, Participant, Seat


def speaking_for(user: Any) -> QuerySet[Participant]:
    """The registrations through which `user` speaks now: those for their own organisation (or
    for none) that they have not replaced by one for an organisation they moved to. A
    registration for an organisation they have since left reads no thread of it
    (`dari.events.access.represents`)."""
    return registrations(user).filter(
        Q(organization_id=user.organization_id) | Q(organization__isnull=True)
    )


def thread_condition(user: Any) -> Q:
    """The requests whose thread `user` belongs to (assumes a confirmed member)."""
    mine = speaking_for(user)
    answering_org = Exists(
        mine.filter(answering_condition()).filter(
            event=OuterRef("event"), organization_id=OuterRef("target_organization_id")
        )
    )
    seated = Exists(
        Seat.objects.filter(meeting__request=OuterRef("pk"), participant__in=mine.values("pk"))
    )
    return (
        Q(requester__in=mine.values("pk"))
        | Q(target__in=mine.values("pk"))
        | (Q(target__isnull=True) & answering_org)
        | seated
    )


def visible_threads(user: Any) -> QuerySet[MeetingRequest]:
    """The meeting requests whose thread `user` may read and write (one query)."""
    if not may_reach_people(user):
        return MeetingRequest.objects.none()
    return MeetingRequest.objects.filter(thread_condition(user))


def access_thread(user: Any, request_id: int) -> MeetingRequest | None:
    """The request of a thread `user` belongs to, or None (refused exactly like missing)."""
    return (
        visible_threads(user)
        .select_related("event", "requester__user", "requester__organization", "target__user")
        .filter(pk=request_id)
        .first()
    )


def thread_members(request: MeetingRequest) -> list[Participant]:
    """The participants who belong to the thread of `request` and may reach people now
    (recipients of its e-mails). Gathered as ids first: one OR over the seats' join makes
    the database scan every meeting of the event."""
    ids = {pk for pk in (request.requester_id, request.target_id) if pk is not None}
    ids.update(
        Seat.objects.filter(meeting__request=request).values_list("participant_id", flat=True)
    )
    if request.target_id is None:
        ids.update(
            Participant.objects.filter(answering_condition())
            .filter(event_id=request.event_id, organization_id=request.target_organization_id)
            .values_list("pk", flat=True)
        )
    # `may_reach_people` and `represents` of each, as conditions: one query however many.
    people = representing(Participant.objects.filter(pk__in=ids, user__in=vetted_users()))
    return list(people.select_related("user", "organization").order_by("pk"))
