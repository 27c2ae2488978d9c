"""Membership of an organisation: a join request approved or declined by its admins, an
invitation accepted, a verified address at a registered domain, or a platform admin's word.
Removal takes access away at once. Every change is audited in its own transaction.

`User.organization` mirrors the one confirmed membership and is written only here. Callers
check who may act (`may_administer`, `is_platform_admin`); these functions check the state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils.translation import gettext as _

from dari.accounts.domain.audit import record_change
from dari.accounts.domain.errors import AccountError
from dari.accounts.models import (
    LIVE_MEMBERSHIP_STATES,
    AuditAction,
    EmailDomain,
    Membership,
    MembershipSource,
    MembershipState,
    Role,
    User,
)

if TYPE_CHECKING:
    from dari.directory.models import Organization


def verified_emails(user: User) -> list[str]:
    """The user's verified e-mail addresses, lower-cased."""
    return sorted(
        {
            e.lower()
            for e in EmailAddress.objects.filter(user=user, verified=True).values_list(
                "email", flat=True
            )
        }
    )


def _live_membership(user: User) -> Membership | None:
    return (
        Membership.objects.select_for_update()
        .select_related("organization", "user")
        .filter(user=user, state__in=LIVE_MEMBERSHIP_STATES)
        .first()
    )


def _audit_membership(
    actor: Any, membership: Membership, action: str, before: str | None, after: str | None
) -> None:
    record_change(
        actor=actor,
        organization_id=membership.organization_id,
        action=action,
        object_type="membership",
        object_id=membership.user.pk,
        label=membership.user.get_username(),
        before={"state": before} if before else None,
        after={"state": after, "source": membership.source} if after else None,
    )


def _set_role(user: User, role: str, actor: Any, organization_id: str | None) -> None:
    if user.role == role:
        return
    record_change(
        actor=actor,
        organization_id=organization_id,
        action=AuditAction.ROLE_CHANGED,
        object_type="user",
        object_id=user.pk,
        label=user.get_username(),
        before={"role": user.role},
        after={"role": role},
    )
    user.role = role
    user.save(update_fields=["role"])


def _refuse_unverified(user: User) -> None:
    if not verified_emails(user):
        raise AccountError(
            _("Verify your e-mail address first."), field="email", code="email_unverified"
        )


def do_confirm(user: User, organization: Organization, source: str, actor: Any) -> Membership:
    """Make `user` a confirmed member of `organization` (closing a request elsewhere)."""
    with transaction.atomic():
        live = _live_membership(user)
        if live is not None and live.state == MembershipState.CONFIRMED:
            if live.organization_id == organization.pk:
                return live
            raise AccountError(
                _("%(user)s is already a member of %(organization)s.")
                % {"user": user.get_username(), "organization": live.organization.name},
                field="user",
                code="already_member",
            )
        if live is not None and live.organization_id != organization.pk:
            live.state = MembershipState.DECLINED
            live.changed_by = actor if getattr(actor, "is_authenticated", False) else None
            live.save(update_fields=["state", "changed_by", "changed"])
            _audit_membership(
                actor,
                live,
                AuditAction.MEMBERSHIP_DECLINED,
                MembershipState.REQUESTED,
                MembershipState.DECLINED,
            )
            live = None
        before = live.state if live is not None else None
        membership = live or Membership(user=user, organization=organization)
        membership.state = MembershipState.CONFIRMED
        membership.source = source
        membership.changed_by = actor if getattr(actor, "is_authenticated", False) else None
        membership.save()
        user.organization = organization
        user.save(update_fields=["organization"])
        _audit_membership(
            actor, membership, AuditAction.MEMBERSHIP_CONFIRMED, before, MembershipState.CONFIRMED
        )
    return membership


def _domain_match(user: User, organization: Organization | None = None) -> EmailDomain | None:
    domains = {e.rsplit("@", 1)[-1] for e in verified_emails(user)}
    found = EmailDomain.objects.select_related("organization").filter(domain__in=domains)
    if organization is not None:
        found = found.filter(organization=organization)
    return found.order_by("domain").first()


def confirm_by_domain(user: User) -> Membership | None:
    """Confirm `user` at the organisation that registered the domain of one of their verified
    addresses, if they are no confirmed member yet; None if no domain matches."""
    if user.organization_id is not None:
        return None
    match = _domain_match(user)
    if match is None:
        return None
    return do_confirm(user, match.organization, MembershipSource.DOMAIN, actor=user)


def request_membership(user: User, organization: Organization) -> Membership:
    """Ask to join `organization`: confirmed at once by a registered domain, else pending."""
    _refuse_unverified(user)
    match = _domain_match(user, organization)
    if match is not None:
        return do_confirm(user, organization, MembershipSource.DOMAIN, actor=user)
    with transaction.atomic():
        live = _live_membership(user)
        if live is not None:
            raise AccountError(
                _("You are already a member of %(organization)s.")
                % {"organization": live.organization.name}
                if live.state == MembershipState.CONFIRMED
                else _("You already asked to join %(organization)s: withdraw that request first.")
                % {"organization": live.organization.name},
                field="organization",
                code="already_member" if live.state == MembershipState.CONFIRMED else "pending",
            )
        membership = Membership.objects.create(
            user=user, organization=organization, state=MembershipState.REQUESTED, changed_by=user
        )
        _audit_membership(
            user, membership, AuditAction.MEMBERSHIP_REQUESTED, None, MembershipState.REQUESTED
        )
    return membership


def _pending(organization: Organization, membership_id: int) -> Membership:
    membership = (
        Membership.objects.select_for_update()
        .select_related("user")
        .filter(pk=membership_id, organization=organization, state=MembershipState.REQUESTED)
        .first()
    )
    if membership is None:
        raise AccountError(
            _("This join request is no longer pending."), field="request", code="not_pending"
        )
    return membership


def withdraw_request(user: User) -> None:
    """Withdraw the user's own pending join request (audited as declined by themselves)."""
    with transaction.atomic():
        live = _live_membership(user)
        if live is None or live.state != MembershipState.REQUESTED:
            raise AccountError(
                _("You have no pending join request."), field="request", code="not_pending"
            )
        live.state = MembershipState.DECLINED
        live.changed_by = user
        live.save(update_fields=["state", "changed_by", "changed"])
        _audit_membership(
            user,
            live,
            AuditAction.MEMBERSHIP_DECLINED,
            MembershipState.REQUESTED,
            MembershipState.DECLINED,
        )


def approve_request(organization: Organization, membership_id: int, actor: User) -> Membership:
    """An admin of `organization` approves a pending join request."""
    with transaction.atomic():
        membership = _pending(organization, membership_id)
        return do_confirm(membership.user, organization, MembershipSource.REQUEST, actor)


def decline_request(organization: Organization, membership_id: int, actor: User) -> Membership:
    """An admin of `organization` declines a pending join request."""
    with transaction.atomic():
        membership = _pending(organization, membership_id)
        membership.state = MembershipState.DECLINED
        membership.changed_by = actor
        membership.save(update_fields=["state", "changed_by", "changed"])
        _audit_membership(
            actor,
            membership,
            AuditAction.MEMBERSHIP_DECLINED,
            MembershipState.REQUESTED,
            MembershipState.DECLINED,
        )
    return membership


def confirm_membership(user: User, organization: Organization, actor: User) -> Membership:
    """A platform admin confirms `user` at `organization` (the caller checks the role)."""
    return do_confirm(user, organization, MembershipSource.PLATFORM_ADMIN, actor)


def remove_member(organization: Organization, user_id: int, actor: User) -> User:
    """Remove a confirmed member: access ends with the next request. An organisation role
    (organisation admin, organiser) goes with the membership."""
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update()
            .select_related("user")
            .filter(user_id=user_id, organization=organization, state=MembershipState.CONFIRMED)
            .first()
        )
        if membership is None:
            raise AccountError(
                _("This person is not a member of this organisation."),
                field="member",
                code="not_member",
            )
        user = membership.user
        membership.state = MembershipState.REMOVED
        membership.changed_by = actor
        membership.save(update_fields=["state", "changed_by", "changed"])
        _audit_membership(
            actor,
            membership,
            AuditAction.MEMBERSHIP_REMOVED,
            MembershipState.CONFIRMED,
            MembershipState.REMOVED,
        )
        if user.role in (Role.ORG_ADMIN, Role.ORGANISER):
            _set_role(user, Role.MEMBER, actor, organization.pk)
        user.organization = None
        user.save(update_fields=["organization"])
    return user


def set_role(user: User, role: str, actor: Any) -> None:
    """Change a user's role (audited for the user's organisation)."""
    if role not in Role.values:
        raise AccountError(_("Choose a valid role."), field="role", code="invalid_role")
    with transaction.atomic():
        _set_role(user, role, actor, user.organization_id)


ORGANISATION_ROLES = (Role.MEMBER, Role.ORG_ADMIN)


def set_member_role(organization: Organization, user_id: int, role: str, actor: User) -> User:
    """An organisation admin makes a confirmed member an admin or a plain member (other roles
    are the platform's to give)."""
    if role not in ORGANISATION_ROLES:
        raise AccountError(_("Choose a valid role."), field="role", code="invalid_role")
    with transaction.atomic():
        user = (
            User.objects.select_for_update().filter(pk=user_id, organization=organization).first()
        )
        if user is None:
            raise AccountError(
                _("This person is not a member of this organisation."),
                field="member",
                code="not_member",
            )
        if user.role not in ORGANISATION_ROLES:
            raise AccountError(
                _("Only a platform admin can change this person's role."),
                field="role",
                code="platform_role",
            )
        _set_role(user, role, actor, organization.pk)
    return user
