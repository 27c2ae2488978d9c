"""Co-organisers of an open-innovation call: organisations (their organisers) or people the
call's organiser lets review it. Only the owners change them (`insights.access.owns_call`)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from dari.directory.models import Program
from dari.events.domain.organisers import named_co_organizer
from dari.insights.access import owns_call
from dari.insights.domain.errors import CallError
from dari.insights.models import CallCoOrganizer


def _check_owner(user: Any, call: Program) -> None:
    if not owns_call(user, call):
        raise CallError(
            _("Only the call's own organisers can change its co-organisers."), code="forbidden"
        )


@transaction.atomic
def add_call_co_organizer(
    user: Any, call: Program, organization_id: str = "", username: str = ""
) -> CallCoOrganizer:
    """Name an organisation (by id) or a person (by login name) as co-organiser of `call`."""
    _check_owner(user, call)
    named = named_co_organizer(organization_id, username, call.organizer_id, CallError)
    row, _created = CallCoOrganizer.objects.get_or_create(program=call, **named)
    return row


@transaction.atomic
def remove_call_co_organizer(user: Any, call: Program, co_organizer_id: int) -> None:
    """Remove one co-organiser of `call`."""
    _check_owner(user, call)
    deleted, _rows = CallCoOrganizer.objects.filter(program=call, pk=co_organizer_id).delete()
    if not deleted:
        raise CallError(_("No such co-organiser."), code="not_found")
