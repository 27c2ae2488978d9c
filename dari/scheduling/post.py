"""Secondary goals, applied after the weight is final; neither ever lowers the weight.

- :func:`fairness_swaps`: a participant with accepted meetings but none scheduled gets one when
  a meeting of theirs can take the place of a single equal-or-lighter unlocked meeting whose
  participants all keep at least one other meeting (the displaced one is re-placed if possible).
- :func:`compact_gaps`: moves meetings to free slots when that reduces the number of idle gaps
  ("breaks": an idle stretch between two meetings of a participant on the same day).
"""

from __future__ import annotations

import random
import time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .core import Problem, State
from .heuristics import LocalSearch
from .model import Instance


def fairness_swaps(st: State, seed: int = 0) -> int:
    """Number of participants who got their first meeting by a swap."""
    prob = st.prob
    count = [0] * prob.n_parts
    for m, s in enumerate(st.slot_of):
        if s >= 0:
            for p in prob.parts[m]:
                count[p] += 1
    ls = LocalSearch(st, seed=seed)
    helped = 0
    for p in range(prob.n_parts):
        if count[p] > 0:
            continue
        mine = [m for m in prob.meetings_of[p] if st.slot_of[m] < 0 and prob.opts[m]]
        mine.sort(key=lambda m: -prob.weight[m])
        done = False
        for m in mine:
            if ls.place(m, 2):  # a pure gain, if the local search missed it
                done = True
            else:
                for s in prob.opts[m]:
                    bl = list(st.blockers(m, s))
                    if not bl and st.load[s] >= prob.cap[s]:
                        bl = [
                            b
                            for b in st.in_slot[s]
                            if prob.locked[b] < 0
                            and prob.weight[b] <= prob.weight[m]
                            and all(count[q] >= 2 for q in prob.parts[b])
                        ][:1]
                    if len(bl) != 1:
                        continue
                    b = bl[0]
                    if prob.locked[b] >= 0 or prob.weight[b] > prob.weight[m] + 1e-12:
                        continue
                    if any(count[q] < 2 for q in prob.parts[b]):
                        continue
                    st.unassign(b)
                    st.assign(m, s)
                    for q in prob.parts[b]:
                        count[q] -= 1
                    if ls.place(b, 2):
                        for q in prob.parts[b]:
                            count[q] += 1
                    done = True
                    break
            if done:
                for q in prob.parts[m]:
                    count[q] += 1
                helped += 1
                break
    st.log.clear()
    return helped


def _day_layout(instance: Instance, prob: Problem) -> list[list[int]]:
    """Slots grouped by local day (event time zone, else UTC), in time order."""
    try:
        tz = ZoneInfo(instance.event_timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("UTC")
    days: dict[object, list[int]] = {}
    for i, s in enumerate(instance.slots):
        days.setdefault(s.start.astimezone(tz).date(), []).append(i)
    out = []
    for _, idx in sorted(days.items(), key=lambda kv: str(kv[0])):
        out.append(sorted(idx, key=lambda i: (instance.slots[i].start, i)))
    return out


def _gaps(row: list[int], day: list[int]) -> int:
    gaps = 0
    seen = False
    idle = False
    for s in day:
        if row[s] >= 0:
            if seen and idle:
                gaps += 1
            seen = True
            idle = False
        elif seen:
            idle = True
    return gaps


def count_gaps(st: State, days: list[list[int]]) -> int:
    return sum(_gaps(row, day) for row in st.busy for day in days)


def compact_gaps(st: State, instance: Instance, deadline: float, seed: int = 0) -> tuple[int, int]:
    """Hill-climb on the number of gaps by moving unlocked meetings to free slots.
    Returns (gaps before, gaps after)."""
    prob = st.prob
    days = _day_layout(instance, prob)
    day_of = [0] * prob.n_slots
    for d, idx in enumerate(days):
        for s in idx:
            day_of[s] = d
    before = count_gaps(st, days)
    rng = random.Random(seed)
    movable = [m for m in range(prob.n_meetings) if st.slot_of[m] >= 0 and prob.locked[m] < 0]
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        rng.shuffle(movable)
        for i, m in enumerate(movable):
            if i % 256 == 0 and time.monotonic() > deadline:
                break
            s = st.slot_of[m]
            ps = prob.parts[m]

            def local(dset: set[int], ps: list[int] = ps) -> int:
                return sum(_gaps(st.busy[p], days[d]) for p in ps for d in dset)

            for t in prob.opts[m]:
                if t == s or not st.free(m, t):
                    continue
                dset = {day_of[s], day_of[t]}
                old = local(dset)
                st.unassign(m)
                st.assign(m, t)
                if local(dset) < old:
                    improved = True
                    s = t
                else:
                    st.unassign(m)
                    st.assign(m, s)
    st.log.clear()
    return before, count_gaps(st, days)
