"""Secondary goals, applied after the weight is final; neither ever lowers the weight.

- :func:`fairness_swaps`: a participant with accepted meetings but none scheduled gets one when
  a meeting of theirs can take the place of a single equal-or-lighter unlocked meeting whose
  participants all keep at least one other meeting (the displaced one is re-placed if possible).
- :func:`compact`: fewer idle gaps ("breaks": an idle stretch between two meetings of a
  participant on the same local day).  The set of scheduled meetings (hence the weight) is
  fixed and locked meetings never move; only the slots of the other scheduled meetings change.
  Up to ``exact_max_options`` meeting-slot options it solves a CP-SAT model (minimise the total
  number of breaks, optionally with max - min breaks per participant <= ``max_spread``), hinted
  with the current schedule; larger instances get :func:`compact_gaps`, a hill-climb with
  single moves to free slots and pairwise swaps.
"""

from __future__ import annotations

import math
import random
import time
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ortools.sat.python import cp_model

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


def _day_index(instance: Instance, prob: Problem) -> tuple[list[list[int]], list[int]]:
    days = _day_layout(instance, prob)
    day_of = [0] * prob.n_slots
    for d, idx in enumerate(days):
        for s in idx:
            day_of[s] = d
    return days, day_of


def breaks_per_participant(st: State, days: list[list[int]]) -> list[int]:
    """Breaks of every participant, summed over the days."""
    return [sum(_gaps(row, day) for day in days) for row in st.busy]


def break_spread(st: State, days: list[list[int]]) -> int:
    """max - min breaks over the participants with at least one scheduled meeting."""
    per = breaks_per_participant(st, days)
    vals = [b for p, b in enumerate(per) if any(x >= 0 for x in st.busy[p])]
    return max(vals) - min(vals) if vals else 0


@dataclass
class CompactReport:
    before: int  # breaks before
    after: int  # breaks after
    method: str  # "cp-sat-optimal", "cp-sat", "local", "none"
    bound: int | None  # CP-SAT's proved lower bound on the breaks for this scheduled set
    # (under max_spread when that was met), None for the local search
    spread: int  # max - min breaks per participant after
    spread_met: bool | None  # max_spread asked: whether it holds; else None


def compact(
    st: State,
    instance: Instance,
    deadline: float,
    *,
    seed: int = 0,
    max_spread: int | None = None,
    exact_max_options: int = 100_000,
    workers: int = 2,
) -> CompactReport:
    """Reduce the breaks of ``st`` in place without changing which meetings are scheduled and
    without moving locked meetings.  The local search (:func:`compact_gaps` with plateau moves)
    runs first, with 60 % of the time up to ``deadline`` when CP-SAT follows (up to
    ``exact_max_options`` options; all of it otherwise); CP-SAT, hinted with that schedule,
    then minimises the breaks (with ``max_spread``: subject to max - min breaks per participant
    <= max_spread; if that is infeasible or nothing is found, without it).  CP-SAT's schedule
    is taken when it has no more breaks and does not lose the spread (or gains it)."""
    prob = st.prob
    days, _ = _day_index(instance, prob)
    before = count_gaps(st, days)
    n_opt = sum(len(prob.opts[m]) for m, s in enumerate(st.slot_of) if s >= 0)
    method = "none"
    bound: int | None = None
    # the local search first (fast, most of the gain), then CP-SAT hinted with its result
    exact = n_opt <= exact_max_options
    now = time.monotonic()
    compact_gaps(st, instance, now + 0.6 * (deadline - now) if exact else deadline, seed, True)
    if exact <= exact_max_options and time.monotonic() < deadline - 0.05:
        ex = _compact_exact(st, days, deadline, seed, max_spread, workers)
        if ex is None and max_spread is not None and time.monotonic() < deadline - 0.05:
            ex = _compact_exact(st, days, deadline, seed, None, workers)
        if ex is not None:
            new_slot, optimal, lb = ex
            cur = count_gaps(st, days)
            old_fair = max_spread is None or break_spread(st, days) <= max_spread
            mark = len(st.log)
            moved = [m for m, t in new_slot.items() if st.slot_of[m] != t]
            for m in moved:
                st.unassign(m)
            ok = True
            for m in moved:
                if new_slot[m] not in prob.opts[m] or not st.free(m, new_slot[m]):
                    ok = False  # never happens with a correct model; keep the old schedule
                    break
                st.assign(m, new_slot[m])
            if ok:
                new = count_gaps(st, days)
                fair = max_spread is None or break_spread(st, days) <= max_spread
                ok = (new <= cur and (fair or not old_fair)) or (fair and not old_fair)
            if not ok:
                st.rollback(mark)
            method = "cp-sat-optimal" if optimal else "cp-sat"
            bound = lb
    if method == "none":
        method = "local"
    st.log.clear()
    spread = break_spread(st, days)
    return CompactReport(
        before=before,
        after=count_gaps(st, days),
        method=method,
        bound=bound,
        spread=spread,
        spread_met=None if max_spread is None else spread <= max_spread,
    )


def _compact_exact(
    st: State,
    days: list[list[int]],
    deadline: float,
    seed: int,
    max_spread: int | None,
    workers: int,
) -> tuple[dict[int, int], bool, int | None] | None:
    """CP-SAT with the scheduled set fixed.  Returns (meeting -> slot of the unlocked scheduled
    meetings, proved optimal, lower bound on the breaks) or None (nothing found in time, or
    infeasible with ``max_spread``)."""
    prob = st.prob
    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    by_ps: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
    by_s: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    fixed: set[tuple[int, int]] = set()  # (participant, slot) busy with a locked meeting
    locked_load = [0] * prob.n_slots
    active: set[int] = set()
    movable: list[int] = []
    for m, s in enumerate(st.slot_of):
        if s < 0:
            continue
        active.update(prob.parts[m])
        if prob.locked[m] >= 0:
            locked_load[s] += 1
            for p in prob.parts[m]:
                fixed.add((p, s))
            continue
        movable.append(m)
        row = []
        for t in prob.opts[m]:
            v = model.new_bool_var(f"x{m}_{t}")
            x[m, t] = v
            row.append(v)
            by_s[t].append(v)
            for p in prob.parts[m]:
                by_ps[p, t].append(v)
            model.add_hint(v, 1 if t == s else 0)
        model.add_exactly_one(row)
    for lst in by_ps.values():
        if len(lst) > 1:
            model.add_at_most_one(lst)
    if prob.limited:
        for t, lst in by_s.items():
            room = prob.cap[t] - locked_load[t]
            if len(lst) > room:
                model.add(sum(lst) <= room)

    def busy_now(p: int, s: int) -> int:
        return 1 if st.busy[p][s] >= 0 else 0

    total: list[cp_model.LinearExprT] = []
    per_part: dict[int, list[cp_model.LinearExprT]] = defaultdict(list)
    for p in sorted(active):
        for day in days:
            # each slot: 1 (locked), a sum of booleans (<= 1), or 0
            seq: list[int | list[cp_model.IntVar]] = []
            for s in day:
                if (p, s) in fixed:
                    seq.append(1)
                else:
                    seq.append(by_ps.get((p, s), []) or 0)
            if all(isinstance(e, int) and e == 0 for e in seq):
                continue
            terms: list[cp_model.LinearExprT] = []
            prev: int | list[cp_model.IntVar] = 0
            hint_prev = 0
            for s, e in zip(day, seq, strict=True):
                h = busy_now(p, s)
                if isinstance(e, int) and e == 0:
                    pass
                elif isinstance(e, int):  # locked: starts a block iff the previous is idle
                    if isinstance(prev, int):
                        if prev == 0:
                            terms.append(1)
                    else:
                        terms.append(1 - sum(prev))
                else:
                    b = model.new_bool_var("")
                    cur = sum(e)
                    model.add(b <= cur)
                    if isinstance(prev, int):
                        if prev == 1:
                            model.add(b == 0)
                        else:
                            model.add(b >= cur)
                    else:
                        p_sum = sum(prev)
                        model.add(b <= 1 - p_sum)
                        model.add(b >= cur - p_sum)
                    model.add_hint(b, 1 if h and not hint_prev else 0)
                    terms.append(b)
                prev = e
                hint_prev = h
            if any(isinstance(e, int) and e == 1 for e in seq):
                has: int | cp_model.IntVar = 1
            else:
                vs = [v for e in seq if isinstance(e, list) for v in e]
                has = model.new_bool_var("")
                model.add_max_equality(has, vs)
                model.add_hint(has, 1 if any(busy_now(p, s) for s in day) else 0)
            model.add(cp_model.LinearExpr.sum(terms) >= has)  # breaks >= 0
            terms.append(-has)
            per_part[p].extend(terms)
            total.extend(terms)
    if max_spread is not None and per_part:
        horizon = prob.n_slots
        lo = model.new_int_var(0, horizon, "lo")
        hi = model.new_int_var(0, horizon, "hi")
        for p in active:
            br = sum(per_part[p]) if per_part.get(p) else 0
            model.add(lo <= br)
            model.add(br <= hi)
        model.add(hi - lo <= max_spread)
    model.minimize(sum(total))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, deadline - time.monotonic())
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    out = {m: t for (m, t), v in x.items() if solver.boolean_value(v)}
    lb = max(0, math.ceil(solver.best_objective_bound - 1e-6))
    return out, status == cp_model.OPTIMAL, lb


def compact_gaps(
    st: State, instance: Instance, deadline: float, seed: int = 0, walk: bool = False
) -> tuple[int, int]:
    """Hill-climb on the number of gaps: move an unlocked meeting to a free slot, swap the
    slots of two unlocked meetings, or swap a Kempe chain (the meetings reachable through
    shared participants in the two slots), when that reduces the breaks.  With ``walk``, then
    keep making random such moves that do not increase the breaks (plateau moves) until the
    deadline.  Returns (before, after)."""
    prob = st.prob
    days, day_of = _day_index(instance, prob)
    before = count_gaps(st, days)
    rng = random.Random(seed)
    pgaps = breaks_per_participant(st, days)
    movable = [m for m in range(prob.n_meetings) if st.slot_of[m] >= 0 and prob.locked[m] < 0]
    if not movable:
        return before, before

    def local(ps: set[int], dset: set[int]) -> int:
        return sum(_gaps(st.busy[p], days[d]) for p in ps for d in dset)

    def refresh(ps: set[int]) -> None:
        for p in ps:
            pgaps[p] = sum(_gaps(st.busy[p], day) for day in days)

    def chain(m: int, s: int, t: int) -> list[int] | None:
        """Meetings in s and t connected to m through shared participants, if swappable."""
        out: list[int] = []
        seen = {m}
        stack = [m]
        while stack:
            x = stack.pop()
            if prob.locked[x] >= 0:
                return None
            sx = st.slot_of[x]
            other = t if sx == s else s
            if other not in prob.opts[x]:
                return None
            out.append(x)
            if len(out) > 24:
                return None
            for p in prob.parts[x]:
                y = st.busy[p][other]
                if y >= 0 and y not in seen:
                    seen.add(y)
                    stack.append(y)
        n_s = sum(1 for x in out if st.slot_of[x] == s)
        n_t = len(out) - n_s
        if st.load[t] - n_t + n_s > prob.cap[t] or st.load[s] - n_s + n_t > prob.cap[s]:
            return None
        return out

    def try_move(m: int, t: int, sideways: bool) -> bool:
        s = st.slot_of[m]
        if st.free(m, t):
            group = [m]
        else:
            bl = st.blockers(m, t)
            if not bl and prob.limited:  # tables full in t: swap with one meeting there
                cand = [b for b in st.in_slot[t] if prob.locked[b] < 0 and s in prob.opts[b]]
                if not cand:
                    return False
                group = [m, rng.choice(cand)]
            else:
                got = chain(m, s, t)
                if got is None:
                    return False
                group = got
        ps = {p for x in group for p in prob.parts[x]}
        dset = {day_of[s], day_of[t]}
        old = local(ps, dset)
        mark = len(st.log)
        target = {x: (t if st.slot_of[x] == s else s) for x in group}
        for x in group:
            st.unassign(x)
        for x in group:
            if not st.free(x, target[x]):
                st.rollback(mark)
                return False
            st.assign(x, target[x])
        new = local(ps, dset)
        if new < old or (sideways and new == old):
            refresh(ps)
            return True
        st.rollback(mark)
        return False

    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        rng.shuffle(movable)
        for i, m in enumerate(movable):
            if i % 64 == 0 and time.monotonic() > deadline:
                break
            for t in prob.opts[m]:
                if t == st.slot_of[m] or not any(pgaps[p] for p in prob.parts[m]):
                    continue  # a move can only help a participant of m who has a gap
                if try_move(m, t, False):
                    improved = True
    if walk:  # stops at the deadline, at 0 breaks, or after a long stretch without gain
        n = 0
        best = count_gaps(st, days)
        stall, max_stall = 0, 200 * len(movable) + 2000
        while any(pgaps) and stall < max_stall:
            n += 1
            stall += 1
            if n % 64 == 0:
                if time.monotonic() > deadline:
                    break
                cur = sum(pgaps)
                if cur < best:
                    best, stall = cur, 0
            m = rng.choice(movable)
            if not any(pgaps[p] for p in prob.parts[m]) and rng.random() < 0.9:
                continue
            opts = prob.opts[m]
            t = opts[rng.randrange(len(opts))]
            if t != st.slot_of[m]:
                try_move(m, t, True)
    st.log.clear()
    return before, count_gaps(st, days)
