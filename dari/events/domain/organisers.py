"""Co-organisers of an event: organisations (their organisers) or people the owning organiser
lets manage the event. Only the owners change them (`dari.events.access.owns_event`)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from dari.accounts.models import User
from dari.core.errors import DomainError
from dari.core.names import local_name
from dari.directory.domain.queries import organization_named
from dari.directory.models import Organization
from dari.events.access import owns_event
from dari.events.domain.errors import EventError
from dari.events.models import CoOrganizer, Event


def _check_owner(user: Any, event: Event) -> None:
    if not owns_event(user, event):
        raise EventError(
            _("Only the event's own organisers can change its co-organisers."), code="forbidden"
        )


def named_organization(text: str, owner_id: str | None, error: type[DomainError]) -> Organization:
    """The organisation a form names, by its name (Korean or English, written whole) or its id,
    never the owning organisation itself; else `error` on the field "organization", suggesting
    the organisations that name could mean. Shared by co-organisers and invitations."""
    text = text.strip()
    organization, suggestions = organization_named(text)
    if organization is None:
        if suggestions:
            message = _("No organisation is named %(name)r. Did you mean: %(names)s?") % {
                "name": text,
                "names": "; ".join(f"{local_name(o)} ({o.pk})" for o in suggestions),
            }
        else:
            message = _("No organisation is named %(name)r.") % {"name": text}
        raise error(message, field="organization", code="not_found")
    if organization.pk == owner_id:
        raise error(_("This organisation is the organiser already."), field="organization")
    return organization


def named_co_organizer(
    organization_id: str, username: str, owner_id: str | None, error: type[DomainError]
) -> dict[str, Any]:
    """The co-organiser that a form names: `{"organization": ...}` by id or `{"user": ...}` by
    login name, never the owning organisation itself; else `error` on the field at fault.
    Shared by events and open-innovation calls."""
    organization_id, username = organization_id.strip(), username.strip()
    if bool(organization_id) == bool(username):
        raise error(_("Name either an organisation or a person."), field="organization")
    if organization_id:
        return {"organization": named_organization(organization_id, owner_id, error)}
    person = User.objects.filter(username=username, is_active=True).first()
    if person is None:
        raise error(
            _("There is no person with the login %(name)r.") % {"name": username},
            field="username",
            code="not_found",
        )
    return {"user": person}


@transaction.atomic
def add_co_organizer(
    user: Any, event: Event, organization_id: str = "", username: str = ""
) -> CoOrganizer:
    """Name an organisation (by name or id) or a person (by login name) as co-organiser."""
    _check_owner(user, event)
    named = named_co_organizer(organization_id, username, event.organizer_id, EventError)
    row, _created = CoOrganizer.objects.get_or_create(event=event, **named)
    return row


@transaction.atomic
def remove_co_organizer(user: Any, event: Event, co_organizer_id: int) -> None:
    """Remove one co-organiser of `event`."""
    _check_owner(user, event)
    deleted, _rows = CoOrganizer.objects.filter(event=event, pk=co_organizer_id).delete()
    if not deleted:
        raise EventError(_("No such co-organiser."), code="not_found")
