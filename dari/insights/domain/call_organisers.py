"""Co-organisers of an open-innovation call: organisations (their organisers) or people the
call's organiser lets review it. Only the owners change them (`insights.access.owns_call`)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from dari.accounts.models import User
from dari.directory.models import Organization, Program
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
    organization_id, username = organization_id.strip(), username.strip()
    if bool(organization_id) == bool(username):
        raise CallError(_("Name either an organisation or a person."), field="organization")
    if organization_id:
        organization = Organization.objects.filter(pk=organization_id).first()
        if organization is None:
            raise CallError(
                _("There is no organisation %(id)r.") % {"id": organization_id},
                field="organization",
                code="not_found",
            )
        row, _created = CallCoOrganizer.objects.get_or_create(
            program=call, organization=organization
        )
        return row
    person = User.objects.filter(username=username, is_active=True).first()
    if person is None:
        raise CallError(
            _("There is no person with the login %(name)r.") % {"name": username},
            field="username",
            code="not_found",
        )
    row, _created = CallCoOrganizer.objects.get_or_create(program=call, user=person)
    return row


@transaction.atomic
def remove_call_co_organizer(user: Any, call: Program, co_organizer_id: int) -> None:
    """Remove one co-organiser of `call`."""
    _check_owner(user, call)
    deleted, _rows = CallCoOrganizer.objects.filter(program=call, pk=co_organizer_id).delete()
    if not deleted:
        raise CallError(_("No such co-organiser."), code="not_found")
