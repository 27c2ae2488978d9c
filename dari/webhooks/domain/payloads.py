"""What a webhook notice says (read only): the request, meeting or follow-up concerned, in the
words the endpoint may read. People are named with their organisation (never their e-mail
address); an asset is named only when the endpoint's organisation sees it, or, for an event's
endpoint, its registrant (the asset funnel, `dari.directory.access`); a request's message only
to the two sides' organisations; a follow-up's private note is left out.
Times are UTC in ISO 8601."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from django.utils import timezone as djtz

from dari.directory.access import assets_seen_by_organization, visible_assets
from dari.events.models import Event, FollowUp, Meeting, MeetingRequest, Participant

Payload = dict[str, Any]


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z") if value else None


def _person(p: Participant | None) -> Payload | None:
    if p is None:
        return None
    org = p.organization
    return {
        "id": p.pk,
        "name": p.name,
        "organization": {"id": org.pk, "name": org.name} if org else None,
    }


def _asset(owner: Any, asset_id: str | None) -> Payload | None:
    """`owner` is the endpoint: an organisation's endpoint sees what the organisation sees,
    an event's what its registrant (an organiser of the event) sees."""
    if not asset_id:
        return None
    if owner.organization_id is not None:
        assets = assets_seen_by_organization(owner.organization_id)
    else:
        assets = visible_assets(owner.created_by)
    row = assets.filter(pk=asset_id).values("id", "name").first()
    return dict(row) if row else None


def envelope(kind: str, event: Event, data: Payload) -> Payload:
    """The body of every notice: what happened, when, at which event, and its data."""
    return {
        "type": kind,
        "created": _iso(djtz.now()),
        "event": {"id": event.pk, "slug": event.slug, "name": event.name},
        "data": data,
    }


def request_data(request: MeetingRequest, owner: Any) -> Payload:
    """`owner` is the endpoint. The message goes to an organisation's endpoint only: it was
    written by or to its own participants; an event's organisers do not read the two sides'
    messages."""
    with_message = owner.organization_id is not None
    return {
        "request": {
            "id": request.pk,
            "status": request.status,
            "priority": request.priority,
            "message": request.message if with_message else None,
            "created": _iso(request.created),
            "answered": _iso(request.answered),
            "requester": _person(request.requester),
            "target": _person(request.target),
            "target_organization": {
                "id": request.target_organization_id,
                "name": request.target_organization.name,
            },
            "asset": _asset(owner, request.asset_id),
        }
    }


def meeting_data(meeting: Meeting, owner: Any) -> Payload:
    slot = meeting.slot
    return {
        "meeting": {
            "id": meeting.pk,
            "uid": f"{meeting.uid}@dari",
            "status": meeting.status,
            "confirmed": meeting.confirmed,
            "sequence": meeting.sequence,
            "start": _iso(slot.start) if slot else None,
            "end": _iso(slot.start + timedelta(minutes=slot.minutes)) if slot else None,
            "table": meeting.table,
            "request_id": meeting.request_id,
            "participants": [_person(p) for p in meeting.participants.all()],
            "asset": _asset(owner, meeting.request.asset_id),
        }
    }


def followup_data(followup: FollowUp, owner: Any) -> Payload:
    return {
        "followup": {
            "id": followup.pk,
            "meeting_id": followup.meeting_id,
            "outcome": followup.outcome,
            "deal_id": followup.deal_id,
            "reported_by": _person(followup.reported_by),
            "created": _iso(followup.created),
        }
    }


def dumps(payload: Payload) -> str:
    """A notice's body as stored, signed and sent."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True)


def as_seen_now(body: str, owner: Any) -> str:
    """A stored notice as `owner` (the endpoint) may read it at this attempt: an asset it no
    longer sees (made confidential, or a partner link ended, since the notice was written)
    is no longer named; the body is returned unchanged otherwise."""
    payload = json.loads(body)
    data = payload.get("data") or {}
    changed = False
    for record in (data.get("request"), data.get("meeting")):
        if isinstance(record, dict) and record.get("asset"):
            now = _asset(owner, record["asset"].get("id"))
            if now is None:
                record["asset"], changed = None, True
    return dumps(payload) if changed else body
