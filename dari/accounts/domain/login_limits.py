"""Sign-in limits per account and per client address, counted in the database so that every
web process (several gunicorn workers, several hosts) shares them. Used by the sign-in form
(allauth), the Django admin's sign-in and, as a last guard, an authentication backend."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dari.accounts.domain.errors import AccountError
from dari.accounts.models import LoginFailure, User


def _limits() -> tuple[int, int, dt.timedelta]:
    per_account = getattr(settings, "DARI_LOGIN_FAILURES_PER_ACCOUNT", 5)
    per_address = getattr(settings, "DARI_LOGIN_FAILURES_PER_ADDRESS", 20)
    window = dt.timedelta(seconds=getattr(settings, "DARI_LOGIN_FAILURE_WINDOW", 300))
    return per_account, per_address, window


def account_key(login: str | None) -> str:
    """One key per account whichever way it is named (user name or e-mail address); a login
    that names no account is counted under its own text, so trying does not tell the two
    apart."""
    text = (login or "").strip().lower()[:150]
    user = (
        User.objects.filter(Q(username__iexact=text) | Q(email__iexact=text)).order_by("pk").first()
        if text
        else None
    )
    return f"user:{user.pk}" if user is not None else f"login:{text}"


def check_login_allowed(login: str | None, address: str | None) -> None:
    """AccountError if the account or the address failed too often within the window."""
    per_account, per_address, window = _limits()
    since = timezone.now() - window
    recent = LoginFailure.objects.filter(at__gt=since)
    locked = recent.filter(account=account_key(login)).count() >= per_account
    locked = locked or recent.filter(address=address or "").count() >= per_address
    if locked:
        raise AccountError(
            _(
                "Too many failed sign-ins for this account or from this address. "
                "Try again in %(minutes)d minutes."
            )
            % {"minutes": max(1, round(window.total_seconds() / 60))},
            field="login",
            code="too_many_attempts",
        )


def record_login_failure(login: str | None, address: str | None) -> None:
    """Count one failed sign-in (and forget those older than the window)."""
    *_counts, window = _limits()
    now = timezone.now()
    with transaction.atomic():
        LoginFailure.objects.filter(at__lt=now - window).delete()
        LoginFailure.objects.create(account=account_key(login), address=address or "", at=now)
