"""Webhook notices of what happens at events: listens to `dari.events.signals` and records one
delivery per endpoint concerned, then queues it. An event's endpoints hear everything of that
event; an organisation's endpoints hear only what concerns its own participants (their
requests, meetings and follow-ups). A notice is written as the endpoint's organisation (or, for
an event's endpoint, its registrant) may read it (`payloads`), and only while the registrant
still holds the right they registered it under. A failure
here is logged and never reaches the change it heard about."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q

from dari.events import signals
from dari.events.domain.exports import people
from dari.events.models import Event, FollowUp, Meeting, MeetingRequest, Participant
from dari.webhooks.access import still_allowed
from dari.webhooks.domain.payloads import (
    Payload,
    dumps,
    envelope,
    followup_data,
    meeting_data,
    request_data,
)
from dari.webhooks.models import Delivery, Endpoint, HookKind
from dari.webhooks.tasks import deliver_webhook

log = logging.getLogger(__name__)


def endpoints_for(kind: str, event_id: int, org_ids: Iterable[str | None]) -> list[Endpoint]:
    """Active endpoints that asked for `kind`: the event's, and the organisations'."""
    orgs = [o for o in org_ids if o]
    rows = (
        Endpoint.objects.filter(active=True)
        .filter(Q(event_id=event_id) | Q(organization_id__in=orgs))
        .select_related("created_by", "event", "organization")
        .order_by("pk")
    )
    return [e for e in rows if kind in e.kinds and still_allowed(e)]


def record(
    kind: str, event: Event, org_ids: Iterable[str | None], data: Callable[[Any], Payload]
) -> list[int]:
    """One delivery per endpoint concerned, queued once committed; their ids."""
    ids = []
    with transaction.atomic():
        for endpoint in endpoints_for(kind, event.pk, org_ids):
            body = dumps(envelope(kind, event, data(endpoint)))
            delivery = Delivery.objects.create(endpoint=endpoint, kind=kind, body=body)
            ids.append(delivery.pk)
        transaction.on_commit(lambda: [deliver_webhook.enqueue(pk) for pk in ids])
    return ids


def _safely(listener: Callable[..., None]) -> Callable[..., None]:
    def wrapper(sender: Any, **kwargs: Any) -> None:
        try:
            listener(**kwargs)
        except Exception:  # a webhook must never break the change it reports
            log.exception("webhook listener %s failed", listener.__name__)

    wrapper.__name__ = listener.__name__
    return wrapper


def _request(request_id: int) -> MeetingRequest:
    return MeetingRequest.objects.select_related(
        "event",
        "requester__user",
        "requester__organization",
        "target__user",
        "target__organization",
        "target_organization",
    ).get(pk=request_id)


def on_request_created(request_id: int, **_: Any) -> None:
    request = _request(request_id)
    orgs = [request.requester.organization_id, request.target_organization_id]
    record(HookKind.REQUEST_CREATED, request.event, orgs, lambda e: request_data(request, e))


def on_request_answered(request_id: int, status: str, **_: Any) -> None:
    kind = {"accepted": HookKind.REQUEST_ACCEPTED, "declined": HookKind.REQUEST_DECLINED}.get(
        status
    )
    if kind is None:
        return
    request = _request(request_id)
    orgs = [request.requester.organization_id, request.target_organization_id]
    record(kind, request.event, orgs, lambda e: request_data(request, e))


MEETING_KINDS = {
    "scheduled": HookKind.MEETING_SCHEDULED,
    "moved": HookKind.MEETING_MOVED,
    "cancelled": HookKind.MEETING_CANCELLED,
}


def on_meetings_changed(meeting_ids: list[int], change: str, **_: Any) -> None:
    kind = MEETING_KINDS.get(change)
    if kind is None:
        return
    meetings = (
        Meeting.objects.filter(pk__in=meeting_ids)
        .select_related("event", "slot", "request")
        .prefetch_related(people())
        .order_by("pk")
    )
    for meeting in meetings:
        orgs = [p.organization_id for p in meeting.participants.all()]
        record(kind, meeting.event, orgs, lambda e, m=meeting: meeting_data(m, e))


def _followup(followup_id: int) -> tuple[FollowUp, list[str | None]]:
    followup = FollowUp.objects.select_related(
        "meeting__event", "reported_by__user", "reported_by__organization"
    ).get(pk=followup_id)
    orgs = list(
        Participant.objects.filter(seats__meeting_id=followup.meeting_id).values_list(
            "organization_id", flat=True
        )
    )
    return followup, orgs


def on_followup_updated(followup_id: int, **_: Any) -> None:
    followup, orgs = _followup(followup_id)
    record(
        HookKind.FOLLOWUP_UPDATED,
        followup.meeting.event,
        orgs,
        lambda e: followup_data(followup, e),
    )


def on_deal_recorded(followup_id: int, **_: Any) -> None:
    followup, orgs = _followup(followup_id)
    record(
        HookKind.DEAL_RECORDED,
        followup.meeting.event,
        orgs,
        lambda e: followup_data(followup, e),
    )


def connect() -> None:
    """Listen to the event signals (called from the app's `ready()`)."""
    pairs = [
        (signals.request_created, on_request_created),
        (signals.request_answered, on_request_answered),
        (signals.meetings_changed, on_meetings_changed),
        (signals.followup_updated, on_followup_updated),
        (signals.deal_recorded, on_deal_recorded),
    ]
    for signal, listener in pairs:
        signal.connect(_safely(listener), dispatch_uid=f"webhooks.{listener.__name__}", weak=False)
