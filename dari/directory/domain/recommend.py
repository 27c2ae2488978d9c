"""Recommendations for users, through the access funnel.

The matching core (dari.matching) is pure; this module feeds it only what may be fed. What a
reader gets (order, scores, reasons, counts) depends only on evidence that reader may see, so
assets one may not see cannot be told apart from assets that do not exist. Each process keeps
one index per *tier* of readers, built from the assets every reader of that tier sees:

- `public`: anonymous visitors and accounts that do not see `members` assets; `public`
  assets only.
- `members`: readers who see `members` assets (`sees_members_assets`); `public` and
  `members` assets.

Assets shared privately (`partners`, `cda`) enter no index, so they are never recommended,
never explained and never move a corpus statistic (BM25 document frequencies, embedding
normalisers, pipelines, the filled means). An asset used as the *query* (likely partners of
my asset) is first obtained with `access_asset`, so a caller who may not see it gets the same
404 as for a missing one; an asset outside the reader's tier is scored against the tier's
corpus without entering it.

Each index catches up with the database when the directory generation (raised by every
import and edit) moves. A web process never embeds: it reads the vectors the index job
(`embed_directory`, a background task) stored in the shared table (`domain/embeddings.py`);
until the job has stored them all, texts without a vector rank on their words and fields
alone and the answer says so (`ranking` "lexical" instead of "semantic").

Deal history: deals are public records, listed to every reader with their asset shown only
when the reader may see it (`with_visible_asset`, through `queries.deals`). The history of a tier
has one `DealRecord` per deal, every deal, exactly as the deal list counts them; the asset's
modality, area and targets are filled in only for an asset of the tier, so a deal of an asset
the reader may not see counts exactly like a deal with no asset (see docs/recommendations.md).
A deal of a subsidiary or division also counts for its parent group (Janssen's for Johnson &
Johnson, Genentech's for Roche), one level up as the group's page lists it: the group is the
candidate that decides, so its history takes in its members' deals (`ROLL_UP`).

Own pipeline: an organisation's assets in the tier's index are evidence of what it would
partner on ("their pipeline has ...").

Reasons are rendered in the reader's language: the core's translator is Django's gettext
(installed by DirectoryConfig.ready), which reads the language active in the calling thread
(the request's) each time a reason is rendered, so one index serves every language. The
strings are listed for makemessages in reason_catalogue.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from django.utils.translation import gettext

from dari.accounts.access import sees_members_assets, signed_in
from dari.directory.access import access_asset, visible_assets
from dari.directory.domain.embeddings import (
    StoredEmbedder,
    StoredTokenizer,
    embedded_generation,
    model_name,
    record_embedded,
)
from dari.directory.models import (
    Affiliation,
    AffiliationKind,
    Asset,
    AssetSearch,
    Deal,
    Organization,
    current_generation,
)
from dari.directory.vocab import Visibility
from dari.matching import AssetProfile, DealHistory, DealRecord, Index, OrgProfile, Recommendation
from dari.matching.documents import asset_text, org_text
from dari.matching.embed import Embedder, UseEmbedder
from dari.matching.features import unknown_territories

TIERS = {
    "public": (Visibility.PUBLIC,),
    "members": (Visibility.PUBLIC, Visibility.MEMBERS),
}
"""The visibilities of the assets in each tier's index (see the module docstring)."""
_lock = threading.Lock()
_state: dict[str, Any] = {
    "indexes": {},
    "built": {},
    "embedder": None,
    "encoder": None,
    "query": None,
}
SEMANTIC = "semantic"
LEXICAL = "lexical"
"""How an answer was ranked: with every sentence embedding, or (while the index job has not
stored them all) on words and fields alone for the texts without one."""


def tier_of(user: Any) -> str:
    """The tier whose index serves `user`: every asset in it is one the user may see."""
    return "members" if sees_members_assets(user) else "public"


def org_profile(org: Organization) -> OrgProfile:
    return OrgProfile(
        id=org.pk,
        name=org.name,
        kind=org.kind,
        country=org.country or None,
        description=org.description,
        name_ko=org.name_ko,
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


def deal_record(deal: Deal, tier: str = "public") -> DealRecord:
    """A deal as history evidence; the asset's fields only for an asset of the tier (else the
    deal counts exactly like one with no asset)."""
    shown = deal.asset is not None and deal.asset.visibility in TIERS[tier]
    asset = deal.asset if shown else None
    year = int(deal.date[:4]) if deal.date[:4].isdigit() else None
    return DealRecord(
        id=deal.pk,
        licensee_id=deal.licensee_id,
        licensor_id=deal.licensor_id,
        licensor_name=deal.licensor.name,
        licensor_name_ko=deal.licensor.name_ko,
        licensor_country=deal.licensor.country or None,
        modality=(asset.modality or None) if asset is not None else None,
        therapeutic_area=(asset.therapeutic_area or None) if asset is not None else None,
        targets=tuple(asset.targets) if asset is not None else (),
        year=year,
        deal_type=deal.deal_type,
        asset_id=asset.pk if asset is not None else None,
    )


ROLL_UP = (AffiliationKind.SUBSIDIARY, AffiliationKind.DIVISION)
"""Relations whose deals count for the parent group too (an `affiliate` is a company of its
own: its deals stay its own)."""


def deal_history(tier: str = "public") -> DealHistory:
    """Every deal, as the deal list shows it to a reader of the tier, weighted by recency as of
    the latest deal year (see dari.matching.history); a deal whose licensee is a subsidiary or
    division counts once more for the parent, as record `<deal id>@<parent id>` (not when the
    parent is the licensor: a deal inside the group is no evidence of in-licensing)."""
    deals = Deal.objects.select_related("asset", "licensor").order_by("pk")
    parents = dict(
        Affiliation.objects.filter(relation__in=ROLL_UP).values_list("organization_id", "parent_id")
    )
    records: list[DealRecord] = []
    for deal in deals:
        record = deal_record(deal, tier)
        records.append(record)
        parent = parents.get(deal.licensee_id)
        if parent is not None and parent != deal.licensor_id:
            records.append(replace(record, id=f"{record.id}@{parent}", licensee_id=parent))
    return DealHistory(records)


def _encoder_factory() -> Callable[[], Embedder]:
    encoder: Embedder | None = _state["encoder"]
    if encoder is not None:
        return lambda: encoder
    return UseEmbedder


def default_embedder() -> StoredEmbedder:
    """The embedder of pages and API: stored vectors only (never the encoder), unless a test
    installed an inline one (`use_embedder`)."""
    if _state["embedder"] is None:
        _state["embedder"] = StoredEmbedder(
            model_name(UseEmbedder()), UseEmbedder().dim, UseEmbedder, compute=False
        )
    embedder: StoredEmbedder = _state["embedder"]
    return embedder


def query_embedder() -> StoredEmbedder:
    """The embedder of a search query, which is no directory text: encodes inline (the encoder
    loads in the serving process on the first semantic search) and stores nothing."""
    if _state.get("query") is None:
        web = default_embedder()
        _state["query"] = StoredEmbedder(
            web.model, web.dim, _encoder_factory(), compute=True, store=False
        )
    embedder: StoredEmbedder = _state["query"]
    return embedder


def job_embedder() -> StoredEmbedder:
    """The embedder of the index job: embeds what the table lacks and stores it."""
    web = default_embedder()
    return StoredEmbedder(web.model, web.dim, _encoder_factory(), compute=True)


def use_embedder(embedder: Embedder | None, *, in_request: bool = True) -> None:
    """Swap the encoder (tests use the deterministic fake); the indexes are rebuilt.
    `in_request`: pages embed inline with it and store nothing (the fake costs nothing);
    else pages read the shared table like production and the job fills it."""
    with _lock:
        if embedder is None:
            _state.update(embedder=None, encoder=None, query=None, indexes={}, built={})
            return
        stored = StoredEmbedder(
            model_name(embedder),
            embedder.dim,
            lambda: embedder,
            compute=in_request,
            store=not in_request,
        )
        _state.update(embedder=stored, encoder=embedder, query=None, indexes={}, built={})


def _tier_assets(tier: str) -> Iterable[Asset]:
    assets: Iterable[Asset] = Asset.objects.filter(visibility__in=TIERS[tier]).order_by("pk")
    return assets


def _complete(embedder: StoredEmbedder, generation: int) -> bool:
    """Whether the job has stored a vector for every text of this generation."""
    return embedder.compute or embedded_generation(embedder.model) >= generation


def semantic_ready() -> bool:
    """Whether the indexes rank semantically now (every text of the current generation has a
    stored vector): caches of rankings are kept apart by it, so a lexical answer given while
    the job ran is not served once it is done."""
    return _complete(default_embedder(), current_generation())


def tier_index(tier: str = "public") -> tuple[Index, str]:
    """The process's index of this tier, brought up to date with the database if behind,
    and its ranking (SEMANTIC or LEXICAL). Never embeds in a web process: texts without a
    stored vector read as zero vectors until the job stores them; then the index is
    assembled again from the table."""
    generation = current_generation()
    embedder = default_embedder()
    with _lock:
        index: Index | None = _state["indexes"].get(tier)
        built = _state["built"].get(tier)
        if index is not None and built is not None and built[0] == generation:
            if built[1] == SEMANTIC or not _complete(embedder, generation):
                return index, built[1]
        if built is not None and built[1] == LEXICAL:
            index = None  # its zero vectors would stay: texts did not change
        embedder.reset_missing()
        orgs = [org_profile(o) for o in Organization.objects.order_by("pk")]
        assets = [asset_profile(a) for a in _tier_assets(tier)]
        history = deal_history(tier)
        if index is None:
            tokens = StoredTokenizer(store=False)
            index = Index(orgs, assets, embedder=embedder, history=history, tokenizer=tokens)
        else:
            index.set_history(history)
            index.add_orgs(orgs)  # re-reads only changed texts
            index.add_assets(assets)
            for gone in set(index.org_ids()) - {o.id for o in orgs}:
                index.remove_org(gone)
            for gone in set(index.asset_ids()) - {a.id for a in assets}:
                index.remove_asset(gone)
        ranking = LEXICAL if embedder.missing else SEMANTIC
        _state["indexes"][tier] = index
        _state["built"][tier] = (generation, ranking)
        return index, ranking


def shared_index(tier: str = "public") -> Index:
    """The process's index of this tier (see `tier_index`)."""
    return tier_index(tier)[0]


def directory_texts() -> list[str]:
    """Every text an index embeds or queries: every organisation's and every asset's, whatever
    its visibility (a private asset is the query of its own likely partners; the table holds
    vectors under a hash, never a text)."""
    texts = [org_text(org_profile(o)) for o in Organization.objects.order_by("pk")]
    texts += [asset_text(asset_profile(a)) for a in Asset.objects.order_by("pk")]
    texts += [t for t in AssetSearch.objects.order_by("pk").values_list("semantic", flat=True) if t]
    return list(dict.fromkeys(texts))


def embed_directory(embedder: StoredEmbedder | None = None) -> dict[str, int]:
    """The index job: store a vector for every directory text that has none (batch by batch,
    so a job that dies resumes where it stopped), then record the generation read at the
    start as embedded (an edit during the run raises the generation: the next run catches
    up). Does nothing when that generation is already embedded."""
    embedder = embedder or job_embedder()
    generation = current_generation()
    if embedded_generation(embedder.model) >= generation:
        return {"texts": 0, "embedded": 0, "generation": generation}
    texts = directory_texts()
    before = embedder.embedded
    step = 1024
    tokenizer = StoredTokenizer(store=True)
    for start in range(0, len(texts), step):
        embedder.embed(texts[start : start + step])
        tokenizer(texts[start : start + step])
    record_embedded(embedder.model, generation)
    return {"texts": len(texts), "embedded": embedder.embedded - before, "generation": generation}


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
    """The recommendations of `ranked_partners` alone."""
    return ranked_partners(user, asset_id, top, territories)[0]


def ranked_partners(
    user: Any, asset_id: str, top: int = 10, territories: Sequence[str] = ()
) -> tuple[list[Recommendation], str]:
    """Organisations most likely to license or co-develop the asset (own organisation excluded).

    `territories`: rank as if these were the territories on offer instead of the asset's own
    (a "what if we offered Greater China?" question; nothing is saved). An unknown name raises
    TerritoryError naming it. Raises Asset.DoesNotExist when the user may not see the asset,
    exactly as for a missing one. The ranking says whether every text had its embedding.
    """
    asset = access_asset(user, asset_id)
    profile = asset_profile(asset)
    wanted = check_territories(territories)
    if wanted:
        profile = replace(profile, territories=tuple(wanted))
    members = sees_members_assets(user)
    index, ranking = tier_index(tier_of(user))
    embedder = default_embedder()
    embedder.reset_missing()
    recs = index.recommend_partners(profile, top=top, members=members)
    return recs, LEXICAL if embedder.missing else ranking


def score_partner(
    user: Any, asset_ids: Iterable[str], organization_id: str
) -> dict[str, Recommendation | None]:
    """How well one organisation fits as a partner for each of these assets (None where it
    ranks nowhere, e.g. the asset's own organisation), in one query and one index lookup.
    Assets the user may not see are left out of the answer, as missing ones are."""
    assets = visible_assets(user).filter(pk__in=list(asset_ids)).order_by("pk")
    index = shared_index(tier_of(user))
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
    beyond private lists (those of the reader's tier). Raises Organization.DoesNotExist."""
    org = Organization.objects.get(pk=organization_id)
    tier = tier_of(user)
    index = shared_index(tier)
    members = sees_members_assets(user)
    shared = visible_assets(user).filter(visibility__in=TIERS[tier]).select_related("organization")
    # the reasons speak to the organisation ("your profile") only when one of its people reads
    to_org = signed_in(user) and user.organization_id == org.pk
    wanted = top
    while True:
        ranked = index.recommend_assets(
            org_profile(org), top=wanted, members=members, to_org=to_org
        )
        found = shared.in_bulk([r.id for r in ranked])  # only the ranked ones, not all
        kept = [(found[r.id], r) for r in ranked if r.id in found]
        if len(kept) >= top or len(ranked) < wanted:
            return kept[:top]
        wanted *= 4


def recommend_assets(user: Any, organization_id: str, top: int = 10) -> list[Recommendation]:
    """The recommendations of `recommend_asset_rows` alone."""
    return [rec for _asset, rec in recommend_asset_rows(user, organization_id, top)]
