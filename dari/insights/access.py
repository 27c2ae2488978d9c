"""Who reviews an open-innovation call: platform admins, the organisers of the call's
organising organisation, and its co-organisers (the organisers of a co-organising organisation,
or a person named as co-organiser). Only the owners change the co-organisers. A call without an
organising organisation is reviewed by platform admins (and its co-organisers) only."""

from __future__ import annotations

from typing import Any

from dari.accounts.access import co_organizer_condition, organises_for, signed_in
from dari.directory.models import Program
from dari.insights.models import CallCoOrganizer


def owns_call(user: Any, call: Program) -> bool:
    """Whether `user` may review `call` and change its co-organisers."""
    return organises_for(user, call.organizer_id)


def may_review(user: Any, call: Program) -> bool:
    """Whether `user` may read the applications of `call`, shortlist, decline and invite."""
    if owns_call(user, call):
        return True
    if not signed_in(user):
        return False
    return CallCoOrganizer.objects.filter(co_organizer_condition(user), program=call).exists()
