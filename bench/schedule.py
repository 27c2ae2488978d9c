"""Benchmark of the meeting scheduler (dari.scheduling) against simple and exact methods.

    .venv/bin/python bench/schedule.py --scale small|medium|all [--time-limit S] [--variants N]

Prints ONE table, every column measured in this run, percent of the best proved upper bound
(the smallest of: our Lagrangian bound, CP-SAT's bound, the LP relaxation solved by HiGHS when it
fits in the budget -- made valid by weak duality from its duals):
  fcfs     first-come-first-served (meetings in file order, first feasible slot)
  greedy   strong greedy: most constrained first (weight per option), least-demanded slot
  cp-sat   the exact time-indexed model, CP-SAT, same time limit as ours, 2 workers
  ours     dari.scheduling.solve (default options)
Instances: /work/shared/bench/sched (6 synthetic, 1,000 meetings), the 20 B2B originals
(/work/shared/bench/b2b/json, optional sample of variants), and generated SYNTHETIC instances
from the seeded generator below (BIO-Europe scale in person and virtual; BIO International
scale in person and virtual with --scale all).

With --breaks it prints a SECOND table instead: the idle gaps ("breaks") of the 20 B2B originals
after our weight-maximal schedule without and with --compact (max break spread 2), next to the
published optimum of the papers (all meetings scheduled, fairness d = 2).
"""

from __future__ import annotations

import argparse
import glob
import json
import math
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from typing import Any

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from dari.scheduling.bound import build_options, evaluate  # noqa: E402
from dari.scheduling.core import Problem, compile_instance  # noqa: E402
from dari.scheduling.heuristics import fcfs, greedy, pressure_prefs  # noqa: E402
from dari.scheduling.model import Slot  # noqa: E402
from dari.scheduling.solve import solve  # noqa: E402
from dari.scheduling.timezones import available_slots  # noqa: E402
from dari.scheduling.validate import load_instance  # noqa: E402

SHARED = "/work/shared/bench"

ZONES = [
    "Asia/Seoul",
    "Asia/Tokyo",
    "Asia/Shanghai",
    "Asia/Singapore",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
]


# --------------------------------------------------------------------------- generator
def generate(
    *,
    seed: int,
    participants: int,
    meetings: int,
    days: int,
    virtual: bool,
    tables: int | None,
    name: str,
) -> dict[str, Any]:
    """A SYNTHETIC partnering-schedule/1 instance.

    - in person: ``days`` x 18 half-hour slots 08:30-17:30 Europe/London; virtual: ``days``
      whole UTC days of 48 half-hour slots, participants in 8 time zones available only in
      their local working hours 09:00-17:00 (the dates straddle the end of European summer
      time, before the American one);
    - organisations of 1-4 people; 10-20 % of meetings are delegations of 3-4 people;
    - heavy-tailed popularity (Pareto): big pharma is asked for far more meetings than it has
      slots; weights 1-3; about 4 % of meetings locked (placed consistently first).
    """
    rng = random.Random(seed)
    base = datetime(2025, 10, 27, tzinfo=UTC)  # Monday; London on GMT, New York still on EDT
    slots: list[Slot] = []
    if virtual:
        for d in range(days):
            for k in range(48):
                start = base + timedelta(days=d, minutes=30 * k)
                slots.append(Slot(f"d{d + 1}-{start:%H%M}Z", start, 30))
    else:
        for d in range(days):
            for k in range(18):
                start = base + timedelta(days=d, hours=8, minutes=30 + 30 * k)  # GMT = UTC
                slots.append(Slot(f"d{d + 1}-{start:%H%M}", start, 30))
    slot_ids = [s.id for s in slots]
    # organisations and people
    people: list[dict[str, Any]] = []
    orgs: list[list[int]] = []
    while len(people) < participants:
        size = min(participants - len(people), rng.choice([1, 1, 1, 2, 2, 3, 4]))
        org = f"org{len(orgs) + 1}"
        zone = rng.choice(ZONES)
        members = []
        for _ in range(size):
            pid = f"p{len(people) + 1}"
            if virtual:
                start_h = rng.choice([8, 9, 9, 9, 10])
                av = available_slots(slots, zone, (dtime(start_h), dtime(start_h + 8)))
            else:
                attend = [d for d in range(days) if rng.random() < 0.85] or [rng.randrange(days)]
                av = [
                    s.id for i, s in enumerate(slots) if i // 18 in attend and rng.random() > 0.12
                ]
            p: dict[str, Any] = {"id": pid, "organization": org, "available": av}
            if virtual:
                p["timezone"] = zone
            members.append(len(people))
            people.append(p)
        orgs.append(members)
    org_of = {}
    for oi, mem in enumerate(orgs):
        for i in mem:
            org_of[i] = oi
    pop = [rng.paretovariate(1.2) for _ in people]
    total_pop = sum(pop)
    cum = np.cumsum(pop) / total_pop
    avail_sets = [set(p["available"]) for p in people]
    seen: set[tuple[int, int]] = set()
    meets: list[dict[str, Any]] = []
    tries = 0
    while len(meets) < meetings and tries < meetings * 20:
        tries += 1
        a = rng.randrange(len(people))
        b = int(np.searchsorted(cum, rng.random()))
        b = min(b, len(people) - 1)
        if a == b or org_of[a] == org_of[b]:
            continue
        key = (min(a, b), max(a, b))
        if key in seen:
            continue
        if virtual and not (avail_sets[a] & avail_sets[b]) and rng.random() < 0.7:
            continue  # most requesters see that there is no overlap at all
        seen.add(key)
        group = [a, b]
        if rng.random() < 0.15:
            extra = [i for i in orgs[org_of[a]] + orgs[org_of[b]] if i not in group]
            rng.shuffle(extra)
            group += extra[: rng.choice([1, 1, 2])]
        weight = rng.choice([1, 1, 1, 2, 2, 3])
        meets.append(
            {
                "id": f"m{len(meets) + 1}",
                "participants": [people[i]["id"] for i in group],
                "weight": weight,
                "_g": group,
            }
        )
    # lock ~4 % consistently
    busy: set[tuple[int, str]] = set()
    load: dict[str, int] = {}
    for m in meets:
        if rng.random() < 0.04:
            g = m["_g"]
            common = set.intersection(*(avail_sets[i] for i in g))
            ok = [
                s
                for s in slot_ids
                if s in common
                and all((i, s) not in busy for i in g)
                and (tables is None or load.get(s, 0) < tables)
            ]
            if ok:
                s = rng.choice(ok)
                m["locked_slot"] = s
                load[s] = load.get(s, 0) + 1
                for i in g:
                    busy.add((i, s))
    for m in meets:
        del m["_g"]
    return {
        "format": "partnering-schedule/1",
        "event": {
            "name": f"SYNTHETIC {name} (seed {seed}; generated by bench/schedule.py)",
            "timezone": "Etc/UTC" if virtual else "Europe/London",
        },
        "slots": [
            {"id": s.id, "start": s.start.strftime("%Y-%m-%dT%H:%M:%SZ"), "minutes": s.minutes}
            for s in slots
        ],
        "tables": tables,
        "participants": people,
        "meetings": meets,
    }


# --------------------------------------------------------------------------- LP bound
def lp_bound(prob: Problem, time_limit: float) -> float | None:
    """The LP relaxation (HiGHS), turned into a valid bound through its duals.

    Run in a separate process (see lp_bound_subprocess): ortools and highspy ship different
    HiGHS libraries and cannot be loaded in one process."""
    import highspy

    opt = build_options(prob)
    n_opt = len(opt.opt_s)
    locked_w = sum(prob.weight[m] for m in range(prob.n_meetings) if prob.locked[m] >= 0)
    if n_opt == 0:
        return float(locked_w)
    nk = len(opt.meetings)
    ps = opt.opt_ps
    mask = ps != opt.dummy
    uniq, inv = np.unique(ps[mask], return_inverse=True)
    nps = len(uniq)
    r_ps = np.full(ps.shape, -1)
    r_ps[mask] = nk + inv
    cols_all = np.arange(n_opt)
    rows = [opt.opt_k]
    cols = [cols_all]
    for c in range(4):
        mk = mask[:, c]
        rows.append(r_ps[mk, c])
        cols.append(cols_all[mk])
    locked_load = np.zeros(prob.n_slots)
    for s in prob.locked:
        if s >= 0:
            locked_load[s] += 1
    n_rows = nk + nps
    upper = [np.ones(nk), np.ones(nps)]
    if prob.limited:
        rows.append(nk + nps + opt.opt_s)
        cols.append(cols_all)
        n_rows += prob.n_slots
        upper.append(np.array(prob.cap, dtype=float) - locked_load)
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    order = np.lexsort((r, c))
    r, c = r[order], c[order]
    lp = highspy.HighsLp()
    lp.num_col_ = n_opt
    lp.num_row_ = n_rows
    lp.col_cost_ = opt.opt_w
    lp.col_lower_ = np.zeros(n_opt)
    lp.col_upper_ = np.ones(n_opt)
    lp.row_lower_ = np.full(n_rows, -highspy.kHighsInf)
    lp.row_upper_ = np.concatenate(upper)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.searchsorted(c, np.arange(n_opt + 1)).astype(np.int32)
    lp.a_matrix_.index_ = r.astype(np.int32)
    lp.a_matrix_.value_ = np.ones(len(r))
    lp.sense_ = highspy.ObjSense.kMaximize
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("time_limit", float(time_limit))
    h.passModel(lp)
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    dual = np.abs(np.array(h.getSolution().row_dual))
    lam = np.zeros(opt.dummy + 1)
    lam[uniq] = dual[nk : nk + nps]
    mu = dual[nk + nps :] if prob.limited else np.zeros(prob.n_slots)
    return float(evaluate(prob, opt, lam, mu)[0] + locked_w)


def lp_bound_subprocess(prob: Problem, time_limit: float) -> float | None:
    import multiprocessing as mp

    with mp.get_context("spawn").Pool(1) as pool:
        return pool.apply(lp_bound, (prob, time_limit))


# --------------------------------------------------------------------------- runners
def run_cpsat(prob: Problem, limit: float, seed: int) -> tuple[float, float | None, float]:
    from dari.scheduling.exact import solve_exact

    t = time.monotonic()
    ex = solve_exact(prob, limit, seed=seed, workers=2)
    dt = time.monotonic() - t
    if ex is None:
        return 0.0, None, dt
    return ex.weight, ex.bound, dt


def row(name: str, doc: dict[str, Any], args: argparse.Namespace, big: bool) -> list[str]:
    inst = load_instance(doc)
    prob = compile_instance(inst)
    t = time.monotonic()
    f = fcfs(prob).weight
    t_f = time.monotonic() - t
    t = time.monotonic()
    order, prefs = pressure_prefs(prob)
    g = greedy(prob, order, prefs).weight
    t_g = time.monotonic() - t
    limit = args.time_limit
    res = solve(inst, time_limit=limit, seed=args.seed)
    ours, our_b, t_o = res.stats["weight"], res.stats["bound"], res.stats["seconds"]
    bounds = [float(our_b)]
    cp_w: float | None = None
    t_c = 0.0
    n_opt = sum(len(o) for o in prob.opts)
    cp_limit = limit if limit is not None else float(res.stats["time_limit"])
    if n_opt <= args.cpsat_max_options:
        cp_w, cp_b, t_c = run_cpsat(prob, cp_limit, args.seed)
        if cp_b is not None:
            bounds.append(cp_b)
    lp: float | None = None
    t_l = 0.0
    if n_opt <= args.lp_max_options:
        t = time.monotonic()
        lp = lp_bound_subprocess(prob, args.lp_time_limit)
        t_l = time.monotonic() - t
        if lp is not None:
            bounds.append(lp)
    ub = min(bounds)
    if all(float(w).is_integer() for w in prob.weight):
        ub = math.floor(ub + 1e-6)

    def pct(x: float | None) -> str:
        return "-" if x is None else f"{100 * x / ub:.2f}%" if ub > 0 else "100%"

    return [
        name,
        str(prob.n_meetings),
        f"{pct(f)} {t_f:.1f}s",
        f"{pct(g)} {t_g:.1f}s",
        "skipped" if cp_w is None else f"{pct(cp_w)} {t_c:.0f}s",
        f"{pct(ours)} {t_o:.1f}s",
        f"{ours:g}",
        f"{our_b:g} ({100 * res.stats['gap']:.2f}%)",
        "-" if lp is None else f"{lp:.1f} {t_l:.0f}s",
        f"{ub:g}",
    ]


PUBLISHED_BREAKS = {  # JAIR 2022, Table 3, d = 2 (see /work/shared/bench/b2b/README.md)
    "forum-13": 0,
    "forum-13crafb": 6,
    "forum-13crafc": 1,
    "forum-14": 2,
    "forumt-14": 5,
    "forumt-14crafc": 5,
    "forumt-14crafd": 4,
    "forumt-14crafe": 5,
    "tic-12": 0,
    "tic-12crafc": 0,
    "tic-13": 0,
    "tic-13crafb": 0,
    "tic-13crafc": 4,
    "tic-14crafa": 0,
    "tic-14crafc": 0,
    "tic-14crafd": 0,
    "ticf-13crafa": 0,
    "ticf-13crafb": 3,
    "ticf-13crafc": 1,
    "ticf-14crafa": 0,
}


def breaks_table(args: argparse.Namespace) -> int:
    from dari.scheduling.post import _day_layout, break_spread, count_gaps
    from dari.scheduling.solve import SolveOptions, _state_from

    limit = args.breaks_time_limit
    head = [
        "instance",
        "meetings",
        "scheduled",
        "breaks, no compaction",
        "breaks, --compact --max-break-spread 2",
        "spread",
        "method",
        "seconds",
        "published opt. (d=2)",
    ]
    print(f"Breaks of the 20 B2B originals; time limit {limit:g} s (+30 % for compaction).")
    print(" | ".join(head))
    print(" | ".join("---" for _ in head))
    for f in sorted(glob.glob(f"{SHARED}/b2b/json/*.original.json")):
        name = os.path.basename(f)[: -len(".original.json")]
        if args.only and args.only not in name:
            continue
        with open(f, encoding="utf-8") as fh:
            inst = load_instance(json.load(fh))
        prob = compile_instance(inst)
        days = _day_layout(inst, prob)
        plain = solve(inst, time_limit=limit, seed=args.seed)
        slot_of = [-1] * prob.n_meetings
        sid = {x: i for i, x in enumerate(prob.slot_ids)}
        mid = {x: i for i, x in enumerate(prob.meeting_ids)}
        for a in plain.assignments:
            slot_of[mid[a.meeting]] = sid[a.slot]
        st = _state_from(prob, slot_of)
        b0 = count_gaps(st, days)
        opts = SolveOptions(compact=True, max_break_spread=2)
        res = solve(inst, time_limit=limit, seed=args.seed, options=opts)
        assert res.stats["weight"] == plain.stats["weight"]
        stc = res.stats
        print(
            " | ".join(
                [
                    name,
                    str(prob.n_meetings),
                    str(stc["scheduled"]),
                    f"{b0} (spread {break_spread(st, days)})",
                    str(stc["gaps_after"]),
                    str(stc["break_spread"]),
                    str(stc["gaps_method"]),
                    f"{stc['seconds']:.1f}",
                    str(PUBLISHED_BREAKS.get(name, "-")),
                ]
            ),
            flush=True,
        )
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--scale", choices=("small", "medium", "all"), default="small")
    ap.add_argument(
        "--time-limit", type=float, default=None, help="ours and CP-SAT (default: ours' automatic)"
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--variants", type=int, default=0, help="also N B2B variants (sample)")
    ap.add_argument("--lp-max-options", type=int, default=400_000)
    ap.add_argument("--lp-time-limit", type=float, default=120.0)
    ap.add_argument(
        "--cpsat-max-options",
        type=int,
        default=1_500_000,
        help="skip the CP-SAT column above this many meeting-slot options (memory)",
    )
    ap.add_argument("--only", default="", help="substring filter of instance names")
    ap.add_argument("--save", default="", help="directory to save generated instances")
    ap.add_argument("--breaks", action="store_true", help="print the breaks table (B2B)")
    ap.add_argument("--breaks-time-limit", type=float, default=10.0)
    args = ap.parse_args()
    if args.breaks:
        return breaks_table(args)

    cases: list[tuple[str, Any, bool]] = []
    for f in sorted(glob.glob(f"{SHARED}/sched/*.json")):
        cases.append((os.path.basename(f)[:-5], f, False))
    for f in sorted(glob.glob(f"{SHARED}/b2b/json/*.original.json")):
        cases.append((os.path.basename(f)[:-5], f, False))
    if args.variants:
        rng = random.Random(args.seed)
        var = sorted(f for f in glob.glob(f"{SHARED}/b2b/json/*.json") if "original" not in f)
        for f in rng.sample(var, min(args.variants, len(var))):
            cases.append((os.path.basename(f)[:-5], f, False))
    if args.scale in ("medium", "all"):
        cases.append(
            (
                "SYNTH bio-europe in person",
                dict(
                    seed=11,
                    participants=5000,
                    meetings=28000,
                    days=3,
                    virtual=False,
                    tables=432,
                    name="BIO-Europe-scale in-person event",
                ),
                True,
            )
        )
        cases.append(
            (
                "SYNTH bio-europe virtual",
                dict(
                    seed=12,
                    participants=5000,
                    meetings=28000,
                    days=3,
                    virtual=True,
                    tables=None,
                    name="BIO-Europe-scale virtual event",
                ),
                True,
            )
        )
    if args.scale == "all":
        cases.append(
            (
                "SYNTH bio-intl in person",
                dict(
                    seed=13,
                    participants=20000,
                    meetings=60000,
                    days=4,
                    virtual=False,
                    tables=900,
                    name="BIO-International-scale in-person event",
                ),
                True,
            )
        )
        cases.append(
            (
                "SYNTH bio-intl virtual",
                dict(
                    seed=14,
                    participants=20000,
                    meetings=60000,
                    days=4,
                    virtual=True,
                    tables=None,
                    name="BIO-International-scale virtual event",
                ),
                True,
            )
        )
    head = [
        "instance",
        "meetings",
        "fcfs",
        "greedy",
        "cp-sat",
        "ours",
        "ours w",
        "ours bound (gap)",
        "LP bound",
        "best bound",
    ]
    print("All percentages: of the best proved upper bound (last column); SYNTH = synthetic data.")
    print(" | ".join(head))
    print(" | ".join("---" for _ in head))
    for name, src, big in cases:
        if args.only and args.only not in name:
            continue
        if isinstance(src, str):
            with open(src, encoding="utf-8") as fh:
                doc = json.load(fh)
        else:
            doc = generate(**src)
            if args.save:
                path = os.path.join(args.save, name.replace(" ", "_") + ".json")
                with open(path, "w", encoding="utf-8") as fh:
                    json.dump(doc, fh)
        print(" | ".join(row(name, doc, args, big)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
