"""Feature values of every candidate for one query, in both directions, from the registries
(stated.STATED, past_deals.PAST_DEALS, pipelines.PIPELINES); `cosine` (raw, clipped) rides
along for the 'close statement' reason, and `query_vector` for the exact second pass.

Stores with at least store.COARSE_MIN rows score cosines in two passes: a coarse pass in
store.COARSE_DIM dimensions over every row, then exact cosines for the best RERANK_MIN (or
20 x top) rows of the combined score (`rescore_exact`).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .corpus import Corpus
from .documents import asset_query_text, asset_text, org_query_text, org_text
from .past_deals import PAST_DEALS
from .pipelines import PIPELINES
from .profiles import AssetProfile, OrgProfile
from .registry import AssetQuery, PartnerQuery
from .stated import STATED
from .store import Slots
from .text import tokenize
from .weights import Features, combine, top_slots

RERANK_MIN = 256
GROUPS = (PAST_DEALS, PIPELINES)
"""Evidence computed in one pass per query, after the stated features (pipelines read kind)."""


def partner_features(
    corpus: Corpus, asset: AssetProfile, *, members: bool = True, every: bool = False
) -> Features:
    """Every feature value of every organisation slot for this asset (dead slots: meaningless,
    masked when ranking). `members`: the reader is signed in, so non-public assets count as
    pipeline evidence. `pipe_semantic` (an embedding pass over every asset) is left 0 unless
    it has a weight or `every` (benchmarks)."""
    store = corpus.orgs
    n = store.size
    vector = corpus.query_vector(corpus.assets, asset.id, asset_text(asset))
    values: Features = {}
    q = PartnerQuery(
        corpus=corpus,
        asset=asset,
        n=n,
        tokens=tokenize(asset_query_text(asset)),
        vector=vector,
        cosine=np.clip(store.emb[:n] @ vector, 0.0, None),
        members=members,
        every=every,
        values=values,
    )
    for name, feature in STATED.items():
        values[name] = feature.for_partners(q)
    values["cosine"] = q.cosine
    for group in GROUPS:
        values.update(group.for_partners(q))
    return values


def asset_features(
    corpus: Corpus, org: OrgProfile, *, members: bool = True, every: bool = False
) -> Features:
    """Every feature value of every asset slot for this organisation as the reader
    (`members`, `every`: as for partner_features)."""
    store = corpus.assets
    tokens = tokenize(org_query_text(org))
    vector = corpus.query_vector(corpus.orgs, org.id, org_text(org))
    values: Features = {}
    q = AssetQuery(
        corpus=corpus,
        org=org,
        n=store.size,
        tokens=tokens,
        token_set=set(tokens),
        vector=vector,
        # Coarse once the store is large: recommend_assets re-scores its best rows exactly.
        cosine=store.cosines(vector),
        members=members,
        every=every,
        values=values,
    )
    for name, feature in STATED.items():
        values[name] = feature.for_assets(q)
    values["cosine"] = q.cosine
    values["query_vector"] = vector.astype(np.float64)
    for group in GROUPS:
        values.update(group.for_assets(q))
    return values


def rescore_exact(
    corpus: Corpus,
    values: Features,
    score: NDArray[np.float64],
    store: Slots,
    exclude: list[int],
    m: int,
) -> None:
    """Second pass after a coarse one: exact cosines for the best `m` rows by the
    combined score, normalised by the best exact cosine among them (or the best coarse
    one elsewhere, if higher); their scores are updated in place."""
    if not corpus.weights.semantic:
        return
    rows = top_slots(score, store, exclude, m)
    if not rows:
        return
    idx = np.asarray(rows, dtype=np.int64)
    query = values["query_vector"].astype(np.float32)
    exact = np.clip(store.emb[idx] @ query, 0.0, None).astype(np.float64)
    coarse = values["cosine"].copy()
    coarse[idx] = exact
    top = float(coarse.max())
    if top <= 0.0:
        return
    # Everyone's semantic value moves with the new normaliser; re-score all rows the
    # same way as a one-pass query would.
    values["semantic"] = coarse / top
    values["cosine"] = coarse
    score[:] = combine(values, corpus.weights)
