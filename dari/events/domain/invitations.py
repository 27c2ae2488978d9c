"""Invitations: the organisers of an event invite an organisation (a trial site from the site
finder, any organisation from the console). A confirmed member of an invited organisation
registers like anyone else (`register_participant`), and needs no approval."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from dari.events.access import may_manage
from dari.events.domain.ended import event_over, over_message
from dari.events.domain.errors import EventError
from dari.events.domain.organisers import named_organization
from dari.events.models import Event, Invitation


def _check_manager(user: Any, event: Event) -> None:
    if not may_manage(user, event):
        raise EventError(_("Only the event's organisers can invite."), code="forbidden")


@transaction.atomic
def invite_organization(user: Any, event: Event, organization_id: str) -> Invitation:
    """Invite an organisation (by its id) to `event`, which must not be over; inviting it again
    changes nothing."""
    _check_manager(user, event)
    # Its members would register for a past event without approval, told to by the notice.
    if event_over(event):
        raise EventError(over_message(event), field="event", code="event_over")
    organization = named_organization(organization_id, event.organizer_id, EventError)
    invitation, _created = Invitation.objects.get_or_create(
        event=event, organization=organization, defaults={"invited_by": user}
    )
    return invitation


@transaction.atomic
def withdraw_invitation(user: Any, event: Event, invitation_id: int) -> None:
    """Withdraw one invitation of `event` (registrations already made stay)."""
    _check_manager(user, event)
    deleted, _rows = Invitation.objects.filter(event=event, pk=invitation_id).delete()
    if not deleted:
        raise EventError(_("No such invitation."), code="not_found")


def is_invited(event: Event, organization_id: str | None) -> bool:
    return bool(organization_id) and (
        Invitation.objects.filter(event=event, organization_id=organization_id).exists()
    )


def event_invitations(event: Event) -> QuerySet[Invitation]:
    """The event's invitations with their organisations, oldest first."""
    return event.invitations.select_related("organization").order_by("created", "pk")
