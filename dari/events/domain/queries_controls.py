"""Read model of the organiser's controls page: registration approval and the registrations
waiting for it, the who-can-meet-whom rules with their labels, the quotas per role. Reads
only."""

from __future__ import annotations

from dataclasses import dataclass

from dari.directory.vocab import OrgKind
from dari.events.models import Event, MeetingRule, Participant, RequestQuota
from dari.events.rules import ParticipantRole, RuleDimension


@dataclass(frozen=True)
class RuleLine:
    pk: int
    dimension: str
    side_a: str
    side_b: str


@dataclass(frozen=True)
class Controls:
    approval_required: bool
    waiting: tuple[Participant, ...]
    rules: tuple[RuleLine, ...]
    quotas: tuple[tuple[str, int | None], ...]


def _label(dimension: str, value: str) -> str:
    choices = OrgKind if dimension == RuleDimension.KIND else ParticipantRole
    return str(choices(value).label) if value in choices.values else value


def controls_of(event: Event) -> Controls:
    """The controls page of `event` in four queries."""
    rules = MeetingRule.objects.filter(event=event)
    quotas = dict(RequestQuota.objects.filter(event=event).values_list("role", "max_requests"))
    return Controls(
        approval_required=event.registration_approval,
        waiting=tuple(
            Participant.objects.filter(event=event, approved=False)
            .select_related("user", "organization")
            .order_by("created", "pk")
        ),
        rules=tuple(
            RuleLine(
                r.pk,
                str(RuleDimension(r.dimension).label),
                _label(r.dimension, r.side_a),
                _label(r.dimension, r.side_b),
            )
            for r in rules
        ),
        quotas=tuple((str(label), quotas.get(role)) for role, label in ParticipantRole.choices),
    )
