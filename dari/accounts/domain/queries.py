"""Read models of accounts for pages, API and commands (reads only, no writes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dari.accounts.models import (
    LIVE_MEMBERSHIP_STATES,
    AuditEntry,
    EmailDomain,
    Invitation,
    InvitationState,
    Membership,
    MembershipState,
    PersonalAccessToken,
    User,
)

if TYPE_CHECKING:
    from dari.directory.models import Organization


def current_membership(user: User) -> Membership | None:
    """The user's live membership (requested or confirmed), else the latest one."""
    memberships = Membership.objects.select_related("organization").filter(user=user)
    live = memberships.filter(state__in=LIVE_MEMBERSHIP_STATES).first()
    return live or memberships.order_by("-changed", "-pk").first()


def membership_state(user: User) -> str | None:
    """requested, confirmed, declined, removed, or None (never asked)."""
    membership = current_membership(user)
    return membership.state if membership is not None else None


def tokens_of(user: User) -> list[PersonalAccessToken]:
    return list(PersonalAccessToken.objects.filter(user=user).order_by("-created", "-pk"))


@dataclass
class OrganizationAdminPage:
    """What an organisation's admins manage: requests, invitations, domains, members, and
    the audit trail of the organisation."""

    requests: list[Membership]
    invitations: list[Invitation]
    domains: list[EmailDomain]
    members: list[User]
    audit: list[AuditEntry]


AUDIT_SHOWN = 200


def organization_admin_page(organization: Organization) -> OrganizationAdminPage:
    return OrganizationAdminPage(
        requests=list(
            Membership.objects.select_related("user")
            .filter(organization=organization, state=MembershipState.REQUESTED)
            .order_by("created", "pk")
        ),
        invitations=list(
            Invitation.objects.filter(organization=organization, state=InvitationState.PENDING)
            .select_related("invited_by")
            .order_by("created", "pk")
        ),
        domains=list(EmailDomain.objects.filter(organization=organization).order_by("domain")),
        members=list(User.objects.filter(organization=organization).order_by("username")),
        audit=list(
            AuditEntry.objects.filter(organization=organization)
            .select_related("organization")
            .order_by("-at", "-pk")[:AUDIT_SHOWN]
        ),
    )
