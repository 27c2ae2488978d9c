"""The features of a score, their weights, and how weighted values combine.

Score of a candidate = sum over features f of weight[f] * value[f], every value in [0, 1],
accumulated in float32 in the order of FEATURES (so a score is reproducible to the bit).
What each feature measures, in both directions, and the reason it gives: `stated.py` (stated
focus, terms and text), `past_deals.py` (deal history) and `pipelines.py` (own pipeline).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
from numpy.typing import NDArray

from .history import HISTORY_FEATURES
from .store import Slots

Features = dict[str, NDArray[np.float64]]
"""Feature name -> value of every slot of the candidate store (dead slots meaningless)."""

TEXT_FEATURES: tuple[str, ...] = ("bm25", "semantic")
"""Features of the texts: shared terms (BM25) and the sentence embeddings."""

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

PIPELINE_FEATURES: tuple[str, ...] = ("pipe_target", "pipe_indication", "pipe_semantic")
"""Evidence from the candidate's own pipeline (its assets in the index)."""

FEATURES: tuple[str, ...] = (
    *TEXT_FEATURES,
    *STRUCTURED_FEATURES,
    *HISTORY_FEATURES,
    *PIPELINE_FEATURES,
)


@dataclass(frozen=True)
class Weights:
    """Weights of the features in the score (one field per name in FEATURES, in that order)
    and the cosine a 'their statement is close' reason needs. A weight of 0 leaves a feature
    out of the score; its reason is still given, after those that drive the score (see
    EXPLAIN_ONLY). The defaults are learned on real deals with cross-validation grouped by
    licensor: docs/recommendations.md, "Issue 15, session 4"."""

    bm25: float = 0.92
    semantic: float = 0.53
    area: float = 1.42
    modality: float = 0.61
    stage: float = 0.25
    deal: float = 0.16
    target: float = 0.0
    indication: float = 0.44
    geography: float = 1.5
    kind: float = 0.0
    business: float = 0.69
    hist_modality: float = 0.0
    hist_area: float = 0.0
    hist_target: float = 0.15
    hist_licensor: float = 0.52
    hist_country: float = 0.01
    activity: float = 0.23
    pipe_target: float = 0.0
    pipe_indication: float = 0.01
    pipe_semantic: float = 0.0
    semantic_reason_min_cosine: float = 0.3
    """A 'their statement is close' reason needs at least this raw cosine (USE scale)."""

    def as_dict(self) -> dict[str, float]:
        return {k: v for k, v in asdict(self).items() if k in FEATURES}

    def of(self, feature: str) -> float:
        """The weight of one feature by name."""
        value: float = getattr(self, feature)
        return value


EXPLAIN_ONLY = 0.01
"""Ordering weight of a reason whose feature has weight 0: history and own-pipeline evidence
is always explained, after the reasons that drive the score."""


def explain_weight(weight: float) -> float:
    return weight or EXPLAIN_ONLY


UNKNOWN_FILL = 1.0
"""An organisation with no deal on record (or no asset in the index) gets this share of the
mean value of those with some, for every history (pipeline) feature: an empty record is
missing data, not evidence against (measured: docs/recommendations.md)."""


def fill_unknown(values: Features, known: NDArray[np.bool_], alive: NDArray[np.bool_]) -> None:
    """Give live slots without evidence UNKNOWN_FILL x the mean of live slots with some."""
    have = known & alive
    if not have.any() or UNKNOWN_FILL == 0:
        return
    unknown = alive & ~known
    for array in values.values():
        array[unknown] = UNKNOWN_FILL * float(array[have].mean())


def normalise_by_max(values: NDArray[np.float64]) -> NDArray[np.float64]:
    top = float(values.max()) if len(values) else 0.0
    if top <= 0.0:
        return np.zeros_like(values)
    result: NDArray[np.float64] = values / top
    return result


def combine(values: Features, weights: Weights) -> NDArray[np.float64]:
    """The score of every slot: weighted values summed in float32, in FEATURES order."""
    w = weights.as_dict()
    n = len(next(iter(values.values())))
    score = np.zeros(n, dtype=np.float32)
    for name, weight in w.items():
        if weight:
            score += np.float32(weight) * values[name]
    result: NDArray[np.float64] = score.astype(np.float64)
    return result


def top_slots(score: NDArray[np.float64], store: Slots, exclude: list[int], top: int) -> list[int]:
    """The `top` live slots by score, not in `exclude`, best first; ties broken by id, so equal
    scores give the same order whatever the slots."""
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
    ranked = sorted(candidates.tolist(), key=lambda s: (-masked[s], store.ids[s] or ""))
    return ranked[:k]
