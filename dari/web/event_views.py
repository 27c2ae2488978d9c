"""Participant pages of partnering events: thin views that parse input, call one domain
function of dari.events.domain and render. People see only their own requests, availability
and agenda; registering, the participant list and requests are for confirmed members
(`dari.events.access.may_reach_people`). Assets named in requests pass through
`visible_assets`. No GET writes: pending requests past the deadline are shown as expired here
and expired in the database by the periodic job."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dari.accounts.access import visible_assets
from dari.core.errors import DomainError
from dari.core.forms import add_domain_error
from dari.events.access import managed_events, may_manage, may_reach_people
from dari.events.domain.calendar import participant_calendar
from dari.events.domain.followup import report_outcome
from dari.events.domain.links import video_link
from dari.events.domain.queries import show_expired
from dari.events.domain.requests import (
    accept_request,
    add_colleague,
    decline_request,
    request_meeting,
    withdraw_request,
)
from dari.events.domain.schedule import cancel_meeting
from dari.events.domain.setup import available_slot_ids, register_participant, set_blocked_slots
from dari.events.domain.suggest import suggest_meetings
from dari.events.models import (
    Event,
    FollowUp,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    Participant,
    RequestStatus,
    Seat,
)
from dari.web.event_forms import (
    ColleagueForm,
    DeclineForm,
    OutcomeForm,
    RegisterForm,
    RequestForm,
    ToggleSlotForm,
    WorkingHoursForm,
)
from dari.web.event_guards import NO_EVENT, act, get_event, is_htmx, registered

# Events ----------------------------------------------------------------------------------------


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    events = list(Event.objects.select_related("organizer"))
    mine: set[int] = set()
    if request.user.is_authenticated:
        mine = set(Participant.objects.filter(user=request.user).values_list("event_id", flat=True))
    managed = set(managed_events(request.user).values_list("pk", flat=True))
    for event in events:
        event.is_mine = event.pk in mine
        event.can_manage = event.pk in managed
    can_create = request.user.is_authenticated and request.user.is_organiser
    return render(request, "events/list.html", {"events": events, "can_create": can_create})


def _directory(request: HttpRequest, event: Event) -> dict[str, Any]:
    people = Participant.objects.filter(event=event).select_related("user", "organization")
    q = request.GET.get("q", "").strip()
    country = request.GET.get("country", "").strip().upper()
    if q:
        people = people.filter(
            Q(organization__name__icontains=q)
            | Q(organization__name_ko__icontains=q)
            | Q(user__first_name__icontains=q)
            | Q(user__last_name__icontains=q)
        )
    if country:
        people = people.filter(organization__country=country)
    countries = sorted(
        c
        for c in set(
            Participant.objects.filter(event=event).values_list("organization__country", flat=True)
        )
        if c
    )
    return {"people": people, "q": q, "country": country, "countries": countries}


@require_GET
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event(slug)
    me = None
    reach = may_reach_people(request.user)
    context: dict[str, Any] = {
        "event": event,
        "can_manage": may_manage(request.user, event),
        "may_reach": reach,
    }
    if request.user.is_authenticated and reach:
        me = Participant.objects.filter(event=event, user=request.user).first()
        initial = {"timezone": me.timezone if me else request.user.timezone}
        if me is not None:
            initial.update(
                work_start=me.work_start, work_end=me.work_end, attending_days=me.attending_days
            )
        context["register_form"] = RegisterForm(event, initial=initial)
    context["me"] = me
    if (me is not None and reach) or context["can_manage"]:
        context.update(_directory(request, event))
    context["participant_count"] = event.participants.count()
    return render(request, "events/detail.html", context)


@login_required
def suggestions(request: HttpRequest, slug: str) -> HttpResponse:
    """Suggested meetings for me (loaded into the event page by htmx), with the reasons."""
    event = get_event(slug)
    me = Participant.objects.filter(event=event, user=request.user).first()
    if me is None or not may_reach_people(request.user):
        raise Http404(NO_EVENT)
    rows = suggest_meetings(request.user, me)
    return render(request, "events/partials/suggestions.html", {"event": event, "rows": rows})


@login_required
@require_POST
def register(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event(slug)
    form = RegisterForm(event, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            register_participant(
                event,
                request.user,
                timezone=data["timezone"],
                work_start=data.get("work_start"),
                work_end=data.get("work_end"),
                attending_days=data.get("attending_days"),
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("You are registered. Your times are shown in your zone."))
    else:
        messages.error(request, _("Check your time zone and hours."))
    return redirect("events:detail", event.slug)


@registered
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest, me: Participant) -> HttpResponse:
    """Request a meeting with a participant (?participant=id) or organisation (?organization=id)."""
    event = me.event
    if not may_reach_people(request.user):
        messages.error(
            request, _("Only confirmed members of an organisation can request meetings.")
        )
        return redirect("events:detail", event.slug)
    source = request.POST if request.method == "POST" else request.GET
    target = None
    organization = None
    if source.get("participant", "").isdigit():
        target = get_object_or_404(
            Participant.objects.select_related("user", "organization"),
            event=event,
            pk=int(source["participant"]),
        )
    elif source.get("organization"):
        member = (
            Participant.objects.filter(event=event, organization_id=source["organization"])
            .select_related("organization")
            .first()
        )
        if member is None or member.organization is None:
            raise Http404(NO_EVENT)
        organization = member.organization
    else:
        raise Http404(NO_EVENT)
    ours = visible_assets(request.user).filter(organization_id=me.organization_id or "")
    form = RequestForm(ours.order_by("name"), request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            request_meeting(
                me,
                target=target,
                organization_id=organization.pk if organization else None,
                message=data["message"],
                asset_id=data["asset"].pk if data["asset"] else None,
                priority=data["priority"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("Your request was sent."))
            return redirect("events:requests", event.slug)
    return render(
        request,
        "events/request.html",
        {"event": event, "me": me, "form": form, "target": target, "organization": organization},
    )


# Availability ----------------------------------------------------------------------------------


def availability_grid(me: Participant) -> dict[str, Any]:
    """The event's slots in my own time: columns are my local days, rows my local times."""
    zone = ZoneInfo(me.timezone)
    slots = list(me.event.slots.all())
    available = {int(i) for i in available_slot_ids(me)}
    blocked = set(me.blocked_slots.values_list("pk", flat=True))
    meetings = set(
        Seat.objects.filter(participant=me, slot__isnull=False).values_list("slot_id", flat=True)
    )
    cells: dict[tuple[date, str], dict[str, Any]] = {}
    days: set[date] = set()
    times: set[str] = set()
    for slot in slots:
        local = slot.start.astimezone(zone)
        key = (local.date(), local.strftime("%H:%M"))
        days.add(key[0])
        times.add(key[1])
        if slot.pk in meetings:
            state = "meeting"
        elif slot.pk in blocked:
            state = "blocked"
        elif slot.pk in available:
            state = "available"
        else:
            state = "off"
        cells[key] = {"slot": slot, "state": state, "local": local}
    columns = sorted(days)
    rows = [{"time": t, "cells": [cells.get((d, t)) for d in columns]} for t in sorted(times)]
    return {
        "columns": columns,
        "rows": rows,
        "zone_abbr": datetime.now(zone).strftime("%Z"),
        "available_count": len(available),
    }


@registered
@require_GET
def availability(request: HttpRequest, me: Participant) -> HttpResponse:
    form = WorkingHoursForm(initial={"work_start": me.work_start, "work_end": me.work_end})
    return render(
        request,
        "events/availability.html",
        {"event": me.event, "me": me, "form": form, "grid": availability_grid(me)},
    )


@registered
@require_POST
def toggle_slot(request: HttpRequest, me: Participant) -> HttpResponse:
    """Block an available slot or unblock a blocked one (htmx answers with the grid)."""
    form = ToggleSlotForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    slot_id = form.cleaned_data["slot"]
    blocked = set(me.blocked_slots.values_list("pk", flat=True))
    blocked.symmetric_difference_update({slot_id})
    error = ""
    try:
        set_blocked_slots(me, sorted(blocked))
    except DomainError as exc:
        error = exc.message
    if is_htmx(request):
        return render(
            request,
            "events/_grid.html",
            {"event": me.event, "me": me, "grid": availability_grid(me), "error": error},
        )
    if error:
        messages.error(request, error)
    return redirect("events:availability", me.event.slug)


@registered
@require_POST
def working_hours(request: HttpRequest, me: Participant) -> HttpResponse:
    form = WorkingHoursForm(request.POST)
    if form.is_valid():
        try:
            register_participant(
                me.event,
                me.user,
                timezone=me.timezone,
                work_start=form.cleaned_data["work_start"],
                work_end=form.cleaned_data["work_end"],
                attending_days=me.attending_days,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your working hours were saved."))
    else:
        messages.error(request, _("Enter times like 09:00."))
    return redirect("events:availability", me.event.slug)


# Requests --------------------------------------------------------------------------------------


def _visible_asset_ids(user: Any, requests: list[MeetingRequest]) -> set[str]:
    ids = {r.asset_id for r in requests if r.asset_id}
    return set(visible_assets(user).filter(pk__in=ids).values_list("pk", flat=True))


@registered
@require_GET
def request_list(request: HttpRequest, me: Participant) -> HttpResponse:
    related = (
        "requester__user",
        "requester__organization",
        "target__user",
        "target_organization",
        "answered_by__user",
        "asset",
    )
    incoming = list(
        MeetingRequest.objects.filter(event=me.event)
        .filter(
            Q(target=me) | Q(target__isnull=True, target_organization_id=me.organization_id or "")
        )
        .select_related(*related)
        .order_by("-created", "-pk")
    )
    outgoing = list(
        MeetingRequest.objects.filter(requester=me)
        .select_related(*related)
        .order_by("-created", "-pk")
    )
    show_expired(me.event, incoming + outgoing)
    shown = _visible_asset_ids(request.user, incoming + outgoing)
    for r in incoming + outgoing:
        r.shown_asset = r.asset if r.asset_id in shown else None
    return render(
        request,
        "events/requests.html",
        {
            "event": me.event,
            "me": me,
            "incoming": incoming,
            "outgoing": outgoing,
            "decline_form": DeclineForm(),
            "pending": RequestStatus.PENDING,
        },
    )


def _answer(
    request: HttpRequest, me: Participant, action: Callable[[], Any], done: str
) -> HttpResponse:
    return act(request, me.event, action, done, "events:requests")


def _request_of_event(me: Participant, request_id: int) -> int:
    if not MeetingRequest.objects.filter(event=me.event, pk=request_id).exists():
        raise Http404(NO_EVENT)
    return request_id


@registered
@require_POST
def request_accept(request: HttpRequest, me: Participant, request_id: int) -> HttpResponse:
    rid = _request_of_event(me, request_id)
    return _answer(request, me, lambda: accept_request(rid, me), _("You accepted the meeting."))


@registered
@require_POST
def request_decline(request: HttpRequest, me: Participant, request_id: int) -> HttpResponse:
    rid = _request_of_event(me, request_id)
    form = DeclineForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _answer(
        request, me, lambda: decline_request(rid, me, reason), _("You declined the request.")
    )


@registered
@require_POST
def request_withdraw(request: HttpRequest, me: Participant, request_id: int) -> HttpResponse:
    rid = _request_of_event(me, request_id)
    return _answer(request, me, lambda: withdraw_request(rid, me), _("Your request was withdrawn."))


# Agenda ----------------------------------------------------------------------------------------


def _my_meetings(me: Participant) -> list[Meeting]:
    return list(
        Meeting.objects.filter(seats__participant=me)
        .select_related("event", "slot", "request", "request__asset")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("user", "organization").order_by("pk"),
            ),
            Prefetch("followups", queryset=FollowUp.objects.select_related("reported_by__user")),
        )
        .order_by("status", "slot__start", "pk")
    )


@registered
@require_GET
def agenda(request: HttpRequest, me: Participant) -> HttpResponse:
    meetings = _my_meetings(me)
    shown = _visible_asset_ids(request.user, [m.request for m in meetings])
    colleagues = list(_colleagues(me).select_related("user"))
    for m in meetings:
        people = list(m.participants.all())
        m.others = [p for p in people if p.pk != me.pk]
        m.link = video_link(m)
        m.end = m.slot.start + timedelta(minutes=m.slot.minutes) if m.slot else None
        m.shown_asset = m.request.asset if m.request.asset_id in shown else None
        # Rendered from memory (the select's name matches ColleagueForm's prefix): a form per
        # meeting would query the colleagues once per meeting.
        m.free_colleagues = (
            [c for c in colleagues if c not in people]
            if m.status != MeetingStatus.CANCELLED
            else []
        )
    return render(
        request,
        "events/agenda.html",
        {
            "event": me.event,
            "me": me,
            "scheduled": [m for m in meetings if m.status == MeetingStatus.SCHEDULED],
            "unscheduled": [m for m in meetings if m.status == MeetingStatus.UNSCHEDULED],
            "cancelled": [m for m in meetings if m.status == MeetingStatus.CANCELLED],
            "outcome_form": OutcomeForm(),
            "feed_url": request.build_absolute_uri(
                reverse("events:feed", args=[me.calendar_token])
            ),
        },
    )


def _colleagues(me: Participant) -> QuerySet[Participant]:
    """The other participants of my organisation at my event."""
    return Participant.objects.filter(
        event=me.event, organization_id=me.organization_id or ""
    ).exclude(pk=me.pk)


def _meeting_of(me: Participant, meeting_id: int) -> int:
    if not Meeting.objects.filter(event=me.event, pk=meeting_id, seats__participant=me).exists():
        raise Http404(NO_EVENT)
    return meeting_id


def _to_agenda(
    request: HttpRequest, me: Participant, action: Callable[[], Any], done: str
) -> HttpResponse:
    return act(request, me.event, action, done, "events:agenda")


@registered
@require_POST
def meeting_cancel(request: HttpRequest, me: Participant, meeting_id: int) -> HttpResponse:
    mid = _meeting_of(me, meeting_id)
    return _to_agenda(request, me, lambda: cancel_meeting(mid, me), _("The meeting was cancelled."))


@registered
@require_POST
def meeting_colleague(request: HttpRequest, me: Participant, meeting_id: int) -> HttpResponse:
    mid = _meeting_of(me, meeting_id)
    form = ColleagueForm(_colleagues(me), request.POST, prefix=f"m{mid}")
    if not form.is_valid():
        messages.error(request, _("Choose a colleague registered for this event."))
        return redirect("events:agenda", me.event.slug)
    colleague = form.cleaned_data["colleague"]
    return _to_agenda(
        request, me, lambda: add_colleague(mid, me, colleague), _("Your colleague was added.")
    )


@registered
@require_POST
def meeting_outcome(request: HttpRequest, me: Participant, meeting_id: int) -> HttpResponse:
    mid = _meeting_of(me, meeting_id)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an outcome."))
        return redirect("events:agenda", me.event.slug)
    data = form.cleaned_data
    return _to_agenda(
        request,
        me,
        lambda: report_outcome(mid, me, data["outcome"], data["deal_id"] or None, data["note"]),
        _("Thank you: the outcome was recorded."),
    )


def _ics(participant: Participant, filename: str) -> HttpResponse:
    response = HttpResponse(
        participant_calendar(participant), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@registered
@require_GET
def agenda_ics(request: HttpRequest, me: Participant) -> HttpResponse:
    return _ics(me, f"{me.event.slug}.ics")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The personal subscription feed: the secret token is the only key (calendar apps cannot
    sign in)."""
    me = get_object_or_404(Participant.objects.select_related("event"), calendar_token=token)
    response = _ics(me, f"{me.event.slug}.ics")
    response["Content-Disposition"] = f'inline; filename="{me.event.slug}.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
