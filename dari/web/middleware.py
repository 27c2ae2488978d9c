"""Request hardening for every URL (pages, API, admin): a NUL character in the path, a query
parameter or a form field is refused with a 400 before any view or query sees it, and every
response carries a Content-Security-Policy that allows scripts and styles from our own origin
only (no inline script, no CDN)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone
from django.utils.translation import gettext as _

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

Middleware = Callable[[HttpRequest], HttpResponse]


def _nul_field(request: HttpRequest) -> str | None:
    """The first place of the request that holds a NUL character: "path", or the name of a
    query parameter or form field."""
    if "\x00" in request.path_info:
        return "path"
    sources: list[Iterable[tuple[str, list[str]]]] = [request.GET.lists()]
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        sources.append(request.POST.lists())
    for pairs in sources:
        for name, values in pairs:  # a malformed multipart body raises MultiPartParserError
            if "\x00" in name or any("\x00" in value for value in values):
                return name.replace("\x00", "\\0")
    return None


def refuse_nul_characters(get_response: Middleware) -> Middleware:
    """400 for a NUL character anywhere in the path, the query or the form: no column can
    hold one (PostgreSQL refuses it), so no view should have to."""

    def middleware(request: HttpRequest) -> HttpResponse:
        try:
            field = _nul_field(request)
        except MultiPartParserError:
            field = None  # Django answers the malformed body itself when a view reads it
        if field is None:
            return get_response(request)
        message = _("A NUL character is not allowed in %(field)s.") % {"field": field}
        if request.path_info.startswith("/api/"):
            error = {"field": field, "code": "null_character", "message": message}
            return JsonResponse({"detail": message, "errors": [error]}, status=400)
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")

    return middleware


def content_security_policy(get_response: Middleware) -> Middleware:
    """Send the policy with every response that does not set its own."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response

    return middleware


def reader_time_zone(get_response: Middleware) -> Middleware:
    """Times on every page read in the signed-in reader's own zone (their account's time zone;
    the site's zone, Asia/Seoul, for visitors and for a zone the tz database no longer knows).
    Event pages that show the event's or a participant's zone name it beside the time."""

    def middleware(request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        zone = getattr(user, "timezone", "") if user is not None and user.is_authenticated else ""
        try:
            reader = ZoneInfo(zone) if zone else None
        except (ZoneInfoNotFoundError, ValueError):
            reader = None
        if reader is None:
            timezone.deactivate()
        else:
            timezone.activate(reader)
        try:
            return get_response(request)
        finally:
            timezone.deactivate()

    return middleware
