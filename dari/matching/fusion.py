"""The partner ranking: weighted reciprocal rank fusion of a few channels (issue 15).

A weighted sum of feature values moved with the scale of each feature in each set of
deals: weights learned on the development sets did not carry over to a held-out set where
plain BM25 did better at top 5. Fusion uses only each candidate's rank in every channel, so
a channel whose values are spread differently in a new corpus cannot swamp the others:

    score = (sum over channels c of w_c / (k + rank_c)) / (sum of w_c / (k + 1))
            x (floor + (1 - floor) x geography)

`rank_c` is the competition rank (1 + the number of eligible candidates with a higher
value; ties share the best rank) among the candidates eligible for this query, so a score
is 1 for a candidate first in every channel and inside the territories on offer. Territory
multiplies instead of adding a channel: an asset offered for some countries only should
push the others down whatever their other ranks.

Channels, from the feature values of weights.FEATURES (see docs/recommendations.md):
- bm25, semantic: the two text features;
- stated: in their *stated* interests (area 1, modality 1) and the indication overlap (an
  area they only work on measured no better than a random candidate);
- focus: the graded structured fit (area, modality, indication, target);
- business, stage: line of business and the stages they license;
- kind: how usual this kind of organisation is for the deal types the asset seeks (a
  pharma company for a licence; session 6: the one channel that improved the grouped
  cross-validation, see docs/recommendations.md);
- history: a repeat partner or an asset against the same target before, from real deal
  records only (the mean filled in for an organisation without records is evidence of
  nothing, and as a rank it would put every newcomer above real zeros).

The weights and k were chosen by a grid over the tuning deals with cross-validation grouped
by licensor (bench/recommend_eval.py); the semantic channel keeps a weight because it is the
only text link between a Korean asset and English statements.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass

import numpy as np
from numpy.typing import NDArray

Values = Mapping[str, NDArray[np.float64]]
"""Feature name -> value of every candidate (weights.FEATURES plus `hist_known`)."""

HIST_KNOWN = "hist_known"
"""Rides along with the feature values: 1 for a candidate with deal records, else 0."""


def _is(values: NDArray[np.float64], level: float) -> NDArray[np.float64]:
    result: NDArray[np.float64] = np.isclose(values, level).astype(np.float64)
    return result


def _stated(v: Values) -> NDArray[np.float64]:
    return _is(v["area"], 1.0) + 0.7 * _is(v["modality"], 1.0) + 0.5 * v["indication"]


def _focus(v: Values) -> NDArray[np.float64]:
    return v["area"] + 0.5 * v["modality"] + 0.5 * v["indication"] + 0.25 * v["target"]


def _history(v: Values) -> NDArray[np.float64]:
    result: NDArray[np.float64] = (v["hist_licensor"] + 0.5 * v["hist_target"]) * v[HIST_KNOWN]
    return result


CHANNELS: dict[str, Callable[[Values], NDArray[np.float64]]] = {
    "bm25": lambda v: v["bm25"],
    "semantic": lambda v: v["semantic"],
    "stated": _stated,
    "focus": _focus,
    "business": lambda v: v["business"],
    "stage": lambda v: v["stage"],
    "history": _history,
    "kind": lambda v: v["kind"],
}
"""Channel name -> its value for every candidate (higher ranks first)."""


@dataclass(frozen=True)
class Fusion:
    """Weights of the channels (one field per name in CHANNELS), the rank offset k and the
    share of its score kept by a candidate outside the territories on offer."""

    bm25: float = 2.0
    semantic: float = 1.0
    stated: float = 1.0
    focus: float = 2.0
    business: float = 0.5
    stage: float = 1.0
    history: float = 0.5
    kind: float = 1.0
    k: float = 5.0
    territory_floor: float = 0.2

    def channel_weights(self) -> dict[str, float]:
        return {name: w for name, w in asdict(self).items() if name in CHANNELS and w}


FUSION = Fusion()
"""The shipped partner ranking (docs/recommendations.md, "Issue 15, session 6")."""

SESSION5 = Fusion(semantic=0.5, history=1.0, kind=0.0, k=20.0)
"""The session-5 fusion (no kind channel), kept for comparison in the bench."""


def competition_ranks(
    values: NDArray[np.float64], eligible: NDArray[np.bool_]
) -> NDArray[np.float64]:
    """1 + the number of eligible candidates with a strictly higher value (ties share the
    best rank); ineligible candidates get rank inf."""
    pool = np.sort(values[eligible])
    higher = len(pool) - np.searchsorted(pool, values, side="right")
    ranks: NDArray[np.float64] = np.where(eligible, 1.0 + higher, np.inf)
    return ranks


def fuse(
    values: Values, eligible: NDArray[np.bool_], fusion: Fusion = FUSION
) -> NDArray[np.float64]:
    """The fused score in [0, 1] of every candidate (0 for ineligible ones)."""
    weights = fusion.channel_weights()
    n = len(eligible)
    total = np.zeros(n)
    for name, w in weights.items():
        total += w / (fusion.k + competition_ranks(CHANNELS[name](values)[:n], eligible))
    best = sum(weights.values()) / (fusion.k + 1.0)
    floor = fusion.territory_floor
    geography = values["geography"][:n]
    score: NDArray[np.float64] = np.where(
        eligible, total / (best or 1.0) * (floor + (1.0 - floor) * geography), 0.0
    )
    return score
