"""Guards of the event pages: the event of a URL, organiser pages (404 to everyone who may not
manage the event, exactly like a missing event) and participant pages (the user's own
participation, closed once they no longer represent the organisation they registered for).
The rules themselves live in dari.events.access."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dari.core.errors import DomainError
from dari.events.access import closed_notice, may_manage, registration_for, represents
from dari.events.models import Event, MeetingRequest

NO_EVENT = gettext_lazy("No event with this name.")
View = Callable[..., HttpResponse]


def get_event(slug: str) -> Event:
    return get_object_or_404(Event.objects.select_related("organizer"), slug=slug)


def managed(view: View) -> View:
    """Organiser pages: the event if the user may manage it, else 404 like a missing event."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        event = get_event(slug)
        if not may_manage(request.user, event):
            raise Http404(NO_EVENT)
        return view(request, event, *args, **kwargs)

    return login_required(wrapper)


def registered(view: View) -> View:
    """Participant pages: the user's own participation; others are sent to register first."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        event = get_event(slug)
        me = registration_for(request.user, event)
        if me is None:
            messages.info(request, _("Register for the event first."))
            return redirect("events:detail", event.slug)
        if not represents(me):
            messages.error(request, closed_notice(me))
            return redirect("events:detail", event.slug)
        return view(request, me, *args, **kwargs)

    return login_required(wrapper)


def is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def act(
    request: HttpRequest, event: Event, action: Callable[[], Any], done: str, page: str
) -> HttpResponse:
    """Run an action (its domain refusal becomes a message), then back to `page`."""
    try:
        action()
    except DomainError as exc:
        messages.error(request, exc.message)
    except MeetingRequest.DoesNotExist:
        raise Http404(NO_EVENT) from None
    else:
        messages.success(request, done)
    return redirect(page, event.slug)
