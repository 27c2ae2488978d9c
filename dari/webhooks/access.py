"""Who may register webhook endpoints and read their deliveries.

An organisation's endpoint is managed by those who administer the organisation
(`dari.accounts.access.may_administer`); an event's endpoint by those who manage the event
(`dari.events.access.may_manage`). An endpoint keeps sending only while the person who
registered it still has that right: what it carries is judged as that person would see it.
A refused endpoint answers exactly like a missing one."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from dari.accounts.access import may_administer, signed_in
from dari.events.access import managed_events, may_manage
from dari.webhooks.models import Endpoint


def may_manage_endpoint(user: Any, endpoint: Endpoint) -> bool:
    """Whether `user` may see, change and read the deliveries of `endpoint`."""
    if endpoint.organization_id is not None:
        return may_administer(user, endpoint.organization_id)
    return may_manage(user, endpoint.event)


def still_allowed(endpoint: Endpoint) -> bool:
    """Whether the endpoint's registrant still holds the right it was registered under."""
    return endpoint.active and may_manage_endpoint(endpoint.created_by, endpoint)


def endpoints_for(user: Any) -> QuerySet[Endpoint]:
    """The endpoints `user` may manage (one query)."""
    if not signed_in(user):
        return Endpoint.objects.none()
    condition = Q(event__in=managed_events(user))
    if user.is_platform_admin:
        condition |= Q(organization__isnull=False)
    elif may_administer(user, user.organization_id):
        condition |= Q(organization_id=user.organization_id)
    return Endpoint.objects.filter(condition)


def access_endpoint(user: Any, endpoint_id: int) -> Endpoint:
    """The endpoint if `user` may manage it; Endpoint.DoesNotExist otherwise, like a missing
    one."""
    return endpoints_for(user).select_related("organization", "event").get(pk=endpoint_id)
