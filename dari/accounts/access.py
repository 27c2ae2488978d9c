"""Who counts as a vetted member, and who administers an organisation: the membership
predicates every access rule starts from (`dari/directory/access.py` builds the asset funnel on
them, `dari/events/access.py` the event rules).

Anyone who is not a vetted member sees exactly what an anonymous visitor sees.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef, Q, QuerySet

from dari.accounts.models import Membership, MembershipState, Role, User


def _vetted_in_database(user: Any) -> bool:
    """One query: a verified e-mail address, and a confirmed Membership of the organisation
    `User.organization` names (so an organisation set by hand, bypassing the membership
    functions, opens nothing). Asked once per user object: a request's user is loaded afresh
    for every request, so a change shows with the next one."""
    cached = getattr(user, "_dari_vetted", None)
    if cached is not None and cached[0] == user.organization_id:
        return bool(cached[1])
    vetted = EmailAddress.objects.filter(
        user_id=user.pk,
        verified=True,
        user__memberships__state=MembershipState.CONFIRMED,
        user__memberships__organization_id=user.organization_id,
    ).exists()
    user._dari_vetted = (user.organization_id, vetted)
    return vetted


def _vetted_member() -> Q:
    """`_vetted_in_database` as a condition on users: a verified e-mail address and a
    confirmed Membership of the organisation `User.organization` names."""
    verified = EmailAddress.objects.filter(user_id=OuterRef("pk"), verified=True)
    confirmed = Membership.objects.filter(
        user_id=OuterRef("pk"),
        organization_id=OuterRef("organization_id"),
        state=MembershipState.CONFIRMED,
    )
    return Q(organization__isnull=False) & Exists(verified) & Exists(confirmed)


def vetted_members(organization_ids: list[str]) -> QuerySet[User]:
    """The vetted members of the organisations, as one query: active, a verified e-mail
    address and a confirmed Membership of the organisation `User.organization` names (the
    rule of `sees_members_assets`, for many people at once: recipients of a notice)."""
    return User.objects.filter(
        _vetted_member(), organization_id__in=organization_ids, is_active=True
    )


def vetted_users() -> QuerySet[User]:
    """Everyone `sees_members_assets` admits, as one query to filter lists by (a subquery):
    active platform admins, and active vetted members (`_vetted_member`)."""
    admin = Q(is_superuser=True) | Q(role=Role.PLATFORM_ADMIN)
    return User.objects.filter(admin | _vetted_member(), is_active=True)


def sees_members_assets(user: Any) -> bool:
    """THE "vetted member" predicate: signed in, active, e-mail verified and a confirmed
    member of an organisation (platform admins too). Anyone else sees exactly what an
    anonymous visitor sees. Code that uses assets as evidence outside a queryset (the
    recommender's shared index) and the event rules (registration, directory, meeting
    requests) ask this, so they follow the same rule as the queries."""
    if not signed_in(user):
        return False
    if user.is_platform_admin:
        return True
    if user.organization_id is None:  # mirrors the confirmed Membership only
        return False
    return _vetted_in_database(user)


def may_administer(user: Any, organization_id: str | None) -> bool:
    """Whether `user` (anonymous, inactive or a member) may edit the organisation and its
    assets: the one check behind edit links, edit pages and `access_asset(..., "edit")`."""
    return sees_members_assets(user) and bool(user.administers(organization_id))


def signed_in(user: Any) -> bool:
    """Whether `user` is a signed-in, active account (any state of membership)."""
    return user is not None and bool(user.is_authenticated) and bool(user.is_active)


def organises_for(user: Any, organization_id: str | None) -> bool:
    """Whether `user` runs events and calls of the organisation `organization_id`: a platform
    admin, or an organiser confirmed in that organisation. Nobody organises for None. An
    organiser's powers need what every member power needs (`sees_members_assets`): a verified
    e-mail address and a confirmed membership."""
    if not signed_in(user):
        return False
    if user.is_platform_admin:
        return True
    if not user.is_organiser:
        return False
    if organization_id is None or organization_id != user.organization_id:
        return False
    return sees_members_assets(user)


def co_organizer_condition(user: Any) -> Q:
    """Co-organiser rows (of events or calls) that name `user` as a person, or, for an
    organiser, their organisation."""
    condition = Q(user=user)
    if user.is_organiser and user.organization_id is not None:
        condition |= Q(organization_id=user.organization_id)
    return condition
