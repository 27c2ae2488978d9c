"""Pages of open-innovation calls (/insights/calls/): the list with its filters, a call with
the viewer's own assets that fit it and the apply form, the new-call and edit pages, and the
review pages of its organisers. Thin views: parse input, call the insights domain, render."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dari.core.forms import add_domain_error
from dari.core.names import local_name
from dari.directory.access import visible_assets
from dari.directory.models import Program
from dari.events.access import managed_events
from dari.events.domain.ended import events_ahead
from dari.insights.access import (
    call_organizer_choices,
    may_apply,
    may_create_calls,
    may_review,
    owns_call,
)
from dari.insights.domain import call_scope, calls
from dari.insights.domain.call_organisers import add_call_co_organizer, remove_call_co_organizer
from dari.insights.domain.errors import InsightsError
from dari.insights.forms import ApplyForm, CallEditForm, CallFilterForm, CallForm, InviteForm
from dari.insights.models import CallApplication
from dari.web.events.forms import CoOrganizerForm


def _call_or_404(program_id: str) -> Any:
    try:
        return calls.get_call(program_id)
    except InsightsError:
        raise Http404(_("No open-innovation call with this id.")) from None


@require_GET
def call_list(request: HttpRequest) -> HttpResponse:
    """The calls, filtered by what they seek (a bad filter is named and left out)."""
    filter_form = CallFilterForm(request.GET)
    # Each call with whether it takes applications today ("open", "closed", "not_open"): a
    # call read about years ago must not look open in the list.
    found = call_scope.find_calls(**filter_form.filters())
    rows = []
    for call in found:
        why = calls.closed_for_applications(call)
        rows.append({"record": call, "call_state": why.code if why else "open"})
    context = {
        "calls": found,
        "call_rows": rows,
        "filter_form": filter_form,
        "may_create": may_create_calls(request.user),
        "current": "calls",
    }
    return render(request, "insights/calls.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def call_new(request: HttpRequest) -> HttpResponse:
    """GET shows the form, POST creates the call (nothing is written on a bad form)."""
    organizers = call_organizer_choices(request.user)
    if not organizers:
        raise PermissionDenied(_("Only organisers and organisation admins can create calls."))
    data = request.POST if request.method == "POST" else None
    form = CallForm(data, organizers=organizers, initial={"organizer": organizers[0][0]})
    if request.method == "POST" and form.is_valid():
        try:
            call = calls.create_call(request.user, form.values())
        except InsightsError as e:
            add_domain_error(form, e)
        else:
            messages.success(request, _("The call was created."))
            return redirect("insights:call", program_id=call.pk)
    return render(request, "insights/call_new.html", {"form": form, "current": "calls"})


@login_required
@require_http_methods(["GET", "POST"])
def call_edit(request: HttpRequest, program_id: str) -> HttpResponse:
    """The owners change a call (anyone else: 404, like a missing call); POST saves."""
    call = _call_or_404(program_id)
    if not owns_call(request.user, call):
        raise Http404(_("No open-innovation call with this id."))
    form = CallEditForm(request.POST if request.method == "POST" else None, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            calls.edit_call(request.user, call.pk, form.values())
        except InsightsError as e:
            add_domain_error(form, e)
        else:
            messages.success(request, _("The call was saved."))
            return redirect("insights:call", program_id=call.pk)
    context = {"form": form, "call": call, "current": "calls"}
    return render(request, "insights/call_edit.html", context)


def _own_assets(user: Any) -> list[tuple[str, str]]:
    if not may_apply(user):
        return []
    return list(
        visible_assets(user).filter(organization_id=user.organization_id).values_list("pk", "name")
    )


def call_detail(request: HttpRequest, program_id: str) -> HttpResponse:
    call = _call_or_404(program_id)
    user = request.user
    closed = calls.closed_for_applications(call)
    assets = _own_assets(user) if closed is None else []
    form = ApplyForm(request.POST or None, assets=assets) if assets else None
    if request.method == "POST" and closed is not None:
        messages.error(request, closed.message)
    elif request.method == "POST":
        if not user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        if form is not None and form.is_valid():
            try:
                calls.apply_to_call(
                    user, call.pk, form.cleaned_data["asset"], form.cleaned_data["pitch"]
                )
            except InsightsError as e:
                add_domain_error(form, e)
            else:
                messages.success(request, _("Your application was submitted."))
                return redirect("insights:call", program_id=call.pk)
        elif form is None:
            messages.error(request, _("Only members of an organisation with assets can apply."))
    suggested = call_scope.matching_assets(user, call) if assets else []
    if form is not None and not form.is_bound and suggested:
        form.initial["asset"] = suggested[0].pk
    return render(
        request,
        "insights/call.html",
        {
            "call": call,
            "closed": closed,
            "assumed_end": calls.assumed_end(call),
            "open_until": calls.closing_day(call),
            "form": form,
            "suggested": suggested,
            "mine": calls.own_applications(user, call),
            "is_organiser": may_review(user, call),
            "is_owner": owns_call(user, call),
            "current": "calls",
        },
    )


def _reviewer_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Review pages of a call: the call if the user may review it (dari.insights.access), else
    404 like a missing call."""

    @wraps(view)
    def wrapper(request: HttpRequest, program_id: str, *args: Any, **kwargs: Any) -> HttpResponse:
        call = _call_or_404(program_id)
        if not may_review(request.user, call):
            raise Http404(_("No open-innovation call with this id."))
        return view(request, call, *args, **kwargs)

    return login_required(wrapper)


def _events(user: Any) -> list[tuple[int, str]]:
    """The events a shortlist may be invited to: managed by `user` and not over."""
    return [
        (e.pk, f"{local_name(e)} ({e.start_date:%Y-%m-%d})")
        for e in events_ahead(managed_events(user).order_by("-start_date"))[:100]
    ]


@_reviewer_view
@require_GET
def call_review(request: HttpRequest, call: Program) -> HttpResponse:
    rows = calls.rank_applications(request.user, call.pk)
    return render(
        request,
        "insights/call_review.html",
        {
            "call": call,
            "rows": rows,
            "invite_form": InviteForm(events=_events(request.user)),
            "co_organizers": list(
                call.co_organizers.select_related("organization", "user").order_by("pk")
            ),
            "co_organizer_form": _co_organizer_form() if owns_call(request.user, call) else None,
            "shortlisted": sum(1 for r in rows if r["application"].status == "shortlisted"),
            "current": "calls",
        },
    )


@_reviewer_view
@require_POST
def application_action(
    request: HttpRequest, call: Program, application_id: int, action: str
) -> HttpResponse:
    if not CallApplication.objects.filter(pk=application_id, program=call).exists():
        raise Http404(_("No such application."))
    act = {"shortlist": calls.shortlist_application, "decline": calls.decline_application}
    if action not in act:
        raise Http404(_("No such page."))
    try:
        act[action](request.user, application_id)
    except InsightsError as e:
        messages.error(request, e.message)
    return redirect("insights:call-review", program_id=call.pk)


@_reviewer_view
@require_POST
def invite(request: HttpRequest, call: Program) -> HttpResponse:
    form = InviteForm(request.POST, events=_events(request.user))
    if form.is_valid():
        event = get_object_or_404(managed_events(request.user), pk=form.cleaned_data["event"])
        try:
            invited = calls.invite_shortlist(request.user, call.pk, event.pk)
        except InsightsError as e:
            messages.error(request, e.message)
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)d applicant invited to %(event)s.",
                    "%(n)d applicants invited to %(event)s.",
                    len(invited),
                )
                % {"n": len(invited), "event": event},
            )
    else:
        messages.error(request, _("Choose an event."))
    return redirect("insights:call-review", program_id=call.pk)


def _co_organizer_form(data: Any = None) -> CoOrganizerForm:
    """The events' co-organiser form, its help naming the call (not "the event")."""
    form = CoOrganizerForm(data)
    form.fields["organization"].help_text = _(
        "Its organisers manage the call too. Its name in Korean or English, or its id."
    )
    return form


@_reviewer_view
@require_POST
def call_co_organizer_add(request: HttpRequest, call: Program) -> HttpResponse:
    form = _co_organizer_form(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            add_call_co_organizer(request.user, call, data["organization"], data["username"])
        except InsightsError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, _("The co-organiser was added."))
    else:
        messages.error(request, _("Name either an organisation or a person."))
    return redirect("insights:call-review", program_id=call.pk)


@_reviewer_view
@require_POST
def call_co_organizer_remove(request: HttpRequest, call: Program, co_id: int) -> HttpResponse:
    try:
        remove_call_co_organizer(request.user, call, co_id)
    except InsightsError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("The co-organiser was removed."))
    return redirect("insights:call-review", program_id=call.pk)
