"""Who owns an open-innovation call: platform admins, the organisers of the call's organising
organisation and that organisation's own admins. The owners create calls for the organisation,
review them and change their co-organisers; co-organisers (the organisers of a co-organising
organisation, or a person named as co-organiser) review too. A call without an organising
organisation is owned by platform admins only."""

from __future__ import annotations

from typing import Any

from dari.accounts.access import (
    co_organizer_condition,
    may_administer,
    organises_for,
    sees_members_assets,
    signed_in,
)
from dari.core.names import local_name
from dari.directory.models import Organization, Program
from dari.insights.models import CallCoOrganizer


def owns_call(user: Any, call: Program) -> bool:
    """Whether `user` may review `call` and change its co-organisers."""
    return may_create_call(user, call.organizer_id)


def may_review(user: Any, call: Program) -> bool:
    """Whether `user` may read the applications of `call`, shortlist, decline and invite."""
    if owns_call(user, call):
        return True
    # A co-organiser, like an organiser, needs a verified address and a confirmed membership.
    if not sees_members_assets(user):
        return False
    return CallCoOrganizer.objects.filter(co_organizer_condition(user), program=call).exists()


def may_apply(user: Any) -> bool:
    """Whether `user` may apply to calls for their organisation and read its applications: a
    vetted member of one (a verified address and a confirmed membership), as for every power
    that speaks for the organisation."""
    return sees_members_assets(user) and user.organization_id is not None


def may_create_call(user: Any, organization_id: str | None) -> bool:
    """Whether `user` owns the calls of `organization_id`: may create, review and change them
    (None: no organiser, platform admins only)."""
    return organises_for(user, organization_id) or (
        organization_id is not None and may_administer(user, organization_id)
    )


def may_create_calls(user: Any) -> bool:
    """Whether `user` may create any call (the "New call" link): for their own organisation,
    or any organisation for a platform admin."""
    return signed_in(user) and may_create_call(user, user.organization_id)


def call_organizer_choices(user: Any) -> list[tuple[str, str]]:
    """The organisations `user` may name as a call's organiser: every organisation for a
    platform admin, else their own (when they may create calls for it)."""
    if not signed_in(user):
        return []
    organisations = Organization.objects.only("pk", "name", "name_ko")
    if not user.is_platform_admin:
        if not may_create_call(user, user.organization_id):
            return []
        organisations = organisations.filter(pk=user.organization_id)
    return sorted(((o.pk, local_name(o)) for o in organisations), key=lambda c: c[1])
