"""Personal access tokens for the API: a recognisable prefix and 256 random bits, shown once
and stored as their SHA-256 digest (a fast hash is enough for a secret of this entropy; no
password stretching needed). A token acts as its user, read-only unless it has write scope."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dari.accounts.domain.errors import AccountError
from dari.accounts.models import PersonalAccessToken, TokenScope, User

TOKEN_PREFIX = "dari_pat_"
# Recording every use would turn each read into a write; once a minute is enough to answer
# "is this token still used?".
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user: User, name: str, write: bool = False) -> tuple[PersonalAccessToken, str]:
    """A new token of `user` and its secret (the only time the secret exists in clear)."""
    label = name.strip()
    if not label:
        raise AccountError(_("Give the token a name."), field="name", code="required")
    if len(label) > 100:
        raise AccountError(
            _("The name is too long (at most 100 characters)."), field="name", code="too_long"
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = PersonalAccessToken.objects.create(
            user=user,
            name=label,
            prefix=secret[: len(TOKEN_PREFIX) + 6],
            digest=_digest(secret),
            scope=TokenScope.WRITE if write else TokenScope.READ,
        )
    return token, secret


def revoke_token(user: User, token_id: int) -> None:
    """Revoke one of the user's own tokens (a revoked token never works again)."""
    with transaction.atomic():
        updated = PersonalAccessToken.objects.filter(
            user=user, pk=token_id, revoked__isnull=True
        ).update(revoked=timezone.now())
    if not updated:
        raise AccountError(_("There is no such active token."), field="token", code="not_found")


def authenticate_token(secret: str) -> PersonalAccessToken | None:
    """The active token with this secret whose user is active, or None."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = (
        PersonalAccessToken.objects.select_related("user")
        .filter(digest=_digest(secret), revoked__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used is None or token.last_used < now - LAST_USED_RESOLUTION:
        # Bookkeeping, not a change of data: one column, at most once a minute per token,
        # written even for GETs (the no-GET-writes test excludes exactly `last_used`).
        PersonalAccessToken.objects.filter(pk=token.pk).filter(
            Q(last_used__isnull=True) | Q(last_used__lt=now - LAST_USED_RESOLUTION)
        ).update(last_used=now)
        token.last_used = now
    return token
