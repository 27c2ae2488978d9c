"""Read models of the webhook pages: the endpoints a person manages and each one's delivery
log (newest first). Reads only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from dari.accounts.access import may_administer
from dari.events.access import managed_events
from dari.events.models import Event
from dari.webhooks.access import endpoints_for
from dari.webhooks.models import Delivery, Endpoint

LOG_SIZE = 50


@dataclass(frozen=True)
class Scopes:
    """Where `user` may register endpoints: their organisation (admins) and events."""

    organization_id: str | None
    organization_name: str
    events: tuple[Event, ...]


def scopes(user: Any) -> Scopes:
    org_id = user.organization_id if may_administer(user, user.organization_id) else None
    return Scopes(
        organization_id=org_id,
        organization_name=user.organization.name if org_id else "",
        events=tuple(managed_events(user).order_by("-start_date", "name")),
    )


def endpoint_list(user: Any) -> tuple[Endpoint, ...]:
    return tuple(endpoints_for(user).select_related("organization", "event", "created_by"))


def delivery_log(endpoint: Endpoint, size: int = LOG_SIZE) -> QuerySet[Delivery]:
    return endpoint.deliveries.order_by("-created", "-id")[:size]
