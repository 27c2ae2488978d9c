"""The data an index scores against: both stores, the deal history and the weights, with the
lookups that join them (an asset owner's organisation slot and country). Caches are keyed by
versions that every change of organisations or history raises."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .embed import Embedder, FloatMatrix
from .history import DealHistory
from .store import AssetStore, OrgStore, Slots
from .weights import Weights


class Corpus:
    """Organisations, assets, deal history and weights of one index."""

    def __init__(self, embedder: Embedder, weights: Weights) -> None:
        self.embedder = embedder
        self.weights = weights
        self.orgs = OrgStore(embedder.dim)
        self.assets = AssetStore(embedder.dim)
        self.history = DealHistory()
        self.org_version = 0
        self.history_version = 0
        self._owner_country_cache: (
            tuple[tuple[int, int, int], NDArray[np.int64], dict[str, int]] | None
        ) = None
        self._owner_slot_cache: tuple[tuple[int, int], NDArray[np.int64]] | None = None

    def query_vector(self, store: Slots, id_: str, text: str) -> FloatMatrix:
        """The embedding of a query profile: the stored one when its text is unchanged."""
        slot = store.slot_of.get(id_)
        if slot is not None and store.text_keys[slot] == text:
            stored: FloatMatrix = store.emb[slot]
            return stored
        vector: FloatMatrix = self.embedder.embed([text])[0]
        return vector

    def owner_country(self, organization_id: str) -> str | None:
        """Country of an asset's owner: from its profile, else from the deal history."""
        slot = self.orgs.slot_of.get(organization_id)
        org = None if slot is None else self.orgs.profiles.get(slot)
        if org is not None and org.country:
            return org.country.upper()
        return self.history.licensor_country.get(organization_id)

    def owner_slots(self) -> NDArray[np.int64]:
        """Organisation slot of every asset owner (by owner code; -1 when not indexed),
        cached until organisations or owners change."""
        owners = self.assets.owners
        key = (len(owners), self.org_version)
        cached = self._owner_slot_cache
        if cached is not None and cached[0] == key:
            return cached[1]
        array = np.full(len(owners) + 1, -1, dtype=np.int64)
        slot_of = self.orgs.slot_of
        for owner, code in owners.items():
            array[code] = slot_of.get(owner, -1)
        self._owner_slot_cache = (key, array)
        return array

    def owner_countries(self) -> tuple[NDArray[np.int64], dict[str, int]]:
        """Country code of every asset owner (by owner code), cached until organisations,
        assets' owners or the history change."""
        store = self.assets
        key = (len(store.owners), self.org_version, self.history_version)
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
