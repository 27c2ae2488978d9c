"""One error shape for every answer that is not a success, in the caller's language:

    {"detail": "...", "errors": [{"field": "...", "code": "...", "message": "..."}]}

`detail` says what went wrong in one sentence; `errors` names each parameter at fault (empty
when no parameter is: a 404, a 405, a 500). 400 for a bad parameter (ninja's validation errors
and the shared filters' included), 401/403/429 from authentication and throttling, 404 for a
missing or refused object (the same answer for both), 405, 415 for a write's body that is not
declared JSON (a form, a multipart form, plain text), and 500 (logged).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from dari.core.errors import DomainError
from dari.directory.filters import FilterError

logger = logging.getLogger("dari.api")

FieldError = dict[str, Any]
"""{"field", "code", "message"}, and data of its own for some codes (a duplicate's "deals")."""


class ApiError(HttpError):
    """An HTTP error with the parameters at fault; the one error type API views raise."""

    def __init__(self, status_code: int, detail: str, errors: list[FieldError] | None = None):
        super().__init__(status_code, detail)
        self.errors = errors or []


def field_error(status_code: int, field: str, code: str, message: str, **data: Any) -> ApiError:
    """An error about one parameter: detail "field: message"; `data` goes beside the message
    (Zulip's data fields: a program reads the ids there, never from the sentence)."""
    return ApiError(
        status_code,
        f"{field}: {message}",
        [{"field": field, "code": code, "message": message, **data}],
    )


# The record types a 404 names, in the caller's language (the English is the API's own word).
KINDS = {
    "asset": _l("asset"),
    "thread": _l("thread"),
    "organization": _l("organization"),
    "trial": _l("trial"),
    "cluster": _l("cluster"),
    "deal": _l("deal"),
    "investment": _l("investment"),
    "facility": _l("facility"),
    "program": _l("program"),
    "call": _l("call"),
    "event": _l("event"),
    "request": _l("request"),
}


def not_found(kind: str, object_id: str) -> ApiError:
    """The one 404 of a detail endpoint; used for missing and refused objects alike."""
    name = str(KINDS.get(kind, kind))
    return ApiError(404, _("Not found: %(kind)s %(id)s") % {"kind": name, "id": repr(object_id)})


def body(detail: str, errors: list[FieldError] | None = None) -> dict[str, Any]:
    return {"detail": detail, "errors": errors or []}


def _parameter(loc: list[Any]) -> str:
    """The parameter of a pydantic error location such as ["query", "limit"]."""
    rest = [str(part) for part in loc[1:]]
    return ".".join(rest) or (str(loc[0]) if loc else "")


def _message(error: dict[str, Any]) -> tuple[str, str]:
    """(code, translated message) of one pydantic error; pydantic's English text otherwise."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return "invalid_integer", _("Enter a whole number.")
    if kind in ("greater_than_equal", "greater_than"):
        limit = ctx.get("ge", ctx.get("gt"))
        return "too_small", _("Must be at least %(limit)s.") % {"limit": limit}
    if kind in ("less_than_equal", "less_than"):
        limit = ctx.get("le", ctx.get("lt"))
        return "too_large", _("Must be at most %(limit)s.") % {"limit": limit}
    if kind == "missing":
        return "required", _("This parameter is required.")
    if kind == "string_too_long":
        return "too_long", _("Enter at most %(limit)s characters.") % {
            "limit": ctx.get("max_length")
        }
    if kind in ("literal_error", "enum") and ctx.get("expected"):
        expected = str(ctx["expected"]).replace(" or ", ", ")  # no English word in Korean
        return kind, _("Must be one of %(expected)s.") % {"expected": expected}
    if kind == "null_character":
        return kind, _("A NUL character is not allowed.")
    if kind == "invalid_unicode":
        return kind, _("This text is not valid Unicode (half a surrogate pair).")
    message = TYPE_MESSAGES.get(kind)
    # Pydantic's other English texts are never shown: a generic sentence in the caller's
    # language, with pydantic's error type as the code.
    return kind or "invalid", str(message) if message else _("This value is not valid.")


# Pydantic's type errors, answered in the caller's language.
TYPE_MESSAGES = {
    "string_type": _l("Enter text."),
    "float_parsing": _l("Enter a number."),
    "float_type": _l("Enter a number."),
    "bool_parsing": _l("Enter true or false."),
    "bool_type": _l("Enter true or false."),
    "list_type": _l("Enter a list."),
    "dict_type": _l("Send a JSON object."),
    "model_type": _l("Send a JSON object."),
    "model_attributes_type": _l("Send a JSON object."),
    "extra_forbidden": _l("Unknown field."),
    "string_pattern_mismatch": _l("This value is not in the expected form."),
}

# Ninja's answer to a body that does not parse (not JSON, not UTF-8).
UNPARSED_BODY = "Cannot parse request body"


# Ninja's own English defaults, answered in the caller's language instead.
def _default_detail(exc: HttpError) -> str:
    text = str(exc)
    if isinstance(exc, AuthenticationError) and text == "Unauthorized":
        return _("Authentication required: sign in or send a valid token.")
    if isinstance(exc, AuthorizationError) and text == "Forbidden":
        return _("You may not do this.")
    if exc.status_code == 403 and text == "CSRF check Failed":
        return _("CSRF check failed: a write made with a session needs its CSRF token.")
    if exc.status_code == 429 and text.startswith("Too many requests"):
        return _("Too many requests; try again later.")
    return text


# A domain refusal escaping a view answers in the one error shape; its code picks the status.
DOMAIN_STATUS = {"forbidden": 403, "not_found": 404, "decided": 409, "duplicate": 409}


def _takes_body(run: Callable[..., Any]) -> bool:
    """Whether the operation whose `run` this is reads a JSON body."""
    operation = getattr(run, "__self__", None)
    models = getattr(operation, "models", ())
    return any(model.__ninja_param_source__ == "body" for model in models)


def _declared_json(request: HttpRequest) -> bool:
    """A body declared JSON, or not declared at all (then parsed as JSON, 400 if it is not)."""
    content_type = request.content_type or ""
    return content_type in ("", "application/json") or content_type.endswith("+json")


def _has_body(request: HttpRequest) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > 0
    except ValueError:
        return True


def install(api: NinjaAPI) -> None:
    """Replace ninja's default handlers (422 with pydantic's list, plain-text 500)."""

    def json_body_only(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        """415 for a form, a multipart form or any other body not declared JSON, before
        anything reads it: ninja reads `request.body`, which a form already parsed from the
        stream (the NUL check, a session's CSRF check) no longer has, a 500 otherwise."""
        if not _takes_body(run):
            return run

        @wraps(run)
        def wrapped(request: HttpRequest, **kwargs: Any) -> HttpResponse:
            if _has_body(request) and not _declared_json(request):
                message = _("Send the body as JSON (Content-Type: application/json).")
                error = {"field": "body", "code": "unsupported_media_type", "message": message}
                return api.create_response(request, body(f"body: {message}", [error]), status=415)
            return run(request, **kwargs)

        return wrapped

    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = []
        for error in exc.errors:
            code, message = _message(error)
            errors.append(
                {"field": _parameter(list(error.get("loc", ()))), "code": code, "message": message}
            )
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        return api.create_response(request, body(detail, errors), status=400)

    def filter_error(request: HttpRequest, exc: FilterError) -> HttpResponse:
        error = {"field": exc.field, "code": exc.code, "message": exc.message}
        return api.create_response(request, body(str(exc), [error]), status=400)

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400 and str(exc).startswith(UNPARSED_BODY):
            exc = field_error(400, "body", "invalid_json", _("The request body is not valid JSON."))
        errors = exc.errors if isinstance(exc, ApiError) else []
        response = api.create_response(
            request, body(_default_detail(exc), errors), status=exc.status_code
        )
        if exc.status_code == 401:
            response["WWW-Authenticate"] = "Bearer"
        wait = getattr(exc, "wait", None)
        if exc.status_code == 429 and wait:
            response["Retry-After"] = str(math.ceil(wait))
        return response

    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        status = DOMAIN_STATUS.get(exc.code, 400)
        return api.create_response(request, body(exc.message, [exc.as_dict()]), status=status)

    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        limit = number_format(settings.DATA_UPLOAD_MAX_MEMORY_SIZE, force_grouping=True)
        message = _("The request body is too large (at most %(limit)s bytes).") % {"limit": limit}
        error = {"field": "body", "code": "too_large", "message": message}
        return api.create_response(request, body(f"body: {message}", [error]), status=413)

    def http404(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, body(_("Not found.")), status=404)

    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.error("API error on %s %s", request.method, request.path, exc_info=exc)
        return api.create_response(request, body(_("Internal server error")), status=500)

    api.add_exception_handler(ValidationError, validation_error)
    api.add_exception_handler(FilterError, filter_error)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(DomainError, domain_error)
    api.add_exception_handler(RequestDataTooBig, too_big)
    api.add_exception_handler(Http404, http404)
    api.add_exception_handler(Exception, server_error)
    api.add_decorator(json_body_only, mode="view")


def json_method_not_allowed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap a ninja URL view so its 405 (plain text in ninja) is JSON, keeping `Allow`."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code != 405:
            return response
        detail = _("Method not allowed: %(method)s; use %(allowed)s") % {
            "method": request.method,
            "allowed": response["Allow"],
        }
        json_response = JsonResponse(body(detail), status=405)
        json_response["Allow"] = response["Allow"]
        return json_response

    return wrapped


def unknown_endpoint(request: HttpRequest, path: str = "") -> JsonResponse:
    """Any other URL under /api/: a JSON 404 rather than the HTML page."""
    detail = _("Not found: endpoint %(path)s") % {"path": repr(request.path)}
    return JsonResponse(body(detail), status=404)
