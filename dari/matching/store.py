"""Storage of the index: organisations and assets by slot in growable NumPy arrays.

Each store maps ids to slots (freed slots are reused), keeps one embedding row, one BM25
document and the structured fields of every live slot, so that one query scores every
candidate at once and one profile change touches one slot. Dead slots have `alive` False;
their values are meaningless and callers mask them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from . import features as ft
from .bm25 import BM25
from .embed import FloatMatrix
from .history import target_keys
from .profiles import AssetProfile, OrgProfile

COARSE_DIM = 128
COARSE_MIN = 20_000
"""Stores with at least this many rows score cosines in two passes: a coarse pass in
COARSE_DIM dimensions over every row, then exact cosines for the best RERANK rows of
the combined score (see scoring.rescore_exact)."""
RERANK_MIN = 256


class Slots:
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


class OrgStore(Slots):
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
class KeyIndex:
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


class AssetStore(Slots):
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
        self.targets = KeyIndex()
        self.indications = KeyIndex()
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
