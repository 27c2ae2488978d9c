"""An organisation's own pipeline (its assets in the index) as evidence, features
pipe_target, pipe_indication, pipe_semantic: it has an asset against one of these targets /
in one of these indications (idf-weighted share of the indication's words) / close to this
asset by embedding; times the kind fit, since a biotech with the same target is more often
a competitor than a licensee. Only assets in the index count, `public` ones only unless the
reader is signed in (`members`), never the query asset itself."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import NDArray

from .bm25 import BM25
from .corpus import Corpus
from .documents import asset_text
from .embed import FloatMatrix
from .history import target_keys
from .profiles import AssetProfile
from .reasons import render, target_term, term
from .registry import AssetQuery, FeatureGroup, Fired, Pair, PartnerQuery
from .stated import share
from .store import KeyIndex
from .text import tokenize
from .weights import (
    PIPELINE_FEATURES,
    Features,
    Weights,
    explain_weight,
    fill_unknown,
    normalise_by_max,
)

REASON_MIN: dict[str, float] = {
    "pipe_target": 0.5,
    "pipe_indication": 0.5,
    "pipe_semantic": 0.8,
}
"""Feature value from which a pipeline reason is given."""

Sparse = tuple[NDArray[np.int64], NDArray[np.float64]]
"""(asset slots, values)."""


def nested(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Target keys that name the same target (`EGFR` ~ `EGFR-MET`): one nests the other."""
    return set(a).issubset(b) or set(a).issuperset(b)


def target_hits(index: KeyIndex, query_keys: Iterable[tuple[str, ...]], size: int) -> Sparse:
    """Slots whose targets equal or nest one of the query keys, with value 1."""
    hit = np.zeros(size, dtype=bool)
    for qkey in query_keys:
        for key in index.candidates(set(qkey)):
            if nested(qkey, key):
                slots = index.array(key)
                hit[slots[slots < size]] = True
    slots = np.flatnonzero(hit)
    return slots, np.ones(len(slots))


def indication_hits(
    index: KeyIndex, bm25: BM25, query_keys: Iterable[tuple[str, ...]], size: int
) -> Sparse:
    """Slots with an indication sharing words with a query indication, and the best
    idf-weighted share of the query indication's words that it contains."""
    best = np.zeros(size)
    for qkey in query_keys:
        for key in index.candidates(set(qkey)):
            value = share(qkey, key, bm25)
            if value <= 0:
                continue
            slots = index.array(key)
            slots = slots[slots < size]
            best[slots] = np.maximum(best[slots], value)
    slots = np.flatnonzero(best)
    return slots, best[slots]


def wanted_features(weights: Weights, every: bool) -> tuple[str, ...]:
    """Target and indication evidence always (cheap, and explained even at weight 0);
    the embedding pass only when it is weighted or `every`."""
    return tuple(
        f for f in PIPELINE_FEATURES if every or f != "pipe_semantic" or weights.pipe_semantic
    )


def usable_evidence(
    corpus: Corpus, slots: NDArray[np.int64], *, members: bool, skip: str
) -> NDArray[np.bool_]:
    """Which of these asset slots may serve as pipeline evidence: alive, public unless the
    reader is signed in, and not the query asset `skip` itself."""
    store = corpus.assets
    ok: NDArray[np.bool_] = store.alive[slots].copy()
    if not members:
        ok &= store.public[slots] != 0
    own = store.slot_of.get(skip)
    if own is not None:
        ok &= slots != own
    return ok


def evidence(
    corpus: Corpus,
    asset: AssetProfile,
    vector: FloatMatrix,
    *,
    members: bool = True,
    features: Sequence[str] = PIPELINE_FEATURES,
) -> dict[str, Sparse]:
    """Sparse, per ASSET slot: which indexed assets (as part of their owners' pipelines)
    match `asset` by target, indication and embedding, and how far: (slots, values).
    The query asset itself, dead slots and (for anonymous readers) non-public assets
    are left out."""
    store = corpus.assets
    out: dict[str, Sparse] = {}
    if "pipe_target" in features:
        out["pipe_target"] = target_hits(store.targets, target_keys(asset.targets), store.size)
    if "pipe_indication" in features:
        out["pipe_indication"] = indication_hits(
            store.indications, store.bm25, target_keys(asset.indications), store.size
        )
    if "pipe_semantic" in features:
        out["pipe_semantic"] = (np.arange(store.size, dtype=np.int64), store.cosines(vector))
    for name, (slots, values) in out.items():
        ok = usable_evidence(corpus, slots, members=members, skip=asset.id)
        out[name] = (slots[ok], values[ok])
    return out


def for_partners(q: PartnerQuery) -> Features:
    """Pipeline features of every organisation slot: the best of its assets' evidence,
    times the kind fit; pipe_semantic divided by the best organisation's value.
    Which are computed: see `wanted_features`."""
    corpus, n = q.corpus, q.n
    out: Features = {name: np.zeros(n) for name in PIPELINE_FEATURES}
    store = corpus.assets
    m = store.size
    wanted = wanted_features(corpus.weights, q.every)
    if m == 0 or n == 0 or not wanted:
        return out
    org_of_asset = corpus.owner_slots()[store.owner[:m]]
    found = evidence(corpus, q.asset, q.vector, members=q.members, features=wanted)
    for name, (slots, values) in found.items():
        orgs = org_of_asset[slots]
        keep = orgs >= 0
        np.maximum.at(out[name], orgs[keep], values[keep])
    out["pipe_semantic"] = normalise_by_max(out["pipe_semantic"])
    every_slot = np.arange(m, dtype=np.int64)
    usable = usable_evidence(corpus, every_slot, members=q.members, skip=q.asset.id)
    known = np.zeros(n, dtype=bool)
    known[org_of_asset[usable & (org_of_asset >= 0)]] = True
    fill_unknown({k: out[k] for k in wanted}, known, corpus.orgs.alive[:n])
    kind_fit = q.values["kind"]
    for name in wanted:
        out[name] = out[name] * kind_fit
    return out


def for_assets(q: AssetQuery) -> Features:
    """Pipeline features of every asset slot for `org` as the reader: how far each asset
    matches one of the organisation's own assets (target, indication, embedding)."""
    corpus = q.corpus
    store = corpus.assets
    n = store.size
    out: Features = {name: np.zeros(n) for name in PIPELINE_FEATURES}
    code = store.owners.get(q.org.id)
    wanted = wanted_features(corpus.weights, q.every)
    if code is None or n == 0 or not wanted:
        return out
    mine = store.alive[:n] & (store.owner[:n] == code)
    if not q.members:
        mine &= store.public[:n] != 0
    own = np.flatnonzero(mine)
    if not len(own):
        return out
    if "pipe_target" in wanted:
        keys = [k for slot in own for k in store.targets.of_slot.get(int(slot), [])]
        slots, values = target_hits(store.targets, keys, n)
        out["pipe_target"][slots] = values
    if "pipe_indication" in wanted:
        keys = [k for slot in own for k in store.indications.of_slot.get(int(slot), [])]
        slots, values = indication_hits(store.indications, store.bm25, keys, n)
        out["pipe_indication"][slots] = values
    if "pipe_semantic" in wanted:
        out["pipe_semantic"] = store.cosines(store.emb[own]).max(axis=1)
    kind_fit = q.values["kind"]
    for name in PIPELINE_FEATURES:
        out[name][mine] = 0.0
        out[name] = out[name] * kind_fit
    out["pipe_semantic"] = normalise_by_max(out["pipe_semantic"])
    return out


def best_asset(
    corpus: Corpus, asset: AssetProfile, org_id: str, feature: str, *, members: bool = True
) -> AssetProfile | None:
    """The organisation's own asset that gives its `feature` value (for a reason):
    compared one by one with `asset`, so it costs the size of that pipeline only."""
    store = corpus.assets
    code = store.owners.get(org_id)
    if code is None:
        return None
    slots = np.flatnonzero(store.owner[: store.size] == code)
    slots = slots[usable_evidence(corpus, slots, members=members, skip=asset.id)]
    if not len(slots):
        return None
    if feature == "pipe_target":
        wanted = target_keys(asset.targets)
        values = [
            float(any(nested(q, k) for q in wanted for k in store.targets.of_slot.get(s, [])))
            for s in slots.tolist()
        ]
    elif feature == "pipe_indication":
        wanted = target_keys(asset.indications)
        values = [
            max(
                (
                    share(q, k, store.bm25)
                    for q in wanted
                    for k in store.indications.of_slot.get(s, [])
                ),
                default=0.0,
            )
            for s in slots.tolist()
        ]
    else:
        vector = corpus.query_vector(store, asset.id, asset_text(asset))
        values = (store.emb[slots] @ vector).tolist()
    best = int(np.argmax(values))
    if values[best] <= 0:
        return None
    return store.profiles.get(int(slots[best]))


def reasons(p: Pair) -> Iterable[Fired]:
    """Reasons from the organisation's own assets: one against the same target, in the
    same indication, or close by description."""
    asset = p.asset
    for name, threshold in REASON_MIN.items():
        weight, value = explain_weight(p.weights.of(name)), p.value(name)
        if value < threshold:
            continue
        own = p.pipeline(name)
        if own is None:
            continue
        fields = {"asset": own.name}
        if name == "pipe_target":
            wanted = {k for key in target_keys(asset.targets) for k in key}
            shared = [x for x in own.targets if set(tokenize(x)) & wanted]
            fields["targets"] = ", ".join(map(target_term, shared or own.targets))
        elif name == "pipe_indication":
            wanted = set(tokenize(" ".join(asset.indications)))
            best = max(own.indications, key=lambda i: len(set(tokenize(i)) & wanted))
            fields["indication"] = term(best)
        yield (name, weight * value, render(p.templates, name, **fields))


PIPELINES = FeatureGroup("pipeline", PIPELINE_FEATURES, for_partners, for_assets, reasons)
