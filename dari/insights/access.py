"""Who reviews an open-innovation call: platform admins, the organisers of the call's
organising organisation, and its co-organisers (the organisers of a co-organising organisation,
or a person named as co-organiser). Only the owners change the co-organisers. A call without an
organising organisation is reviewed by platform admins (and its co-organisers) only."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from dari.directory.models import Program
from dari.insights.models import CallCoOrganizer


def _signed_in(user: Any) -> bool:
    return user is not None and bool(user.is_authenticated) and bool(user.is_active)


def owns_call(user: Any, call: Program) -> bool:
    """Whether `user` may review `call` and change its co-organisers."""
    if not _signed_in(user):
        return False
    if user.is_platform_admin:
        return True
    if not user.is_organiser:
        return False
    return call.organizer_id is not None and call.organizer_id == user.organization_id


def may_review(user: Any, call: Program) -> bool:
    """Whether `user` may read the applications of `call`, shortlist, decline and invite."""
    if owns_call(user, call):
        return True
    if not _signed_in(user):
        return False
    condition = Q(user=user)
    if user.is_organiser and user.organization_id is not None:
        condition |= Q(organization_id=user.organization_id)
    return CallCoOrganizer.objects.filter(condition, program=call).exists()
