"""The exact time-indexed model solved with OR-Tools CP-SAT (small and medium instances)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from ortools.sat.python import cp_model

from .core import Problem


@dataclass
class ExactResult:
    slot_of: list[int]
    weight: float
    bound: float | None  # proved upper bound (None when the weights could not be scaled exactly)
    optimal: bool
    status: str


def weight_scale(weights: list[float]) -> int | None:
    """Smallest 10**k (k <= 6) turning every weight into an integer, else None."""
    for k in range(7):
        f = int(10**k)
        if all(abs(w * f - round(w * f)) <= 1e-9 * max(1.0, abs(w * f)) for w in weights):
            return f
    return None


def solve_exact(
    prob: Problem,
    time_limit: float,
    seed: int = 0,
    hint: list[int] | None = None,
    keep: Mapping[int, int] | None = None,
    workers: int = 2,
) -> ExactResult | None:
    """Maximise the scheduled weight; with ``keep`` (meeting -> previous slot) ties are broken
    towards keeping meetings where they were (lexicographically after the weight)."""
    scale = weight_scale(prob.weight)
    exact_weights = scale is not None
    if scale is None:
        scale = 1000
    iw = [round(w * scale) for w in prob.weight]
    model = cp_model.CpModel()
    xs: dict[tuple[int, int], cp_model.IntVar] = {}
    by_ps: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
    by_s: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    terms: list[cp_model.LinearExprT] = []
    coefs: list[int] = []
    keep = keep or {}
    mult = len(keep) + 1
    for m in range(prob.n_meetings):
        if prob.locked[m] >= 0:
            continue
        o = prob.opts[m]
        if not o:
            continue
        row = []
        for s in o:
            x = model.new_bool_var(f"x{m}_{s}")
            xs[m, s] = x
            row.append(x)
            by_s[s].append(x)
            for p in prob.parts[m]:
                by_ps[p, s].append(x)
            terms.append(x)
            coefs.append(iw[m] * mult + (1 if keep.get(m) == s else 0))
        model.add_at_most_one(row)
    for lst in by_ps.values():
        if len(lst) > 1:
            model.add_at_most_one(lst)
    locked_load = [0] * prob.n_slots
    for s in prob.locked:
        if s >= 0:
            locked_load[s] += 1
    if prob.limited:
        for s, lst in by_s.items():
            room = prob.cap[s] - locked_load[s]
            if len(lst) > room:
                model.add(sum(lst) <= room)
    model.maximize(cp_model.LinearExpr.weighted_sum(terms, coefs))
    if hint is not None:
        for (m, s), x in xs.items():
            model.add_hint(x, 1 if hint[m] == s else 0)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit)
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    slot_of = [-1] * prob.n_meetings
    for m, s in enumerate(prob.locked):
        if s >= 0:
            slot_of[m] = s
    for (m, s), x in xs.items():
        if solver.boolean_value(x):
            slot_of[m] = s
    weight = float(sum(prob.weight[m] for m in range(prob.n_meetings) if slot_of[m] >= 0))
    bound: float | None = None
    if exact_weights:
        locked_w = sum(iw[m] for m in range(prob.n_meetings) if prob.locked[m] >= 0)
        # objective = mult * weight + keep-bonus, keep-bonus < mult
        ub = int(solver.best_objective_bound + 1e-6) // mult
        bound = float(Fraction(ub + locked_w, scale))
    return ExactResult(
        slot_of=slot_of,
        weight=weight,
        bound=bound,
        optimal=status == cp_model.OPTIMAL,
        status=solver.status_name(status),
    )
