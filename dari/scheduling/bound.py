"""A proved upper bound by Lagrangian relaxation (weak duality), computed with numpy.

Model: x[m,s] in {0,1} for each option (meeting m, feasible slot s); sum_s x[m,s] <= 1;
for each participant p and slot s at most one of p's meetings; at most cap[s] meetings in s.
Relaxing the participant and table constraints with multipliers lam[p,s] >= 0, mu[s] >= 0
leaves one independent choice per meeting, so for ANY lam, mu >= 0

    OPT <= sum(lam) + sum_s cap[s] * mu[s] + sum_m max(0, max_s (w[m] - lam[m's ps] - mu[s]))

(plus the weight of the locked meetings, which are fixed).  The multipliers are improved by
projected subgradient steps (Polyak step towards the best known schedule's weight); every
iterate gives a valid bound and the smallest is kept.  Its limit is the LP relaxation's value.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from .core import FloatArray, IntArray, Problem


@dataclass
class Options:
    meetings: IntArray  # unlocked meetings that have at least one option
    starts: IntArray  # first option of each of those meetings
    opt_k: IntArray  # position of the option's meeting in ``meetings``
    opt_s: IntArray
    opt_ps: IntArray  # (n_opt, 4): p * n_slots + s, padded with the dummy index
    opt_w: FloatArray
    dummy: int


def build_options(prob: Problem) -> Options:
    ms = [m for m in range(prob.n_meetings) if prob.locked[m] < 0 and prob.opts[m]]
    lens = np.array([len(prob.opts[m]) for m in ms], dtype=np.int64)
    n_opt = int(lens.sum())
    starts = np.zeros(len(ms), dtype=np.int64)
    if len(ms) > 1:
        starts[1:] = np.cumsum(lens)[:-1]
    opt_k = np.repeat(np.arange(len(ms), dtype=np.int64), lens)
    opt_s = np.fromiter((s for m in ms for s in prob.opts[m]), dtype=np.int64, count=n_opt)
    dummy = prob.n_parts * prob.n_slots
    pmat = np.full((len(ms), 4), -1, dtype=np.int64)
    for i, m in enumerate(ms):
        ps = prob.parts[m]
        pmat[i, : len(ps)] = ps
    pm = pmat[opt_k]
    opt_ps = np.where(pm >= 0, pm * prob.n_slots + opt_s[:, None], dummy)
    w = np.array([prob.weight[m] for m in ms], dtype=np.float64)
    return Options(
        meetings=np.array(ms, dtype=np.int64),
        starts=starts,
        opt_k=opt_k,
        opt_s=opt_s,
        opt_ps=opt_ps,
        opt_w=w[opt_k] if len(ms) else np.zeros(0),
        dummy=dummy,
    )


@dataclass
class BoundResult:
    bound: float  # valid upper bound on the total weight (locked included)
    lam: FloatArray
    mu: FloatArray
    iterations: int
    seconds: float
    frac: FloatArray | None = None  # smoothed (near-LP) fractional value of each option


def evaluate(
    prob: Problem, opt: Options, lam: FloatArray, mu: FloatArray
) -> tuple[float, FloatArray, FloatArray, IntArray]:
    """Lagrangian value, reduced costs, per-meeting max and the chosen options."""
    rc = opt.opt_w - lam[opt.opt_ps].sum(axis=1)
    if prob.limited:
        rc = rc - mu[opt.opt_s]
    if len(opt.meetings) == 0:
        return 0.0, rc, np.zeros(0), np.zeros(0, dtype=np.int64)
    mx = np.maximum.reduceat(rc, opt.starts)
    pos = np.maximum(mx, 0.0)
    cap = np.array(prob.cap, dtype=np.float64)
    value = float(lam[: opt.dummy].sum()) + float(pos.sum())
    if prob.limited:
        value += float((cap * mu).sum())
    cand = np.flatnonzero((rc >= mx[opt.opt_k]) & (mx[opt.opt_k] > 0))
    if len(cand):
        ks = opt.opt_k[cand]
        first = np.ones(len(cand), dtype=bool)
        first[1:] = ks[1:] != ks[:-1]
        cand = cand[first]
    return value, rc, mx, cand


def lagrangian_bound(
    prob: Problem,
    opt: Options,
    target: float,
    deadline: float,
    max_iter: int = 1000,
    lam0: FloatArray | None = None,
    mu0: FloatArray | None = None,
) -> BoundResult:
    """Minimise the Lagrangian dual over lam, mu >= 0.

    The max over each meeting's options is smoothed (log-sum-exp at a temperature lowered from
    0.3 to 0.003 times the mean weight), and the smooth dual is minimised by projected Adam
    steps; the exact (unsmoothed) dual function is evaluated at every iterate, and its smallest
    value is the bound.  ``target`` (a known schedule's weight) stops early when reached.
    """
    t0 = time.monotonic()
    locked_w = float(sum(prob.weight[m] for m in range(prob.n_meetings) if prob.locked[m] >= 0))
    n_ps = opt.dummy + 1
    lam = np.zeros(n_ps) if lam0 is None else lam0.copy()
    mu = np.zeros(prob.n_slots) if mu0 is None else mu0.copy()
    if len(opt.meetings) == 0:
        return BoundResult(locked_w, lam, mu, 0, 0.0, np.zeros(0))
    cap = np.array(prob.cap, dtype=np.float64)
    scale = float(opt.opt_w.mean())
    warm = lam0 is not None
    tau0, tau1 = (0.03 if warm else 0.3) * scale, 0.003 * scale
    lr0, lr1 = (0.01 if warm else 0.05) * scale, 0.001 * scale
    residual_target = target - locked_w
    k = opt.opt_k
    # participant-slot indices by column; columns 2 and 3 only where the meeting has them
    c0 = np.ascontiguousarray(opt.opt_ps[:, 0])
    c1 = np.ascontiguousarray(opt.opt_ps[:, 1])
    e2 = np.flatnonzero(opt.opt_ps[:, 2] != opt.dummy)
    c2 = opt.opt_ps[e2, 2]
    e3 = np.flatnonzero(opt.opt_ps[:, 3] != opt.dummy)
    c3 = opt.opt_ps[e3, 3]
    m1 = np.zeros(n_ps)
    v1 = np.zeros(n_ps)
    m2 = np.zeros(prob.n_slots)
    v2 = np.zeros(prob.n_slots)
    best = float("inf")
    best_lam, best_mu = lam.copy(), mu.copy()
    pr = np.zeros(len(opt.opt_s))
    iters = max_iter
    it = 0
    t_start = time.monotonic()
    while it < iters:
        frac = it / max(1, iters - 1)
        tau = tau0 * (tau1 / tau0) ** frac
        lr = lr0 * (lr1 / lr0) ** frac
        rc = opt.opt_w - lam[c0]
        rc -= lam[c1]
        if len(e2):
            rc[e2] -= lam[c2]
        if len(e3):
            rc[e3] -= lam[c3]
        if prob.limited:
            rc -= mu[opt.opt_s]
        mx = np.maximum.reduceat(rc, opt.starts)
        big = np.maximum(mx, 0.0)
        value = float(lam[: opt.dummy].sum()) + float(big.sum())
        if prob.limited:
            value += float((cap * mu).sum())
        if value < best:
            best = value
            best_lam, best_mu = lam.copy(), mu.copy()
        if value <= residual_target + 1e-9 * max(1.0, abs(value)):
            break
        rc -= big[k]
        rc /= tau
        e = np.exp(rc, out=rc)
        z = np.add.reduceat(e, opt.starts) + np.exp(-big / tau)
        pr = e / z[k]
        use = np.bincount(c0, weights=pr, minlength=n_ps)
        use += np.bincount(c1, weights=pr, minlength=n_ps)
        if len(e2):
            use += np.bincount(c2, weights=pr[e2], minlength=n_ps)
        if len(e3):
            use += np.bincount(c3, weights=pr[e3], minlength=n_ps)
        g = 1.0 - use
        g[opt.dummy] = 0.0
        b1 = 1 - 0.9 ** (it + 1)
        b2 = 1 - 0.999 ** (it + 1)
        m1 *= 0.9
        m1 += 0.1 * g
        v1 *= 0.999
        v1 += 0.001 * g * g
        lam -= lr * (m1 / b1) / (np.sqrt(v1 / b2) + 1e-8)
        np.maximum(lam, 0.0, out=lam)
        lam[opt.dummy] = 0.0
        if prob.limited:
            gm = cap - np.bincount(opt.opt_s, weights=pr, minlength=prob.n_slots)
            m2 = 0.9 * m2 + 0.1 * gm
            v2 = 0.999 * v2 + 0.001 * gm * gm
            mu = np.maximum(0.0, mu - lr * (m2 / b1) / (np.sqrt(v2 / b2) + 1e-8))
        it += 1
        if it == 3:
            per = (time.monotonic() - t_start) / 3
            room = max(0.0, deadline - time.monotonic())
            iters = max(4, min(max_iter, int(room / max(per, 1e-6))))
    best = min(best, evaluate(prob, opt, lam, mu)[0])
    return BoundResult(best + locked_w, best_lam, best_mu, it, time.monotonic() - t0, pr)


def option_prices(prob: Problem, opt: Options, lam: FloatArray, mu: FloatArray) -> FloatArray:
    price: FloatArray = lam[opt.opt_ps].sum(axis=1)
    if prob.limited:
        price = price + mu[opt.opt_s]
    return price


def simple_bound(prob: Problem) -> float:
    """sum of the weights of the meetings that have at least one feasible slot."""
    return float(sum(w for m, w in enumerate(prob.weight) if prob.opts[m]))
