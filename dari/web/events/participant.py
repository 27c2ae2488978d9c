"""Participant pages of partnering events: requesting a meeting, my requests and my
availability. People see only their own requests and availability; requests are for
confirmed members (`dari.events.access.may_reach_people`). A request may name an asset of
either side that the requester may see (`askable_assets`, read through `visible_assets`). No
GET writes: pending requests past the deadline read as expired and are expired in the
database by the periodic job."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dari.core.errors import DomainError
from dari.core.forms import add_domain_error
from dari.events.access import may_reach_people, requests_concerning
from dari.events.domain.controls import listed_organization, listed_participant
from dari.events.domain.queries import availability_grid, request_list
from dari.events.domain.requests import (
    accept_request,
    askable_assets,
    decline_request,
    request_meeting,
    withdraw_request,
)
from dari.events.domain.setup import register_participant, toggle_blocked_slot
from dari.events.models import Participant
from dari.web.events.forms import DeclineForm, RequestForm, ToggleSlotForm, WorkingHoursForm
from dari.web.events.guards import NO_EVENT, act, is_htmx, registered


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
    number = source.get("participant", "")
    if number.isascii() and number.isdecimal():  # "١٢" is no participant number
        target = listed_participant(me, int(number))
        if target is None:
            raise Http404(NO_EVENT)
    elif source.get("organization"):
        organization = listed_organization(me, source["organization"])
        if organization is None:
            raise Http404(NO_EVENT)
    else:
        raise Http404(NO_EVENT)
    counterpart = target.organization if target is not None else organization
    assets = askable_assets(me, counterpart.pk if counterpart else None).order_by("name", "pk")
    form = RequestForm(assets, request.POST or None, ours=me.organization_id, theirs=counterpart)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            request_meeting(
                me,
                target=target,
                organization_id=organization.pk if organization else None,
                message=data["message"],
                asset_id=data["asset"] or None,
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
    error = ""
    if not form.is_valid():
        # Named, translated and shown where the grid is; nothing is blocked.
        problem = " ".join(str(e) for e in form.errors.get("slot", []))
        error = _("Time slot: %(error)s") % {"error": problem}
    else:
        try:
            toggle_blocked_slot(me, form.cleaned_data["slot"])
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


@registered
@require_GET
def requests_page(request: HttpRequest, me: Participant) -> HttpResponse:
    requests = request_list(request.user, me)
    return render(
        request,
        "events/requests.html",
        {
            "event": me.event,
            "me": me,
            "incoming": requests.incoming,
            "outgoing": requests.outgoing,
        },
    )


def _answer(
    request: HttpRequest, me: Participant, action: Callable[[], Any], done: str
) -> HttpResponse:
    return act(request, me.event, action, done, "events:requests")


def _request_of_event(me: Participant, request_id: int) -> int:
    if not requests_concerning(me).filter(pk=request_id).exists():
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
    if not form.is_valid():
        # Never decline with the reason dropped: say what is wrong and change nothing.
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return redirect("events:requests", me.event.slug)
    reason = form.cleaned_data["reason"]
    return _answer(
        request, me, lambda: decline_request(rid, me, reason), _("You declined the request.")
    )


@registered
@require_POST
def request_withdraw(request: HttpRequest, me: Participant, request_id: int) -> HttpResponse:
    rid = _request_of_event(me, request_id)
    return _answer(request, me, lambda: withdraw_request(rid, me), _("Your request was withdrawn."))
