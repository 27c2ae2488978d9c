"""Recommendations for users, through the access funnel.

The matching core (dari.matching) is pure; this module feeds it only what may be fed:
organisations (public profiles) and assets visible to every signed-in user (`public` and
`members`). Assets shared privately (`partners`, `cda`) never enter the shared index, so they are
never recommended to, or explained to, anyone; an anonymous caller's results drop `members`
assets through `visible_assets`. An asset used as the *query* (likely partners of my asset) is
first obtained with `access_asset`, so a caller who may not see it gets the same 404 as for a
missing one.

Each process keeps one index in memory and catches up with the database when the directory
generation (raised by every import and edit) moves: only changed profiles are re-embedded.

Deal history: deals are public records, and every organisation's past in-licensing is evidence
of what it actually buys (see docs/recommendations.md). The index gets one `DealRecord` per deal
whose asset is shared (`public`/`members`) or that has no asset; the asset's modality, area and
targets are filled in only for a `public` asset (the history is shared by every reader, signed
in or not). A deal of a privately shared asset is left out altogether, so nothing about that
asset reaches the shared index or a reason.

Own pipeline: an organisation's assets in the index are evidence of what it would partner on
("their pipeline has ..."). `members` assets count only for signed-in readers (`members=`).

Reasons are rendered in the reader's language: the core's translator is Django's gettext
(installed by DirectoryConfig.ready),
which reads the language active in the calling thread (the request's) each time a reason is
rendered, so one shared index serves every language. The strings are listed for makemessages
in reason_catalogue.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext

from dari.accounts.access import access_asset, sees_members_assets, visible_assets
from dari.directory.models import Asset, Deal, Organization, current_generation
from dari.directory.vocab import Visibility
from dari.matching import AssetProfile, DealHistory, DealRecord, Index, OrgProfile, Recommendation
from dari.matching.embed import CachedEmbedder, Embedder, UseEmbedder
from dari.matching.features import unknown_territories

SHARED_VISIBILITY = (Visibility.PUBLIC, Visibility.MEMBERS)
_lock = threading.Lock()
_state: dict[str, Any] = {"index": None, "generation": -1, "embedder": None}


def org_profile(org: Organization) -> OrgProfile:
    return OrgProfile(
        id=org.pk,
        name=org.name,
        kind=org.kind,
        country=org.country or None,
        description=" ".join(p for p in (org.name_ko, org.description) if p),
        therapeutic_areas=tuple(org.therapeutic_areas),
        modalities=tuple(org.modalities),
        interest_therapeutic_areas=tuple(org.interest_therapeutic_areas),
        interest_modalities=tuple(org.interest_modalities),
        interest_stages=tuple(org.interest_stages),
        interest_deal_types=tuple(org.interest_deal_types),
        interest_description=org.interest_description,
    )


def asset_profile(asset: Asset) -> AssetProfile:
    return AssetProfile(
        id=asset.pk,
        organization_id=asset.organization_id,
        name=asset.name,
        description=asset.description,
        therapeutic_area=asset.therapeutic_area or None,
        modality=asset.modality or None,
        stage=asset.stage or None,
        targets=tuple(asset.targets),
        indications=tuple(asset.indications),
        seeking=tuple(asset.seeking),
        territories=tuple(asset.territories),
        public=asset.visibility == Visibility.PUBLIC,
        available=asset.available is not False,
    )


def deal_record(deal: Deal) -> DealRecord:
    """A deal as history evidence; the asset's fields only for a public asset."""
    public = deal.asset is not None and deal.asset.visibility == Visibility.PUBLIC
    asset = deal.asset if public else None
    year = int(deal.date[:4]) if deal.date[:4].isdigit() else None
    return DealRecord(
        id=deal.pk,
        licensee_id=deal.licensee_id,
        licensor_id=deal.licensor_id,
        licensor_name=deal.licensor.name,
        licensor_country=deal.licensor.country or None,
        modality=(asset.modality or None) if asset is not None else None,
        therapeutic_area=(asset.therapeutic_area or None) if asset is not None else None,
        targets=tuple(asset.targets) if asset is not None else (),
        year=year,
        deal_type=deal.deal_type,
        asset_id=asset.pk if asset is not None else None,
    )


def deal_history() -> DealHistory:
    """Every deal whose asset is shared or that has no asset, weighted by recency as of the
    latest deal year (see dari.matching.history). Deals of confidential assets are left out
    by the query: they never reach the process."""
    deals = (
        Deal.objects.filter(Q(asset__isnull=True) | Q(asset__visibility__in=SHARED_VISIBILITY))
        .select_related("asset", "licensor")
        .order_by("pk")
    )
    return DealHistory(deal_record(d) for d in deals)


def default_embedder() -> Embedder:
    """The multilingual sentence encoder with an on-disk cache of embeddings (var/)."""
    if _state["embedder"] is None:
        path = Path(settings.VAR_DIR) / "embeddings.npz"
        _state["embedder"] = CachedEmbedder(UseEmbedder(), path)
    embedder: Embedder = _state["embedder"]
    return embedder


def use_embedder(embedder: Embedder | None) -> None:
    """Swap the embedder (tests use the deterministic fake); the index is rebuilt."""
    with _lock:
        _state.update(embedder=embedder, index=None, generation=-1)


def _shared_assets() -> Iterable[Asset]:
    return Asset.objects.filter(visibility__in=SHARED_VISIBILITY).order_by("pk")


def shared_index() -> Index:
    """The process's index, brought up to date with the database if it is behind."""
    generation = current_generation()
    with _lock:
        index: Index | None = _state["index"]
        if index is not None and _state["generation"] == generation:
            return index
        orgs = [org_profile(o) for o in Organization.objects.order_by("pk")]
        assets = [asset_profile(a) for a in _shared_assets()]
        if index is None:
            index = Index(orgs, assets, embedder=default_embedder(), history=deal_history())
        else:
            index.set_history(deal_history())
            index.add_orgs(orgs)  # re-embeds only changed texts
            index.add_assets(assets)
            for gone in set(index.org_ids()) - {o.id for o in orgs}:
                index.remove_org(gone)
            for gone in set(index.asset_ids()) - {a.id for a in assets}:
                index.remove_asset(gone)
        embedder = default_embedder()
        # Write the on-disk cache only when new texts were embedded (it can be hundreds of MB).
        if isinstance(embedder, CachedEmbedder):
            embedder.save_if_changed()
        _state.update(index=index, generation=generation)
        return index


class TerritoryError(ValueError):
    """A territory that names no place the matcher knows."""


def check_territories(values: Sequence[str]) -> list[str]:
    """The non-blank territories, stripped; raises TerritoryError naming those the matcher
    cannot read (in the active language)."""
    wanted = [t.strip() for t in values if t.strip()]
    unknown = unknown_territories(wanted)
    if unknown:
        raise TerritoryError(
            gettext(
                "unknown territory %(names)s (use a country, an ISO code, a region such as "
                "'Greater China', 'EU' or 'Latin America', 'global', or 'global ex-Korea')"
            )
            % {"names": ", ".join(repr(t) for t in unknown)}
        )
    return wanted


def recommend_partners(
    user: Any, asset_id: str, top: int = 10, territories: Sequence[str] = ()
) -> list[Recommendation]:
    """Organisations most likely to license or co-develop the asset (own organisation excluded).

    `territories`: rank as if these were the territories on offer instead of the asset's own
    (a "what if we offered Greater China?" question; nothing is saved). An unknown name raises
    TerritoryError naming it. Raises Asset.DoesNotExist when the user may not see the asset,
    exactly as for a missing one.
    """
    asset = access_asset(user, asset_id)
    profile = asset_profile(asset)
    wanted = check_territories(territories)
    if wanted:
        profile = replace(profile, territories=tuple(wanted))
    return shared_index().recommend_partners(profile, top=top, members=sees_members_assets(user))


def score_partner(
    user: Any, asset_ids: Iterable[str], organization_id: str
) -> dict[str, Recommendation | None]:
    """How well one organisation fits as a partner for each of these assets (None where it
    ranks nowhere, e.g. the asset's own organisation), in one query and one index lookup.
    Assets the user may not see are left out of the answer, as missing ones are."""
    assets = visible_assets(user).filter(pk__in=list(asset_ids)).order_by("pk")
    index = shared_index()
    members = sees_members_assets(user)
    return {
        asset.pk: index.score_partner(asset_profile(asset), organization_id, members=members)
        for asset in assets
    }


def recommend_asset_rows(
    user: Any, organization_id: str, top: int = 10
) -> list[tuple[Asset, Recommendation]]:
    """Assets the organisation should see, by what it says it seeks, each loaded (with its
    organisation) through the access funnel: only assets the user may see and that are shared
    beyond private lists. Raises Organization.DoesNotExist."""
    org = Organization.objects.get(pk=organization_id)
    index = shared_index()
    members = sees_members_assets(user)
    shared = (
        visible_assets(user).filter(visibility__in=SHARED_VISIBILITY).select_related("organization")
    )
    wanted = top
    while True:
        ranked = index.recommend_assets(org_profile(org), top=wanted, members=members)
        found = shared.in_bulk([r.id for r in ranked])  # only the ranked ones, not all
        kept = [(found[r.id], r) for r in ranked if r.id in found]
        if len(kept) >= top or len(ranked) < wanted:
            return kept[:top]
        wanted *= 4


def recommend_assets(user: Any, organization_id: str, top: int = 10) -> list[Recommendation]:
    """The recommendations of `recommend_asset_rows` alone."""
    return [rec for _asset, rec in recommend_asset_rows(user, organization_id, top)]
