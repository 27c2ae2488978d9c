"""Who manages an event, and who may reach the people of events.

An event is managed by platform admins, by the organisers of its organising organisation, and
by its co-organisers: the organisers of a co-organising organisation, or a person named as
co-organiser. Only the owners (platform admins and the organising organisation's organisers)
change the co-organisers. An event without an organising organisation is managed by platform
admins (and its co-organisers) only. Pages answer a refused event exactly like a missing one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _

from dari.accounts.access import (
    co_organizer_condition,
    organises_for,
    sees_members_assets,
    vetted_users,
)
from dari.core.names import local_name
from dari.directory.access import visible_assets
from dari.events.models import CoOrganizer, Event, MeetingRequest, Participant


def owns_event(user: Any, event: Event) -> bool:
    """Whether `user` may manage `event` and change its co-organisers."""
    return organises_for(user, event.organizer_id)


def may_manage(user: Any, event: Event) -> bool:
    """Whether `user` may run the organiser pages and actions of `event`."""
    if owns_event(user, event):
        return True
    # A co-organiser, like an organiser, needs a verified address and a confirmed membership.
    if not sees_members_assets(user):
        return False
    return CoOrganizer.objects.filter(co_organizer_condition(user), event=event).exists()


def managed_events(user: Any) -> QuerySet[Event]:
    """The events `user` may manage (one query, for lists and choices)."""
    if not sees_members_assets(user):
        return Event.objects.none()
    if user.is_platform_admin:
        return Event.objects.all()
    co = CoOrganizer.objects.filter(co_organizer_condition(user)).values("event_id")
    condition = Q(pk__in=co)
    if organises_for(user, user.organization_id):
        condition |= Q(organizer_id=user.organization_id)
    return Event.objects.filter(condition)


def may_reach_people(user: Any) -> bool:
    """Whether `user` may register for events, read their participants and send requests:
    confirmed members only (the same rule as for `members` assets)."""
    return sees_members_assets(user)


def registrations(user: Any) -> QuerySet[Participant]:
    """The person's own registrations, one per event: those they have not replaced by one for
    an organisation they moved to (`Participant.current`). Look a person's registration up
    here, never by `user` alone."""
    return Participant.objects.filter(user=user, current=True)


def registration_for(user: Any, event: Event) -> Participant | None:
    """The person's current registration for `event` (with its event, organisation and user),
    or None: not registered, or not signed in. Whether it still opens the participant's
    agenda and requests is `represents`."""
    if not user.is_authenticated:
        return None
    return (
        registrations(user)
        .select_related("event", "organization", "user")
        .filter(event=event)
        .first()
    )


def closed_notice(participant: Participant) -> str:
    """Why a registration that no longer `represents` its organisation opens nothing."""
    text: str = _(
        "You are no longer a member of %(organization)s, the organisation you registered for: "
        "your agenda, requests and calendar at this event are closed."
    )
    return text % {"organization": local_name(participant.organization)}


def represents(participant: Participant) -> bool:
    """Whether `participant` still speaks for the organisation they registered for: their user
    is a confirmed (vetted) member of it now. After removal, or a move to another organisation,
    the meetings they held for it (counterparts, times, asset topics) no longer reach them: their
    participant pages and calendar feed refuse, while the organisers still list them. A
    participant registered for no organisation (a platform admin) has none to lose. A
    registration the person replaced by one for the organisation they moved to (`current`
    false) is never theirs again: its meetings are the old organisation's."""
    if not participant.current:
        return False
    if participant.organization_id is None:
        return True
    user = participant.user
    return user.organization_id == participant.organization_id and sees_members_assets(user)


def representing_condition() -> Q:
    """`represents` as a condition on participants, for lists (the directory, suggestions,
    colleagues, the organisers' mark): whoever fails it is no one to meet, since nothing of
    the event reaches them any more and a request to them would wait unanswered."""
    return Q(current=True) & (
        Q(organization_id=None)
        | Q(user__organization_id=F("organization_id"), user__in=vetted_users())
    )


def representing(people: QuerySet[Participant]) -> QuerySet[Participant]:
    """Those of `people` who still speak for the organisation they registered for."""
    return people.filter(representing_condition())


def may_create_events(user: Any) -> bool:
    """Whether `user` may create events (the "New event" link and page): an organiser of
    their organisation (verified and confirmed) or a platform admin."""
    return organises_for(user, getattr(user, "organization_id", None))


def named_assets(person: Participant, asset_ids: Iterable[str | None]) -> dict[str, str]:
    """The names of those of `asset_ids` (the assets meeting requests are about) that `person`
    may see (`visible_assets`), by id, in one query: what an e-mail or a calendar may name to
    them. An asset they may not see is left out, exactly like a request about no asset."""
    wanted = {pk for pk in asset_ids if pk}
    if not wanted:
        return {}
    rows = visible_assets(person.user).filter(pk__in=wanted).values_list("pk", "name")
    return {str(pk): str(name) for pk, name in rows}


def asset_named_to(request: MeetingRequest, person: Participant) -> str:
    """The name of the asset `request` is about if `person` may see it, else ""."""
    return named_assets(person, [request.asset_id]).get(request.asset_id or "", "")


def answers_for_organization(me: Participant) -> bool:
    """Whether `me` may read, answer and be told of the requests made to their organisation
    (while no one has answered): the organiser approved the registration and it still speaks
    for that organisation (`represents`). A registration awaiting approval, refused, moved or
    replaced sees none of them: not on a page, in the API, an e-mail, a digest or a thread."""
    return me.organization_id is not None and me.approved and represents(me)


def answering_condition() -> Q:
    """`answers_for_organization` as a condition on participants (e-mail recipients, threads)."""
    return Q(approved=True) & ~Q(organization_id=None) & representing_condition()


def valid_requester_condition() -> Q:
    """`request_still_valid` as a condition on the requesting participant (for lists)."""
    return Q(approved=True) & representing_condition()


def request_still_valid(request: MeetingRequest) -> bool:
    """Whether `request` may still be accepted: its requester is approved by the event and
    still speaks for the organisation they asked for (`represents`). A request from someone
    who has since left, been removed from or moved out of that organisation, or whose
    registration was replaced or unapproved, is no longer valid: a meeting would seat a person
    who no longer speaks for anyone the other side agreed to meet."""
    requester = request.requester
    return requester.approved and represents(requester)


def _received(me: Participant) -> Q:
    """To me, or to my organisation while no one has answered (any of its participants the
    event approved may: `answers_for_organization`)."""
    mine = Q(target=me)
    if answers_for_organization(me):
        mine |= Q(target__isnull=True, target_organization_id=me.organization_id)
    return mine


def requests_received(me: Participant) -> QuerySet[MeetingRequest]:
    """The meeting requests of my event that I may answer: to me, or to my organisation while
    no one has answered."""
    return MeetingRequest.objects.filter(event_id=me.event_id).filter(_received(me))


def requests_concerning(me: Participant) -> QuerySet[MeetingRequest]:
    """The meeting requests of my event that concern me: made by me, or received
    (`requests_received`). Any other answers an action exactly like a missing request: neither
    its status nor who may answer it is told."""
    return MeetingRequest.objects.filter(event_id=me.event_id).filter(
        Q(requester=me) | _received(me)
    )
