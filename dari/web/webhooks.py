"""Webhook pages: the endpoints I manage (an organisation's, as its admin; an event's, as its
organiser), registering one, its secret and delivery log, changing, pausing or removing it.
Everyone else gets a 404 for an endpoint, exactly like a missing one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dari.core.forms import add_domain_error
from dari.core.names import local_name
from dari.events.models import Event
from dari.webhooks.access import access_endpoint
from dari.webhooks.domain.endpoints import (
    register_endpoint,
    remove_endpoint,
    rotate_secret,
    update_endpoint,
)
from dari.webhooks.domain.errors import WebhookError
from dari.webhooks.domain.queries import delivery_log, endpoint_list, scopes
from dari.webhooks.models import Endpoint, HookKind

NO_ENDPOINT = gettext_lazy("No webhook endpoint with this number.")


class KindsForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Send notices of"),
        choices=HookKind.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checks"}),
    )
    active = forms.BooleanField(label=gettext_lazy("Active"), required=False, initial=True)


class EndpointForm(KindsForm):
    url = forms.CharField(
        label=gettext_lazy("Address (https://)"),
        max_length=500,
        help_text=gettext_lazy("We POST JSON there, signed in the Dari-Signature header."),
    )
    scope = forms.ChoiceField(label=gettext_lazy("For"))
    description = forms.CharField(label=gettext_lazy("Description"), max_length=200, required=False)

    field_order = ["url", "scope", "description", "kinds"]

    def __init__(self, choices: list[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["active"]
        self.fields["scope"].choices = choices  # type: ignore[attr-defined]


def _scope_choices(user: Any) -> list[tuple[str, str]]:
    mine = scopes(user)
    choices = []
    if mine.organization_id:
        label = _("My organisation's participants (%(name)s)") % {"name": mine.organization_name}
        choices.append((f"org:{mine.organization_id}", label))
    for event in mine.events:
        choices.append((f"event:{event.pk}", _("Event: %(name)s") % {"name": local_name(event)}))
    return choices


@login_required
@require_http_methods(["GET", "POST"])
def endpoints(request: HttpRequest) -> HttpResponse:
    choices = _scope_choices(request.user)
    if not choices:
        raise Http404(NO_ENDPOINT)
    form = EndpointForm(choices, request.POST or None, initial={"kinds": HookKind.values})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kind, _sep, key = data["scope"].partition(":")
        event = Event.objects.filter(pk=key).first() if kind == "event" else None
        try:
            endpoint = register_endpoint(
                request.user,
                data["url"],
                data["kinds"],
                description=data["description"],
                organization_id=key if kind == "org" else None,
                event=event,
            )
        except WebhookError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The endpoint was registered. Keep its secret safe."))
            return redirect("webhooks:detail", endpoint.pk)
    return render(
        request, "webhooks/list.html", {"form": form, "endpoints": endpoint_list(request.user)}
    )


def _mine(request: HttpRequest, endpoint_id: int) -> Endpoint:
    try:
        return access_endpoint(request.user, endpoint_id)
    except Endpoint.DoesNotExist:
        raise Http404(NO_ENDPOINT) from None


@login_required
@require_GET
def endpoint_detail(request: HttpRequest, endpoint_id: int) -> HttpResponse:
    endpoint = _mine(request, endpoint_id)
    form = KindsForm(initial={"kinds": endpoint.kinds, "active": endpoint.active})
    return render(
        request,
        "webhooks/detail.html",
        {"endpoint": endpoint, "form": form, "deliveries": delivery_log(endpoint)},
    )


@login_required
@require_POST
def endpoint_edit(request: HttpRequest, endpoint_id: int) -> HttpResponse:
    endpoint = _mine(request, endpoint_id)
    form = KindsForm(request.POST)
    if form.is_valid():
        try:
            update_endpoint(endpoint, form.cleaned_data["kinds"], form.cleaned_data["active"])
        except WebhookError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The endpoint was saved."))
            return redirect("webhooks:detail", endpoint.pk)
    return render(
        request,
        "webhooks/detail.html",
        {"endpoint": endpoint, "form": form, "deliveries": delivery_log(endpoint)},
        status=400,
    )


@login_required
@require_POST
def endpoint_rotate(request: HttpRequest, endpoint_id: int) -> HttpResponse:
    endpoint = rotate_secret(_mine(request, endpoint_id))
    messages.success(request, _("A new secret was made; the old one no longer signs."))
    return redirect("webhooks:detail", endpoint.pk)


@login_required
@require_POST
def endpoint_remove(request: HttpRequest, endpoint_id: int) -> HttpResponse:
    remove_endpoint(_mine(request, endpoint_id))
    messages.success(request, _("The endpoint was removed."))
    return redirect("webhooks:list")
