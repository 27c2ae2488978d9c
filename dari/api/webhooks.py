"""/api/webhooks: the webhook endpoints the caller manages (their organisation's, as its
admin; their events', as organiser), registering and removing one, and each one's recent
deliveries. Another's endpoint answers 404 exactly like a missing one. Writes need a write
token or a session."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.responses import Status

from dari.api.errors import ApiError, field_error
from dari.api.schemas import BodyIn, ErrorOut
from dari.events.access import managed_events
from dari.webhooks.access import access_endpoint
from dari.webhooks.domain.endpoints import register_endpoint, remove_endpoint
from dari.webhooks.domain.errors import WebhookError
from dari.webhooks.domain.queries import delivery_log, endpoint_list
from dari.webhooks.models import Endpoint

router = Router(tags=["webhooks"])
NOT_FOUND = {404: ErrorOut}


class DeliveryOut(Schema):
    id: int
    kind: str
    status: str
    attempts: int
    response_code: int | None
    error: str
    next_try: datetime | None
    created: datetime
    delivered: datetime | None


class EndpointOut(Schema):
    id: int
    url: str
    description: str
    kinds: list[str]
    organization: str | None
    event: str | None
    active: bool
    created: datetime


class EndpointDetailOut(EndpointOut):
    secret: str
    deliveries: list[DeliveryOut]


class EndpointIn(BodyIn):
    url: str
    kinds: list[str]
    description: str = ""
    organization: str | None = None
    event: str | None = None


def _out(e: Endpoint) -> EndpointOut:
    return EndpointOut(
        id=e.pk,
        url=e.url,
        description=e.description,
        kinds=e.kinds,
        organization=e.organization_id,
        event=e.event.slug if e.event_id else None,
        active=e.active,
        created=e.created,
    )


def _detail(e: Endpoint) -> EndpointDetailOut:
    return EndpointDetailOut(
        **_out(e).model_dump(),
        secret=e.secret,
        deliveries=[DeliveryOut.model_validate(d, from_attributes=True) for d in delivery_log(e)],
    )


def _signed_in(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise ApiError(401, _("Sign in or send a personal access token."))


def _mine(request: HttpRequest, endpoint_id: int) -> Endpoint:
    try:
        return access_endpoint(request.user, endpoint_id)
    except Endpoint.DoesNotExist:
        raise ApiError(404, _("No webhook endpoint with this number.")) from None


@router.get("/webhooks", response={200: list[EndpointOut], 401: ErrorOut}, summary="My endpoints")
def list_endpoints(request: HttpRequest) -> list[EndpointOut]:
    _signed_in(request)
    return [_out(e) for e in endpoint_list(request.user)]


@router.post(
    "/webhooks",
    response={201: EndpointDetailOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    summary="Register an endpoint for my organisation or an event I organise",
)
def create_endpoint(request: HttpRequest, body: EndpointIn) -> Status[EndpointDetailOut]:
    _signed_in(request)
    event = None
    if body.event is not None:
        event = managed_events(request.user).filter(slug=body.event).first()
        if event is None:
            raise field_error(400, "event", "not_found", _("No event with this name."))
    try:
        endpoint = register_endpoint(
            request.user,
            body.url,
            body.kinds,
            description=body.description,
            organization_id=body.organization,
            event=event,
        )
    except WebhookError as exc:
        raise field_error(400, exc.field or "url", exc.code, exc.message) from None
    return Status(201, _detail(endpoint))


@router.get(
    "/webhooks/{endpoint_id}",
    response={200: EndpointDetailOut, 401: ErrorOut, **NOT_FOUND},
    summary="An endpoint, its secret and its latest deliveries",
)
def get_endpoint(request: HttpRequest, endpoint_id: int) -> EndpointDetailOut:
    _signed_in(request)
    return _detail(_mine(request, endpoint_id))


@router.delete(
    "/webhooks/{endpoint_id}",
    response={204: None, 401: ErrorOut, 403: ErrorOut, **NOT_FOUND},
    summary="Remove an endpoint and its delivery log",
)
def delete_endpoint(request: HttpRequest, endpoint_id: int) -> Status[None]:
    _signed_in(request)
    remove_endpoint(_mine(request, endpoint_id))
    return Status(204, None)
