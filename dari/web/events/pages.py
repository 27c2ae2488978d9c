"""Pages of partnering events for everyone: the list of events and an event's page (its
participants for confirmed members who registered and for its organisers), registering and
suggested meetings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dari.core.errors import DomainError
from dari.core.smallcell import K
from dari.events.access import (
    may_create_events,
    may_manage,
    may_reach_people,
    registration_for,
    represents,
)
from dari.events.domain.analytics import listed_participants
from dari.events.domain.queries import event_directory, event_rows
from dari.events.domain.setup import register_participant
from dari.events.domain.suggest import suggest_meetings
from dari.web.events.forms import RegisterForm
from dari.web.events.guards import NO_EVENT, get_event
from dari.web.fragments import fragment_of


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    can_create = may_create_events(request.user)
    return render(
        request, "events/list.html", {"rows": event_rows(request.user), "can_create": can_create}
    )


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
        me = registration_for(request.user, event)
        if me is not None and not represents(me):
            # Moved or removed and not registered again: the old registration is the old
            # organisation's, so the page reads as for someone not registered, with a notice.
            context["former"], me = me, None
        initial = {"timezone": me.timezone if me else request.user.timezone}
        if me is not None:
            initial.update(
                work_start=me.work_start,
                work_end=me.work_end,
                attending_days=me.attending_days,
                role=me.role,
            )
        context["register_form"] = RegisterForm(event, initial=initial)
    context["me"] = me
    if (me is not None and reach) or context["can_manage"]:
        context["directory"] = event_directory(
            event,
            request.GET.get("q", ""),
            request.GET.get("country", ""),
            me=None if context["can_manage"] else me,
        )
    # Organisers run the event and see every registration; a participant the people their
    # directory lists; anyone else those every directory lists (never a total that tells how
    # many are hidden from the reader).
    viewer = me if me is not None and reach else None
    context["participant_count"] = (
        event.participants.count()
        if context["can_manage"]
        else listed_participants(event, viewer=viewer)
    )
    context["small_cell"] = K
    return render(request, "events/detail.html", context)


@fragment_of("events:detail", "suggestions", keep=("slug",))
@login_required
def suggestions(request: HttpRequest, slug: str) -> HttpResponse:
    """Suggested meetings for me (loaded into the event page by htmx), with the reasons."""
    event = get_event(slug)
    me = registration_for(request.user, event)
    if me is None or not may_reach_people(request.user) or not represents(me):
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
                role=data.get("role") or None,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("You are registered. Your times are shown in your zone."))
    else:
        messages.error(request, _("Check your time zone and hours."))
    return redirect("events:detail", event.slug)
