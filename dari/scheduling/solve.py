"""The scheduler: greedy construction, ejection-chain local search, a Lagrangian upper bound,
and CP-SAT for small and medium instances.  See docs/scheduling.md.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .bound import Options, build_options, lagrangian_bound, option_prices
from .core import FloatArray, Problem, State, compile_instance
from .heuristics import LocalSearch, fcfs, greedy, pressure_prefs
from .model import Assignment, Instance, Result


@dataclass
class SolveOptions:
    """Switches of :func:`solve`.

    - ``exact``: "auto" (CP-SAT when the model has at most ``exact_max_options`` meeting-slot
      options and the heuristics left a gap), "always" or "never".
    - ``previous``: meeting id -> slot id of an earlier schedule; a re-run first puts unlocked
      meetings back where they were (if still feasible) and, among schedules of maximal weight,
      CP-SAT prefers those keeping more of them.  Locked meetings never move in any case.
    - ``compact``: after the weight is final, fewer idle gaps ("breaks") in participants' days:
      the scheduled set is fixed (so the weight is unchanged) and locked meetings stay; up to
      ``compact_exact_max_options`` meeting-slot options a CP-SAT model minimises the breaks,
      larger instances get single moves and pairwise swaps.  The secondary goals may use what
      is left of the budget plus ``secondary_share`` x the time limit.
    - ``max_break_spread``: with ``compact``, also require max - min breaks per participant
      (participants with a scheduled meeting) <= this (CP-SAT path only; reported in stats).
    - ``fairness``: after the weight is final, swap so that participants with accepted meetings
      but none scheduled get one, when an equal-or-lighter meeting of participants who keep
      another meeting can make room (never decreases the weight).
    - ``explain``: give every unscheduled meeting a reason in ``Result.explanations``.
    """

    exact: str = "auto"
    exact_max_options: int = 200_000
    previous: Mapping[str, str] | None = None
    compact: bool = False
    compact_exact_max_options: int = 100_000
    max_break_spread: int | None = None
    secondary_share: float = 0.3
    fairness: bool = False
    explain: bool = True
    workers: int = 2
    stats_extra: dict[str, Any] = field(default_factory=dict)


def default_time_limit(n_meetings: int) -> float:
    """Automatic budget: 1.5 s for ~1,000 meetings, ~40 s at 28,000, at most 240 s."""
    return float(min(240.0, max(1.5, 0.0015 * n_meetings)))


def _integral(prob: Problem) -> bool:
    return all(float(w).is_integer() for w in prob.weight)


def _bound_value(prob: Problem, b: float) -> float:
    if _integral(prob):
        return float(math.floor(b + 1e-6))
    return b


def _state_from(prob: Problem, slot_of: list[int]) -> State:
    st = State(prob)
    for m, s in enumerate(slot_of):
        if s >= 0 and st.slot_of[m] < 0:
            st.assign(m, s)
    st.log.clear()
    return st


def solve(
    instance: Instance,
    time_limit: float | None = None,
    seed: int = 0,
    options: SolveOptions | None = None,
) -> Result:
    """Schedule ``instance``: maximal total weight of scheduled meetings, all hard constraints
    kept, locked meetings in their slots.  ``stats`` reports the weight, a proved upper bound,
    the relative gap and the seconds used.
    """
    opts = options or SolveOptions()
    t0 = time.monotonic()
    prob = compile_instance(instance)
    limit = default_time_limit(prob.n_meetings) if time_limit is None else float(time_limit)
    deadline = t0 + max(0.05, 0.93 * limit - 0.05)  # leave room for explanations
    integral = _integral(prob)
    total_w = prob.total_weight
    feasible_w = float(sum(w for m, w in enumerate(prob.weight) if prob.opts[m]))
    stats: dict[str, Any] = {}

    def remaining() -> float:
        return deadline - time.monotonic()

    base = fcfs(prob)
    stats["fcfs_weight"] = base.weight
    best = base
    method = ["fcfs"]

    keep: dict[int, int] = {}
    if opts.previous:
        sid = {s: i for i, s in enumerate(prob.slot_ids)}
        mid = {m: i for i, m in enumerate(prob.meeting_ids)}
        for mm, ss in opts.previous.items():
            if mm in mid and ss in sid and prob.locked[mid[mm]] < 0:
                m, s = mid[mm], sid[ss]
                if s in prob.opts[m]:
                    keep[m] = s

    order, prefs = pressure_prefs(prob)
    if keep:
        order = [m for m in order if m in keep] + [m for m in order if m not in keep]
        prefs = [
            ([keep[m]] + [s for s in p if s != keep[m]]) if m in keep else p
            for m, p in enumerate(prefs)
        ]
    g = greedy(prob, order, prefs)
    if g.weight > best.weight:
        best, method = g, ["greedy"]

    # upper bound by Lagrangian relaxation, and a price-guided greedy from its multipliers
    bound = feasible_w
    opt_arrays = build_options(prob)
    lam = mu = None
    if len(opt_arrays.meetings) and best.weight < bound - 1e-9:
        br = lagrangian_bound(
            prob, opt_arrays, best.weight, time.monotonic() + 0.35 * remaining(), max_iter=800
        )
        bound = min(bound, br.bound)
        lam, mu = br.lam, br.mu
        stats["lagrangian_iterations"] = br.iterations
        stats["lagrangian_seconds"] = round(br.seconds, 3)
        if br.frac is not None and len(br.frac):
            r = lp_rounding(
                prob, opt_arrays, br.frac, option_prices(prob, opt_arrays, lam, mu), keep
            )
            stats["rounding_weight"] = r.weight
            if r.weight < bound - 1e-9:
                LocalSearch(r, seed=seed).run(time.monotonic() + 0.3 * max(0.0, remaining()))
                stats["rounding_ls_weight"] = r.weight
            if r.weight >= best.weight:
                best, method = r, ["lp-rounding", "local-search"]
    bound = _bound_value(prob, bound)

    def closed() -> bool:
        return best.weight >= bound - 1e-9

    n_options = len(opt_arrays.opt_s)
    use_exact = opts.exact == "always" or (
        opts.exact == "auto" and n_options <= opts.exact_max_options
    )
    if not closed():
        ls = LocalSearch(best, seed=seed)
        frac = 0.35 if use_exact else 0.7
        ls.run(time.monotonic() + frac * max(0.0, remaining()))
        method.append("local-search")
        stats["local_search_weight"] = best.weight
    if not closed() and use_exact and remaining() > 0.1:
        ex = solve_exact_wrapper(prob, remaining() * 0.9, seed, best.slot_of, keep, opts.workers)
        if ex is not None:
            slot_of, ex_w, ex_b = ex
            if ex_b is not None:
                bound = min(bound, _bound_value(prob, ex_b))
            if ex_w > best.weight + 1e-9:
                best = _state_from(prob, slot_of)
                method.append("cp-sat")
            else:
                method.append("cp-sat(no gain)")
    if not closed() and remaining() > 0.2 and lam is not None and mu is not None:
        # spend what is left: tighten the bound, then more local search
        br = lagrangian_bound(
            prob,
            opt_arrays,
            best.weight,
            time.monotonic() + 0.5 * remaining(),
            max_iter=600,
            lam0=lam,
            mu0=mu,
        )
        bound = min(bound, _bound_value(prob, br.bound))
        if not closed():
            LocalSearch(best, seed=seed + 1).run(deadline)
    if best.weight < base.weight:  # never below first-come-first-served
        best = base
        method.append("fcfs")

    from .post import compact, fairness_swaps

    if opts.fairness:
        stats["fairness_swaps"] = fairness_swaps(best)
    if opts.compact:
        rep = compact(
            best,
            instance,
            max(deadline, time.monotonic()) + opts.secondary_share * limit,
            seed=seed,
            max_spread=opts.max_break_spread,
            exact_max_options=opts.compact_exact_max_options,
            workers=opts.workers,
        )
        stats["gaps_before"], stats["gaps_after"] = rep.before, rep.after
        stats["gaps_method"] = rep.method
        stats["break_spread"] = rep.spread
        if rep.bound is not None:
            stats["gaps_bound"] = rep.bound
        if rep.spread_met is not None:
            stats["break_spread_met"] = rep.spread_met
    elapsed = time.monotonic() - t0
    weight = float(best.weight)
    bound = max(bound, weight)
    gap = (bound - weight) / bound if bound > 0 else 0.0
    assignments = [
        Assignment(prob.meeting_ids[m], prob.slot_ids[s])
        for m, s in enumerate(best.slot_of)
        if s >= 0
    ]
    unscheduled = [prob.meeting_ids[m] for m, s in enumerate(best.slot_of) if s < 0]
    stats.update(
        {
            "weight": weight if not integral else int(weight),
            "bound": bound if not integral else int(bound),
            "gap": round(gap, 6),
            "seconds": round(elapsed, 3),
            "method": "+".join(method),
            "meetings": prob.n_meetings,
            "scheduled": len(assignments),
            "unscheduled": len(unscheduled),
            "total_weight": total_w,
            "locked": sum(1 for s in prob.locked if s >= 0),
            "optimal": bool(gap <= 1e-9),
            "seed": seed,
            "time_limit": limit,
        }
    )
    if keep:
        stats["kept_from_previous"] = sum(1 for m, s in keep.items() if best.slot_of[m] == s)
        stats["previous_feasible"] = len(keep)
    stats.update(opts.stats_extra)
    explanations: dict[str, str] = {}
    reasons: dict[str, dict[str, Any]] = {}
    if opts.explain and unscheduled:
        from .explain import english, reasons_unscheduled

        reasons = reasons_unscheduled(prob, best)
        explanations = {m: english(r, instance) for m, r in reasons.items()}
    stats["seconds_total"] = round(time.monotonic() - t0, 3)
    return Result(assignments, unscheduled, stats, explanations, reasons)


def lp_rounding(
    prob: Problem,
    opt: Options,
    frac: FloatArray,
    price: FloatArray,
    keep: Mapping[int, int],
) -> State:
    """Place options in decreasing order of their (near-LP) fractional value, cheapest first
    among equals; meetings kept from a previous schedule go first."""
    st = State(prob)
    ms = opt.meetings
    for m, s in keep.items():
        if st.slot_of[m] < 0 and st.free(m, s):
            st.assign(m, s)
    idx = np.lexsort((price, -frac))
    ks = opt.opt_k[idx].tolist()
    ss = opt.opt_s[idx].tolist()
    slot_of = st.slot_of
    for k, s in zip(ks, ss, strict=True):
        m = int(ms[k])
        if slot_of[m] < 0 and st.free(m, s):
            st.assign(m, s)
    st.log.clear()
    return st


def solve_exact_wrapper(
    prob: Problem,
    limit: float,
    seed: int,
    hint: list[int],
    keep: Mapping[int, int],
    workers: int,
) -> tuple[list[int], float, float | None] | None:
    from .exact import solve_exact

    ex = solve_exact(prob, limit, seed=seed, hint=hint, keep=keep, workers=workers)
    if ex is None:
        return None
    return ex.slot_of, ex.weight, ex.bound
