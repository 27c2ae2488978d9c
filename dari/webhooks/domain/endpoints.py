"""Registering and changing webhook endpoints. An organisation admin registers one for their
organisation, an organiser for an event they manage; the secret is made here and shown to
those who manage the endpoint."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from dari.accounts.access import may_administer
from dari.events.access import may_manage
from dari.events.models import Event
from dari.webhooks.domain.addresses import check_url
from dari.webhooks.domain.errors import WebhookError
from dari.webhooks.models import Endpoint, HookKind, new_secret

MAX_ENDPOINTS = 20


def _check_kinds(kinds: Sequence[str]) -> list[str]:
    chosen = [k for k in HookKind.values if k in set(kinds)]
    if not kinds or len(chosen) != len(set(kinds)):
        raise WebhookError(
            _("Choose at least one of the notices offered."), field="kinds", code="invalid"
        )
    return chosen


@transaction.atomic
def register_endpoint(
    user: Any,
    url: str,
    kinds: Sequence[str],
    *,
    description: str = "",
    organization_id: str | None = None,
    event: Event | None = None,
) -> Endpoint:
    """Register an endpoint for an organisation (its admins) or an event (its organisers)."""
    if (organization_id is None) == (event is None):
        raise WebhookError(_("Choose an organisation or an event."), field="scope", code="invalid")
    if organization_id is not None and not may_administer(user, organization_id):
        raise WebhookError(
            _("Only the organisation's administrators can do this."),
            field="scope",
            code="forbidden",
        )
    if event is not None and not may_manage(user, event):
        raise WebhookError(
            _("Only the event's organisers can do this."), field="scope", code="forbidden"
        )
    url = check_url(url)
    chosen = _check_kinds(kinds)
    if len(description) > 200:
        raise WebhookError(
            _("The description is too long (at most %(n)d characters).") % {"n": 200},
            field="description",
            code="max_length",
        )
    scope = Endpoint.objects.filter(organization_id=organization_id, event=event)
    if scope.count() >= MAX_ENDPOINTS:
        raise WebhookError(
            _("At most %(n)d endpoints here; remove one first.") % {"n": MAX_ENDPOINTS},
            field="url",
            code="too_many",
        )
    return Endpoint.objects.create(
        url=url,
        kinds=chosen,
        description=description.strip(),
        organization_id=organization_id,
        event=event,
        created_by=user,
    )


@transaction.atomic
def update_endpoint(endpoint: Endpoint, kinds: Sequence[str], active: bool) -> Endpoint:
    """Change what an endpoint receives, or pause it (the caller checked the user's right)."""
    endpoint.kinds = _check_kinds(kinds)
    endpoint.active = active
    endpoint.save(update_fields=["kinds", "active"])
    return endpoint


@transaction.atomic
def rotate_secret(endpoint: Endpoint) -> Endpoint:
    """A new signing secret; the old one stops working at once."""
    endpoint.secret = new_secret()
    endpoint.save(update_fields=["secret"])
    return endpoint


@transaction.atomic
def remove_endpoint(endpoint: Endpoint) -> None:
    """Remove an endpoint and its delivery log."""
    endpoint.delete()
