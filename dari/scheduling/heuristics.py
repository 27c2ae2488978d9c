"""Constructive heuristics and the local search (ejection chains) on a State."""

from __future__ import annotations

import random
import time
from collections.abc import Sequence

from .core import Problem, State


def fcfs(prob: Problem) -> State:
    """First come, first served: meetings in file order, each in its first feasible slot."""
    st = State(prob)
    for m in range(prob.n_meetings):
        if st.slot_of[m] >= 0:
            continue
        for s in prob.opts[m]:
            if st.free(m, s):
                st.assign(m, s)
                break
    st.log.clear()
    return st


def greedy(prob: Problem, order: Sequence[int], prefs: Sequence[Sequence[int]]) -> State:
    """Place meetings in ``order``, each in the first free slot of its preference list."""
    st = State(prob)
    for m in order:
        if st.slot_of[m] >= 0:
            continue
        for s in prefs[m]:
            if st.free(m, s):
                st.assign(m, s)
                break
    st.log.clear()
    return st


def pressure_prefs(prob: Problem) -> tuple[list[int], list[list[int]]]:
    """ "Most constrained first": meetings by weight per option, slots by least demand.

    The demand of participant p in slot s is the expected load sum(w/|options|) of its meetings
    that could use s; a slot is preferred when its participants' (and tables') demand is low.
    """
    n_s = prob.n_slots
    demand = [[0.0] * n_s for _ in range(prob.n_parts)]
    tdemand = [0.0] * n_s
    for m in range(prob.n_meetings):
        o = prob.opts[m]
        if not o or prob.locked[m] >= 0:
            continue
        share = prob.weight[m] / len(o)
        for p in prob.parts[m]:
            row = demand[p]
            for s in o:
                row[s] += share
        for s in o:
            tdemand[s] += share
    tfac = [(1.0 / c if prob.limited and c > 0 else 0.0) for c in prob.cap]
    prefs: list[list[int]] = []
    for m in range(prob.n_meetings):
        o = prob.opts[m]
        ps = prob.parts[m]
        prefs.append(sorted(o, key=lambda s: sum(demand[p][s] for p in ps) + tdemand[s] * tfac[s]))
    order = sorted(
        range(prob.n_meetings),
        key=lambda m: (-prob.weight[m] / max(1, len(prob.opts[m])), len(prob.opts[m])),
    )
    return order, prefs


class LocalSearch:
    """Augmenting moves: place an unscheduled meeting by moving the meetings in its way.

    ``try_place(m, depth)`` inserts m in a free slot, or picks a slot of m, moves the (unlocked)
    meetings that block it there -- participants' meetings in that slot, or one meeting of a
    slot whose tables are all taken -- and re-places each of them recursively with depth - 1
    (an ejection chain).  Every move keeps all hard constraints; locked meetings never move.
    """

    def __init__(self, st: State, seed: int = 0, max_blockers: int = 3, node_budget: int = 400):
        self.st = st
        self.prob = st.prob
        self.rng = random.Random(seed)
        self.max_blockers = max_blockers
        self.node_budget = node_budget
        self._budget = 0

    def try_place(self, m: int, depth: int, banned: set[int]) -> bool:
        st = self.st
        prob = self.prob
        opts = prob.opts[m]
        for s in opts:
            if st.free(m, s):
                st.assign(m, s)
                return True
        if depth <= 0:
            return False
        self._budget -= 1
        if self._budget < 0:
            return False
        banned.add(m)
        n = len(opts)
        start = self.rng.randrange(n) if n else 0
        locked = prob.locked
        for k in range(n):
            s = opts[(start + k) % n]
            bl = st.blockers(m, s)
            if len(bl) > self.max_blockers:
                continue
            if any(locked[b] >= 0 or b in banned for b in bl):
                continue
            if not bl:
                # the tables of s are all taken: move one meeting out of s
                cands = [b for b in st.in_slot[s] if locked[b] < 0 and b not in banned]
                if len(cands) > 6:
                    cands = self.rng.sample(cands, 6)
                for b in cands:
                    mark = len(st.log)
                    st.unassign(b)
                    st.assign(m, s)
                    banned.add(b)
                    ok = self.try_place(b, depth - 1, banned)
                    banned.discard(b)
                    if ok:
                        banned.discard(m)
                        return True
                    st.rollback(mark)
                    if self._budget < 0:
                        break
                continue
            mark = len(st.log)
            for b in bl:
                st.unassign(b)
            if not st.free(m, s):
                st.rollback(mark)
                continue
            st.assign(m, s)
            banned |= bl
            ok = True
            for b in bl:
                if not self.try_place(b, depth - 1, banned):
                    ok = False
                    break
            banned -= bl
            if ok:
                banned.discard(m)
                return True
            st.rollback(mark)
            if self._budget < 0:
                break
        banned.discard(m)
        return False

    def place(self, m: int, depth: int) -> bool:
        self._budget = self.node_budget
        mark = len(self.st.log)
        ok = self.try_place(m, depth, set())
        if not ok:
            self.st.rollback(mark)
        self.st.log.clear()
        return ok

    def swap_in(self, m: int, depth: int) -> bool:
        """Weight-improving ejection: put m where the meetings in its way weigh less than m,
        then try to re-place those (anything not re-placed stays unscheduled).
        """
        st = self.st
        prob = self.prob
        w = prob.weight[m]
        best: tuple[float, int, list[int]] | None = None
        for s in prob.opts[m]:
            bl = list(st.blockers(m, s))
            if any(prob.locked[b] >= 0 for b in bl):
                continue
            if not bl and st.load[s] >= prob.cap[s]:
                cands = [b for b in st.in_slot[s] if prob.locked[b] < 0]
                if not cands:
                    continue
                bl = [min(cands, key=lambda b: prob.weight[b])]
            lost = sum(prob.weight[b] for b in bl)
            if lost < w - 1e-9 and (best is None or lost < best[0]):
                best = (lost, s, bl)
        if best is None:
            return False
        _, s, bl = best
        for b in bl:
            st.unassign(b)
        st.assign(m, s)
        for b in bl:
            self.place(b, depth)
        st.log.clear()
        return True

    def run(self, deadline: float, depths: Sequence[int] = (1, 2, 3, 4)) -> None:
        st = self.st
        prob = self.prob
        for depth in depths:
            while time.monotonic() < deadline:
                unsched = [m for m in range(prob.n_meetings) if st.slot_of[m] < 0 and prob.opts[m]]
                self.rng.shuffle(unsched)
                unsched.sort(key=lambda m: -prob.weight[m])
                before = st.weight
                for i, m in enumerate(unsched):
                    if i % 64 == 0 and time.monotonic() > deadline:
                        break
                    if st.slot_of[m] < 0 and not self.place(m, depth):
                        self.swap_in(m, max(1, depth - 1))
                if st.weight <= before + 1e-9:
                    break
            if time.monotonic() >= deadline:
                break
