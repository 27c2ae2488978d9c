"""Where sign-in meets the account rules: the database-backed sign-in limits for allauth's
form, the Django admin's form and any other `authenticate()` call; membership by e-mail
domain when an address is verified."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.http import HttpRequest
from django.utils.translation import gettext

from dari.accounts.domain.errors import AccountError
from dari.accounts.domain.login_limits import check_login_allowed, record_login_failure
from dari.accounts.domain.membership import confirm_by_domain

_LOCKED = "_dari_login_locked"


def client_address(request: HttpRequest | None) -> str:
    """The address the request came from (behind a proxy, set REMOTE_ADDR from it there)."""
    if request is None:
        return ""
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


def _login(credentials: dict[str, Any]) -> str:
    return str(credentials.get("username") or credentials.get("email") or "")


def _check(request: HttpRequest | None, login: str) -> None:
    try:
        check_login_allowed(login, client_address(request))
    except AccountError:
        if request is not None:
            setattr(request, _LOCKED, True)
        raise


class LoginLimitBackend(ModelBackend):
    """First authentication backend: refuses every credential for a locked account or address,
    so no sign-in path (forms, admin, anything calling `authenticate`) gets around the limits.
    It authenticates nothing itself; it loads the session's user like ModelBackend because
    Django names the first backend in sessions made by `login()` without one."""

    def authenticate(  # type: ignore[override]
        self, request: HttpRequest | None, **credentials: Any
    ) -> None:
        try:
            _check(request, _login(credentials))
        except AccountError:
            raise PermissionDenied from None
        return None


def count_login_failure(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """`user_login_failed` receiver: a refusal because of the lock is not counted again."""
    if request is not None and getattr(request, _LOCKED, False):
        return
    record_login_failure(_login(credentials), client_address(request))


def join_by_domain(sender: Any, request: HttpRequest, email_address: Any, **kwargs: Any) -> None:
    """`email_confirmed` receiver: a verified address at a registered domain confirms."""
    try:
        confirm_by_domain(email_address.user)
    except AccountError:
        pass


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter with Dari's sign-in limits (shared by all processes) in place of
    allauth's own, which live in each process's cache."""

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        try:
            _check(request, _login(credentials))
        except AccountError as exc:
            raise forms.ValidationError(exc.message, code=exc.code) from None
        super().pre_authenticate(request, **credentials)

    # allauth names the site by the host serving it ("Hello from dari.example.org!",
    # "[127.0.0.1:8000] ..."); people know it as Dari. The links keep the real host.
    def format_email_subject(self, subject: str) -> str:
        return f"[{gettext('Dari')}] {subject}"

    def render_mail(
        self,
        template_prefix: str,
        email: str | list[str],
        context: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> EmailMessage:
        site = context.get("current_site")
        if site is not None:
            named = SimpleNamespace(name=gettext("Dari"), domain=site.domain)
            context = {**context, "current_site": named}
        return super().render_mail(template_prefix, email, context, headers)


class LimitedAdminAuthenticationForm(AdminAuthenticationForm):
    """The Django admin's sign-in form, refusing with a clear message while locked."""

    def clean(self) -> dict[str, Any]:
        try:
            _check(self.request, str(self.data.get("username", "")))
        except AccountError as exc:
            raise forms.ValidationError(exc.message, code=exc.code) from None
        return super().clean()
