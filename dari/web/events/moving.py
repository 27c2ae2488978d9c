"""Participant actions on moving a meeting: ask (reason, preferred times), and accept,
decline or withdraw a request. Refusals come back as messages on the agenda."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dari.events.domain.moves import accept_move, ask_to_move, decline_move, withdraw_move
from dari.events.domain.queries_moves import slot_choices
from dari.events.models import Participant
from dari.events.rules import MoveStatus
from dari.web.events.guards import act, registered


class MoveForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for the move"), max_length=1000, required=False
    )
    preferred = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Times I would prefer"), coerce=int, required=False
    )

    def __init__(self, me: Participant | None = None, *args: Any, **kwargs: Any) -> None:
        """With `me`, any slot of my event passes the form (the domain refuses the times not
        open to everyone in the meeting); the agenda renders each meeting's own times."""
        super().__init__(*args, **kwargs)
        if me is not None:
            self.fields["preferred"].choices = [  # type: ignore[attr-defined]
                (pk, f"{start:%Y-%m-%d %H:%M %Z}") for pk, start in slot_choices(me)
            ]


@registered
@require_POST
def move_ask(request: HttpRequest, me: Participant, meeting_id: int) -> HttpResponse:
    form = MoveForm(me, request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose times of this event."))
        return redirect("events:agenda", me.event.slug)
    data = form.cleaned_data
    return act(
        request,
        me.event,
        lambda: ask_to_move(meeting_id, me, data["reason"], data["preferred"]),
        _("Your request to move the meeting was sent."),
        "events:agenda",
    )


def _answer(
    request: HttpRequest, me: Participant, action: Callable[[], Any], done: str
) -> HttpResponse:
    return act(request, me.event, action, done, "events:agenda")


@registered
@require_POST
def move_accept(request: HttpRequest, me: Participant, move_id: int) -> HttpResponse:
    def accept() -> None:
        move = accept_move(move_id, me)
        if move.status == MoveStatus.ACCEPTED and move.to_slot_id is None:
            messages.info(
                request,
                _("No time is free for everyone yet: the organiser will pick one."),
            )

    return _answer(request, me, accept, _("You accepted the move."))


@registered
@require_POST
def move_decline(request: HttpRequest, me: Participant, move_id: int) -> HttpResponse:
    return _answer(
        request, me, lambda: decline_move(move_id, me), _("You declined; the meeting stays.")
    )


@registered
@require_POST
def move_withdraw(request: HttpRequest, me: Participant, move_id: int) -> HttpResponse:
    return _answer(
        request, me, lambda: withdraw_move(move_id, me), _("Your request was withdrawn.")
    )
