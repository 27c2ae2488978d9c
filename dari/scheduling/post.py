"""Secondary goals after the weight is final (never change the weight)."""

from __future__ import annotations

from .core import State
from .model import Instance


def fairness_swaps(st: State) -> int:
    return 0


def compact_gaps(st: State, instance: Instance, deadline: float) -> tuple[int, int]:
    return 0, 0
