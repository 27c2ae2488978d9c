"""My agenda at a partnering event: my meetings in my own time next to the other side's,
bringing a colleague, reporting an outcome, cancelling, and my calendar (a download and a
subscription feed keyed by a secret token)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dari.events.access import represents
from dari.events.domain.calendar import (
    calendar_version,
    participant_calendar,
    reset_calendar_link,
)
from dari.events.domain.exports import agenda_table
from dari.events.domain.followup import report_outcome
from dari.events.domain.queries import agenda, colleagues
from dari.events.domain.queries_moves import move_times, pending_moves
from dari.events.domain.requests import add_colleague
from dari.events.domain.schedule import cancel_meeting
from dari.events.models import Meeting, Participant
from dari.messaging.domain.prefs import preferences_of
from dari.web.events.forms import ColleagueForm, OutcomeForm
from dari.web.events.guards import NO_EVENT, act, registered
from dari.web.events.moving import MoveForm
from dari.web.tables import table_download
from dari.web.templatetags.dari_events import options


@registered
@require_GET
def agenda_page(request: HttpRequest, me: Participant) -> HttpResponse:
    mine = agenda(request.user, me)
    # The colleague select is rendered from the read model (its name matches ColleagueForm's
    # prefix): a form per meeting would query the colleagues once per meeting.
    return render(
        request,
        "events/agenda.html",
        {
            "event": me.event,
            "me": me,
            "scheduled": mine.scheduled,
            "unscheduled": mine.unscheduled,
            "cancelled": mine.cancelled,
            "outcome_form": rendered_once(OutcomeForm()),
            "moves": pending_moves(me),
            "move_form": MoveForm(),
            "move_options": {
                pk: options((slot, f"{start:%Y-%m-%d %H:%M %Z}") for slot, start in times)
                for pk, times in move_times(me, [m.pk for m in mine.scheduled]).items()
            },
            "feed_url": request.build_absolute_uri(
                reverse("events:feed", args=[me.calendar_token])
            ),
        },
    )


def rendered_once(form: Any) -> dict[str, dict[str, str]]:
    """Each field of `form` as its label and its widget's HTML, rendered once for a page that
    repeats the form on every meeting (a widget renders through the template engine)."""
    return {name: {"label": form[name].label, "widget": str(form[name])} for name in form.fields}


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
    form = ColleagueForm(colleagues(me), request.POST, prefix=f"m{mid}")
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
        participant_calendar(participant, preferences_of(participant.user).reminder_minutes),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@registered
@require_GET
def agenda_ics(request: HttpRequest, me: Participant) -> HttpResponse:
    return _ics(me, f"{me.event.slug}.ics")


@registered
@require_GET
def agenda_export(request: HttpRequest, me: Participant) -> HttpResponse:
    """My own meetings as CSV or XLSX."""
    return table_download(request, agenda_table(request.user, me), f"{me.event.slug}-agenda")


@registered
@require_POST
def calendar_feed_reset(request: HttpRequest, me: Participant) -> HttpResponse:
    """A new secret address for my subscription feed; the old one stops working."""
    reset_calendar_link(me)
    messages.success(
        request,
        _(
            "Your calendar link was reset. Give your calendar app the new address; the old one "
            "no longer works."
        ),
    )
    return redirect(f"{reverse('events:agenda', args=[me.event.slug])}#calendar-feed")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The personal subscription feed: the secret token is the only key (calendar apps cannot
    sign in). It stops with the account, like an API token: a deactivated person's feed is a
    404, the same as an unknown token's; and so is the feed of someone who no longer
    represents the organisation they registered for (`represents`: removed from it)."""
    me = get_object_or_404(
        Participant.objects.select_related("event", "user"),
        calendar_token=token,
        user__is_active=True,
    )
    if not represents(me):
        raise Http404(NO_EVENT)
    prefs = preferences_of(me.user)
    # A calendar app sends no language cookie: the feed speaks the language the person chose
    # for their e-mails, else the one the request asks for.
    language = prefs.language if prefs.chosen else translation.get_language()
    with translation.override(language):
        etag, modified = calendar_version(me)
        # The alarms follow the person's reminder setting, the words their language: a new
        # setting is a new calendar.
        etag = f'{etag[:-1]}-{prefs.reminder_minutes}-{language}"'
        if _unchanged(request, etag, modified):
            response = HttpResponse(status=304)
        else:
            response = _ics(me, f"{me.event.slug}.ics")
            response["Content-Disposition"] = f'inline; filename="{me.event.slug}.ics"'
    response["ETag"] = etag
    if modified is not None:
        response["Last-Modified"] = http_date(modified.timestamp())
    response["Cache-Control"] = "private, max-age=300"
    return response


def _unchanged(request: HttpRequest, etag: str, modified: Any) -> bool:
    """Whether the poller's copy is current: its If-None-Match names the ETag, or (without
    one) its If-Modified-Since is not before the last change (RFC 9110 13.2.2)."""
    tags = request.headers.get("If-None-Match")
    if tags is not None:
        return etag in [t.strip().removeprefix("W/") for t in tags.split(",")] or tags == "*"
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and modified is not None and int(modified.timestamp()) <= since
