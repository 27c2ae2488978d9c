"""The partner fusion (dari/matching/fusion.py) on bench deals: its score from the feature
values the engine computed, the grid its weights are chosen from, and cross-validation
grouped by licensor (no licensor in a training and a test fold at once).

Choosing = the grid point with the best hit@5 + MRR over the training deals (the first such
point in grid order). `chosen_in_folds` repeats the choice inside each fold, so its ranks
are an honest estimate of the procedure, not of one weighting picked after the fact.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from dari.matching import FEATURES
from dari.matching.fusion import CHANNELS, HIST_KNOWN, Fusion, competition_ranks, fuse

if TYPE_CHECKING:
    from recommend_eval import Query

GRID: dict[str, tuple[float, ...]] = {
    "bm25": (1.0, 2.0),
    "semantic": (0.5, 1.0),
    "stated": (0.0, 1.0, 2.0),
    "focus": (0.0, 1.0, 2.0),
    "business": (0.0, 0.5, 1.0),
    "stage": (0.0, 0.5, 1.0),
    "history": (0.0, 0.5, 1.0),
    "kind": (0.0, 0.5, 1.0, 2.0),
}
"""Channel weights tried (semantic kept > 0: the only text link for Korean assets; `kind`
added in session 6)."""
KS = (5.0, 20.0)
FOLDS = 5


def values_of(q: Query) -> dict[str, np.ndarray]:
    out = {f: q.values[:, i] for i, f in enumerate(FEATURES)}
    out[HIST_KNOWN] = q.known
    return out


def fused(fusion: Fusion) -> Callable[[Query], np.ndarray]:
    """The engine's fused score of a deal's candidates (every candidate eligible: the
    licensor is not among them)."""
    return lambda q: fuse(values_of(q), np.ones(len(q.relevant), dtype=bool), fusion)


def _points() -> list[Fusion]:
    names = list(GRID)
    return [
        Fusion(k=k, **dict(zip(names, combo, strict=True)))
        for k in KS
        for combo in itertools.product(*(GRID[n] for n in names))
    ]


POINTS = _points()


def _ranks(q: Query, weights: np.ndarray, k: float) -> np.ndarray:
    """Rank of the first real licensee under every row of `weights` (channels in GRID
    order), ties by id as in rank_of."""
    values = values_of(q)
    everyone = np.ones(len(q.relevant), dtype=bool)
    rr = np.stack([1.0 / (k + competition_ranks(CHANNELS[n](values), everyone)) for n in GRID])
    score = (weights @ rr) * (0.2 + 0.8 * values["geography"])[None]
    return first_hit(q, score)


def first_hit(q: Query, score: np.ndarray) -> np.ndarray:
    """Rank of the first real licensee under every row of `score`, ties by id."""
    rel = q.relevant
    best = score[:, rel].max(1, keepdims=True)
    at_best = rel[None] & (score == best)
    best_id = np.where(at_best, q.id_rank[None], 10**9).min(1, keepdims=True)
    before = ((score > best) | ((score == best) & (q.id_rank[None] < best_id))) & ~rel[None]
    ranks: np.ndarray = 1 + before.sum(1)
    return ranks


def grid_ranks(queries: Sequence[Query]) -> np.ndarray:
    """ranks[p, d]: rank of deal d's licensee under grid point p (POINTS order)."""
    out = np.empty((len(POINTS), len(queries)))
    for k in KS:
        rows = [i for i, p in enumerate(POINTS) if p.k == k]
        weights = np.array([[getattr(POINTS[i], n) for n in GRID] for i in rows])
        for d, q in enumerate(queries):
            if q.relevant.any():
                out[rows, d] = _ranks(q, weights, k)
            else:
                out[rows, d] = np.inf
    return out


def choose(ranks: np.ndarray) -> int:
    """Index of the grid point with the best hit@5 + MRR over these columns."""
    objective = (ranks <= 5).mean(1) + (1.0 / ranks).mean(1)
    return int(np.argmax(objective))


def fold_of(queries: Sequence[Query], seed: int = 0) -> dict[str, int]:
    groups = sorted({q.group for q in queries})
    random.Random(seed).shuffle(groups)
    return {g: i % FOLDS for i, g in enumerate(groups)}


def chosen_in_folds(queries: Sequence[Query], seed: int = 0) -> dict[str, float]:
    """Deal id -> rank of its licensee under the fusion chosen on the other folds."""
    ranks = grid_ranks(queries)
    fold = fold_of(queries, seed)
    out: dict[str, float] = {}
    for f in range(FOLDS):
        train = [i for i, q in enumerate(queries) if fold[q.group] != f]
        best = choose(ranks[:, train])
        for i, q in enumerate(queries):
            if fold[q.group] == f:
                out[q.deal_id] = float(ranks[best, i])
    return out


def choose_fusion(queries: Sequence[Query]) -> Fusion:
    return POINTS[choose(grid_ranks(queries))]
