"""Organiser controls of an event: registration approval, who-can-meet-whom rules (by
organisation kind or participant role) and request quotas per role. The checks are called by
`request_meeting` and `accept_request`; `meetable` filters the event's directory the same way.

A rule allows a pairing both ways. With rules of a dimension (kinds, roles), a pair must match
one rule of that dimension; with rules of both, one of each. No rules: everyone may meet."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from dari.directory.models import Organization
from dari.directory.vocab import OrgKind
from dari.events.access import representing
from dari.events.domain.errors import EventError
from dari.events.models import (
    Event,
    MeetingRequest,
    MeetingRule,
    Participant,
    RequestQuota,
    RequestStatus,
)
from dari.events.rules import ParticipantRole, RuleDimension

VALUES: dict[str, list[str]] = {
    RuleDimension.KIND.value: list(OrgKind.values),
    RuleDimension.ROLE.value: list(ParticipantRole.values),
}


def side_of(participant: Participant, dimension: str) -> str:
    """The value a rule of `dimension` compares for `participant` ("" without organisation)."""
    if dimension == RuleDimension.ROLE:
        return str(participant.role)
    org = participant.organization
    return str(org.kind) if org is not None else ""


def pair_allowed(a: Participant, b: Participant, rules: Sequence[MeetingRule]) -> bool:
    """Whether the rules let `a` and `b` meet (organisations loaded with the participants)."""
    for dimension in RuleDimension.values:
        mine = [r for r in rules if r.dimension == dimension]
        if not mine:
            continue
        va, vb = side_of(a, dimension), side_of(b, dimension)
        if not any((va, vb) in _pairs(r) for r in mine):
            return False
    return True


def _pairs(rule: MeetingRule) -> set[tuple[str, str]]:
    return {(rule.side_a, rule.side_b), (rule.side_b, rule.side_a)}


def meetable(me: Participant, people: Iterable[Participant]) -> list[Participant]:
    """Those of `people` I may request: approved, and allowed with me by the event's rules."""
    rules = list(MeetingRule.objects.filter(event_id=me.event_id))
    return [p for p in people if p.approved and pair_allowed(me, p, rules)]


def open_to_everyone(people: Iterable[Participant], event_id: int) -> list[Participant]:
    """Those of `people` every participant's directory lists: approved, and allowed by the
    event's rules with any kind of organisation and any role (a viewer without organisation
    is a platform admin, who manages the event and sees everyone). What a page may show to
    anyone without telling how many the rules hide from some viewer."""
    rules = list(MeetingRule.objects.filter(event_id=event_id))
    pairs = {dim: set().union(*[_pairs(r) for r in rules if r.dimension == dim]) for dim in VALUES}

    def open_to_all(p: Participant) -> bool:
        for dimension, values in VALUES.items():
            if not pairs[dimension]:
                continue
            mine = side_of(p, dimension)
            if any((value, mine) not in pairs[dimension] for value in values):
                return False
        return True

    return [p for p in people if p.approved and open_to_all(p)]


def listed_participant(me: Participant, participant_id: int) -> Participant | None:
    """The participant `participant_id` of my event if my directory lists them (`event_directory`
    with `me`: still speaking for their organisation and one I may meet), else None, exactly as
    for a missing one: a registration awaiting approval is nobody's to find by id."""
    found = (
        representing(Participant.objects.filter(event_id=me.event_id, pk=participant_id))
        .select_related("user", "organization")
        .first()
    )
    if found is None or (found.pk != me.pk and not meetable(me, [found])):
        return None
    return found


def listed_organization(me: Participant, organization_id: str) -> Organization | None:
    """The organisation `organization_id` if my event's directory lists one of its people to
    me (`listed_participant`'s rule: still speaking for it and one I may meet), else None,
    exactly as for a missing one: an organisation whose registrations all await approval, or
    all left it, is nobody's to find by id."""
    people = list(
        representing(
            Participant.objects.filter(event_id=me.event_id, organization_id=organization_id)
        ).select_related("organization")
    )
    listed = [p for p in people if p.pk == me.pk] + meetable(me, people)
    return listed[0].organization if listed else None


def check_may_meet(
    requester: Participant, organization_id: str, target: Participant | None
) -> None:
    """Refuse a request that registration approval or the event's rules do not allow."""
    if not requester.approved:
        raise EventError(
            _("The organiser has not approved your registration yet."),
            field="requester",
            code="not_approved",
        )
    if target is not None:
        candidates = [target]
    else:
        candidates = list(
            Participant.objects.filter(
                event_id=requester.event_id, organization_id=organization_id
            ).select_related("organization")
        )
    allowed = meetable(requester, candidates)
    if allowed:
        return
    if not [c for c in candidates if c.approved]:
        raise EventError(
            _("No one you asked for is approved by the organiser yet."),
            field="target",
            code="not_approved",
        )
    raise EventError(
        _("The organiser's rules for this event do not let you meet them."),
        field="target",
        code="not_allowed",
    )


def check_may_answer(request: MeetingRequest, participant: Participant) -> None:
    """The one who accepts must be approved and allowed to meet the requester."""
    check_may_meet(participant, request.requester.organization_id or "", request.requester)


def check_quota(requester: Participant) -> None:
    """Refuse a request beyond the quota of the requester's role (withdrawn ones not counted).
    The caller holds the requester's row lock, so concurrent requests are counted in turn."""
    quota = RequestQuota.objects.filter(event_id=requester.event_id, role=requester.role).first()
    if quota is None:
        return
    made = (
        MeetingRequest.objects.filter(requester=requester)
        .exclude(status=RequestStatus.WITHDRAWN)
        .count()
    )
    if made >= quota.max_requests:
        raise EventError(
            _("Participants with the role “%(role)s” may send at most %(n)d requests here.")
            % {"role": ParticipantRole(requester.role).label, "n": quota.max_requests},
            field="requester",
            code="quota",
        )


# Organiser commands ----------------------------------------------------------------------------


@transaction.atomic
def set_registration_approval(event: Event, required: bool) -> Event:
    """Turn approval of new registrations on or off (those registered stay as they are)."""
    event.registration_approval = required
    event.save(update_fields=["registration_approval"])
    return event


@transaction.atomic
def approve_participant(event: Event, participant_id: int, approved: bool = True) -> Participant:
    """Approve (or withhold) a registration of `event`."""
    participant = (
        Participant.objects.select_for_update().filter(event=event, pk=participant_id).first()
    )
    if participant is None:
        raise EventError(
            _("No such participant at this event."), field="participant", code="not_found"
        )
    participant.approved = approved
    participant.save(update_fields=["approved"])
    return participant


def set_role(participant: Participant, role: str) -> Participant:
    """Set a participant's role (the participant at registration, or an organiser)."""
    if role not in ParticipantRole.values:
        raise EventError(_("Choose one of the roles offered."), field="role", code="invalid")
    participant.role = role
    participant.save(update_fields=["role"])
    return participant


@transaction.atomic
def add_rule(event: Event, dimension: str, side_a: str, side_b: str) -> MeetingRule:
    """Allow organisations of kind `side_a` to meet `side_b` (or roles, by `dimension`)."""
    values = VALUES.get(dimension)
    if values is None:
        raise EventError(_("Choose kinds or roles."), field="dimension", code="invalid")
    for field, value in (("side_a", side_a), ("side_b", side_b)):
        if value not in values:
            raise EventError(_("Choose one of the values offered."), field=field, code="invalid")
    a, b = sorted((side_a, side_b))
    try:
        with transaction.atomic():
            return MeetingRule.objects.create(event=event, dimension=dimension, side_a=a, side_b=b)
    except IntegrityError:
        raise EventError(_("This rule exists already."), field="side_b", code="duplicate") from None


@transaction.atomic
def remove_rule(event: Event, rule_id: int) -> None:
    """Remove a who-can-meet-whom rule of `event`."""
    deleted, _rows = MeetingRule.objects.filter(event=event, pk=rule_id).delete()
    if not deleted:
        raise EventError(_("No such rule at this event."), field="rule", code="not_found")


@transaction.atomic
def set_quota(event: Event, role: str, max_requests: int | None) -> RequestQuota | None:
    """At most `max_requests` requests per participant of `role` (None: no quota)."""
    if role not in ParticipantRole.values:
        raise EventError(_("Choose one of the roles offered."), field="role", code="invalid")
    if max_requests is None:
        RequestQuota.objects.filter(event=event, role=role).delete()
        return None
    if max_requests < 0 or max_requests > 1000:
        raise EventError(
            _("Give a number from 0 to 1000."), field="max_requests", code="out_of_range"
        )
    quota, _created = RequestQuota.objects.update_or_create(
        event=event, role=role, defaults={"max_requests": max_requests}
    )
    return quota
