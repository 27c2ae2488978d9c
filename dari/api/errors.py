"""Every error of the API is JSON with a `detail` message: 400 for a bad parameter (naming it),
404 for a missing or refused object (the same answer for both), 405 and 500."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from dari.directory.filters import FilterError

logger = logging.getLogger("dari.api")


def not_found(kind: str, object_id: str) -> HttpError:
    """The one 404 of a detail endpoint; used for missing and refused objects alike."""
    return HttpError(404, f"Not found: {kind} {object_id!r}")


def _parameter(loc: list[Any]) -> tuple[str, str]:
    """(parameter, location) of a pydantic error location such as ["query", "limit"]."""
    location = str(loc[0]) if loc else ""
    rest = [str(part) for part in loc[1:]]
    return ".".join(rest) or location, location


def install(api: NinjaAPI) -> None:
    """Replace ninja's default handlers (422 with pydantic's list, plain-text 500)."""

    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = []
        for error in exc.errors:
            parameter, location = _parameter(list(error.get("loc", ())))
            errors.append(
                {"parameter": parameter, "location": location, "message": error.get("msg", "")}
            )
        detail = "; ".join(f"{e['parameter']}: {e['message']}" for e in errors)
        return api.create_response(request, {"detail": detail, "errors": errors}, status=400)

    def filter_error(request: HttpRequest, exc: FilterError) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc)}, status=400)

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        response = api.create_response(request, {"detail": str(exc)}, status=exc.status_code)
        if exc.status_code == 401:
            response["WWW-Authenticate"] = "Bearer"
        return response

    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.error("API error on %s %s", request.method, request.path, exc_info=exc)
        return api.create_response(request, {"detail": "Internal server error"}, status=500)

    api.add_exception_handler(ValidationError, validation_error)
    api.add_exception_handler(FilterError, filter_error)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Exception, server_error)


def json_method_not_allowed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap a ninja URL view so its 405 (plain text in ninja) is JSON, keeping `Allow`."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code != 405:
            return response
        json_response = JsonResponse(
            {"detail": f"Method not allowed: {request.method}; use {response['Allow']}"},
            status=405,
        )
        json_response["Allow"] = response["Allow"]
        return json_response

    return wrapped


def unknown_endpoint(request: HttpRequest, path: str = "") -> JsonResponse:
    """Any other URL under /api/: a JSON 404 rather than the HTML page."""
    return JsonResponse({"detail": f"Not found: endpoint {request.path!r}"}, status=404)
