"""The account page (membership, invitations, tokens, time zone) and an organisation's
members page (join requests, invitations, e-mail domains, members, audit trail).

Thin views: every change is a POST (CSRF-protected) naming an `action`; each calls one domain
function; a refusal (AccountError) is shown on its field or as a message. GETs only read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from dari.accounts.access import may_administer, sees_members_assets
from dari.accounts.domain import invitations, membership, tokens
from dari.accounts.domain.errors import AccountError
from dari.accounts.domain.profile import set_timezone
from dari.accounts.domain.queries import (
    current_membership,
    organization_admin_page,
    tokens_of,
)
from dari.accounts.models import User
from dari.core.names import local_name
from dari.directory.models import Organization
from dari.web.account_forms import (
    ConfirmUserForm,
    DomainForm,
    InviteForm,
    JoinForm,
    TokenForm,
    put_error,
)
from dari.web.forms import TimezoneForm
from dari.web.views import NO_ORGANIZATION


def _int(value: str | None) -> int:
    return int(value) if value and value.isascii() and value.isdecimal() and len(value) < 12 else -1


# The account page ------------------------------------------------------------------------------


def _me_page(request: HttpRequest, status: int = 200, **forms: Any) -> HttpResponse:
    user = request.user
    context = {
        "form": forms.get("form") or TimezoneForm(initial={"timezone": user.timezone}),  # type: ignore[union-attr]
        "join_form": forms.get("join_form") or JoinForm(),
        "token_form": forms.get("token_form") or TokenForm(),
        "new_token": forms.get("new_token"),
        "membership": current_membership(user),  # type: ignore[arg-type]
        "vetted": sees_members_assets(user),
        "invitations": invitations.invitations_for(user),  # type: ignore[arg-type]
        "tokens": tokens_of(user),  # type: ignore[arg-type]
    }
    return render(request, "web/me.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def me(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _me_page(request)
    user: Any = request.user
    action = request.POST.get("action", "timezone")
    try:
        if action == "timezone":
            form = TimezoneForm(request.POST)
            if not form.is_valid():
                return _me_page(request, 200, form=form)
            set_timezone(user, form.cleaned_data["timezone"])
            messages.success(request, _("Your time zone was saved."))
        elif action == "join":
            join_form = JoinForm(request.POST)
            if not join_form.is_valid():
                return _me_page(request, 200, join_form=join_form)
            try:
                joined = membership.request_membership(user, join_form.cleaned_data["organization"])
            except AccountError as exc:
                put_error(join_form, exc)
                return _me_page(request, 200, join_form=join_form)
            done = (
                _("You are now a confirmed member of %(organization)s.")
                if joined.state == "confirmed"
                else _("Your request to join %(organization)s was sent to its admins.")
            )
            messages.success(request, done % {"organization": local_name(joined.organization)})
        elif action == "withdraw":
            membership.withdraw_request(user)
            messages.success(request, _("Your join request was withdrawn."))
        elif action == "accept":
            joined = invitations.accept_invitation(user, _int(request.POST.get("id")))
            messages.success(
                request,
                _("You are now a confirmed member of %(organization)s.")
                % {"organization": local_name(joined.organization)},
            )
        elif action == "token-create":
            token_form = TokenForm(request.POST)
            if not token_form.is_valid():
                return _me_page(request, 200, token_form=token_form)
            token, secret = tokens.create_token(
                user, token_form.cleaned_data["name"], write=token_form.cleaned_data["write"]
            )
            # Rendered, not redirected: the secret is shown this once and stored nowhere.
            return _me_page(request, new_token={"token": token, "secret": secret})
        elif action == "token-revoke":
            tokens.revoke_token(user, _int(request.POST.get("id")))
            messages.success(request, _("The token was revoked."))
        else:
            messages.error(request, _("Unknown action."))
    except AccountError as exc:
        messages.error(request, exc.message)
    return redirect("web:me")


# An organisation's members ---------------------------------------------------------------------


def _members_page(
    request: HttpRequest, org: Organization, status: int = 200, **forms: Any
) -> HttpResponse:
    context = {
        "org": org,
        "page": organization_admin_page(org),
        "invite_form": forms.get("invite_form") or InviteForm(),
        "domain_form": forms.get("domain_form") or DomainForm(),
        "confirm_form": forms.get("confirm_form") or ConfirmUserForm(),
    }
    return render(request, "web/organizations/members.html", context, status=status)


def _invite(request: HttpRequest, org: Organization) -> HttpResponse | None:
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invitations.invite_member(
                org,
                form.cleaned_data["email"],
                request.user,  # type: ignore[arg-type]
                request.build_absolute_uri(reverse("web:me")),
            )
            messages.success(request, _("The invitation was sent."))
            return None
        except AccountError as exc:
            put_error(form, exc)
    return _members_page(request, org, 200, invite_form=form)


def _add_domain(request: HttpRequest, org: Organization) -> HttpResponse | None:
    form = DomainForm(request.POST)
    if form.is_valid():
        try:
            invitations.add_domain(org, form.cleaned_data["domain"], request.user)
            messages.success(request, _("The domain was registered."))
            return None
        except AccountError as exc:
            put_error(form, exc)
    return _members_page(request, org, 200, domain_form=form)


def _confirm_user(request: HttpRequest, org: Organization) -> HttpResponse | None:
    """A platform admin confirms any user (organisation admins use requests and invitations)."""
    form = ConfirmUserForm(request.POST)
    if not getattr(request.user, "is_platform_admin", False):
        raise Http404(NO_ORGANIZATION)
    if form.is_valid():
        user = User.objects.filter(username=form.cleaned_data["username"]).first()
        if user is None:
            form.add_error("username", _("There is no user with this name."))
        else:
            try:
                membership.confirm_membership(user, org, request.user)  # type: ignore[arg-type]
                messages.success(request, _("The member was confirmed."))
                return None
            except AccountError as exc:
                put_error(form, exc)
    return _members_page(request, org, 200, confirm_form=form)


_BUTTONS: dict[str, tuple[Callable[[Organization, int, Any], Any], Any]] = {
    "approve": (membership.approve_request, gettext_lazy("The request was approved.")),
    "decline": (membership.decline_request, gettext_lazy("The request was declined.")),
    "remove": (membership.remove_member, gettext_lazy("The member was removed.")),
    "revoke": (invitations.revoke_invitation, gettext_lazy("The invitation was revoked.")),
    "remove-domain": (invitations.remove_domain, gettext_lazy("The domain was removed.")),
}


@login_required
@require_http_methods(["GET", "POST"])
def organization_members(request: HttpRequest, org_id: str) -> HttpResponse:
    if not may_administer(request.user, org_id):
        raise Http404(NO_ORGANIZATION)
    org = get_object_or_404(Organization, pk=org_id)
    if request.method != "POST":
        return _members_page(request, org)
    action = request.POST.get("action", "")
    if action == "invite":
        refused = _invite(request, org)
    elif action == "add-domain":
        refused = _add_domain(request, org)
    elif action == "confirm-user":
        refused = _confirm_user(request, org)
    elif action == "role":
        refused = None
        try:
            membership.set_member_role(
                org,
                _int(request.POST.get("id")),
                request.POST.get("role", ""),
                request.user,  # type: ignore[arg-type]
            )
            messages.success(request, _("The role was changed."))
        except AccountError as exc:
            messages.error(request, exc.message)
    elif action in _BUTTONS:
        function, done = _BUTTONS[action]
        refused = None
        try:
            function(org, _int(request.POST.get("id")), request.user)
            messages.success(request, done)
        except AccountError as exc:
            messages.error(request, exc.message)
    else:
        refused = None
        messages.error(request, _("Unknown action."))
    return refused or redirect("web:organization-members", org_id=org.pk)
