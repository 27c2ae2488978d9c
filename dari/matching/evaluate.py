"""Ranking metrics for the benchmark: hit@k and mean reciprocal rank."""

from __future__ import annotations

from collections.abc import Sequence


def first_hit_rank(ranking: Sequence[str], relevant: set[str]) -> int | None:
    """1-based rank of the first relevant id, or None if none is ranked."""
    for position, item in enumerate(ranking, start=1):
        if item in relevant:
            return position
    return None


def hit_at_k(ranks: Sequence[int | None], k: int) -> float:
    """Share of queries whose first relevant item is within the top k."""
    if not ranks:
        return 0.0
    return sum(1 for r in ranks if r is not None and r <= k) / len(ranks)


def mean_reciprocal_rank(ranks: Sequence[int | None]) -> float:
    """Mean of 1/rank of the first relevant item (0 when it is not ranked)."""
    if not ranks:
        return 0.0
    return sum(1.0 / r for r in ranks if r is not None) / len(ranks)


def random_expectations(n_candidates: int, n_relevant: int, k: int) -> tuple[float, float]:
    """Exact hit@k and reciprocal rank expected from a uniformly random ranking of
    n_candidates items of which n_relevant are relevant."""
    from math import comb

    if n_candidates <= 0 or n_relevant <= 0:
        return 0.0, 0.0
    miss = comb(n_candidates - n_relevant, min(k, n_candidates)) / comb(
        n_candidates, min(k, n_candidates)
    )
    # P(first relevant at rank r) = C(N-r, m-1) / C(N, m)
    total = comb(n_candidates, n_relevant)
    rr = sum(
        comb(n_candidates - r, n_relevant - 1) / total / r
        for r in range(1, n_candidates - n_relevant + 2)
    )
    return 1.0 - miss, rr
