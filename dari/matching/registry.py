"""What a feature is: its value for every candidate in both directions, and its reasons.

A `Feature` (or a `FeatureGroup`, for evidence computed in one pass: deal history, own
pipeline) is defined in one place: the value of every organisation slot for an asset
(`for_partners`), of every asset slot for an organisation (`for_assets`), and the reasons it
gives for one pair (`reasons`). Its weight is the field of the same name in `Weights`.
Scoring (`scoring.py`) and explanation (`explanation.py`) both read the registries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .bm25 import BM25
from .corpus import Corpus
from .embed import FloatMatrix
from .profiles import AssetProfile, OrgProfile
from .weights import Features, Weights

Fired = tuple[str, float, str]
"""A reason given: (feature, ordering weight, text)."""


@dataclass
class PartnerQuery:
    """An asset asking for organisations: `n` organisation slots are scored."""

    corpus: Corpus
    asset: AssetProfile
    n: int
    tokens: list[str]
    """Tokens of the asset's query text."""
    vector: FloatMatrix
    cosine: NDArray[np.float64]
    """Cosine of every organisation slot with the asset, clipped at 0."""
    members: bool
    every: bool
    values: Features
    """Values computed so far (a feature may read one computed before it, e.g. kind)."""


@dataclass
class AssetQuery:
    """An organisation asking for assets: `n` asset slots are scored."""

    corpus: Corpus
    org: OrgProfile
    n: int
    tokens: list[str]
    token_set: set[str]
    vector: FloatMatrix
    cosine: NDArray[np.float64]
    members: bool
    every: bool
    values: Features


@dataclass
class Pair:
    """One asset-organisation pair to explain, from either viewpoint.

    `templates` is the catalogue of the viewpoint, `slot` the candidate's slot in the store
    whose BM25 is `bm25`, `names_target` tells whether the organisation's side names a
    target (given its key), `indication_hits` how many tokens of an indication it names and
    `pipeline` which of the organisation's own assets gives a pipeline feature (in the asset
    viewpoint, the reader's own asset close to the suggested one)."""

    corpus: Corpus
    templates: dict[str, str]
    asset: AssetProfile
    org: OrgProfile
    slot: int
    values: Features
    bm25: BM25
    query_tokens: set[str]
    surfaces: dict[str, str]
    quote: str
    partner: bool
    names_target: Callable[[tuple[str, ...]], bool]
    indication_hits: Callable[[str], int]
    pipeline: Callable[[str], AssetProfile | None]
    said: tuple[str, ...] = ()
    """The reasons given before this feature's (explanation.explain fills it): a feature
    may leave out what they already say."""

    @property
    def weights(self) -> Weights:
        return self.corpus.weights

    def value(self, feature: str) -> float:
        return float(self.values[feature][self.slot])


@dataclass(frozen=True)
class Feature:
    """One feature with one value per candidate (weight: `Weights.<name>`)."""

    name: str
    for_partners: Callable[[PartnerQuery], NDArray[np.float64]]
    for_assets: Callable[[AssetQuery], NDArray[np.float64]]
    reasons: Callable[[Pair], Iterable[Fired]]


@dataclass(frozen=True)
class FeatureGroup:
    """Several features computed together from one body of evidence."""

    name: str
    features: tuple[str, ...]
    for_partners: Callable[[PartnerQuery], Features]
    for_assets: Callable[[AssetQuery], Features]
    reasons: Callable[[Pair], Iterable[Fired]]
