"""How API callers authenticate: a personal access token (`Authorization: Bearer …`), the
site's session, or nobody. Whichever, `request.user` is the user the access funnels judge, so
a token sees exactly what its user would see in a browser at that moment."""

from __future__ import annotations

import threading
import time
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError, Throttled
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from dari.accounts.auth import client_address
from dari.accounts.domain.tokens import authenticate_token
from dari.accounts.models import TokenScope

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FAILURES_KEY = "api-token-failures:"
FAILURE_WINDOW = 600  # seconds


class TokenAuth(HttpBearer):
    """A personal access token. An `Authorization` header that is present but not a valid,
    active token is refused (401) instead of falling back to anonymous access, so a broken
    integration notices; a read-only token may not change anything (403)."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization")
        if not header:
            return None
        scheme, _sep, secret = header.partition(" ")
        if scheme.lower() != "bearer":
            raise HttpError(401, _("Use “Authorization: Bearer <token>” with a personal token."))
        return self.authenticate(request, secret.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        # Guessing is stopped per address, before the token is looked at: once stopped, a
        # right token from there is refused too, so the answer tells nothing of the guess.
        failures = FAILURES_KEY + client_address(request)
        if (caches["limits"].get(failures) or 0) >= settings.DARI_API_TOKEN_FAILURES:
            raise Throttled(wait=FAILURE_WINDOW)
        found = authenticate_token(token)
        if found is None:
            _count(failures, FAILURE_WINDOW)
            raise HttpError(401, _("Unknown or revoked token."))
        if request.method not in SAFE_METHODS and found.scope != TokenScope.WRITE:
            raise HttpError(403, _("This token is read-only; create one with write scope."))
        request.user = found.user
        request.access_token = found  # type: ignore[attr-defined]
        return found.user


PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _count(key: str, seconds: int) -> int:
    """Add one to the counter `key` (kept `seconds`) and return it."""
    if caches["limits"].add(key, 1, seconds + 1):
        return 1
    try:
        return int(caches["limits"].incr(key))
    except ValueError:  # expired in between
        caches["limits"].add(key, 1, seconds + 1)
        return 1


class CallerRateThrottle(BaseThrottle):
    """A request rate per caller (the token's or session's user, else the address), read from
    DARI_API_RATE ("600/m"; empty for none) at each request and counted per fixed window in
    the "limits" cache, which is each process's memory: with several worker processes a caller
    may reach the rate in each. Thread-safe: ninja shares one instance between requests, so
    the wait lives in a thread-local."""

    def __init__(self) -> None:
        self._local = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        self._local.wait = None
        rate = str(settings.DARI_API_RATE or "")
        if not rate:
            return True
        number, _sep, period = rate.partition("/")
        seconds = PERIODS[period[:1]]
        user = request.user
        ident = f"u{user.pk}" if user.is_authenticated else client_address(request)
        now = time.time()
        window = int(now // seconds)
        if _count(f"api-rate:{ident}:{window}", seconds) <= int(number):
            return True
        self._local.wait = (window + 1) * seconds - now
        return False

    def wait(self) -> float | None:
        return getattr(self._local, "wait", None)


def anonymous(request: HttpRequest) -> Any:
    """Let a caller without credentials through (as AnonymousUser, which is truthy)."""
    return request.user
