"""The recommendation index: organisations and assets, their embeddings, BM25 statistics
and structured fields, kept in NumPy arrays by slot so that one query scores every
candidate at once and one profile change touches one slot.

Score of a candidate = sum over features f of weight[f] * value[f], every value in [0, 1]:

- bm25: BM25 of the query profile's text against the candidate's, divided by the best
  BM25 of this query (so 1 for the best textual match).
- semantic: cosine of the multilingual sentence embeddings (clipped at 0), divided by
  the best cosine of this query. This is what lets Korean text match English text.
- area, modality: vocabulary matches (see features.py; related areas and modalities count
  half); NEUTRAL when one side says nothing.
- stage, deal, geography: restrictions (stages licensed, deal types sought, territories on
  offer): 0 only when one side states them and they leave the other out; OPEN (1) when
  either side is silent.
- target: 1 when one of the asset's targets is named in the organisation's text.
- indication: idf-weighted share of the words of the asset's best indication that the
  organisation's text contains.
- kind: how usual this kind of organisation is for the deal types the asset seeks.
- business: 0 when the asset belongs to a line of business (a biosimilar, see
  features.BUSINESS_LINES) that the organisation's text never names, else 1.
- pipe_target, pipe_indication, pipe_semantic: the organisation's own pipeline (its assets
  in the index, `public` ones only for an anonymous reader) has an asset against one of
  these targets / in one of these indications (idf-weighted share of the indication's
  words) / close to this asset by embedding; times the kind fit, since a biotech with the
  same target is more often a competitor than a licensee.

Reasons are produced only for the top candidates, for the features that fire, in order
of their contribution to the score.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import asdict, dataclass, field

import numpy as np
from numpy.typing import NDArray

from . import features as ft
from .bm25 import BM25
from .embed import CachedEmbedder, Embedder, FloatMatrix, UseEmbedder
from .history import (
    HISTORY_FEATURES,
    DealHistory,
    DealRecord,
    LicenseeHistory,
    Tally,
    saturate,
    target_key,
    target_keys,
)
from .profiles import AssetProfile, OrgProfile, Recommendation
from .reasons import (
    ASSET_REASONS,
    PARTNER_REASONS,
    counted,
    country_name,
    english_label,
    join_labels,
    label,
    render,
)
from .reasons import since as since_year
from .text import surface_forms, tokenize, tokenize_many

PIPELINE_FEATURES: tuple[str, ...] = ("pipe_target", "pipe_indication", "pipe_semantic")
"""Evidence from the candidate's own pipeline (its assets in the index)."""
HISTORY_REASON_ORDER: tuple[str, ...] = (
    "hist_target",
    "hist_licensor",
    "hist_modality",
    "hist_area",
    "hist_country",
    "activity",
)
"""Most specific first: of history reasons resting on the same deals, the first is kept."""
PIPELINE_REASON_MIN: dict[str, float] = {
    "pipe_target": 0.5,
    "pipe_indication": 0.5,
    "pipe_semantic": 0.8,
}
"""Feature value from which a pipeline reason is given."""

STRUCTURED_FEATURES: tuple[str, ...] = (
    "area",
    "modality",
    "stage",
    "deal",
    "target",
    "indication",
    "geography",
    "kind",
    "business",
)
"""Features of stated focus and partnering terms (vocabularies, named targets/indications,
territories, kind, business line)."""

FEATURES: tuple[str, ...] = (
    "bm25",
    "semantic",
    *STRUCTURED_FEATURES,
    *HISTORY_FEATURES,
    *PIPELINE_FEATURES,
)


@dataclass(frozen=True)
class Weights:
    """Weights of the features in the score, chosen on 109 real deals with Korean licensors
    (bench/data/recommend_dev.json, _holdout.json, _holdout2.json: 98 candidate
    organisations profiled from their own statements, 29 with their own pipelines; the
    territory granted in each deal as the territory on offer; see docs/recommendations.md).

    Session 3: the per-feature median of the weightings picked in 100 cross-validation folds
    (50 random half splits x 2) over the pooled 109 deals; tuned, they beat the fixed previous
    weights out of sample by a little (MRR 0.403 vs 0.395). Territory (geography) and business
    line (biosimilars) act almost as filters. Stated stages count against only when stated and
    missed (ft.OPEN); stated deal types did not help (every bench asset seeks a licence), so
    they only explain. Deal history and own pipeline: every out-of-sample check lowered the
    scores when they steered the ranking (most licensees of Korean assets license once and have
    no record), so only the repeat partner keeps a small weight; the others explain (their
    reasons are still given, after the ones that drive the score)."""

    bm25: float = 0.3
    semantic: float = 0.25
    area: float = 1.0
    modality: float = 0.3
    stage: float = 0.25
    deal: float = 0.0
    target: float = 0.25
    indication: float = 0.5
    geography: float = 1.5
    kind: float = 0.25
    business: float = 2.0
    hist_modality: float = 0.0
    hist_area: float = 0.0
    hist_target: float = 0.0
    hist_licensor: float = 0.1
    hist_country: float = 0.0
    activity: float = 0.0
    pipe_target: float = 0.0
    pipe_indication: float = 0.0
    pipe_semantic: float = 0.0
    semantic_reason_min_cosine: float = 0.3
    """A 'their statement is close' reason needs at least this raw cosine (USE scale)."""

    def as_dict(self) -> dict[str, float]:
        return {k: v for k, v in asdict(self).items() if k in FEATURES}


Features = dict[str, NDArray[np.float64]]


def asset_text(asset: AssetProfile) -> str:
    """What is embedded and indexed for an asset."""
    parts = [asset.name, asset.description, " ".join(asset.targets), ", ".join(asset.indications)]
    return ". ".join(p for p in parts if p)


def org_text(org: OrgProfile) -> str:
    """What is embedded and indexed for an organisation: what it seeks, then what it does."""
    return " ".join(p for p in (org.interest_description, org.description) if p)


def _vocab_reason(
    t: dict[str, str],
    name: str,
    value: float,
    weight: float,
    value_key: str,
    theirs: Sequence[str],
    bits: dict[str, int],
    related: int,
) -> tuple[str, float, str] | None:
    """The reason of one vocabulary feature ('area' or 'modality'): in their stated
    interests, in what they work on, or related to what they work on (naming theirs)."""
    if not weight:
        return None
    shown = {name: label(value_key)}
    if value in (1.0, ft.FOCUS_ONLY):
        key = f"{name}_interest" if value == 1.0 else f"{name}_focus"
        return (name, weight * value, render(t, key, **shown))
    if value == ft.RELATED_MODALITY:
        close = list(dict.fromkeys(v for v in theirs if bits.get(v, 0) & related))
        text = render(t, f"{name}_related", **shown, theirs=join_labels(close))
        return (name, weight * value, text)
    return None


def _business_lines_of(asset: AssetProfile) -> list[str]:
    """The business lines the asset's name or description names (tokenised only when a
    line's term occurs in the text at all: this runs once per reason list)."""
    text = f"{asset.name} {asset.description}".lower()
    if not any(term in text for terms in ft.BUSINESS_LINES.values() for term in terms):
        return []
    return ft.business_lines(tokenize(text))


def _asset_query_text(asset: AssetProfile) -> str:
    labels = [english_label(v) for v in (asset.therapeutic_area, asset.modality) if v]
    return " ".join([asset_text(asset), *labels])


def _org_query_text(org: OrgProfile) -> str:
    return org_text(org)


def _quote(text: str, query_tokens: set[str], limit: int = 110) -> str:
    """The sentence of `text` sharing most tokens with the query, shortened."""
    sentences = [s.strip() for s in re.split(r"(?<=[.!?\u3002])\s+|\n+", text) if s.strip()]
    if not sentences:
        return ""
    best = max(sentences, key=lambda s: len(query_tokens & set(tokenize(s))))
    if len(best) <= limit:
        return best
    cut = best[:limit].rsplit(" ", 1)[0] if " " in best[:limit] else best[:limit]
    return cut.rstrip(",;:") + "\u2026"


COARSE_DIM = 128
COARSE_MIN = 20_000
"""Stores with at least this many rows score cosines in two passes: a coarse pass in
COARSE_DIM dimensions over every row, then exact cosines for the best RERANK rows of
the combined score (see Index.recommend_assets)."""
RERANK_MIN = 256


class _Slots:
    """Id <-> slot bookkeeping with reuse of freed slots and growable arrays."""

    def __init__(self, dim: int) -> None:
        self.ids: list[str | None] = []
        self.slot_of: dict[str, int] = {}
        self.free: list[int] = []
        self.alive = np.zeros(0, dtype=bool)
        self.emb = np.zeros((0, dim), dtype=np.float32)
        self.text_keys: list[str | None] = []
        self.bm25 = BM25()
        self.dim = dim
        self.proj: FloatMatrix | None = None
        """Projection to COARSE_DIM dimensions (top principal directions of the stored
        vectors), fitted once the store holds COARSE_MIN rows; None below that."""
        self.coarse = np.zeros((0, COARSE_DIM), dtype=np.float32)

    @property
    def size(self) -> int:
        return len(self.ids)

    def _grow(self, needed: int) -> None:
        capacity = len(self.alive)
        if needed <= capacity:
            return
        new_cap = max(needed, 2 * capacity, 64)
        alive = np.zeros(new_cap, dtype=bool)
        alive[:capacity] = self.alive
        self.alive = alive
        emb = np.zeros((new_cap, self.dim), dtype=np.float32)
        emb[:capacity] = self.emb
        self.emb = emb
        coarse = np.zeros((new_cap, COARSE_DIM), dtype=np.float32)
        coarse[:capacity] = self.coarse
        self.coarse = coarse
        self.grow_fields(new_cap)

    def grow_fields(self, capacity: int) -> None:  # overridden
        pass

    def set_vectors(self, slots: list[int], vectors: FloatMatrix) -> None:
        """Store embeddings (and their coarse projections, once there is a projection)."""
        if not slots:
            return
        index = np.asarray(slots, dtype=np.int64)
        self.emb[index] = vectors
        if self.proj is not None:
            self.coarse[index] = vectors @ self.proj
        elif len(self.slot_of) >= COARSE_MIN and self.dim > COARSE_DIM:
            self.fit_projection()

    def cosines(self, queries: FloatMatrix) -> NDArray[np.float64]:
        """Cosine of every stored row (up to `size`) with each query vector (a vector, or a
        matrix of row vectors: one column per query), clipped at 0. Approximate (the coarse
        projection) once the store has one: callers that need exact values for a few rows
        re-score them."""
        n = self.size
        if self.proj is not None:
            raw = self.coarse[:n] @ (queries @ self.proj).T
        else:
            raw = self.emb[:n] @ queries.T
        return np.clip(raw.astype(np.float64), 0.0, None)

    def fit_projection(self) -> None:
        """Top COARSE_DIM right singular vectors of (a sample of) the stored embeddings:
        dot products in that subspace approximate cosines, at a quarter of the cost."""
        n = self.size
        rows = np.sort(np.fromiter(self.slot_of.values(), dtype=np.int64))
        sample = rows[:: max(1, len(rows) // 8192)]
        _, _, vt = np.linalg.svd(self.emb[sample].astype(np.float64), full_matrices=False)
        self.proj = np.ascontiguousarray(vt[:COARSE_DIM].T.astype(np.float32))
        self.coarse[:n] = self.emb[:n] @ self.proj

    def allocate(self, id_: str) -> int:
        slot = self.slot_of.get(id_)
        if slot is not None:
            return slot
        if self.free:
            slot = self.free.pop()
            self.ids[slot] = id_
        else:
            slot = len(self.ids)
            self.ids.append(id_)
            self.text_keys.append(None)
            self._grow(slot + 1)
        self.slot_of[id_] = slot
        return slot

    def release(self, id_: str) -> int | None:
        slot = self.slot_of.pop(id_, None)
        if slot is None:
            return None
        self.ids[slot] = None
        self.text_keys[slot] = None
        self.alive[slot] = False
        self.emb[slot] = 0.0
        self.coarse[slot] = 0.0
        self.bm25.remove(slot)
        self.free.append(slot)
        return slot


def _grow_array(array: NDArray[np.int64], capacity: int, fill: int) -> NDArray[np.int64]:
    grown = np.full(capacity, fill, dtype=np.int64)
    grown[: len(array)] = array
    return grown


class _OrgStore(_Slots):
    def __init__(self, dim: int) -> None:
        self.area_interest = np.zeros(0, dtype=np.int64)
        self.area_focus = np.zeros(0, dtype=np.int64)
        self.mod_interest = np.zeros(0, dtype=np.int64)
        self.mod_focus = np.zeros(0, dtype=np.int64)
        self.stages = np.zeros(0, dtype=np.int64)
        self.deals = np.zeros(0, dtype=np.int64)
        self.kind = np.zeros(0, dtype=np.int64)
        self.country = np.zeros(0, dtype=np.int64)
        self.profiles: dict[int, OrgProfile] = {}
        self.countries: dict[str, int] = {}
        super().__init__(dim)

    def grow_fields(self, capacity: int) -> None:
        for name in ("area_interest", "area_focus", "mod_interest", "mod_focus", "stages", "deals"):
            setattr(self, name, _grow_array(getattr(self, name), capacity, 0))
        self.kind = _grow_array(self.kind, capacity, -1)
        self.country = _grow_array(self.country, capacity, -1)

    def country_code(self, country: str | None) -> int:
        if not country:
            return -1
        return self.countries.setdefault(country.upper(), len(self.countries))

    def set_fields(self, slot: int, org: OrgProfile) -> None:
        self.profiles[slot] = org
        self.area_interest[slot] = ft.mask_of(org.interest_therapeutic_areas, ft.AREA_BIT)
        self.area_focus[slot] = ft.mask_of(org.therapeutic_areas, ft.AREA_BIT)
        self.mod_interest[slot] = ft.mask_of(org.interest_modalities, ft.MODALITY_BIT)
        self.mod_focus[slot] = ft.mask_of(org.modalities, ft.MODALITY_BIT)
        self.stages[slot] = ft.mask_of(org.interest_stages, ft.STAGE_BIT)
        self.deals[slot] = ft.mask_of(org.interest_deal_types, ft.DEAL_BIT)
        self.kind[slot] = ft.KIND_CODE.get(org.kind, -1)
        self.country[slot] = self.country_code(org.country)
        self.alive[slot] = True

    def clear_fields(self, slot: int) -> None:
        self.profiles.pop(slot, None)
        for name in ("area_interest", "area_focus", "mod_interest", "mod_focus", "stages", "deals"):
            getattr(self, name)[slot] = 0
        self.kind[slot] = -1
        self.country[slot] = -1


@dataclass
class _KeyIndex:
    """Multi-valued keyword field of assets (targets, indications): key -> slots, and
    token -> keys, so a query finds the keys whose tokens it contains."""

    slots: dict[tuple[str, ...], set[int]] = field(default_factory=dict)
    by_token: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)
    of_slot: dict[int, list[tuple[str, ...]]] = field(default_factory=dict)
    arrays: dict[tuple[str, ...], NDArray[np.int64]] = field(default_factory=dict)
    """The slots of a key as an array, built on first use and dropped when the key changes."""

    def array(self, key: tuple[str, ...]) -> NDArray[np.int64]:
        cached = self.arrays.get(key)
        if cached is None:
            cached = self.arrays[key] = np.fromiter(self.slots.get(key, ()), dtype=np.int64)
        return cached

    def add(self, slot: int, keys: list[tuple[str, ...]]) -> None:
        self.of_slot[slot] = keys
        for key in keys:
            self.arrays.pop(key, None)
            self.slots.setdefault(key, set()).add(slot)
            for token in key:
                self.by_token.setdefault(token, set()).add(key)

    def remove(self, slot: int) -> None:
        for key in self.of_slot.pop(slot, []):
            self.arrays.pop(key, None)
            holders = self.slots.get(key)
            if holders is None:
                continue
            holders.discard(slot)
            if not holders:
                del self.slots[key]
                for token in key:
                    keys = self.by_token.get(token)
                    if keys is not None:
                        keys.discard(key)
                        if not keys:
                            del self.by_token[token]

    def candidates(self, tokens: set[str]) -> set[tuple[str, ...]]:
        out: set[tuple[str, ...]] = set()
        for token in tokens:
            out |= self.by_token.get(token, set())
        return out


_ASSET_BIT_FIELDS = (
    "public",
    "offered",
    "seeking",
    "has_territory",
    "is_global",
    "area_bits",
    "mod_bits",
    "stage_bits",
    "family_bits",
)


class _AssetStore(_Slots):
    def __init__(self, dim: int) -> None:
        self.area = np.zeros(0, dtype=np.int64)
        self.modality = np.zeros(0, dtype=np.int64)
        self.stage = np.zeros(0, dtype=np.int64)
        self.seeking = np.zeros(0, dtype=np.int64)
        self.public = np.zeros(0, dtype=np.int64)
        self.offered = np.zeros(0, dtype=np.int64)
        self.owner = np.zeros(0, dtype=np.int64)
        self.has_territory = np.zeros(0, dtype=np.int64)
        self.area_bits = np.zeros(0, dtype=np.int64)
        self.mod_bits = np.zeros(0, dtype=np.int64)
        self.stage_bits = np.zeros(0, dtype=np.int64)
        self.family_bits = np.zeros(0, dtype=np.int64)
        self.is_global = np.zeros(0, dtype=np.int64)
        self.territory_include: dict[str, set[int]] = {}
        self.territory_exclude: dict[str, set[int]] = {}
        self.territories: dict[int, ft.Territories] = {}
        self._territory_arrays: dict[tuple[str, bool], NDArray[np.int64]] = {}
        self.targets = _KeyIndex()
        self.indications = _KeyIndex()
        self.profiles: dict[int, AssetProfile] = {}
        self.owners: dict[str, int] = {}
        super().__init__(dim)

    def grow_fields(self, capacity: int) -> None:
        for name in ("area", "modality", "stage", "owner"):
            setattr(self, name, _grow_array(getattr(self, name), capacity, -1))
        for name in _ASSET_BIT_FIELDS:
            setattr(self, name, _grow_array(getattr(self, name), capacity, 0))

    def territory_slots(self, country: str, *, exclude: bool) -> NDArray[np.int64]:
        """Slots whose territories name `country` (as included or excluded), as a cached
        array; the cache entry is dropped when an asset naming the country changes."""
        cache = self._territory_arrays
        key = (country, exclude)
        array = cache.get(key)
        if array is None:
            table = self.territory_exclude if exclude else self.territory_include
            array = np.fromiter(table.get(country, ()), dtype=np.int64)
            cache[key] = array
        return array

    def owner_code(self, organization_id: str) -> int:
        return self.owners.setdefault(organization_id, len(self.owners))

    def set_fields(self, slot: int, asset: AssetProfile) -> None:
        self.clear_fields(slot)
        self.profiles[slot] = asset
        self.area[slot] = ft.AREA_CODE.get(asset.therapeutic_area or "", -1)
        self.modality[slot] = ft.MODALITY_CODE.get(asset.modality or "", -1)
        self.stage[slot] = ft.STAGE_CODE.get(asset.stage or "", -1)
        self.area_bits[slot] = ft.AREA_BIT.get(asset.therapeutic_area or "", 0)
        self.mod_bits[slot] = ft.MODALITY_BIT.get(asset.modality or "", 0)
        self.stage_bits[slot] = ft.STAGE_BIT.get(asset.stage or "", 0)
        self.family_bits[slot] = ft.FAMILY_MASK.get(asset.modality or "", 0)
        self.seeking[slot] = ft.mask_of(asset.seeking, ft.DEAL_BIT)
        self.public[slot] = int(asset.public)
        self.offered[slot] = int(asset.available)
        self.owner[slot] = self.owner_code(asset.organization_id)
        territories = ft.parse_territories(asset.territories)
        self.territories[slot] = territories
        self.has_territory[slot] = int(territories.known)
        self.is_global[slot] = int(territories.is_global)
        for country in territories.include:
            self.territory_include.setdefault(country, set()).add(slot)
            self._territory_arrays.pop((country, False), None)
        for country in territories.exclude:
            self.territory_exclude.setdefault(country, set()).add(slot)
            self._territory_arrays.pop((country, True), None)
        self.targets.add(slot, target_keys(asset.targets))
        self.indications.add(slot, target_keys(asset.indications))
        self.alive[slot] = True

    def clear_fields(self, slot: int) -> None:
        self.profiles.pop(slot, None)
        for name in ("area", "modality", "stage", "owner"):
            getattr(self, name)[slot] = -1
        for name in _ASSET_BIT_FIELDS:
            getattr(self, name)[slot] = 0
        old = self.territories.pop(slot, None)
        if old is not None:
            for country in old.include:
                self.territory_include[country].discard(slot)
                self._territory_arrays.pop((country, False), None)
            for country in old.exclude:
                self.territory_exclude[country].discard(slot)
                self._territory_arrays.pop((country, True), None)
        self.targets.remove(slot)
        self.indications.remove(slot)


def _nested(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Target keys that name the same target (`EGFR` ~ `EGFR-MET`): one nests the other."""
    return set(a).issubset(b) or set(a).issuperset(b)


def _share(query: tuple[str, ...], key: Container[str], bm25: BM25) -> float:
    """idf-weighted share of the words of indication `query` that indication `key` has."""
    weights = {t: bm25.idf(t) for t in query}
    total = sum(weights.values())
    return sum(w for t, w in weights.items() if t in key) / total if total > 0 else 0.0


def _target_hits(
    index: _KeyIndex, query_keys: Iterable[tuple[str, ...]], size: int
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Slots whose targets equal or nest one of the query keys, with value 1."""
    hit = np.zeros(size, dtype=bool)
    for qkey in query_keys:
        for key in index.candidates(set(qkey)):
            if _nested(qkey, key):
                slots = index.array(key)
                hit[slots[slots < size]] = True
    slots = np.flatnonzero(hit)
    return slots, np.ones(len(slots))


def _indication_hits(
    index: _KeyIndex, bm25: BM25, query_keys: Iterable[tuple[str, ...]], size: int
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Slots with an indication sharing words with a query indication, and the best
    idf-weighted share of the query indication's words that it contains."""
    best = np.zeros(size)
    for qkey in query_keys:
        for key in index.candidates(set(qkey)):
            share = _share(qkey, key, bm25)
            if share <= 0:
                continue
            slots = index.array(key)
            slots = slots[slots < size]
            best[slots] = np.maximum(best[slots], share)
    slots = np.flatnonzero(best)
    return slots, best[slots]


EXPLAIN_ONLY = 0.01
"""Ordering weight of a reason whose feature has weight 0: history and own-pipeline evidence
is always explained, after the reasons that drive the score."""


def _explain(weight: float) -> float:
    return weight or EXPLAIN_ONLY


UNKNOWN_FILL = 1.0
"""An organisation with no deal on record (or no asset in the index) gets this share of the
mean value of those with some, for every history (pipeline) feature: an empty record is
missing data, not evidence against. Measured on the dev set: filling the mean raised MRR
over leaving 0 (bench/recommend.py, docs/recommendations.md)."""


def _fill_unknown(values: Features, known: NDArray[np.bool_], alive: NDArray[np.bool_]) -> None:
    """Give live slots without evidence UNKNOWN_FILL x the mean of live slots with some."""
    have = known & alive
    if not have.any() or UNKNOWN_FILL == 0:
        return
    unknown = alive & ~known
    for array in values.values():
        array[unknown] = UNKNOWN_FILL * float(array[have].mean())


def _normalise_by_max(values: NDArray[np.float64]) -> NDArray[np.float64]:
    top = float(values.max()) if len(values) else 0.0
    if top <= 0.0:
        return np.zeros_like(values)
    result: NDArray[np.float64] = values / top
    return result


def _history_values(
    history: DealHistory,
    h: LicenseeHistory,
    asset: AssetProfile,
    country: str | None,
    keys: Sequence[tuple[str, ...]],
) -> dict[str, float]:
    """Values of the history features of one licensee for one asset."""
    values = {"activity": history.activity_of(h)}
    if asset.modality:
        values["hist_modality"] = history.affinity(h, "modality", asset.modality)
    if asset.therapeutic_area:
        values["hist_area"] = history.affinity(h, "area", asset.therapeutic_area)
    tally = history.target_tally(h, keys)
    if tally is not None:
        values["hist_target"] = saturate(tally.weight)
    if asset.organization_id in h.licensor:
        values["hist_licensor"] = saturate(h.licensor[asset.organization_id].weight)
    if country:
        values["hist_country"] = history.affinity(h, "country", country)
    return values


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
    ) -> None:
        self.embedder: Embedder = (
            embedder if embedder is not None else CachedEmbedder(UseEmbedder())
        )
        self.weights = weights if weights is not None else Weights()
        self.batch_size = batch_size
        self._orgs = _OrgStore(self.embedder.dim)
        self._assets = _AssetStore(self.embedder.dim)
        self.history = DealHistory()
        self._org_version = 0
        self._history_version = 0
        self._owner_country_cache: (
            tuple[tuple[int, int, int], NDArray[np.int64], dict[str, int]] | None
        ) = None
        self._owner_slot_cache: tuple[tuple[int, int], NDArray[np.int64]] | None = None
        self.set_history(history)
        self.add_orgs(list(orgs))
        self.add_assets(list(assets))

    # ---- building and updating --------------------------------------------------------
    def _embed(self, texts: list[str]) -> FloatMatrix:
        parts = [
            self.embedder.embed(texts[i : i + self.batch_size])
            for i in range(0, len(texts), self.batch_size)
        ]
        if not parts:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        return np.vstack(parts).astype(np.float32)

    def _store_texts(self, store: _Slots, ids: list[str], texts: list[str]) -> None:
        """Allocate slots and (re-)embed and (re-)tokenise only the texts that are new or
        changed, in batches."""
        changed = [
            i
            for i, id_ in enumerate(ids)
            if id_ not in store.slot_of or store.text_keys[store.slot_of[id_]] != texts[i]
        ]
        vectors = self._embed([texts[i] for i in changed])
        tokens = tokenize_many([texts[i] for i in changed])
        slots = []
        for row, i in enumerate(changed):
            slot = store.allocate(ids[i])
            slots.append(slot)
            store.text_keys[slot] = texts[i]
            store.bm25.add(slot, tokens[row])
        store.set_vectors(slots, vectors)

    def add_orgs(self, orgs: list[OrgProfile]) -> None:
        """Insert or replace many organisations (batched embedding and tokenising)."""
        self._org_version += 1
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
        self.history = history
        self._history_version += 1

    def upsert_org(self, org: OrgProfile) -> None:
        self.add_orgs([org])

    def upsert_asset(self, asset: AssetProfile) -> None:
        self.add_assets([asset])

    def remove_org(self, org_id: str) -> None:
        self._org_version += 1
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

    def org(self, org_id: str) -> OrgProfile | None:
        slot = self._orgs.slot_of.get(org_id)
        return None if slot is None else self._orgs.profiles.get(slot)

    def asset(self, asset_id: str) -> AssetProfile | None:
        slot = self._assets.slot_of.get(asset_id)
        return None if slot is None else self._assets.profiles.get(slot)

    # ---- embeddings of query profiles -------------------------------------------------
    def _query_vector(self, store: _Slots, id_: str, text: str) -> FloatMatrix:
        slot = store.slot_of.get(id_)
        if slot is not None and store.text_keys[slot] == text:
            stored: FloatMatrix = store.emb[slot]
            return stored
        vector: FloatMatrix = self.embedder.embed([text])[0]
        return vector

    # ---- partner recommendations (asset -> organisations) -----------------------------
    def partner_features(
        self, asset: AssetProfile, *, members: bool = True, every: bool = False
    ) -> Features:
        """Every feature value of every organisation slot for this asset (dead slots 0).
        `members`: the reader is signed in, so non-public assets count as pipeline evidence.
        `pipe_semantic` (an embedding pass over every asset) is left 0 unless it has a weight
        or `every` (benchmarks)."""
        store = self._orgs
        n = store.size
        query = tokenize(_asset_query_text(asset))
        out: Features = {}
        out["bm25"] = _normalise_by_max(store.bm25.scores(query, n))
        vector = self._query_vector(self._assets, asset.id, asset_text(asset))
        cosine = np.clip(store.emb[:n] @ vector, 0.0, None)
        out["semantic"] = _normalise_by_max(cosine)
        out["cosine"] = cosine
        out["area"] = self._vocab_feature(
            ft.AREA_BIT.get(asset.therapeutic_area or "", 0),
            store.area_interest[:n],
            store.area_focus[:n],
            ft.RELATED_AREA_MASK.get(asset.therapeutic_area or "", 0),
        )
        modality = asset.modality or ""
        out["modality"] = self._vocab_feature(
            ft.MODALITY_BIT.get(modality, 0),
            store.mod_interest[:n],
            store.mod_focus[:n],
            ft.FAMILY_MASK.get(modality, 0),
        )
        out["stage"] = self._restriction(
            store.stages[:n],
            ft.STAGE_BIT.get(asset.stage or "", 0),
            ft.adjacent_stage_mask(asset.stage or ""),
        )
        out["deal"] = self._restriction(store.deals[:n], ft.mask_of(asset.seeking, ft.DEAL_BIT))
        out["target"] = np.zeros(n)
        for key in target_keys(asset.targets):
            out["target"] = np.maximum(out["target"], self._docs_with_all(store.bm25, key, n))
        out["indication"] = np.zeros(n)
        for key in target_keys(asset.indications):
            share = self._indication_share(store.bm25, key, n)
            out["indication"] = np.maximum(out["indication"], share)
        # No territory stated: nothing is ruled out (1.0 for all). A stated territory rules
        # out the organisations whose home country it leaves out (0.0).
        out["geography"] = np.full(n, ft.OPEN)
        territories = ft.parse_territories(asset.territories)
        if territories.known:
            codes = store.countries
            covered = np.zeros(len(codes) + 1)
            for country, code in codes.items():
                covered[code] = 1.0 if territories.covers(country) else 0.0
            covered[-1] = ft.NEUTRAL  # index -1: organisation without a country
            out["geography"] = covered[store.country[:n]]
        fits = np.zeros(len(ft.KIND_CODE) + 1)
        for kind, code in ft.KIND_CODE.items():
            fits[code] = ft.kind_fit(kind, asset.seeking)[0]
        out["kind"] = fits[store.kind[:n]]
        out["business"] = np.full(n, ft.OPEN)
        lines = ft.business_lines(query)
        if lines:
            out["business"] = self._naming_any(store.bm25, lines, n)
        out.update(self._partner_history(asset, n))
        out.update(
            self._pipeline_features(asset, vector, out["kind"], members=members, every=every)
        )
        # Dead (removed) slots are excluded in _top; their values here are meaningless.
        return out

    def _own_pipeline_features(
        self,
        org: OrgProfile,
        kind_fit: NDArray[np.float64],
        *,
        members: bool,
        every: bool = False,
    ) -> Features:
        """Pipeline features of every asset slot for `org` as the reader: how far each asset
        matches one of the organisation's own assets (target, indication, embedding)."""
        store = self._assets
        n = store.size
        out: Features = {name: np.zeros(n) for name in PIPELINE_FEATURES}
        code = store.owners.get(org.id)
        wanted = self._wanted_pipeline_features(every)
        if code is None or n == 0 or not wanted:
            return out
        mine = store.alive[:n] & (store.owner[:n] == code)
        if not members:
            mine &= store.public[:n] != 0
        own = np.flatnonzero(mine)
        if not len(own):
            return out
        if "pipe_target" in wanted:
            keys = [k for slot in own for k in store.targets.of_slot.get(int(slot), [])]
            slots, values = _target_hits(store.targets, keys, n)
            out["pipe_target"][slots] = values
        if "pipe_indication" in wanted:
            keys = [k for slot in own for k in store.indications.of_slot.get(int(slot), [])]
            slots, values = _indication_hits(store.indications, store.bm25, keys, n)
            out["pipe_indication"][slots] = values
        if "pipe_semantic" in wanted:
            out["pipe_semantic"] = store.cosines(store.emb[own]).max(axis=1)
        for name in PIPELINE_FEATURES:
            out[name][mine] = 0.0
            out[name] = out[name] * kind_fit
        out["pipe_semantic"] = _normalise_by_max(out["pipe_semantic"])
        return out

    def _owner_slots(self) -> NDArray[np.int64]:
        """Organisation slot of every asset owner (by owner code; -1 when not indexed),
        cached until organisations or owners change."""
        owners = self._assets.owners
        key = (len(owners), self._org_version)
        cached = self._owner_slot_cache
        if cached is not None and cached[0] == key:
            return cached[1]
        array = np.full(len(owners) + 1, -1, dtype=np.int64)
        slot_of = self._orgs.slot_of
        for owner, code in owners.items():
            array[code] = slot_of.get(owner, -1)
        self._owner_slot_cache = (key, array)
        return array

    def _usable_evidence(
        self, slots: NDArray[np.int64], *, members: bool, skip: str
    ) -> NDArray[np.bool_]:
        """Which of these asset slots may serve as pipeline evidence: alive, public unless the
        reader is signed in, and not the query asset `skip` itself."""
        store = self._assets
        ok: NDArray[np.bool_] = store.alive[slots].copy()
        if not members:
            ok &= store.public[slots] != 0
        own = store.slot_of.get(skip)
        if own is not None:
            ok &= slots != own
        return ok

    def pipeline_evidence(
        self,
        asset: AssetProfile,
        vector: FloatMatrix,
        *,
        members: bool = True,
        features: Sequence[str] = PIPELINE_FEATURES,
    ) -> dict[str, tuple[NDArray[np.int64], NDArray[np.float64]]]:
        """Sparse, per ASSET slot: which indexed assets (as part of their owners' pipelines)
        match `asset` by target, indication and embedding, and how far: (slots, values).
        The query asset itself, dead slots and (for anonymous readers) non-public assets
        are left out."""
        store = self._assets
        out: dict[str, tuple[NDArray[np.int64], NDArray[np.float64]]] = {}
        if "pipe_target" in features:
            out["pipe_target"] = _target_hits(store.targets, target_keys(asset.targets), store.size)
        if "pipe_indication" in features:
            out["pipe_indication"] = _indication_hits(
                store.indications, store.bm25, target_keys(asset.indications), store.size
            )
        if "pipe_semantic" in features:
            out["pipe_semantic"] = (np.arange(store.size, dtype=np.int64), store.cosines(vector))
        for name, (slots, values) in out.items():
            ok = self._usable_evidence(slots, members=members, skip=asset.id)
            out[name] = (slots[ok], values[ok])
        return out

    def _wanted_pipeline_features(self, every: bool) -> tuple[str, ...]:
        """Target and indication evidence always (cheap, and explained even at weight 0);
        the embedding pass only when it is weighted or `every`."""
        return tuple(
            f
            for f in PIPELINE_FEATURES
            if every or f != "pipe_semantic" or self.weights.pipe_semantic
        )

    def _pipeline_features(
        self,
        asset: AssetProfile,
        vector: FloatMatrix,
        kind_fit: NDArray[np.float64],
        *,
        members: bool,
        every: bool = False,
    ) -> Features:
        """Pipeline features of every organisation slot: the best of its assets' evidence,
        times the kind fit; pipe_semantic divided by the best organisation's value.
        Which are computed: see `_wanted_pipeline_features`."""
        n = self._orgs.size
        out: Features = {name: np.zeros(n) for name in PIPELINE_FEATURES}
        store = self._assets
        m = store.size
        wanted = self._wanted_pipeline_features(every)
        if m == 0 or n == 0 or not wanted:
            return out
        org_of_asset = self._owner_slots()[store.owner[:m]]
        evidence = self.pipeline_evidence(asset, vector, members=members, features=wanted)
        for name, (slots, values) in evidence.items():
            orgs = org_of_asset[slots]
            keep = orgs >= 0
            np.maximum.at(out[name], orgs[keep], values[keep])
        out["pipe_semantic"] = _normalise_by_max(out["pipe_semantic"])
        every_slot = np.arange(m, dtype=np.int64)
        usable = self._usable_evidence(every_slot, members=members, skip=asset.id)
        known = np.zeros(n, dtype=bool)
        known[org_of_asset[usable & (org_of_asset >= 0)]] = True
        _fill_unknown({k: out[k] for k in wanted}, known, self._orgs.alive[:n])
        for name in wanted:
            out[name] = out[name] * kind_fit
        return out

    def best_pipeline_asset(
        self, asset: AssetProfile, org_id: str, feature: str, *, members: bool = True
    ) -> AssetProfile | None:
        """The organisation's own asset that gives its `feature` value (for a reason):
        compared one by one with `asset`, so it costs the size of that pipeline only."""
        store = self._assets
        code = store.owners.get(org_id)
        if code is None:
            return None
        slots = np.flatnonzero(store.owner[: store.size] == code)
        slots = slots[self._usable_evidence(slots, members=members, skip=asset.id)]
        if not len(slots):
            return None
        if feature == "pipe_target":
            wanted = target_keys(asset.targets)
            values = [
                float(any(_nested(q, k) for q in wanted for k in store.targets.of_slot.get(s, [])))
                for s in slots.tolist()
            ]
        elif feature == "pipe_indication":
            wanted = target_keys(asset.indications)
            values = [
                max(
                    (
                        _share(q, k, store.bm25)
                        for q in wanted
                        for k in store.indications.of_slot.get(s, [])
                    ),
                    default=0.0,
                )
                for s in slots.tolist()
            ]
        else:
            vector = self._query_vector(self._assets, asset.id, asset_text(asset))
            values = (store.emb[slots] @ vector).tolist()
        best = int(np.argmax(values))
        if values[best] <= 0:
            return None
        return store.profiles.get(int(slots[best]))

    def owner_country(self, organization_id: str) -> str | None:
        """Country of an asset's owner: from its profile, else from the deal history."""
        org = self.org(organization_id)
        if org is not None and org.country:
            return org.country.upper()
        return self.history.licensor_country.get(organization_id)

    def _partner_history(self, asset: AssetProfile, n: int) -> Features:
        """History features of every organisation slot for this asset."""
        out: Features = {name: np.zeros(n) for name in HISTORY_FEATURES}
        history = self.history
        if not history:
            return out
        slot_of = self._orgs.slot_of
        country = self.owner_country(asset.organization_id)
        known = np.zeros(n, dtype=bool)
        keys = target_keys(asset.targets)
        for licensee, h in history.by_licensee.items():
            slot = slot_of.get(licensee)
            if slot is None or slot >= n:
                continue
            known[slot] = True
            values = _history_values(history, h, asset, country, keys)
            for name, value in values.items():
                out[name][slot] = value
        _fill_unknown(out, known, self._orgs.alive[:n])
        return out

    @staticmethod
    def _vocab_feature(
        bit: int, interest: NDArray[np.int64], focus: NDArray[np.int64], related: int
    ) -> NDArray[np.float64]:
        n = len(interest)
        if not bit:
            return np.full(n, ft.NEUTRAL)
        either = interest | focus
        result: NDArray[np.float64] = np.where(
            (interest & bit) != 0,
            1.0,
            np.where(
                (focus & bit) != 0,
                ft.FOCUS_ONLY,
                np.where(
                    (either & related) != 0,
                    ft.RELATED_MODALITY,
                    np.where(either == 0, ft.NEUTRAL, 0.0),
                ),
            ),
        )
        return result

    @staticmethod
    def _restriction(stated: NDArray[np.int64], wanted: int, near: int = 0) -> NDArray[np.float64]:
        """A restriction feature (stages licensed, deal types sought) for every slot: 1 where
        the slot's stated bits meet `wanted`, ADJACENT_STAGE where they meet `near`, 0 where
        they say something else; OPEN where either side states nothing."""
        if not wanted:
            return np.full(len(stated), ft.OPEN)
        result: NDArray[np.float64] = np.where(
            stated == 0,
            ft.OPEN,
            np.where(
                (stated & wanted) != 0,
                1.0,
                np.where((stated & near) != 0, ft.ADJACENT_STAGE, 0.0),
            ),
        )
        return result

    @staticmethod
    def _naming_any(bm25: BM25, lines: Sequence[str], n: int) -> NDArray[np.float64]:
        """1.0 for the slots whose text names one of these business lines, else 0.0."""
        found = np.zeros(n)
        for line in lines:
            for token in ft.BUSINESS_LINES[line]:
                slots, _ = bm25.posting(token)
                found[slots[slots < n]] = 1.0
        return found

    @staticmethod
    def _docs_with_all(bm25: BM25, key: tuple[str, ...], n: int) -> NDArray[np.float64]:
        counts = np.zeros(n)
        for token in key:
            slots, _ = bm25.posting(token)
            counts[slots[slots < n]] += 1.0
        result: NDArray[np.float64] = (counts == len(key)).astype(np.float64)
        return result

    @staticmethod
    def _indication_share(bm25: BM25, key: tuple[str, ...], n: int) -> NDArray[np.float64]:
        weights = [bm25.idf(token) for token in key]
        total = sum(weights)
        share = np.zeros(n)
        if total <= 0:
            return share
        for token, weight in zip(key, weights, strict=True):
            slots, _ = bm25.posting(token)
            share[slots[slots < n]] += weight / total
        return share

    def recommend_partners(
        self, asset: AssetProfile, top: int = 10, *, members: bool = True
    ) -> list[Recommendation]:
        """Organisations most likely to license or co-develop `asset`, best first, each
        with reasons. The asset's own organisation is never suggested. `members`: the
        reader is signed in (else only public assets serve as pipeline evidence)."""
        values = self.partner_features(asset, members=members)
        score = self._combine(values)
        store = self._orgs
        exclude = (
            [store.slot_of[asset.organization_id]] if asset.organization_id in store.slot_of else []
        )
        slots = self._top(score, store, exclude, top)
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
        return self._partners(asset, [slot], values, self._combine(values), members)[0]

    def _partners(
        self,
        asset: AssetProfile,
        slots: list[int],
        values: Features,
        score: NDArray[np.float64],
        members: bool,
    ) -> list[Recommendation]:
        """Recommendations (score and reasons) for these organisation slots."""
        text = _asset_query_text(asset)
        query_tokens, surfaces = set(tokenize(text)), surface_forms(text)
        return [
            Recommendation(
                id=str(self._orgs.ids[slot]),
                score=round(float(score[slot]), 6),
                reasons=self._partner_reasons(
                    asset, slot, values, query_tokens, surfaces, members=members
                ),
            )
            for slot in slots
        ]

    # ---- asset recommendations (organisation -> assets) -------------------------------
    def asset_features(
        self, org: OrgProfile, *, members: bool = True, every: bool = False
    ) -> Features:
        store = self._assets
        n = store.size
        text = _org_query_text(org)
        query = tokenize(text)
        query_set = set(query)
        out: Features = {}
        out["bm25"] = _normalise_by_max(store.bm25.scores(query, n))
        vector = self._query_vector(self._orgs, org.id, org_text(org))
        # Coarse once the store is large: recommend_assets re-scores its best rows exactly
        # (`query_vector` keeps the full vector for that).
        cosine = store.cosines(vector)
        out["semantic"] = _normalise_by_max(cosine)
        out["cosine"] = cosine
        out["query_vector"] = vector.astype(np.float64)
        out["area"] = self._vocab_feature_rev(
            store.area_bits[:n],
            ft.mask_of(org.interest_therapeutic_areas, ft.AREA_BIT),
            ft.mask_of(org.therapeutic_areas, ft.AREA_BIT),
            ft.RELATED_AREA_BY_CODE[store.area[:n]],
        )
        out["modality"] = self._vocab_feature_rev(
            store.mod_bits[:n],
            ft.mask_of(org.interest_modalities, ft.MODALITY_BIT),
            ft.mask_of(org.modalities, ft.MODALITY_BIT),
            store.family_bits[:n],
        )
        adjacent = 0
        for stage in org.interest_stages:
            adjacent |= ft.adjacent_stage_mask(stage)
        out["stage"] = self._restriction(
            store.stage_bits[:n], ft.mask_of(org.interest_stages, ft.STAGE_BIT), adjacent
        )
        seeking = store.seeking[:n]
        out["deal"] = self._restriction(seeking, ft.mask_of(org.interest_deal_types, ft.DEAL_BIT))
        out["target"] = np.zeros(n)
        for key in store.targets.candidates(query_set):
            if query_set.issuperset(key):
                out["target"][store.targets.array(key)] = 1.0
        out["indication"] = np.zeros(n)
        for key in store.indications.candidates(query_set):
            slots = store.indications.array(key)
            share = _share(key, query_set, store.bm25)
            out["indication"][slots] = np.maximum(out["indication"][slots], share)
        country = (org.country or "").upper()
        if country:
            covered = store.is_global[:n].astype(np.float64)
            include = store.territory_slots(country, exclude=False)
            if len(include):
                covered[include[include < n]] = 1.0
            exclude = store.territory_slots(country, exclude=True)
            if len(exclude):
                covered[exclude[exclude < n]] = 0.0
            geography = np.where(store.has_territory[:n] != 0, covered, ft.OPEN)
        else:  # as in partner_features: unknown country vs stated territory -> NEUTRAL
            geography = np.where(store.has_territory[:n] != 0, ft.NEUTRAL, ft.OPEN)
        out["geography"] = geography
        license_fit = ft.KIND_FIT["license"].get(org.kind, 0.0)
        sought_license = (seeking & ft.DEAL_BIT["license"]) != 0
        base = np.where((seeking == 0) | sought_license, license_fit, 0.0)
        others = np.zeros(n)
        for deal, bit in ft.DEAL_BIT.items():
            fit = ft.KIND_FIT.get(deal, {}).get(org.kind, 0.0)
            if fit and deal != "license":
                others = np.where((seeking & bit) != 0, np.maximum(others, fit), others)
        out["kind"] = np.maximum(base, others)
        # assets of a line of business the organisation never names are ruled out
        theirs = set(ft.business_lines(query))
        out["business"] = np.full(n, ft.OPEN)
        for line in ft.BUSINESS_LINES:
            if line not in theirs:
                out["business"] -= self._naming_any(store.bm25, [line], n)
        out["business"] = np.clip(out["business"], 0.0, 1.0)
        out.update(self._asset_history(org, n))
        out.update(self._own_pipeline_features(org, out["kind"], members=members, every=every))
        # Dead (removed) slots are excluded in _top; their values here are meaningless.
        return out

    def _owner_countries(self) -> tuple[NDArray[np.int64], dict[str, int]]:
        """Country code of every asset owner (by owner code), cached until organisations,
        assets' owners or the history change."""
        store = self._assets
        key = (len(store.owners), self._org_version, self._history_version)
        cached = self._owner_country_cache
        if cached is not None and cached[0] == key:
            return cached[1], cached[2]
        codes: dict[str, int] = {}
        array = np.full(len(store.owners) + 1, -1, dtype=np.int64)
        for owner, code in store.owners.items():
            country = self.owner_country(owner)
            if country:
                array[code] = codes.setdefault(country, len(codes))
        self._owner_country_cache = (key, array, codes)
        return array, codes

    def _asset_history(self, org: OrgProfile, n: int) -> Features:
        """History features of every asset slot for this organisation (as licensee)."""
        out: Features = {name: np.zeros(n) for name in HISTORY_FEATURES}
        h = self.history.by_licensee.get(org.id)
        if h is None:
            return out
        store = self._assets
        out["activity"] = np.full(n, self.history.activity_of(h))
        for name, table, codes, asset_codes in (
            ("hist_modality", h.modality, ft.MODALITY_CODE, store.modality),
            ("hist_area", h.area, ft.AREA_CODE, store.area),
        ):
            lookup = np.zeros(len(codes) + 1)  # index -1: asset without a value
            for value, tally in table.items():
                if value in codes:
                    lookup[codes[value]] = saturate(tally.weight)
            out[name] = lookup[asset_codes[:n]]
        for key, tally in h.target.items():
            idx = store.targets.array(key)
            if len(idx):
                out["hist_target"][idx] = np.maximum(
                    out["hist_target"][idx], saturate(tally.weight)
                )
        owners = store.owner[:n]
        for licensor, tally in h.licensor.items():
            code = store.owners.get(licensor)
            if code is not None:
                out["hist_licensor"][owners == code] = saturate(tally.weight)
        if h.country:
            countries, country_codes = self._owner_countries()
            lookup = np.zeros(len(country_codes) + 1)
            for country, tally in h.country.items():
                if country in country_codes:
                    lookup[country_codes[country]] = saturate(tally.weight)
            owner_values = lookup[countries]  # by owner code; -1 -> 0
            out["hist_country"] = np.where(owners >= 0, owner_values[owners], 0.0)
        return out

    @staticmethod
    def _vocab_feature_rev(
        bits: NDArray[np.int64],
        interest: int,
        focus: int,
        related: NDArray[np.int64],
    ) -> NDArray[np.float64]:
        n = len(bits)
        if not (interest | focus):
            return np.full(n, ft.NEUTRAL)
        either = interest | focus
        related_hit = (related & either) != 0
        result: NDArray[np.float64] = np.where(
            bits == 0,
            ft.NEUTRAL,
            np.where(
                (bits & interest) != 0,
                1.0,
                np.where(
                    (bits & focus) != 0,
                    ft.FOCUS_ONLY,
                    np.where(related_hit, ft.RELATED_MODALITY, 0.0),
                ),
            ),
        )
        return result

    def recommend_assets(
        self, org: OrgProfile, top: int = 10, *, members: bool = True
    ) -> list[Recommendation]:
        """Assets `org` should see, best first, each with reasons. The organisation's own
        assets and assets not offered for partnering are never suggested; non-public own
        assets serve as evidence only when `members` (a signed-in reader)."""
        values = self.asset_features(org, members=members)
        score = self._combine(values)
        store = self._assets
        own = store.owners.get(org.id)
        size = store.size
        withheld = store.offered[:size] == 0
        if own is not None:
            withheld |= store.owner[:size] == own
        exclude = [int(s) for s in np.flatnonzero(withheld)]
        if store.proj is not None:
            self._rescore_exact(values, score, store, exclude, max(RERANK_MIN, 20 * top))
        slots = self._top(score, store, exclude, top)
        text = _org_query_text(org)
        query_tokens = set(tokenize(text))
        return [
            Recommendation(
                id=str(store.ids[slot]),
                score=round(float(score[slot]), 6),
                reasons=self._asset_reasons(org, slot, values, query_tokens, members=members),
            )
            for slot in slots
        ]

    def _rescore_exact(
        self,
        values: Features,
        score: NDArray[np.float64],
        store: _Slots,
        exclude: list[int],
        m: int,
    ) -> None:
        """Second pass after a coarse one: exact cosines for the best `m` rows by the
        combined score, normalised by the best exact cosine among them (or the best coarse
        one elsewhere, if higher); their scores are updated in place."""
        w = self.weights.semantic
        if not w:
            return
        rows = self._top(score, store, exclude, m)
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
        score[:] = self._combine(values)

    # ---- scoring helpers --------------------------------------------------------------
    def _combine(self, values: Features, weights: Weights | None = None) -> NDArray[np.float64]:
        w = (weights or self.weights).as_dict()
        n = len(next(iter(values.values())))
        score = np.zeros(n, dtype=np.float32)
        for name, weight in w.items():
            if weight:
                score += np.float32(weight) * values[name]
        result: NDArray[np.float64] = score.astype(np.float64)
        return result

    @staticmethod
    def _top(score: NDArray[np.float64], store: _Slots, exclude: list[int], top: int) -> list[int]:
        n = store.size
        masked = np.where(store.alive[:n], score, -np.inf)
        if exclude:
            masked[np.asarray(exclude, dtype=np.int64)] = -np.inf
        valid = int(np.count_nonzero(np.isfinite(masked)))
        k = min(top, valid)
        if k <= 0:
            return []
        kth = np.partition(masked, n - k)[n - k]
        candidates = np.flatnonzero(masked >= kth)
        # Ties are broken by id, so equal scores give the same order whatever the slots.
        ranked = sorted(candidates.tolist(), key=lambda s: (-masked[s], store.ids[s] or ""))
        return ranked[:k]

    def _ordered(self, fired: list[tuple[str, float, str]]) -> list[str]:
        fired.sort(key=lambda item: -item[1])
        return [text for _, _, text in fired]

    def _partner_reasons(
        self,
        asset: AssetProfile,
        slot: int,
        values: Features,
        query_tokens: set[str],
        surfaces: dict[str, str],
        *,
        members: bool = True,
    ) -> list[str]:
        org = self._orgs.profiles[slot]
        bm25 = self._orgs.bm25
        return self._structured_reasons(
            PARTNER_REASONS,
            asset,
            org,
            slot,
            values,
            bm25,
            query_tokens,
            surfaces,
            self._org_quote(org, query_tokens),
            partner=True,
            names_target=lambda key: all(bm25.contains(slot, tok) for tok in key),
            indication_hits=lambda ind: sum(bm25.contains(slot, tok) for tok in tokenize(ind)),
            pipeline=lambda feature: self.best_pipeline_asset(
                asset, org.id, feature, members=members
            ),
        )

    def _structured_reasons(
        self,
        t: dict[str, str],
        asset: AssetProfile,
        org: OrgProfile,
        slot: int,
        values: Features,
        bm25: BM25,
        query_tokens: set[str],
        surfaces: dict[str, str],
        quote: str,
        *,
        partner: bool,
        names_target: Callable[[tuple[str, ...]], bool],
        indication_hits: Callable[[str], int],
        pipeline: Callable[[str], AssetProfile | None],
    ) -> list[str]:
        """Reasons for one asset-organisation pair, ordered by weight, from either viewpoint.

        `t` is the template catalogue of the viewpoint, `bm25` the store that holds `slot`,
        `names_target` tells whether the organisation's side names a target (given its key),
        `indication_hits` how many tokens of an indication it names and `pipeline` which of
        the organisation's own assets gives a pipeline feature (in the asset viewpoint, the
        reader's own asset close to the suggested one).
        """
        w = self.weights
        fired: list[tuple[str, float, str]] = []
        area_v, mod_v = values["area"][slot], values["modality"][slot]
        area = asset.therapeutic_area or ""
        modality = asset.modality or ""
        if area_v == mod_v == 1.0 and w.area and w.modality:
            text = render(t, "area_modality_interest", area=label(area), modality=label(modality))
            fired.append(("area_modality", w.area + w.modality, text))
        elif area_v == mod_v == ft.FOCUS_ONLY and w.area and w.modality:
            text = render(t, "area_modality_focus", area=label(area), modality=label(modality))
            fired.append(("area_modality", (w.area + w.modality) * ft.FOCUS_ONLY, text))
        else:
            for fired_reason in (
                _vocab_reason(
                    t,
                    "area",
                    area_v,
                    w.area,
                    area,
                    (*org.interest_therapeutic_areas, *org.therapeutic_areas),
                    ft.AREA_BIT,
                    ft.RELATED_AREA_MASK.get(area, 0),
                ),
                _vocab_reason(
                    t,
                    "modality",
                    mod_v,
                    w.modality,
                    modality,
                    (*org.interest_modalities, *org.modalities),
                    ft.MODALITY_BIT,
                    ft.FAMILY_MASK.get(modality, 0),
                ),
            ):
                if fired_reason is not None:
                    fired.append(fired_reason)
        stage_v = values["stage"][slot]
        if w.stage and stage_v == 1.0 and org.interest_stages and asset.stage:
            fired.append(("stage", w.stage, render(t, "stage", stage=label(asset.stage or ""))))
        elif w.stage and stage_v == ft.ADJACENT_STAGE:
            text = render(
                t,
                "stage_adjacent",
                stage=label(asset.stage or ""),
                theirs=join_labels(list(org.interest_stages)),
            )
            fired.append(("stage", w.stage * stage_v, text))
        common = [d for d in asset.seeking if d in org.interest_deal_types]
        if values["deal"][slot] == 1.0 and common:
            fired.append(("deal", _explain(w.deal), render(t, "deal", deals=join_labels(common))))
        if w.target and values["target"][slot] == 1.0:
            named = [
                target
                for target, key in zip(asset.targets, target_keys(asset.targets), strict=False)
                if names_target(key)
            ]
            fired.append(("target", w.target, render(t, "target", targets=", ".join(named))))
        ind_v = values["indication"][slot]
        if w.indication and ind_v >= ft.INDICATION_FIRE:
            best = max(asset.indications, key=indication_hits)
            fired.append(
                ("indication", w.indication * ind_v, render(t, "indication", indication=best))
            )
        if (
            w.geography
            and values["geography"][slot] == 1.0
            and org.country
            and ft.parse_territories(asset.territories).restricts
        ):
            text = render(
                t, "geography", country=org.country, territories=", ".join(asset.territories)
            )
            fired.append(("geography", w.geography, text))
        if w.business and values["business"][slot] == 1.0:
            for line in _business_lines_of(asset):
                text = render(t, "business", line=label(line))
                fired.append(("business", w.business, text))
        kind_v, deal = ft.kind_fit(org.kind, asset.seeking)
        if w.kind and kind_v >= 1.0:
            text = render(t, "kind", kind=label(org.kind), deal=label(deal))
            fired.append(("kind", w.kind * kind_v, text))
        h = self.history.by_licensee.get(org.id)
        if h is not None:
            country = self.owner_country(asset.organization_id)
            self._history_reasons(t, fired, values, slot, h, asset, country, partner=partner)
        self._pipeline_reasons(t, fired, values, slot, asset, pipeline)
        self._text_reasons(t, fired, values, slot, bm25, query_tokens, surfaces, quote)
        return self._ordered(fired)

    def _pipeline_reasons(
        self,
        t: dict[str, str],
        fired: list[tuple[str, float, str]],
        values: Features,
        slot: int,
        asset: AssetProfile,
        pipeline: Callable[[str], AssetProfile | None],
    ) -> None:
        """Reasons from the organisation's own assets: one against the same target, in the
        same indication, or close by description."""
        for name, threshold in PIPELINE_REASON_MIN.items():
            weight, value = _explain(getattr(self.weights, name)), float(values[name][slot])
            if value < threshold:
                continue
            own = pipeline(name)
            if own is None:
                continue
            fields = {"asset": own.name}
            if name == "pipe_target":
                wanted = {k for key in target_keys(asset.targets) for k in key}
                shared = [x for x in own.targets if set(tokenize(x)) & wanted]
                fields["targets"] = ", ".join(shared or own.targets)
            elif name == "pipe_indication":
                wanted = set(tokenize(" ".join(asset.indications)))
                best = max(own.indications, key=lambda i: len(set(tokenize(i)) & wanted))
                fields["indication"] = best
            fired.append((name, weight * value, render(t, name, **fields)))

    def _history_reasons(
        self,
        t: dict[str, str],
        fired: list[tuple[str, float, str]],
        values: Features,
        slot: int,
        h: LicenseeHistory,
        asset: AssetProfile,
        country: str | None,
        *,
        partner: bool,
    ) -> None:
        """Reasons from past deals: what they in-licensed, from whom, where. When several
        reasons rest on exactly the same deals, only the most specific is given (target, then
        licensor, modality, area, country, activity), ranked by the strongest of them."""
        w = self.weights
        history = self.history
        made: list[tuple[str, float, str, frozenset[int]]] = []

        def add(name: str, text: str, tally: Tally) -> None:
            weight = _explain(getattr(w, name)) * float(values[name][slot])
            made.append((name, weight, text, frozenset(id(r) for r in tally.records)))

        def since(tally: Tally) -> str:
            return since_year(tally.since())

        def examples(tally: Tally) -> str:
            return ", ".join(tally.examples())

        for name, value, tallies in (
            ("hist_modality", asset.modality, h.modality),
            ("hist_area", asset.therapeutic_area, h.area),
        ):
            if value and value in tallies:
                tally = tallies[value]
                text = render(
                    t,
                    name,
                    assets=counted(tally.count, "labelled_assets", what=label(value)),
                    since=since(tally),
                    examples=examples(tally),
                )
                add(name, text, tally)
        found = history.target_tally(h, target_keys(asset.targets))
        if found is not None:
            named = [
                target for target in asset.targets if h.target.get(target_key(target)) is found
            ][:1]
            text = render(
                t,
                "hist_target",
                assets=counted(found.count, "assets"),
                target=", ".join(named),
                since=since(found),
                examples=examples(found),
            )
            add("hist_target", text, found)
        if asset.organization_id in h.licensor:
            tally = h.licensor[asset.organization_id]
            text = render(
                t,
                "hist_licensor",
                licensor=examples(tally) or asset.organization_id,
                deals=counted(tally.count, "deals"),
                since=since(tally),
            )
            add("hist_licensor", text, tally)
        if country and country in h.country:
            tally = h.country[country]
            text = render(
                t,
                "hist_country",
                country=country_name(country),
                deals=counted(tally.count, "deals"),
                since=since(tally),
                examples=examples(tally),
            )
            add("hist_country", text, tally)
        if partner and values["activity"][slot] >= 0.5:
            deals = counted(h.total.count, "deals")
            text = render(t, "activity", deals=deals, since=since(h.total))
            add("activity", text, h.total)
        groups: dict[frozenset[int], list[tuple[str, float, str]]] = {}
        for name, weight, text, records in made:
            groups.setdefault(records, []).append((name, weight, text))
        for entries in groups.values():
            name, _, text = min(entries, key=lambda e: HISTORY_REASON_ORDER.index(e[0]))
            fired.append((name, max(e[1] for e in entries), text))

    def _org_quote(self, org: OrgProfile, query_tokens: set[str]) -> str:
        return _quote(org.interest_description or org.description, query_tokens)

    def _text_reasons(
        self,
        t: dict[str, str],
        fired: list[tuple[str, float, str]],
        values: Features,
        slot: int,
        bm25: BM25,
        query_tokens: set[str],
        surfaces: dict[str, str],
        quote: str,
    ) -> None:
        w = self.weights
        bm25_v = values["bm25"][slot]
        if w.bm25 and bm25_v >= 0.3:
            terms = [
                term
                for term, _ in bm25.contributions(list(query_tokens), slot)
                if len(term) > 1 and not term.isdigit()
            ][:4]
            if terms:
                shown = ", ".join(surfaces.get(term, term) for term in terms)
                fired.append(("terms", w.bm25 * bm25_v, render(t, "terms", terms=shown)))
        sem_v = values["semantic"][slot]
        cosine = values["cosine"][slot]
        if w.semantic and sem_v >= 0.85 and cosine >= w.semantic_reason_min_cosine and quote:
            fired.append(("semantic", w.semantic * sem_v, render(t, "semantic", quote=quote)))

    def _asset_reasons(
        self,
        org: OrgProfile,
        slot: int,
        values: Features,
        query_tokens: set[str],
        *,
        members: bool = True,
    ) -> list[str]:
        asset = self._assets.profiles[slot]
        return self._structured_reasons(
            ASSET_REASONS,
            asset,
            org,
            slot,
            values,
            self._assets.bm25,
            query_tokens,
            surface_forms(asset_text(asset)),
            _quote(asset.description, query_tokens),
            partner=False,
            names_target=query_tokens.issuperset,
            indication_hits=lambda ind: len(query_tokens & set(tokenize(ind))),
            pipeline=lambda feature: self.best_pipeline_asset(
                asset, org.id, feature, members=members
            ),
        )
