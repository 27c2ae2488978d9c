"""Read models of the event pages: frozen dataclasses built by reading only (a GET never
writes). Times are given in the zone of whoever reads them; assets named by requests and
meetings pass through `with_visible_asset`, the one helper that decides which a reader may see
(for deals on the directory's pages and API too).
Pending requests past the request deadline read as expired (the periodic job
`expire-requests` writes it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import (
    BooleanField,
    Case,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils.translation import gettext as _

from dari.core.names import countries_by_name, local_name
from dari.directory.access import AssetRef, visible_asset_of, with_visible_asset
from dari.events.access import (
    managed_events,
    registrations,
    representing,
    representing_condition,
    requests_received,
    valid_requester_condition,
)
from dari.events.domain.analytics import request_summary
from dari.events.domain.controls import meetable
from dari.events.domain.ended import event_over
from dari.events.domain.links import video_link
from dari.events.domain.reasons import reason_texts, run_progress
from dari.events.domain.requests import requests_closed
from dari.events.domain.setup import available_slot_ids
from dari.events.models import (
    CoOrganizer,
    Event,
    FollowUp,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    Outcome,
    Participant,
    RequestStatus,
    ScheduleRun,
    Seat,
)

# Event list and directory ----------------------------------------------------------------------


@dataclass(frozen=True)
class EventRow:
    """An event of the list, with what the reader has to do with it."""

    event: Event
    is_mine: bool
    can_manage: bool

    @property
    def starts(self) -> datetime:
        """When the first day's sessions start, in the event's own zone."""
        event = self.event
        return datetime.combine(event.start_date, event.day_start, tzinfo=ZoneInfo(event.timezone))

    @property
    def ends(self) -> datetime:
        """When the last day's sessions end, in the event's own zone."""
        event = self.event
        return datetime.combine(event.end_date, event.day_end, tzinfo=ZoneInfo(event.timezone))

    @property
    def is_over(self) -> bool:
        """Whether its last day is over in its own zone (the list marks it)."""
        return event_over(self.event)


def event_rows(user: Any) -> tuple[EventRow, ...]:
    """Every event, marked where `user` is registered (for the organisation they still
    represent) or may manage it (three queries)."""
    mine: set[int] = set()
    if user.is_authenticated:
        # A registration kept for an organisation the person left is no longer theirs to use.
        mine = set(representing(registrations(user)).values_list("event_id", flat=True))
    managed = set(managed_events(user).values_list("pk", flat=True))
    return tuple(
        EventRow(event=event, is_mine=event.pk in mine, can_manage=event.pk in managed)
        for event in Event.objects.select_related("organizer")
    )


@dataclass(frozen=True)
class Directory:
    """The participants of an event, filtered by a search text and a country."""

    people: tuple[Participant, ...]
    q: str
    country: str
    countries: tuple[tuple[str, str], ...]  # (code, name in the active language)


def event_directory(
    event: Event, q: str = "", country: str = "", me: Participant | None = None
) -> Directory:
    """Participants whose organisation or name contains `q`, in `country` if given, with the
    countries of those listed. For a participant `me`, only those still speaking for their
    organisation (`representing`) whom the organiser's approval and rules let me meet; the
    organisers see everyone, each marked `represents`."""
    q, country = q.strip(), country.strip().upper()
    people: QuerySet[Participant] = Participant.objects.filter(event=event)
    allowed: set[int] | None = None
    if me is not None:
        # Someone removed, moved on or registered again elsewhere hears of no request.
        people = representing(people)
        # Whom I may meet, of everyone: the countries offered are theirs alone (a country of
        # someone my directory leaves out would tell me they registered).
        listed = meetable(me, people.select_related("organization"))
        allowed = {p.pk for p in listed} | {me.pk}
        every = [p.organization.country for p in listed if p.organization]
        every += [me.organization.country] if me.organization else []
    else:
        every = list(people.values_list("organization__country", flat=True))
    countries = tuple(countries_by_name(sorted(c for c in set(every) if c)))
    if q:
        people = people.filter(
            Q(organization__name__icontains=q)
            | Q(organization__name_ko__icontains=q)
            | Q(user__first_name__icontains=q)
            | Q(user__last_name__icontains=q)
        )
    if country:
        people = people.filter(organization__country=country)
    marked = people.select_related("user", "organization").annotate(
        represents=Case(
            When(representing_condition(), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )
    shown = list(marked)
    if allowed is not None:
        shown = [p for p in shown if p.pk in allowed]
    return Directory(people=tuple(shown), q=q, country=country, countries=countries)


# Availability ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GridCell:
    """One slot: its state for me (meeting, blocked, available or off) and its local start."""

    slot_id: int
    state: str
    local: datetime


@dataclass(frozen=True)
class GridRow:
    """One local start time; a cell per day (None where the event has no slot)."""

    time: str
    cells: tuple[GridCell | None, ...]


@dataclass(frozen=True)
class AvailabilityGrid:
    """The event's slots in my own time: columns are my local days, rows my local times."""

    columns: tuple[date, ...]
    rows: tuple[GridRow, ...]
    zone_abbr: str
    available_count: int


def availability_grid(me: Participant, now: datetime | None = None) -> AvailabilityGrid:
    """My grid; `zone_abbr` is my zone's abbreviation at `now` (default: the current time)."""
    zone = ZoneInfo(me.timezone)
    available = {int(i) for i in available_slot_ids(me)}
    blocked = set(me.blocked_slots.values_list("pk", flat=True))
    meetings = set(
        Seat.objects.filter(participant=me, slot__isnull=False).values_list("slot_id", flat=True)
    )
    cells: dict[tuple[date, str], GridCell] = {}
    for slot in me.event.slots.all():
        local = slot.start.astimezone(zone)
        if slot.pk in meetings:
            state = "meeting"
        elif slot.pk in blocked:
            state = "blocked"
        elif slot.pk in available:
            state = "available"
        else:
            state = "off"
        cells[(local.date(), local.strftime("%H:%M"))] = GridCell(slot.pk, state, local)
    columns = tuple(sorted({day for day, _ in cells}))
    times = sorted({time for _, time in cells})
    rows = tuple(GridRow(t, tuple(cells.get((d, t)) for d in columns)) for t in times)
    when = now.astimezone(zone) if now is not None else datetime.now(zone)
    return AvailabilityGrid(
        columns=columns,
        rows=rows,
        zone_abbr=when.strftime("%Z"),
        available_count=len(available),
    )


# Requests --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counterpart:
    """The other side of a request: the person (none for a request to an organisation that no
    one has answered yet) and their organisation."""

    participant_id: int | None
    name: str
    organization_id: str | None
    organization_name: str


@dataclass(frozen=True)
class RequestRow:
    """A request as one side reads it: who is on the other side, its state as of now, and
    which answers it offers."""

    pk: int
    incoming: bool
    heading: str
    to_organization: bool
    status: RequestStatus
    priority: int
    created: datetime
    message: str
    decline_reason: str
    shown_asset: AssetRef | None
    counterpart: Counterpart

    # False when the requester no longer speaks for their organisation
    # (`request_still_valid`): a pending request then reads as no longer valid.
    valid: bool = True

    @property
    def no_longer_valid(self) -> bool:
        return not self.valid and self.status == RequestStatus.PENDING

    @property
    def status_label(self) -> str:
        if self.no_longer_valid:
            return str(_("no longer valid"))
        return str(self.status.label)

    @property
    def may_answer(self) -> bool:
        """Accept or decline: a pending request I received, still valid."""
        return self.incoming and self.status == RequestStatus.PENDING and self.valid

    @property
    def may_withdraw(self) -> bool:
        return not self.incoming and self.status == RequestStatus.PENDING

    @property
    def in_agenda(self) -> bool:
        return bool(self.status == RequestStatus.ACCEPTED)


@dataclass(frozen=True)
class RequestList:
    """The requests I received (addressed to me or to my organisation) and those I sent,
    newest first."""

    incoming: tuple[RequestRow, ...]
    outgoing: tuple[RequestRow, ...]


_REQUEST_RELATED = (
    "requester__user",
    "requester__organization",
    "target__user",
    "target_organization",
)


def _heading(request: MeetingRequest, incoming: bool) -> str:
    if incoming:
        requester = request.requester
        org = requester.organization
        return f"{requester.name} · {local_name(org)}" if org is not None else requester.name
    names = [request.target.name] if request.target is not None else []
    org_name = local_name(request.target_organization)
    return " · ".join([*names, org_name])


def _counterpart(request: MeetingRequest, incoming: bool) -> Counterpart:
    if incoming:
        requester = request.requester
        return Counterpart(
            requester.pk,
            requester.name,
            requester.organization_id,
            local_name(requester.organization),
        )
    target = request.target
    return Counterpart(
        target.pk if target is not None else None,
        target.name if target is not None else "",
        request.target_organization_id,
        local_name(request.target_organization),
    )


def _status_as_of(status: Any, late: bool) -> RequestStatus:
    """A request's status once its event's deadline has passed or the event is over (`late`):
    pending reads as expired."""
    if late and status == RequestStatus.PENDING:
        status = RequestStatus.EXPIRED
    return RequestStatus(status)


def request_list(user: Any, me: Participant, now: datetime | None = None) -> RequestList:
    """My requests as of `now` (default: the current time), in a fixed number of queries:
    each way, and the assets the reader may see."""

    def shown(requests: QuerySet[MeetingRequest]) -> list[MeetingRequest]:
        requests = with_visible_asset(requests, user, "asset", "shown_asset")
        return list(requests.select_related(*_REQUEST_RELATED).order_by("-created", "-pk"))

    live = Participant.objects.filter(valid_requester_condition(), pk=OuterRef("requester_id"))
    incoming = shown(requests_received(me).annotate(requester_valid=Exists(live)))
    outgoing = shown(MeetingRequest.objects.filter(requester=me))
    late = requests_closed(me.event, now)

    def row(request: MeetingRequest, mine: bool) -> RequestRow:
        return RequestRow(
            pk=request.pk,
            incoming=mine,
            heading=_heading(request, mine),
            to_organization=mine and request.target_id is None,
            status=_status_as_of(request.status, late),
            priority=request.priority,
            created=request.created,
            message=request.message,
            decline_reason=request.decline_reason,
            shown_asset=visible_asset_of(request, "shown_asset"),
            counterpart=_counterpart(request, mine),
            valid=getattr(request, "requester_valid", True),
        )

    return RequestList(
        incoming=tuple(row(r, True) for r in incoming),
        outgoing=tuple(row(r, False) for r in outgoing),
    )


# Agenda ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OtherSide:
    """A participant on the other side of my meeting, with its start in their own zone."""

    pk: int
    name: str
    organization_id: str | None
    organization_name: str
    timezone: str
    start: datetime | None
    other_day: bool


@dataclass(frozen=True)
class Colleague:
    """A participant of my organisation I may bring to a meeting."""

    pk: int
    name: str


@dataclass(frozen=True)
class FollowUpLine:
    """What someone reported a meeting led to."""

    outcome: Outcome
    reported_by: str
    deal_id: str | None
    note: str

    @property
    def outcome_label(self) -> str:
        return str(self.outcome.label)


@dataclass(frozen=True)
class AgendaMeeting:
    """One of my meetings: its times in my zone (None until scheduled), the other side, where
    to meet (video link or table), the asset discussed, follow-ups and the colleagues I may
    still bring (none once cancelled)."""

    pk: int
    status: MeetingStatus
    confirmed: bool
    start: datetime | None
    end: datetime | None
    others: tuple[OtherSide, ...]
    link: str
    table: int | None
    unscheduled_reason: str  # in the reader's language, times in their zone
    shown_asset: AssetRef | None
    followups: tuple[FollowUpLine, ...]
    free_colleagues: tuple[Colleague, ...]

    @property
    def shown_link(self) -> str:
        """The video link, as the agenda shows it: of a scheduled meeting only."""
        return self.link if self.status == MeetingStatus.SCHEDULED else ""

    @property
    def shown_table(self) -> int | None:
        """The table, as the agenda shows it: of a scheduled meeting without a video link."""
        scheduled = self.status == MeetingStatus.SCHEDULED
        return self.table if scheduled and not self.link else None


@dataclass(frozen=True)
class Agenda:
    """My meetings by state: scheduled (by time), accepted but not scheduled, cancelled."""

    scheduled: tuple[AgendaMeeting, ...]
    unscheduled: tuple[AgendaMeeting, ...]
    cancelled: tuple[AgendaMeeting, ...]


def colleagues(me: Participant) -> QuerySet[Participant]:
    """The other participants of my organisation at my event who still speak for it."""
    mine = Participant.objects.filter(event=me.event, organization_id=me.organization_id or "")
    return representing(mine).exclude(pk=me.pk)


def _others(meeting: Meeting, people: Sequence[Participant], me: Participant) -> list[OtherSide]:
    mine = meeting.slot.start.astimezone(ZoneInfo(me.timezone)) if meeting.slot else None
    others = []
    for p in people:
        if p.pk == me.pk:
            continue
        theirs = meeting.slot.start.astimezone(ZoneInfo(p.timezone)) if meeting.slot else None
        others.append(
            OtherSide(
                pk=p.pk,
                name=p.name,
                organization_id=p.organization_id,
                organization_name=local_name(p.organization),
                timezone=p.timezone,
                start=theirs,
                other_day=mine is not None and theirs is not None and mine.date() != theirs.date(),
            )
        )
    return others


def agenda(user: Any, me: Participant) -> Agenda:
    """My agenda in a fixed number of queries, whatever the number of meetings."""
    mine = Meeting.objects.filter(seats__participant=me)
    meetings = list(
        with_visible_asset(mine, user, "request__asset", "shown_asset")
        .select_related("event", "slot", "request")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("user", "organization").order_by("pk"),
            ),
            Prefetch("followups", queryset=FollowUp.objects.select_related("reported_by__user")),
        )
        .order_by("status", "slot__start", "pk")
    )
    # Only their ids and names (a big company brings a hundred people to an event).
    mates = [
        Colleague(pk, f"{first} {last}".strip() or username)
        for pk, first, last, username in colleagues(me)
        .order_by("pk")
        .values_list("pk", "user__first_name", "user__last_name", "user__username")
    ]
    zone = ZoneInfo(me.timezone)
    unscheduled = [m for m in meetings if m.status == MeetingStatus.UNSCHEDULED]
    why = reason_texts(unscheduled, me.timezone, reader=me)
    rows = []
    for m in meetings:
        people = list(m.participants.all())
        start = m.slot.start.astimezone(zone) if m.slot else None
        present = {p.pk for p in people}
        free = [c for c in mates if c.pk not in present]
        free = free if m.status != MeetingStatus.CANCELLED else []
        rows.append(
            AgendaMeeting(
                pk=m.pk,
                status=MeetingStatus(m.status),
                confirmed=m.confirmed,
                start=start,
                end=start + timedelta(minutes=m.slot.minutes) if start and m.slot else None,
                others=tuple(_others(m, people, me)),
                link=video_link(m),
                table=m.table,
                unscheduled_reason=why.get(m.pk, ""),
                shown_asset=visible_asset_of(m, "shown_asset"),
                followups=tuple(
                    FollowUpLine(Outcome(f.outcome), f.reported_by.name, f.deal_id, f.note)
                    for f in m.followups.all()
                ),
                free_colleagues=tuple(free),
            )
        )
    return Agenda(
        scheduled=tuple(m for m in rows if m.status == MeetingStatus.SCHEDULED),
        unscheduled=tuple(m for m in rows if m.status == MeetingStatus.UNSCHEDULED),
        cancelled=tuple(m for m in rows if m.status == MeetingStatus.CANCELLED),
    )


# Organiser console -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Console:
    """The organiser console of an event: its co-organisers, the latest runs of the optimiser
    (newest first), the accepted meetings not scheduled yet with their people and why (in the
    reader's language and zone), and the request summary."""

    co_organizers: tuple[CoOrganizer, ...]
    runs: tuple[ScheduleRun, ...]
    unscheduled: tuple[tuple[Meeting, str], ...]
    summary: dict[str, Any]

    @property
    def latest(self) -> ScheduleRun | None:
        return self.runs[0] if self.runs else None


def organiser_console(event: Event, runs: int = 20, zone: str | None = None) -> Console:
    """The console with the last `runs` runs, in a fixed number of queries; times of the
    reasons in `zone` (the event's by default)."""
    unscheduled = list(
        Meeting.objects.filter(event=event, status=MeetingStatus.UNSCHEDULED)
        .select_related("request")
        .prefetch_related("participants__user", "participants__organization")
        .order_by("request__created", "pk")
    )
    why = reason_texts(unscheduled, zone or event.timezone)
    return Console(
        co_organizers=tuple(
            event.co_organizers.select_related("organization", "user").order_by("pk")
        ),
        runs=tuple(event.runs.select_related("started_by")[:runs]),
        unscheduled=tuple((m, why.get(m.pk, "")) for m in unscheduled),
        summary=request_summary(event),
    )


def run_history(event: Event, limit: int = 50) -> list[dict[str, Any]]:
    """The event's optimiser runs, newest first, as plain data (`dari event runs --json`):
    status and its times, what was scheduled, the proved bound and gap, and any error."""

    def when(moment: datetime | None) -> str | None:
        return moment.isoformat(timespec="seconds") if moment else None

    return [
        {
            "id": run.pk,
            "status": run.status,
            "trigger": run.trigger,
            "started_by": run.started_by.username if run.started_by else None,
            "created": when(run.created),
            "started": when(run.started),
            "finished": when(run.finished),
            "progress": run_progress(run),
            "scheduled": run.scheduled,
            "unscheduled": run.unscheduled,
            "moved": run.moved,
            "weight": run.stats.get("weight"),
            "bound": run.stats.get("bound"),
            "gap": run.stats.get("gap"),
            "optimal": run.stats.get("optimal"),
            "error": run.error,
        }
        for run in event.runs.select_related("started_by")[:limit]
    ]
