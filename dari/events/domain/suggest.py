"""Suggested meetings for an event participant: the recommender restricted to the
organisations registered for the event, through the access funnel
(dari.directory.domain.recommend)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dari.directory.access import visible_assets
from dari.directory.domain.recommend import recommend_asset_rows, recommend_partners
from dari.directory.models import Organization
from dari.events.access import representing
from dari.events.domain.controls import meetable
from dari.events.models import Participant

ASSETS_CONSIDERED = 5
DEPTH = 60


@dataclass
class Suggestion:
    """An organisation of the event worth asking for a meeting, and why; the score is the
    match relative to the best one of the list it came from (1.0 = that list's best)."""

    organization: Organization
    score: float
    reasons: list[str] = field(default_factory=list)
    about: str = ""  # the asset the match is on (ours, or theirs we may be seeking)


def suggest_meetings(user: Any, participant: Participant, top: int = 8) -> list[Suggestion]:
    """Organisations of the event to meet: likely partners of our own assets, and those whose
    assets match what our organisation seeks. Organisations already requested are left out."""
    org_id = participant.organization_id
    if org_id is None:
        return []
    # Only the organisations of people my directory lists (`meetable`: approved, within the
    # organiser's rules; `representing`): a suggestion of any other would tell me that it
    # registered, and one only people who left speak for would never hear of a request.
    people = (
        representing(Participant.objects.filter(event_id=participant.event_id))
        .exclude(organization_id=org_id)
        .exclude(organization_id=None)
        .select_related("organization")
    )
    event_orgs = {p.organization_id for p in meetable(participant, people)}
    asked = set(
        participant.event.requests.filter(requester__organization_id=org_id).values_list(
            "target_organization_id", flat=True
        )
    )
    asked |= set(
        participant.event.requests.filter(target_organization_id=org_id).values_list(
            "requester__organization_id", flat=True
        )
    )
    candidates = event_orgs - asked
    best: dict[str, tuple[float, list[str], str]] = {}

    def offer_list(rows: list[tuple[str, float, list[str], str]]) -> None:
        # Partner scores (rank fusion, 0-1) and asset scores (a weighted sum) are on different
        # scales: each list counts relative to its own best match.
        top_score = max((row[1] for row in rows), default=0.0)
        for oid, score, reasons, about in rows:
            relative = score / top_score if top_score > 0 else 0.0
            # A match the recommender cannot say anything about (a bare likeness of two
            # descriptions below what it would name) is no reason to spend a meeting slot.
            if reasons and oid in candidates and (oid not in best or best[oid][0] < relative):
                best[oid] = (relative, reasons, about)

    # Partners are looked for only for what we offer: a marketed product recorded as not
    # available for partnering (a large pharma's own brands) is no reason to meet anyone.
    own_assets = (
        visible_assets(user)
        .filter(organization_id=org_id)
        .exclude(available=False)
        .order_by("pk")[:ASSETS_CONSIDERED]
    )
    for asset in own_assets:
        offer_list(
            [
                (rec.id, rec.score, list(rec.reasons), asset.name)
                for rec in recommend_partners(user, asset.pk, top=DEPTH)
            ]
        )
    offer_list(
        [
            (asset.organization_id, rec.score, list(rec.reasons), asset.name)
            for asset, rec in recommend_asset_rows(user, org_id, top=DEPTH)
        ]
    )
    orgs = Organization.objects.in_bulk(list(best))
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))[:top]
    return [Suggestion(orgs[oid], score, reasons, about) for oid, (score, reasons, about) in ranked]
