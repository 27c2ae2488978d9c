"""Invitations of an e-mail address and the e-mail domains an organisation registers.

Both confirm membership only for a *verified* address: an invitation is accepted by a
signed-in user who verified the invited address; a domain confirms users who verified an
address there. Callers check who may act; these functions check the input and the state.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from dari.accounts.domain.audit import record_change
from dari.accounts.domain.errors import AccountError
from dari.accounts.domain.membership import do_confirm, verified_emails
from dari.accounts.models import (
    AuditAction,
    EmailDomain,
    Invitation,
    InvitationState,
    Membership,
    MembershipSource,
    User,
)

if TYPE_CHECKING:
    from dari.directory.models import Organization

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_TLD = re.compile(r"^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$")
# Anyone can have an address at these, so they never prove membership of anything.
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "yahoo.com",
        "icloud.com",
        "proton.me",
        "protonmail.com",
        "naver.com",
        "daum.net",
        "hanmail.net",
        "kakao.com",
        "nate.com",
    }
)


def normalise_domain(value: str) -> str:
    """`value` as a lower-case domain name (a leading @ allowed), or AccountError."""
    domain = value.strip().lower().removeprefix("@").rstrip(".")
    labels = domain.split(".")
    valid = (
        0 < len(domain) <= 253
        and len(labels) >= 2
        and all(_LABEL.match(label) for label in labels)
        and bool(_TLD.match(labels[-1]))
    )
    if not valid:
        raise AccountError(
            _("“%(domain)s” is not a valid domain name (for example: example.com).")
            % {"domain": value.strip()[:100]},
            field="domain",
            code="invalid_domain",
        )
    if domain in PUBLIC_MAIL_DOMAINS:
        raise AccountError(
            _("%(domain)s is a public e-mail service: anyone can have an address there.")
            % {"domain": domain},
            field="domain",
            code="public_domain",
        )
    return domain


def add_domain(organization: Organization, value: str, actor: Any) -> EmailDomain:
    """Register an e-mail domain for `organization` (a domain belongs to one organisation)."""
    domain = normalise_domain(value)
    with transaction.atomic():
        if EmailDomain.objects.filter(domain=domain).exists():
            raise AccountError(
                _("%(domain)s is already registered.") % {"domain": domain},
                field="domain",
                code="domain_taken",
            )
        entry = EmailDomain.objects.create(organization=organization, domain=domain)
        record_change(
            actor=actor,
            organization_id=organization.pk,
            action=AuditAction.DOMAIN_ADDED,
            object_type="domain",
            object_id=domain,
            label=domain,
            after={"domain": domain},
        )
    return entry


def remove_domain(organization: Organization, domain_id: int, actor: Any) -> None:
    """Unregister a domain; members confirmed through it stay members."""
    with transaction.atomic():
        entry = EmailDomain.objects.filter(organization=organization, pk=domain_id).first()
        if entry is None:
            raise AccountError(
                _("This domain is not registered for this organisation."),
                field="domain",
                code="unknown_domain",
            )
        record_change(
            actor=actor,
            organization_id=organization.pk,
            action=AuditAction.DOMAIN_REMOVED,
            object_type="domain",
            object_id=entry.domain,
            label=entry.domain,
            before={"domain": entry.domain},
        )
        entry.delete()


def invite_member(
    organization: Organization, email: str, actor: User, accept_url: str
) -> Invitation:
    """Invite an e-mail address to `organization` and tell its owner where to accept."""
    address = email.strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        raise AccountError(
            _("Enter a valid e-mail address."), field="email", code="invalid_email"
        ) from None
    with transaction.atomic():
        if User.objects.filter(
            organization=organization, emailaddress__email__iexact=address
        ).exists():
            raise AccountError(
                _("%(email)s is already a member of this organisation.") % {"email": address},
                field="email",
                code="already_member",
            )
        if Invitation.objects.filter(
            organization=organization, email=address, state=InvitationState.PENDING
        ).exists():
            raise AccountError(
                _("%(email)s is already invited.") % {"email": address},
                field="email",
                code="already_invited",
            )
        invitation = Invitation.objects.create(
            organization=organization, email=address, invited_by=actor
        )
        record_change(
            actor=actor,
            organization_id=organization.pk,
            action=AuditAction.MEMBER_INVITED,
            object_type="invitation",
            object_id=invitation.pk,
            label=address,
            after={"email": address, "state": InvitationState.PENDING},
        )
        # Sent after commit: a rolled-back invitation must not reach anyone.
        transaction.on_commit(
            lambda: send_mail(
                _("Invitation to join %(organization)s on Dari")
                % {"organization": organization.name},
                _(
                    "%(who)s invited you to join %(organization)s on Dari. Sign in (or sign up) "
                    "with this address, verify it, and accept the invitation on your account "
                    "page: %(url)s"
                )
                % {
                    "who": actor.get_username(),
                    "organization": organization.name,
                    "url": accept_url,
                },
                None,
                [address],
            )
        )
    return invitation


def revoke_invitation(organization: Organization, invitation_id: int, actor: User) -> None:
    """Withdraw a pending invitation."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .filter(organization=organization, pk=invitation_id, state=InvitationState.PENDING)
            .first()
        )
        if invitation is None:
            raise AccountError(
                _("This invitation is no longer pending."), field="invitation", code="not_pending"
            )
        invitation.state = InvitationState.REVOKED
        invitation.save(update_fields=["state"])
        record_change(
            actor=actor,
            organization_id=organization.pk,
            action=AuditAction.INVITATION_REVOKED,
            object_type="invitation",
            object_id=invitation.pk,
            label=invitation.email,
            before={"email": invitation.email, "state": InvitationState.PENDING},
            after={"email": invitation.email, "state": InvitationState.REVOKED},
        )


def invitations_for(user: User) -> list[Invitation]:
    """Pending invitations addressed to one of the user's verified addresses."""
    return list(
        Invitation.objects.select_related("organization")
        .filter(email__in=verified_emails(user), state=InvitationState.PENDING)
        .order_by("created", "pk")
    )


def accept_invitation(user: User, invitation_id: int) -> Membership:
    """Accept an invitation to a verified address of `user`: a confirmed membership."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("organization")
            .filter(
                pk=invitation_id,
                email__in=verified_emails(user),
                state=InvitationState.PENDING,
            )
            .first()
        )
        if invitation is None:
            # The same answer for another person's invitation and a missing one.
            raise AccountError(
                _("There is no pending invitation for a verified address of yours."),
                field="invitation",
                code="not_invited",
            )
        membership = do_confirm(user, invitation.organization, MembershipSource.INVITATION, user)
        invitation.state = InvitationState.ACCEPTED
        invitation.accepted_by = user
        invitation.save(update_fields=["state", "accepted_by"])
    return membership
