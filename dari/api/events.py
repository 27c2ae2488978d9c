"""/api/events: the partnering events, and for a participant their agenda and meeting requests
(a BD lead's CRM, a scout's tool). The rules are the participant pages' own
(`dari.events.access`, `dari.events.domain`): the caller's current registration for the
event (`registration_for`), closed once it no longer represents its organisation
(`represents`); assets named only when the caller may see them; a request may name only an
`askable_assets` asset, anything else refused alike on the `asset` field, and only someone,
or an organisation, the event's directory lists to the caller (`participant_to_ask`,
`organization_to_ask`): any other refused like a missing one. Writes need a write token or a
session."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Body, Field, Router, Schema, Status

from dari.api.errors import DOMAIN_STATUS, ApiError, FieldError, not_found
from dari.api.schemas import BodyIn, ErrorOut
from dari.core.errors import DomainError
from dari.core.names import local_name
from dari.directory.access import AssetRef
from dari.events.access import closed_notice, registration_for, represents, requests_concerning
from dari.events.domain.queries import (
    AgendaMeeting,
    Counterpart,
    EventRow,
    OtherSide,
    RequestRow,
    agenda,
    event_rows,
    request_list,
)
from dari.events.domain.requests import (
    accept_request,
    decline_request,
    organization_to_ask,
    participant_to_ask,
    request_meeting,
)
from dari.events.models import Event, Participant

router = Router(tags=["events"])
READ = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
WRITE = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


class EventOut(Schema):
    slug: str
    name: str
    name_ko: str = Field(description="The event's name in Korean (empty when it has none).")
    mode: str
    organizer: str | None = Field(description="The organising organisation's id.")
    organizer_name: str
    timezone: str = Field(description="The event's zone: its days and times are in it.")
    first_day: date
    last_day: date
    starts: datetime = Field(description="The first day's sessions start, in the event's zone.")
    starts_utc: datetime
    ends: datetime = Field(description="The last day's sessions end, in the event's zone.")
    ends_utc: datetime
    request_deadline: datetime | None = Field(description="In the event's zone.")
    request_deadline_utc: datetime | None
    schedule_published: bool
    registered: bool = Field(description="Whether the caller is registered for it.")
    manages: bool = Field(description="Whether the caller may manage it.")


class AssetRefOut(Schema):
    id: str
    name: str


class PersonOut(Schema):
    participant_id: int
    name: str
    organization: str | None = Field(description="Their organisation's id.")
    organization_name: str
    timezone: str
    start: datetime | None = Field(description="The meeting's start in their zone.")


class FollowUpOut(Schema):
    outcome: str
    reported_by: str
    deal: str | None
    note: str


class MeetingOut(Schema):
    id: int
    status: str = Field(description="scheduled, unscheduled or cancelled")
    confirmed: bool
    start: datetime | None = Field(description="In the caller's zone (of their registration).")
    end: datetime | None
    start_utc: datetime | None
    end_utc: datetime | None
    counterparts: list[PersonOut] = Field(description="Everyone else in the meeting.")
    video_link: str | None = Field(description="Of a scheduled virtual meeting.")
    table: int | None = Field(description="Of a scheduled meeting in person.")
    asset: AssetRefOut | None = Field(description="Only when the caller may see the asset.")
    unscheduled_reason: str
    followups: list[FollowUpOut]


class AgendaOut(Schema):
    event: str
    timezone: str = Field(description="The caller's zone for this event.")
    schedule_published: bool
    meetings: list[MeetingOut] = Field(
        description="Scheduled (by time), then accepted but not scheduled, then cancelled."
    )


class CounterpartOut(Schema):
    participant_id: int | None = Field(
        description="None for a request to an organisation that no one has answered yet."
    )
    name: str
    organization: str | None
    organization_name: str


class RequestOut(Schema):
    id: int
    direction: Literal["received", "sent"]
    status: str = Field(
        description="As of now: a pending request past the deadline is expired; one whose "
        "requester no longer represents their organisation is no_longer_valid."
    )
    to_organization: bool = Field(description="Received by the caller's organisation as a whole.")
    counterpart: CounterpartOut
    priority: int
    created: datetime
    message: str
    decline_reason: str
    asset: AssetRefOut | None = Field(description="Only when the caller may see the asset.")
    may_answer: bool
    may_withdraw: bool


class RequestsOut(Schema):
    received: list[RequestOut]
    sent: list[RequestOut]


class RequestIn(BodyIn):
    """A meeting request to a participant, or to an organisation (any of its participants may
    answer): name one of them."""

    participant: int | None = Field(None, description="The participant's id.")
    organization: str | None = Field(None, description="An organisation's id.")
    message: str = ""
    asset: str | None = Field(
        None, description="An asset of the caller's organisation, or a visible one of theirs."
    )
    priority: int = Field(2, description="1 (low), 2 (normal) or 3 (high).")


class DeclineIn(BodyIn):
    reason: str = Field("", description="The requester reads it.")


# Helpers ---------------------------------------------------------------------------------------


def _signed_in(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise ApiError(401, _("Sign in or send a personal access token."))


def _event(slug: str) -> Event:
    event = Event.objects.filter(slug=slug).first()
    if event is None:
        raise not_found("event", slug)
    return event


def _me(request: HttpRequest, slug: str) -> Participant:
    """The caller's current registration for the event, if it still opens their agenda."""
    _signed_in(request)
    me = registration_for(request.user, _event(slug))
    if me is None:
        message = _("Register for the event first.")
        raise ApiError(404, message, [_error("slug", "not_registered", message)])
    if not represents(me):
        message = closed_notice(me)
        raise ApiError(403, message, [_error("slug", "not_representing", message)])
    return me


def _error(field: str, code: str, message: str) -> FieldError:
    return {"field": field, "code": code, "message": message}


def _refused(exc: DomainError, fields: dict[str, str], whole: str) -> ApiError:
    """A domain refusal named as the API names its field: `fields` renames the domain's
    fields (as pydantic names a body field: "body.asset"); `whole` when it names none."""
    field = fields.get(exc.field or "", exc.field or whole)
    status = DOMAIN_STATUS.get(exc.code, 400)
    return ApiError(status, f"{field}: {exc.message}", [_error(field, exc.code, exc.message)])


def _utc(moment: datetime | None) -> datetime | None:
    return moment.astimezone(UTC) if moment is not None else None


def _asset(ref: AssetRef | None) -> AssetRefOut | None:
    return AssetRefOut(id=ref.pk, name=ref.name) if ref is not None else None


def _event_out(row: EventRow) -> EventOut:
    event = row.event
    deadline = event.request_deadline
    return EventOut(
        slug=event.slug,
        name=event.name,
        name_ko=event.name_ko,
        mode=event.mode,
        organizer=event.organizer_id,
        organizer_name=local_name(event.organizer),
        timezone=event.timezone,
        first_day=event.start_date,
        last_day=event.end_date,
        starts=row.starts,
        starts_utc=row.starts.astimezone(UTC),
        ends=row.ends,
        ends_utc=row.ends.astimezone(UTC),
        request_deadline=deadline.astimezone(ZoneInfo(event.timezone)) if deadline else None,
        request_deadline_utc=_utc(deadline),
        schedule_published=event.schedule_published,
        registered=row.is_mine,
        manages=row.can_manage,
    )


def _person(o: OtherSide) -> PersonOut:
    return PersonOut(
        participant_id=o.pk,
        name=o.name,
        organization=o.organization_id,
        organization_name=o.organization_name,
        timezone=o.timezone,
        start=o.start,
    )


def _meeting_out(m: AgendaMeeting) -> MeetingOut:
    return MeetingOut(
        id=m.pk,
        status=m.status,
        confirmed=m.confirmed,
        start=m.start,
        end=m.end,
        start_utc=_utc(m.start),
        end_utc=_utc(m.end),
        counterparts=[_person(o) for o in m.others],
        video_link=m.shown_link or None,
        table=m.shown_table,
        asset=_asset(m.shown_asset),
        unscheduled_reason=m.unscheduled_reason,
        followups=[
            FollowUpOut(outcome=f.outcome, reported_by=f.reported_by, deal=f.deal_id, note=f.note)
            for f in m.followups
        ],
    )


def _counterpart(c: Counterpart) -> CounterpartOut:
    return CounterpartOut(
        participant_id=c.participant_id,
        name=c.name,
        organization=c.organization_id,
        organization_name=c.organization_name,
    )


def _request_out(r: RequestRow) -> RequestOut:
    return RequestOut(
        id=r.pk,
        direction="received" if r.incoming else "sent",
        status="no_longer_valid" if r.no_longer_valid else r.status,
        to_organization=r.to_organization,
        counterpart=_counterpart(r.counterpart),
        priority=r.priority,
        created=r.created,
        message=r.message,
        decline_reason=r.decline_reason,
        asset=_asset(r.shown_asset),
        may_answer=r.may_answer,
        may_withdraw=r.may_withdraw,
    )


def _my_request(request: HttpRequest, me: Participant, request_id: int) -> RequestOut:
    """One of the requests the caller's registration sent or received; any other is a 404."""
    mine = request_list(request.user, me)
    for row in (*mine.incoming, *mine.outgoing):
        if row.pk == request_id:
            return _request_out(row)
    raise not_found("request", str(request_id))


def _concerning(me: Participant, request_id: int) -> None:
    """Refuse, as missing, a request that does not concern the caller's registration: the same
    funnel as the pages (`requests_concerning`), one query instead of the whole request list."""
    if not requests_concerning(me).filter(pk=request_id).exists():
        raise not_found("request", str(request_id))


# Endpoints -------------------------------------------------------------------------------------


@router.get("", response={200: list[EventOut]}, summary="The events, newest first")
def list_events(request: HttpRequest) -> list[EventOut]:
    return [_event_out(row) for row in event_rows(request.user)]


@router.get(
    "/{slug}/agenda",
    response={200: AgendaOut, **READ},
    summary="My meetings at an event, in my zone and in UTC",
)
def get_agenda(request: HttpRequest, slug: str) -> AgendaOut:
    me = _me(request, slug)
    mine = agenda(request.user, me)
    return AgendaOut(
        event=me.event.slug,
        timezone=me.timezone,
        schedule_published=me.event.schedule_published,
        meetings=[_meeting_out(m) for m in (*mine.scheduled, *mine.unscheduled, *mine.cancelled)],
    )


@router.get(
    "/{slug}/requests",
    response={200: RequestsOut, **READ},
    summary="The meeting requests I received and sent at an event, newest first",
)
def list_requests(request: HttpRequest, slug: str) -> RequestsOut:
    me = _me(request, slug)
    mine = request_list(request.user, me)
    return RequestsOut(
        received=[_request_out(r) for r in mine.incoming],
        sent=[_request_out(r) for r in mine.outgoing],
    )


@router.post(
    "/{slug}/requests",
    response={201: RequestOut, **WRITE},
    summary="Request a meeting (needs a write token or a session)",
)
def make_request(request: HttpRequest, slug: str, body: RequestIn) -> Status[RequestOut]:
    me = _me(request, slug)
    side = "organization" if body.participant is None and body.organization else "participant"
    if body.participant is not None and body.organization:
        message = _("Name a participant or an organisation, not both.")
        field = "body.organization"
        raise ApiError(400, f"{field}: {message}", [_error(field, "both", message)])
    try:
        target, organization = None, None
        if body.participant is not None:
            target = participant_to_ask(me, body.participant)
        elif body.organization:
            organization = organization_to_ask(me, body.organization)
        made = request_meeting(
            me,
            target=target,
            organization_id=organization,
            message=body.message,
            asset_id=body.asset or None,
            priority=body.priority,
        )
    except DomainError as exc:
        fields = {name: f"body.{name}" for name in ("message", "asset", "priority")}
        raise _refused(exc, {**fields, "target": f"body.{side}"}, "body") from None
    return Status(201, _my_request(request, me, made.pk))


@router.post(
    "/{slug}/requests/{request_id}/accept",
    response={200: RequestOut, **WRITE},
    summary="Accept a request I received: the meeting goes on my agenda",
)
def accept(request: HttpRequest, slug: str, request_id: int) -> RequestOut:
    me = _me(request, slug)
    _concerning(me, request_id)
    try:
        accept_request(request_id, me)
    except DomainError as exc:
        raise _refused(exc, {"request": "request_id"}, "request_id") from None
    return _my_request(request, me, request_id)


@router.post(
    "/{slug}/requests/{request_id}/decline",
    response={200: RequestOut, **WRITE},
    summary="Decline a request I received, with a reason the requester reads",
)
def decline(
    request: HttpRequest, slug: str, request_id: int, body: Body[DeclineIn | None] = None
) -> RequestOut:
    me = _me(request, slug)
    _concerning(me, request_id)
    try:
        decline_request(request_id, me, body.reason if body is not None else "")
    except DomainError as exc:
        raise _refused(exc, {"reason": "body.reason"}, "request_id") from None
    return _my_request(request, me, request_id)
