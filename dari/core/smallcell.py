"""Small-cell suppression: the one rule for every public aggregate built from data that is not
public (meeting counts and outcomes, requests, registrations). Pure Python, no Django.

A cell is shown only when at least `K` distinct organisations account for it, and when every
complement a reader could compute from it by subtraction (the same cell without the filter,
minus this one; the stage before, minus this one) is empty or also covers `K` organisations.
With fewer, each contributor could subtract its own share and read the others' (with two, the
other's exactly). docs/insights.md explains the choice of 3.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable

K = 3


def enough(organisations: Collection[Hashable], k: int = K) -> bool:
    """Whether `organisations` (ids; repeats count once) are at least `k` distinct ones."""
    return len(set(organisations)) >= k


def disclosable(
    organisations: Collection[Hashable],
    complements: Iterable[Collection[Hashable]] = (),
    k: int = K,
) -> bool:
    """Whether a cell covered by `organisations` may be shown: it covers `k` of them, and each
    complement a reader could derive from it by subtraction is empty or covers `k` too."""
    return enough(organisations, k) and all(not c or enough(c, k) for c in complements)
