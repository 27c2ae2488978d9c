"""How API callers authenticate: a personal access token (`Authorization: Bearer …`), the
site's session, or nobody. Whichever, `request.user` is the user the access funnels judge, so
a token sees exactly what its user would see in a browser at that moment."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer

from dari.accounts.domain.tokens import authenticate_token
from dari.accounts.models import TokenScope

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


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
        found = authenticate_token(token)
        if found is None:
            raise HttpError(401, _("Unknown or revoked token."))
        if request.method not in SAFE_METHODS and found.scope != TokenScope.WRITE:
            raise HttpError(403, _("This token is read-only; create one with write scope."))
        request.user = found.user
        request.access_token = found  # type: ignore[attr-defined]
        return found.user


def anonymous(request: HttpRequest) -> Any:
    """Let a caller without credentials through (as AnonymousUser, which is truthy)."""
    return request.user
