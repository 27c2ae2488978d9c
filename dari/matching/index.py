"""The recommendation index: a facade over the corpus (store.py, corpus.py), scoring
(scoring.py over the feature registries) and explanation (explanation.py).

Score of a candidate = sum over features of weight x value (weights.py); what each feature
measures: stated.py, past_deals.py, pipelines.py. Reasons are produced only for the
candidates returned, for the features that fire, in order of their contribution.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from numpy.typing import NDArray

from . import scoring
from .corpus import Corpus
from .documents import asset_text, org_query_text, org_text
from .embed import CachedEmbedder, Embedder, FloatMatrix, UseEmbedder
from .explanation import PartnerExplainer, asset_reasons
from .fusion import FUSION, Fusion, fuse
from .history import DealHistory, DealRecord
from .profiles import AssetProfile, OrgProfile, Recommendation
from .store import Slots
from .text import tokenize, tokenize_many
from .weights import (
    FEATURES,
    PIPELINE_FEATURES,
    STRUCTURED_FEATURES,
    Features,
    Weights,
    combine,
    top_slots,
)

__all__ = [
    "FEATURES",
    "PIPELINE_FEATURES",
    "STRUCTURED_FEATURES",
    "Features",
    "Index",
    "Weights",
    "asset_text",
    "org_text",
]


class Index:
    """Partner and asset recommendations over a set of organisations and assets.

    Build once from lists of profiles; keep in step with `upsert_*` / `remove_*`.
    Not thread-safe for writes: serialise updates (reads between updates are fine).
    """

    def __init__(
        self,
        orgs: Iterable[OrgProfile] = (),
        assets: Iterable[AssetProfile] = (),
        *,
        embedder: Embedder | None = None,
        weights: Weights | None = None,
        batch_size: int = 512,
        history: DealHistory | Iterable[DealRecord] | None = None,
        tokenizer: Callable[[list[str]], list[list[str]]] | None = None,
        fusion: Fusion | None = None,
    ) -> None:
        self.tokenizer = tokenizer or tokenize_many
        """Texts -> BM25 tokens (a caller may serve stored tokens: Korean analysis is slow)."""
        self.embedder: Embedder = (
            embedder if embedder is not None else CachedEmbedder(UseEmbedder())
        )
        self.batch_size = batch_size
        self.corpus = Corpus(self.embedder, weights if weights is not None else Weights())
        self.fusion: Fusion | None = FUSION if fusion is None and weights is None else fusion
        """How partners are ranked: the channel fusion (fusion.py; the default), or, when a
        caller passes its own `weights` and no fusion, their weighted sum (tests of one
        feature, benchmarks). Assets are always ranked by the weighted sum."""
        self._orgs = self.corpus.orgs
        self._assets = self.corpus.assets
        self.set_history(history)
        self.add_orgs(list(orgs))
        self.add_assets(list(assets))

    @property
    def weights(self) -> Weights:
        return self.corpus.weights

    @weights.setter
    def weights(self, weights: Weights) -> None:
        self.corpus.weights = weights

    # ---- building and updating --------------------------------------------------------
    def _embed(self, texts: list[str]) -> FloatMatrix:
        parts = [
            self.embedder.embed(texts[i : i + self.batch_size])
            for i in range(0, len(texts), self.batch_size)
        ]
        if not parts:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        return np.vstack(parts).astype(np.float32)

    def _store_texts(self, store: Slots, ids: list[str], texts: list[str]) -> None:
        """Allocate slots and (re-)embed and (re-)tokenise only the texts that are new or
        changed, in batches."""
        changed = [
            i
            for i, id_ in enumerate(ids)
            if id_ not in store.slot_of or store.text_keys[store.slot_of[id_]] != texts[i]
        ]
        vectors = self._embed([texts[i] for i in changed])
        tokens = self.tokenizer([texts[i] for i in changed])
        slots = []
        for row, i in enumerate(changed):
            slot = store.allocate(ids[i])
            slots.append(slot)
            store.text_keys[slot] = texts[i]
            store.bm25.add(slot, tokens[row])
        store.set_vectors(slots, vectors)

    def add_orgs(self, orgs: list[OrgProfile]) -> None:
        """Insert or replace many organisations (batched embedding and tokenising)."""
        self.corpus.org_version += 1
        store = self._orgs
        self._store_texts(store, [o.id for o in orgs], [org_text(o) for o in orgs])
        for org in orgs:
            slot = store.allocate(org.id)
            store.clear_fields(slot)
            store.set_fields(slot, org)

    def add_assets(self, assets: list[AssetProfile]) -> None:
        """Insert or replace many assets (batched embedding and tokenising)."""
        store = self._assets
        self._store_texts(store, [a.id for a in assets], [asset_text(a) for a in assets])
        for asset in assets:
            store.set_fields(store.allocate(asset.id), asset)

    def set_history(self, history: DealHistory | Iterable[DealRecord] | None) -> None:
        """Replace the deal history (past deals as evidence). None or empty: no history,
        and the history features are 0 for everyone."""
        if history is None:
            history = DealHistory()
        elif not isinstance(history, DealHistory):
            history = DealHistory(history)
        self.corpus.history = history
        self.corpus.history_version += 1

    def upsert_org(self, org: OrgProfile) -> None:
        self.add_orgs([org])

    def upsert_asset(self, asset: AssetProfile) -> None:
        self.add_assets([asset])

    def remove_org(self, org_id: str) -> None:
        self.corpus.org_version += 1
        slot = self._orgs.slot_of.get(org_id)
        if slot is not None:
            self._orgs.clear_fields(slot)
            self._orgs.release(org_id)

    def remove_asset(self, asset_id: str) -> None:
        slot = self._assets.slot_of.get(asset_id)
        if slot is not None:
            self._assets.clear_fields(slot)
            self._assets.release(asset_id)

    @property
    def n_orgs(self) -> int:
        return len(self._orgs.slot_of)

    @property
    def n_assets(self) -> int:
        return len(self._assets.slot_of)

    def org_ids(self) -> list[str]:
        """Ids of the indexed organisations."""
        return list(self._orgs.slot_of)

    def asset_ids(self) -> list[str]:
        """Ids of the indexed assets."""
        return list(self._assets.slot_of)

    def asset(self, asset_id: str) -> AssetProfile | None:
        slot = self._assets.slot_of.get(asset_id)
        return None if slot is None else self._assets.profiles.get(slot)

    # ---- partner recommendations (asset -> organisations) -----------------------------
    def partner_features(
        self, asset: AssetProfile, *, members: bool = True, every: bool = False
    ) -> Features:
        """Every feature value of every organisation slot for this asset (see
        scoring.partner_features)."""
        return scoring.partner_features(self.corpus, asset, members=members, every=every)

    def recommend_partners(
        self, asset: AssetProfile, top: int = 10, *, members: bool = True
    ) -> list[Recommendation]:
        """Organisations most likely to license or co-develop `asset`, best first, each
        with reasons. The asset's own organisation is never suggested. `members`: the
        reader is signed in (else only public assets serve as pipeline evidence)."""
        values = self.partner_features(asset, members=members)
        store = self._orgs
        own = store.slot_of.get(asset.organization_id)
        score = self._partner_score(values, own)
        slots = top_slots(score, store, [] if own is None else [own], top)
        return self._partners(asset, slots, values, score, members)

    def score_partner(
        self, asset: AssetProfile, org_id: str, *, members: bool = True
    ) -> Recommendation | None:
        """How well one organisation fits as a partner for `asset`, with its reasons (the
        same score and reasons as in `recommend_partners`); None for the asset's own
        organisation or one not in the index. Reasons for that one organisation only."""
        slot = self._orgs.slot_of.get(org_id)
        if slot is None or org_id == asset.organization_id:
            return None
        values = self.partner_features(asset, members=members)
        own = self._orgs.slot_of.get(asset.organization_id)
        return self._partners(asset, [slot], values, self._partner_score(values, own), members)[0]

    def _partner_score(self, values: Features, own: int | None) -> NDArray[np.float64]:
        """Every organisation slot's score for one asset: fused among the live slots other
        than the asset's owner (or the weighted sum, see `fusion`)."""
        if self.fusion is None:
            return combine(values, self.weights)
        n = self._orgs.size
        eligible = self._orgs.alive[:n].copy()
        if own is not None:
            eligible[own] = False
        return fuse(values, eligible, self.fusion)

    def _partners(
        self,
        asset: AssetProfile,
        slots: list[int],
        values: Features,
        score: NDArray[np.float64],
        members: bool,
    ) -> list[Recommendation]:
        """Recommendations (score and reasons) for these organisation slots."""
        explainer = PartnerExplainer(self.corpus, asset, members=members)
        return [
            Recommendation(
                id=str(self._orgs.ids[slot]),
                score=round(float(score[slot]), 6),
                reasons=explainer.reasons(slot, values),
            )
            for slot in slots
        ]

    # ---- asset recommendations (organisation -> assets) -------------------------------
    def asset_features(
        self, org: OrgProfile, *, members: bool = True, every: bool = False
    ) -> Features:
        """Every feature value of every asset slot for this organisation (see
        scoring.asset_features)."""
        return scoring.asset_features(self.corpus, org, members=members, every=every)

    def recommend_assets(
        self, org: OrgProfile, top: int = 10, *, members: bool = True, to_org: bool = True
    ) -> list[Recommendation]:
        """Assets `org` should see, best first, each with reasons (told to the organisation
        itself, or with `to_org` false to anyone else). The organisation's own assets and
        assets not offered for partnering are never suggested; non-public own assets serve as
        evidence only when `members` (a signed-in reader)."""
        values = self.asset_features(org, members=members)
        score = combine(values, self.weights)
        store = self._assets
        own = store.owners.get(org.id)
        size = store.size
        withheld = store.offered[:size] == 0
        if own is not None:
            withheld |= store.owner[:size] == own
        exclude = [int(s) for s in np.flatnonzero(withheld)]
        if store.proj is not None:
            m = max(scoring.RERANK_MIN, 20 * top)
            scoring.rescore_exact(self.corpus, values, score, store, exclude, m)
        slots = top_slots(score, store, exclude, top)
        query_tokens = set(tokenize(org_query_text(org)))
        return [
            Recommendation(
                id=str(store.ids[slot]),
                score=round(float(score[slot]), 6),
                reasons=asset_reasons(
                    self.corpus, org, slot, values, query_tokens, members=members, to_org=to_org
                ),
            )
            for slot in slots
        ]
