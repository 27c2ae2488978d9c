"""Organiser pages of partnering events: create and edit an event, the console (optimiser
runs, publishing, exports, co-organisers) and analytics. Every page answers 404 to anyone who
may not manage the event (dari.events.access), exactly like a missing event."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dari.core.forms import add_domain_error
from dari.events.access import may_create_events, owns_event
from dari.events.domain import analytics
from dari.events.domain.errors import EventError
from dari.events.domain.exports import EVENT_TABLES
from dari.events.domain.invitations import (
    event_invitations,
    invite_organization,
    withdraw_invitation,
)
from dari.events.domain.organisers import add_co_organizer, remove_co_organizer
from dari.events.domain.queries import organiser_console
from dari.events.domain.schedule import export_instance, export_schedule, publish_schedule
from dari.events.domain.setup import create_event, update_event
from dari.events.models import Event, Mode, RunStatus, ScheduleRun
from dari.events.tasks import enqueue_schedule
from dari.web.charts import BRAND, bar_chart
from dari.web.events.forms import CoOrganizerForm, EventForm, InvitationForm
from dari.web.events.guards import NO_EVENT, act, managed
from dari.web.fragments import fragment_of
from dari.web.tables import csv_download, table_download, with_display


@login_required
@require_http_methods(["GET", "POST"])
def event_new(request: HttpRequest) -> HttpResponse:
    if not request.user.is_organiser:
        raise Http404(NO_EVENT)
    if not may_create_events(request.user):
        messages.error(
            request,
            _(
                "Organising events needs a verified e-mail address and a confirmed "
                "membership of your organisation."
            ),
        )
        return redirect("account_email")
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = create_event(**form.cleaned_data, organizer_id=request.user.organization_id)
        except EventError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The event was created."))
            return redirect("events:detail", event.slug)
    return render(request, "events/edit.html", {"form": form, "event": None})


@managed
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, event: Event) -> HttpResponse:
    form = EventForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            event = update_event(event, **form.cleaned_data)
        except EventError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The event was saved."))
            return redirect("events:detail", event.slug)
    return render(request, "events/edit.html", {"form": form, "event": event})


# Organiser console -----------------------------------------------------------------------------

FINISHED = (RunStatus.DONE, RunStatus.FAILED)


@managed
@require_GET
def manage(request: HttpRequest, event: Event) -> HttpResponse:
    console = organiser_console(event, zone=request.user.timezone)
    owner = owns_event(request.user, event)
    return render(
        request,
        "events/manage.html",
        {
            "event": event,
            "co_organizers": console.co_organizers,
            "co_organizer_form": CoOrganizerForm() if owner else None,
            "invitations": event_invitations(event),
            "invitation_form": InvitationForm(),
            "runs": console.runs,
            "latest": console.latest,
            "unscheduled": console.unscheduled,
            "summary": console.summary,
            "finished": FINISHED,
        },
    )


@managed
@require_POST
def run_scheduler(request: HttpRequest, event: Event) -> HttpResponse:
    run = enqueue_schedule(event.pk, "manual", request.user.pk)
    messages.success(request, _("The optimiser was started."))
    return redirect(f"{reverse('events:manage', args=[event.slug])}#run-{run.pk}")


@fragment_of("events:manage", "optimiser", keep=("slug",))
@managed
@require_GET
def run_status(request: HttpRequest, event: Event, run_id: int) -> HttpResponse:
    """The progress of one run; htmx polls it every second until the run has finished, then
    reloads the console so that its lists show the new schedule."""
    run = get_object_or_404(ScheduleRun, event=event, pk=run_id)
    response = render(
        request, "events/_run.html", {"event": event, "run": run, "finished": FINISHED}
    )
    if run.status in FINISHED:
        response["HX-Refresh"] = "true"
    return response


@managed
@require_POST
def publish(request: HttpRequest, event: Event) -> HttpResponse:
    n = publish_schedule(event.pk)
    if n:
        text = ngettext(
            "The schedule is published: %(n)d meeting is confirmed.",
            "The schedule is published: %(n)d meetings are confirmed.",
            n,
        ) % {"n": n}
    else:
        text = _("Nothing new to publish: every scheduled meeting was already confirmed.")
    messages.success(request, text)
    return redirect("events:manage", event.slug)


def _json_download(doc: dict[str, Any], filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(doc, ensure_ascii=False, indent=1, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@managed
@require_GET
def instance_json(request: HttpRequest, event: Event) -> HttpResponse:
    return _json_download(export_instance(event), f"{event.slug}-instance.json")


@managed
@require_GET
def schedule_json(request: HttpRequest, event: Event) -> HttpResponse:
    return _json_download(export_schedule(event), f"{event.slug}-schedule.json")


@managed
@require_GET
def export_table(request: HttpRequest, event: Event, table: str) -> HttpResponse:
    """One of the event's tables (meetings, participants, requests, follow-ups), CSV or XLSX."""
    build = EVENT_TABLES.get(table)
    if build is None:
        raise Http404(NO_EVENT)
    return table_download(request, build(event, request.user), f"{event.slug}-{table}")


# Analytics -------------------------------------------------------------------------------------


def _analytics_tables(event: Event, user: Any) -> dict[str, dict[str, Any]]:
    """Each table of the analytics page: title, columns (key, heading) and rows."""
    meetings_col = ("meetings", _("Meetings"))
    tables = {
        "status": {
            "title": _("Requests by status"),
            "columns": [("label", _("Status")), ("requests", _("Requests"))],
            "rows": analytics.requests_by_status(event),
            "value": "requests",
        },
        "cluster": {
            "title": _("Meetings by cluster"),
            "columns": [("label", _("Cluster")), meetings_col],
            "rows": analytics.meetings_by(event, "cluster", user),
        },
        "country": {
            "title": _("Meetings by country"),
            "columns": [("label", _("Country")), meetings_col],
            "rows": analytics.meetings_by(event, "country", user),
        },
        "modality": {
            "title": _("Meetings by modality of the asset discussed"),
            "columns": [("label", _("Modality")), meetings_col],
            "rows": analytics.meetings_by(event, "modality", user),
        },
        "funnel": {
            "title": _("From meeting to deal"),
            "columns": [
                ("label", _("Stage")),
                meetings_col,
                ("share_of_previous", _("Share of the stage before")),
            ],
            "rows": analytics.funnel(event),
        },
    }
    for key, table in tables.items():
        table["key"] = key
        table.setdefault("value", "meetings")
    coverage = analytics.cluster_coverage(event)
    tables["cluster"]["note"] = (
        _(
            "Clusters are Korean: organisations abroad have none and are left out of this chart "
            "(%(abroad)s of %(meetings)s meetings involve one; see meetings by country). "
            "Organisations in Korea outside every cluster count under “Elsewhere in Korea”. "
            "%(unclustered)s meetings involve no cluster at all."
        )
        % coverage
    )
    return tables


@managed
@require_GET
def analytics_page(request: HttpRequest, event: Event) -> HttpResponse:
    tables = _analytics_tables(event, request.user)
    download = csv_download(
        request, tables.values(), event.slug, param="table", missing=str(NO_EVENT)
    )
    if download is not None:
        return download
    colors = {"status": "#5d6b7a", "funnel": "#2b8a3e"}
    for key, table in tables.items():
        table["svg"] = bar_chart(
            table["rows"],
            "label",
            table["value"],
            table["columns"][1][1],
            colors.get(key, BRAND),
        )
        with_display(table)
    return render(
        request,
        "events/analytics.html",
        {
            "event": event,
            "summary": analytics.request_summary(event),
            "tables": list(tables.values()),
            "deals": analytics.linked_deals(event),
            "in_person": event.mode == Mode.IN_PERSON,
        },
    )


@managed
@require_POST
def co_organizer_add(request: HttpRequest, event: Event) -> HttpResponse:
    form = CoOrganizerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Name either an organisation or a person."))
        return redirect("events:manage", event.slug)
    data = form.cleaned_data
    return act(
        request,
        event,
        lambda: add_co_organizer(request.user, event, data["organization"], data["username"]),
        _("The co-organiser was added."),
        "events:manage",
    )


@managed
@require_POST
def co_organizer_remove(request: HttpRequest, event: Event, co_id: int) -> HttpResponse:
    return act(
        request,
        event,
        lambda: remove_co_organizer(request.user, event, co_id),
        _("The co-organiser was removed."),
        "events:manage",
    )


@managed
@require_POST
def invitation_add(request: HttpRequest, event: Event) -> HttpResponse:
    form = InvitationForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Name the organisation to invite: its Korean or English name, or its id.")
        )
        return redirect("events:manage", event.slug)
    return act(
        request,
        event,
        lambda: invite_organization(request.user, event, form.cleaned_data["organization"]),
        _("The organisation is invited."),
        "events:manage",
    )


@managed
@require_POST
def invitation_remove(request: HttpRequest, event: Event, invitation_id: int) -> HttpResponse:
    return act(
        request,
        event,
        lambda: withdraw_invitation(request.user, event, invitation_id),
        _("The invitation was withdrawn."),
        "events:manage",
    )
