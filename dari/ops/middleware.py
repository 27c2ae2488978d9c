"""Every request gets an id: the proxy's X-Request-ID when it is a sane token, else a new one.
Logs written while serving it carry the id (dari.ops.logs) and the response echoes it."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from dari.ops.logs import current_request_id

HEADER = "X-Request-ID"
SANE = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")

Middleware = Callable[[HttpRequest], HttpResponse]


def request_id(get_response: Middleware) -> Middleware:
    def middleware(request: HttpRequest) -> HttpResponse:
        given = request.headers.get(HEADER, "")
        rid = given if SANE.match(given) else uuid.uuid4().hex
        request.request_id = rid  # type: ignore[attr-defined]
        # Left set after the response: Django logs a 4xx/5xx once the middleware has returned.
        # The next request's `request_started` clears it (dari.ops.apps).
        current_request_id.set(rid)
        response = get_response(request)
        response[HEADER] = rid
        return response

    return middleware
