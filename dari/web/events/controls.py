"""Organiser pages of an event's controls: registration approval, who-can-meet-whom rules,
request quotas per role, and placing a meeting whose move was accepted but found no time.
404 to anyone who may not manage the event (the `managed` guard)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from dari.core.forms import IntegerField
from dari.directory.vocab import OrgKind
from dari.events.domain.controls import (
    add_rule,
    approve_participant,
    remove_rule,
    set_quota,
    set_registration_approval,
)
from dari.events.domain.moves import organiser_move
from dari.events.domain.queries_controls import controls_of
from dari.events.domain.queries_moves import waiting_moves
from dari.events.models import Event
from dari.events.rules import ParticipantRole, RuleDimension
from dari.web.events.guards import act, managed

SIDES = [
    (gettext_lazy("Organisation kinds"), [(f"kind:{v}", label) for v, label in OrgKind.choices]),
    (
        gettext_lazy("Participant roles"),
        [(f"role:{v}", label) for v, label in ParticipantRole.choices],
    ),
]


class RuleForm(forms.Form):
    side_a = forms.ChoiceField(label=gettext_lazy("May meet: one side"), choices=SIDES)
    side_b = forms.ChoiceField(label=gettext_lazy("the other side"), choices=SIDES)


class QuotaForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=ParticipantRole.choices)
    max_requests = IntegerField(
        label=gettext_lazy("Requests per participant"),
        required=False,
        min_value=0,
        max_value=1000,
        help_text=gettext_lazy("Leave empty for no quota."),
    )


@managed
@require_GET
def controls_page(request: HttpRequest, event: Event) -> HttpResponse:
    return render(
        request,
        "events/controls.html",
        {
            "event": event,
            "controls": controls_of(event),
            "rule_form": RuleForm(),
            "quota_form": QuotaForm(),
            "waiting_moves": waiting_moves(event),
        },
    )


def _back(request: HttpRequest, event: Event, action: Any, done: str) -> HttpResponse:
    return act(request, event, action, done, "events:controls")


@managed
@require_POST
def approval_switch(request: HttpRequest, event: Event) -> HttpResponse:
    required = request.POST.get("required") == "on"
    return _back(
        request,
        event,
        lambda: set_registration_approval(event, required),
        _("New registrations now need your approval.")
        if required
        else _("New registrations no longer need approval."),
    )


@managed
@require_POST
def participant_approve(request: HttpRequest, event: Event, participant_id: int) -> HttpResponse:
    return _back(
        request,
        event,
        lambda: approve_participant(event, participant_id),
        _("The registration was approved."),
    )


@managed
@require_POST
def rule_add(request: HttpRequest, event: Event) -> HttpResponse:
    form = RuleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose both sides of the rule."))
        return redirect("events:controls", event.slug)
    dim_a, _sep, side_a = form.cleaned_data["side_a"].partition(":")
    dim_b, _sep, side_b = form.cleaned_data["side_b"].partition(":")
    if dim_a != dim_b:
        messages.error(request, _("Pair two organisation kinds or two roles."))
        return redirect("events:controls", event.slug)
    return _back(
        request,
        event,
        lambda: add_rule(event, RuleDimension(dim_a), side_a, side_b),
        _("The rule was added."),
    )


@managed
@require_POST
def rule_remove(request: HttpRequest, event: Event, rule_id: int) -> HttpResponse:
    return _back(request, event, lambda: remove_rule(event, rule_id), _("The rule was removed."))


@managed
@require_POST
def quota_set(request: HttpRequest, event: Event) -> HttpResponse:
    form = QuotaForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a number from 0 to 1000, or leave it empty."))
        return redirect("events:controls", event.slug)
    data = form.cleaned_data
    return _back(
        request,
        event,
        lambda: set_quota(event, data["role"], data["max_requests"]),
        _("The quota was saved."),
    )


@managed
@require_POST
def move_place(request: HttpRequest, event: Event, move_id: int) -> HttpResponse:
    raw = request.POST.get("slot", "")
    if not (raw.isascii() and raw.isdecimal()):  # int() would read "٣" as 3
        messages.error(request, _("Choose a time."))
        return redirect("events:controls", event.slug)
    slot_id = int(raw)
    return _back(
        request,
        event,
        lambda: organiser_move(event.pk, move_id, slot_id),
        _("The meeting was moved; both calendars are updated."),
    )
