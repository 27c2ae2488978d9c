"""Co-organisers of an event: organisations (their organisers) or people the owning organiser
lets manage the event. Only the owners change them (`dari.events.access.owns_event`)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from dari.accounts.models import User
from dari.directory.models import Organization
from dari.events.access import owns_event
from dari.events.domain.errors import EventError
from dari.events.models import CoOrganizer, Event


def _check_owner(user: Any, event: Event) -> None:
    if not owns_event(user, event):
        raise EventError(
            _("Only the event's own organisers can change its co-organisers."), code="forbidden"
        )


@transaction.atomic
def add_co_organizer(
    user: Any, event: Event, organization_id: str = "", username: str = ""
) -> CoOrganizer:
    """Name an organisation (by id) or a person (by login name) as co-organiser of `event`."""
    _check_owner(user, event)
    organization_id, username = organization_id.strip(), username.strip()
    if bool(organization_id) == bool(username):
        raise EventError(_("Name either an organisation or a person."), field="organization")
    if organization_id:
        organization = Organization.objects.filter(pk=organization_id).first()
        if organization is None:
            raise EventError(
                _("There is no organisation %(id)r.") % {"id": organization_id},
                field="organization",
                code="not_found",
            )
        if organization.pk == event.organizer_id:
            raise EventError(
                _("This organisation already organises the event."), field="organization"
            )
        row, _created = CoOrganizer.objects.get_or_create(event=event, organization=organization)
        return row
    person = User.objects.filter(username=username, is_active=True).first()
    if person is None:
        raise EventError(
            _("There is no person with the login %(name)r.") % {"name": username},
            field="username",
            code="not_found",
        )
    row, _created = CoOrganizer.objects.get_or_create(event=event, user=person)
    return row


@transaction.atomic
def remove_co_organizer(user: Any, event: Event, co_organizer_id: int) -> None:
    """Remove one co-organiser of `event`."""
    _check_owner(user, event)
    deleted, _rows = CoOrganizer.objects.filter(event=event, pk=co_organizer_id).delete()
    if not deleted:
        raise EventError(_("No such co-organiser."), code="not_found")
