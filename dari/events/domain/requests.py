"""Meeting requests: make, accept, decline, withdraw, expire; colleagues join meetings."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone as djtz
from django.utils.translation import gettext as _

from dari.directory.access import visible_assets
from dari.directory.models import Asset, Organization
from dari.events.access import (
    answers_for_organization,
    may_reach_people,
    represents,
    request_still_valid,
)
from dari.events.domain.controls import (
    check_may_answer,
    check_may_meet,
    check_quota,
    listed_organization,
    listed_participant,
)
from dari.events.domain.ended import event_over
from dari.events.domain.errors import EventError
from dari.events.domain.setup import check_not_over
from dari.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    Participant,
    RequestStatus,
    Seat,
)
from dari.events.signals import announce, request_answered, request_created
from dari.events.tasks import enqueue_schedule

MAX_PARTICIPANTS = 4


MAX_MESSAGE = 2000


def _check_length(text: str, field: str, message: str) -> None:
    """Refuse a message or reason longer than MAX_MESSAGE on its field (`message` names it)."""
    if len(text) > MAX_MESSAGE:
        raise EventError(message % {"n": MAX_MESSAGE}, field=field, code="max_length")


def _lock_row(rows: QuerySet[Any]) -> None:
    """Lock the one row of `rows` alone (`of`, no ordering): a default ordering that joins
    other tables (Participant's joins the event and the user) would lock their rows too."""
    rows.select_for_update(of=("self",)).order_by().values_list("pk", flat=True).first()


def deadline_passed(event: Event, now: datetime | None = None) -> bool:
    """Whether the event's request deadline has passed: pending requests can no longer be
    answered or withdrawn (they expire by the periodic job `expire-requests`)."""
    deadline = event.request_deadline
    return deadline is not None and (now or djtz.now()) > deadline


def requests_closed(event: Event, now: datetime | None = None) -> bool:
    """Whether requests of the event can no longer be made or answered: its request deadline
    has passed or the event is over."""
    return deadline_passed(event, now) or event_over(event, now)


def _open_for_requests(event: Event) -> None:
    check_not_over(event)
    if deadline_passed(event):
        deadline = event.request_deadline
        assert deadline is not None
        raise EventError(
            _("the request deadline (%(deadline)s UTC) has passed")
            % {"deadline": f"{deadline.astimezone(UTC):%Y-%m-%d %H:%M}"},
            code="deadline_passed",
        )


def askable_assets(requester: Participant, organization_id: str | None) -> QuerySet[Asset]:
    """The assets a request of `requester` to the organisation `organization_id` may name:
    those of either side (ours, or the counterpart's that we want to discuss) that the
    requester may see (`visible_assets`)."""
    sides = [org for org in (requester.organization_id, organization_id) if org]
    return visible_assets(requester.user).filter(organization_id__in=sides)


def participant_to_ask(me: Participant, participant_id: int) -> Participant:
    """The participant `participant_id` to name in a request of `me`: one my event's directory
    lists to me (`listed_participant`). Any other number (missing, of another event, awaiting
    approval, no longer representing, outside the event's rules) is refused alike, so that an
    id tells nothing of a registration the directory does not show."""
    found = listed_participant(me, participant_id)
    if found is None:
        raise EventError(_("this participant is not registered for the event"), field="target")
    return found


def organization_to_ask(me: Participant, organization_id: str) -> str:
    """The id of the organisation `organization_id` to name in a request of `me`: one my
    event's directory lists a participant of (`listed_organization`). Any other (missing,
    absent from the event, registered only by people awaiting approval or gone) is refused
    alike, so that an id tells nothing of a registration the directory does not show."""
    if listed_organization(me, organization_id) is None:
        raise EventError(
            _("no one from organisation %(organization)r is registered")
            % {"organization": organization_id},
            field="target",
        )
    return organization_id


@transaction.atomic
def request_meeting(
    requester: Participant,
    *,
    target: Participant | None = None,
    organization_id: str | None = None,
    message: str = "",
    asset_id: str | None = None,
    priority: int = 2,
) -> MeetingRequest:
    """Ask a participant, or an organisation (any of its participants may answer), to meet."""
    if not may_reach_people(requester.user):
        raise EventError(
            _("Only confirmed members of an organisation can request meetings."),
            code="forbidden",
        )
    event = requester.event
    _open_for_requests(event)
    _check_length(message, "message", _("The message is too long (at most %(n)d characters)."))
    if target is not None:
        # Whoever my directory does not list (awaiting approval, outside the rules, removed,
        # moved, replaced, of another event) is refused like a number no one has.
        target = participant_to_ask(requester, target.pk)
        organization_id = target.organization_id
    if not organization_id:
        raise EventError(_("name a participant or an organisation"), field="target")
    if organization_id == requester.organization_id:
        raise EventError(
            _("you cannot request a meeting with your own organisation"), field="target"
        )
    organization_to_ask(requester, organization_id)
    check_may_meet(requester, organization_id, target)
    if priority not in (1, 2, 3):
        raise EventError(_("must be 1 (low), 2 (normal) or 3 (high)"), field="priority")
    asset = None
    if asset_id:
        asset = askable_assets(requester, organization_id).filter(pk=asset_id).first()
        if asset is None:
            # The same words for a missing asset and one hidden from the requester.
            raise EventError(
                _("no asset %(asset)r of your organisation or of the organisation you ask")
                % {"asset": asset_id},
                field="asset",
            )
    # The duplicate rule below is per pair of organisations, so two colleagues asking at once
    # must be checked one after the other: lock the requesting organisation's row. Then the
    # requester's row: a COUNT takes no row locks, so two concurrent requests could both pass
    # the cap or the quota; with the lock they are counted one after the other. Both locks
    # name their rows alone (`_lock_row`): a plain FOR UPDATE on a participant would lock the
    # event's row too, serialising every request of the event by accident (which is what used
    # to hold colleagues apart).
    if requester.organization_id is not None:
        _lock_row(Organization.objects.filter(pk=requester.organization_id))
    _lock_row(Participant.objects.filter(pk=requester.pk))
    check_quota(requester)
    pending = MeetingRequest.objects.filter(requester=requester, status=RequestStatus.PENDING)
    if pending.count() >= event.max_pending_requests:
        raise EventError(
            _(
                "you already have %(n)d pending requests, the limit of this event; "
                "withdraw one or wait for answers"
            )
            % {"n": event.max_pending_requests}
        )
    duplicate = MeetingRequest.objects.filter(
        requester__organization_id=requester.organization_id,
        target_organization_id=organization_id,
        status__in=[RequestStatus.PENDING, RequestStatus.ACCEPTED],
        event=event,
    )
    if target is not None:
        duplicate = duplicate.filter(target__in=[target, None])
    if duplicate.exists():
        raise EventError(_("a request between your organisation and this one is already open"))
    request = MeetingRequest.objects.create(
        event=event,
        requester=requester,
        target=target,
        target_organization_id=organization_id,
        message=message,
        asset=asset,
        priority=priority,
    )
    announce(request_created, request_id=request.pk)
    return request


def _lock_pending(request_id: int) -> MeetingRequest:
    request = (
        MeetingRequest.objects.select_for_update(of=("self",))
        .select_related("event", "requester", "target")
        .get(pk=request_id)
    )
    if request.status != RequestStatus.PENDING:
        raise EventError(
            _("this request is already %(status)s")
            % {"status": str(request.get_status_display()).lower()},
            code="decided",
        )
    return request


def _may_answer(request: MeetingRequest, participant: Participant) -> None:
    if request.target_id is not None:
        if participant.pk != request.target_id:
            raise EventError(
                _("only the requested participant can answer this request"), code="forbidden"
            )
    elif participant.organization_id != request.target_organization_id or not (
        answers_for_organization(participant)
    ):
        raise EventError(
            _("only a participant of the requested organisation can answer"), code="forbidden"
        )


@transaction.atomic
def accept_request(request_id: int, participant: Participant) -> Meeting:
    """Accept a pending request; the meeting is created, then scheduled when the event allows."""
    request = _lock_pending(request_id)
    _may_answer(request, participant)
    _open_for_requests(request.event)
    if not request_still_valid(request):
        raise EventError(
            _(
                "This request is no longer valid: %(name)s no longer represents the "
                "organisation they sent it for."
            )
            % {"name": request.requester.name},
            field="request",
            code="no_longer_valid",
        )
    check_may_answer(request, participant)
    request.status = RequestStatus.ACCEPTED
    request.answered = djtz.now()
    request.answered_by = participant
    if request.target_id is None:
        request.target = participant
    request.save()
    meeting = Meeting.objects.create(event=request.event, request=request)
    Seat.objects.bulk_create(
        [
            Seat(meeting=meeting, participant=request.requester),
            Seat(meeting=meeting, participant=participant),
        ]
    )
    announce(request_answered, request_id=request.pk, status=str(request.status))
    if request.event.auto_schedule:
        event_id = request.event_id
        # robust: the accept has committed; a failed enqueue is logged and the next run
        # places the meeting (an error page would make people accept again).
        transaction.on_commit(lambda: enqueue_schedule(event_id, trigger="accept"), robust=True)
    return meeting


@transaction.atomic
def decline_request(request_id: int, participant: Participant, reason: str = "") -> MeetingRequest:
    """Decline a pending request, with an optional reason the requester sees."""
    _check_length(reason.strip(), "reason", _("The reason is too long (at most %(n)d characters)."))
    request = _lock_pending(request_id)
    _may_answer(request, participant)
    _open_for_requests(request.event)
    request.status = RequestStatus.DECLINED
    request.decline_reason = reason.strip()
    request.answered = djtz.now()
    request.answered_by = participant
    request.save()
    announce(request_answered, request_id=request.pk, status=str(request.status))
    return request


@transaction.atomic
def withdraw_request(request_id: int, participant: Participant) -> MeetingRequest:
    """The requester withdraws a pending request."""
    request = _lock_pending(request_id)
    if request.requester_id != participant.pk:
        raise EventError(_("only the requester can withdraw a request"), code="forbidden")
    _open_for_requests(request.event)
    request.status = RequestStatus.WITHDRAWN
    request.save(update_fields=["status"])
    return request


def expire_requests(event_id: int | None = None, now: datetime | None = None) -> int:
    """Pending requests whose event's deadline has passed, or whose event is over, become
    expired (of one event, or of every event when `event_id` is None); returns how many. Run
    by the periodic job."""
    now = now or djtz.now()
    # An event is over at the earliest on its last day in UTC (zones reach UTC+14): the
    # events ending by today are the candidates, each checked in its own zone.
    ended = [
        event.pk
        for event in Event.objects.filter(
            end_date__lte=now.astimezone(UTC).date(), requests__status=RequestStatus.PENDING
        ).distinct()
        if event_over(event, now)
    ]
    pending = MeetingRequest.objects.filter(status=RequestStatus.PENDING).filter(
        Q(event__request_deadline__lt=now) | Q(event_id__in=ended)
    )
    if event_id is not None:
        pending = pending.filter(event_id=event_id)
    expired: int = pending.update(status=RequestStatus.EXPIRED)
    return expired


@transaction.atomic
def add_colleague(meeting_id: int, by: Participant, colleague: Participant) -> Meeting:
    """A participant brings a colleague of their own organisation into a meeting."""
    meeting = Meeting.objects.select_for_update().select_related("event").get(pk=meeting_id)
    members = list(meeting.participants.all())
    if by not in members:
        raise EventError(_("only a participant of this meeting can add a colleague"))
    check_not_over(meeting.event)
    if colleague.event_id != meeting.event_id or colleague.organization_id != by.organization_id:
        raise EventError(
            _("The colleague must be registered for this event with your organisation."),
            field="colleague",
        )
    if colleague in members:
        raise EventError(_("The colleague is already in this meeting."), field="colleague")
    if not represents(colleague):
        raise EventError(
            _("The colleague no longer represents your organisation."),
            field="colleague",
            code="not_representing",
        )
    if len(members) >= MAX_PARTICIPANTS:
        raise EventError(_("a meeting has at most %(n)d participants") % {"n": MAX_PARTICIPANTS})
    if meeting.slot_id is not None:
        if Seat.objects.filter(participant=colleague, slot_id=meeting.slot_id).exists():
            raise EventError(
                _("The colleague already has a meeting at this meeting's time."), field="colleague"
            )
    Seat.objects.create(
        meeting=meeting,
        participant=colleague,
        slot_id=meeting.slot_id if meeting.status == MeetingStatus.SCHEDULED else None,
    )
    if meeting.status == MeetingStatus.SCHEDULED and not meeting.confirmed:
        # The new participant may not be free then: let the next run place it again.
        event_id = meeting.event_id
        transaction.on_commit(lambda: enqueue_schedule(event_id, trigger="colleague"), robust=True)
    meeting.sequence += 1
    meeting.save(update_fields=["sequence", "updated"])
    return meeting
