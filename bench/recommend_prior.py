"""Graph evidence in the judge's framing: grouped cross-validation (issue 15, session 11).

    .venv/bin/python bench/recommend_prior.py             # ~5 min with var/ embeddings cached
    .venv/bin/python bench/recommend_prior.py --seeds 8 --stats

The judge's framing with history of earlier deals only (`standalone-prior`,
bench/recommend_judge.py) over the 187 deals of bench/recommend_cv.py (dev, held-out 1-7, the
untouched split; held-out 8, 9 and 10 are never loaded), with each candidate's evidence from
the bundled directory added (bench/recommend_graph.py): its bundled deals dated before the
deal (history features hist_*) and its bundled assets (pipeline features pipe_*), computed
by the engine exactly as the product computes them (Index.set_history, the owners' assets in
the index). Evidence configurations: `file` (the file's own evidence only, as shipped),
`graph+pipe=<undated>` for each treatment of undated pipeline products.

Rankings per configuration, out of fold (5 folds grouped by licensor, fold seeds; anything
chosen is chosen on the training folds by best hit@5 + MRR):
- FUSION as shipped (fixed; its history channel reads the graph deals too);
- the shipped grid (recommend_fusion.GRID, both k) re-chosen in-fold;
- the shipped FUSION plus new channels, their weights chosen in-fold: `hist_fit` (the area,
  modality and target of the candidate's earlier deals: hist_area + hist_modality +
  hist_target, real records only) and `pipe` (pipe_target + pipe_indication), each 0 / 0.5 /
  1 / 2; and the same with `pipe_sem` (pipe_semantic) 0 / 0.5 / 1;
- the shipped grid and the two new channels chosen together;
- BM25 alone, USE alone.
Results: docs/recommendations.md, "Issue 15, session 11".
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from recommend_data import Deal, Product, Record, load_dev, load_products  # noqa: E402
from recommend_eval import Query, grouped_folds, with_ci  # noqa: E402
from recommend_fusion import GRID, KS, first_hit, values_of  # noqa: E402
from recommend_graph import Graph, file_evidence  # noqa: E402
from recommend_judge import HERE, NEVER_TUNED, SETS, bare  # noqa: E402

from dari.matching import CachedEmbedder, Index, OrgProfile, UseEmbedder  # noqa: E402
from dari.matching.fusion import CHANNELS, FUSION, HIST_KNOWN, competition_ranks  # noqa: E402

USED = tuple((s, f) for s, f in SETS if s not in NEVER_TUNED)
"""Every set but held-out 8-10 (FRESH, outside the 187 cross-validated deals: never read)."""
LARGE = 50
SHIPPED = FUSION.channel_weights()


PIPE_KNOWN: dict[int, np.ndarray] = {}
"""id(Query) -> 1 for a candidate with pipeline products usable for the deal, else 0 (the
engine fills a candidate without any with the mean: evidence of nothing)."""


def extra(v: dict[str, np.ndarray], name: str, q: Query | None = None) -> np.ndarray:
    known = PIPE_KNOWN.get(id(q), 1.0) if q is not None else 1.0
    if name == "pipe":
        return (v["pipe_target"] + v["pipe_indication"]) * known
    if name == "pipe_sem":
        return v["pipe_semantic"] * known
    if name == "hist_fit":
        return (v["hist_area"] + v["hist_modality"] + v["hist_target"]) * v[HIST_KNOWN]
    return CHANNELS[name](v)


# ---- queries ------------------------------------------------------------------------------
def build(embedder: CachedEmbedder, config: str, stats: bool = False) -> list[Query]:
    """Every used set's Korean deals in the judge's framing, history only of earlier deals,
    with the evidence of `config` ('file', or 'graph+pipe=all|recent|none')."""
    from recommend import feature_cache

    graph = Graph.load() if config != "file" else None
    undated = config.split("=")[-1] if graph else "none"
    profiles: dict[str, OrgProfile] = {}
    for _, name in USED:
        for org in load_dev(HERE / name)[0]:
            profiles.setdefault(org.id, org)
    out: list[Query] = []
    for set_name, file in USED:
        orgs, deals, records = load_dev(HERE / file)
        products: list[Product] = load_products(HERE / file)
        korean = [d for d in deals if d.korean]
        ids = {o.id for o in orgs}
        wanted = {lic for d in korean for lic in d.licensees} - ids
        orgs = orgs + [profiles[i] for i in sorted(wanted) if i in profiles]
        history: list[Record] | Callable[[Deal], list[Record]] = records
        if graph is not None:
            licensors = json.loads((HERE / file).read_text(encoding="utf-8")).get("licensors", {})
            ev = file_evidence(
                graph,
                {o.id: o.name for o in orgs},
                {k: v.get("name", "") for k, v in licensors.items()},
                records,
            )
            added = ev.products(undated, products)
            products = products + added
            history = lambda deal, ev=ev, own=records: own + ev.records_for(deal)  # noqa: E731
            if stats:
                resolved = {c: sorted(i) for c, i in ev.candidates.items() if i}
                per_deal = [ev.records_for(d) for d in korean]
                of_licensee = sum(
                    sum(r.record.licensee_id in d.licensees for r in rs)
                    for d, rs in zip(korean, per_deal, strict=True)
                )
                print(
                    f"{set_name}: {len(resolved)}/{len(orgs)} candidates resolved, "
                    f"{len(added)} products added, graph records per deal "
                    f"{np.mean([len(r) for r in per_deal]):.1f}, of the licensee {of_licensee}"
                )
                print("   ", resolved)
        index = Index(orgs, [p.asset for p in products], embedder=embedder)
        cache = feature_cache(index, bare(korean), history, "prior", products)
        qs = cache.queries(set_name)
        for q, deal, ids in zip(qs, korean, cache.ids, strict=True):
            owners = {p.asset.organization_id for p in products if not p.excluded_for(deal)}
            PIPE_KNOWN[id(q)] = np.array([float(i in owners) for i in ids])
        out += qs
    return out


# ---- ranks --------------------------------------------------------------------------------
def grid_ranks(
    qs: Sequence[Query], grid: dict[str, tuple[float, ...]], ks: Sequence[float] = KS
) -> np.ndarray:
    """ranks[p, d] under every grid point (k-major), the fusion formula of dari.matching."""
    names = list(grid)
    weights = np.array(list(itertools.product(*(grid[n] for n in names))))
    out = np.empty((len(ks) * len(weights), len(qs)), dtype=np.int32)
    for d, q in enumerate(qs):
        v = values_of(q)
        everyone = np.ones(len(q.relevant), dtype=bool)
        ranks = [competition_ranks(extra(v, n, q), everyone) for n in names]
        geography = 0.2 + 0.8 * v["geography"]
        for i, k in enumerate(ks):
            score = (weights @ np.stack([1.0 / (k + r) for r in ranks])) * geography[None]
            out[i * len(weights) : (i + 1) * len(weights), d] = first_hit(q, score)
    return out


def in_fold(qs: Sequence[Query], ranks: np.ndarray, seed: int) -> np.ndarray:
    out = np.empty(len(qs))
    for test in grouped_folds(qs, seed=seed):
        train = np.setdiff1d(np.arange(len(qs)), test)
        r = ranks[:, train]
        objective = (r <= 5).mean(1) + (1.0 / r).mean(1)
        out[test] = ranks[int(np.argmax(objective)), test]
    return out


def point(weights: dict[str, float]) -> dict[str, tuple[float, ...]]:
    return {n: (w,) for n, w in weights.items()}


def rankings(qs: Sequence[Query], seeds: Sequence[int], full: bool) -> dict[str, list[np.ndarray]]:
    fixed = {
        "FUSION as shipped": grid_ranks(qs, point(SHIPPED), (FUSION.k,)),
        "BM25 only": grid_ranks(qs, {"bm25": (1.0,)}, (FUSION.k,)),
        "USE only": grid_ranks(qs, {"semantic": (1.0,)}, (FUSION.k,)),
    }
    new = (0.0, 0.5, 1.0, 2.0)
    chosen = {
        "shipped grid, in-fold": grid_ranks(qs, GRID),
        "FUSION + hist_fit, pipe (in-fold)": grid_ranks(
            qs, {**point(SHIPPED), "hist_fit": new, "pipe": new}, (FUSION.k,)
        ),
        "FUSION + hist_fit, pipe, pipe_sem (in-fold)": grid_ranks(
            qs,
            {**point(SHIPPED), "hist_fit": new, "pipe": new, "pipe_sem": (0.0, 0.5, 1.0)},
            (FUSION.k,),
        ),
        "FUSION + history channel re-weighted (in-fold)": grid_ranks(
            qs, {**point(SHIPPED), "history": (0.0, 0.5, 1.0, 2.0)}, (FUSION.k,)
        ),
    }
    if full:
        chosen["grid + hist_fit, pipe (in-fold)"] = grid_ranks(
            qs, {**GRID, "hist_fit": new, "pipe": new}
        )
    out = {name: [r[0].astype(float)] * len(seeds) for name, r in fixed.items()}
    for name, r in chosen.items():
        out[name] = [in_fold(qs, r, s) for s in seeds]
    return out


def report(title: str, runs: dict[str, list[np.ndarray]], rows: np.ndarray) -> None:
    print(f"\n{title}: {int(rows.sum())} deals; mean (sd over fold seeds) [95% CI, seed 0]")
    for name, per_seed in runs.items():
        rs = [r[rows] for r in per_seed]
        m = np.array([[(r <= 1).mean(), (r <= 5).mean(), (1.0 / r).mean()] for r in rs])
        ci = with_ci(rs[0])
        cells = " | ".join(
            f"{mu:.3f} ({sd:.3f}) [{lo:.2f},{hi:.2f}]"
            for mu, sd, (_, lo, hi) in zip(m.mean(0), m.std(0), ci, strict=True)
        )
        print(f"| {name:<48} | {cells} |")


def misses(config: str, qs: Sequence[Query], shipped: np.ndarray) -> None:
    """The large-pool deals the shipped fusion misses at top 5, and the evidence the
    licensee has: deals on record before the deal, pipeline products, hist_fit, pipe."""
    print(f"\n[{config}] large-pool misses: deal, rank, licensee's records / pipeline / fit / pipe")
    have = [0, 0, 0]
    for q, r in zip(qs, shipped, strict=True):
        if len(q.relevant) < LARGE or r <= 5:
            continue
        i = int(np.flatnonzero(q.relevant)[0])
        v = values_of(q)
        fit, pipe = extra(v, "hist_fit", q)[i], extra(v, "pipe", q)[i]
        known = PIPE_KNOWN.get(id(q), np.zeros(len(q.relevant)))[i]
        have = [have[0] + (q.popularity[i] > 0), have[1] + (known > 0), have[2] + (fit > 0)]
        evidence = f"{int(q.popularity[i])} / {int(known)} / {fit:.2f} / {pipe:.2f}"
        print(f"  {q.deal_id:<40} {int(r):>3}  {evidence}")
    print(f"  with records {have[0]}, with pipeline {have[1]}, with hist_fit > 0 {have[2]}")
    names = ("history", "hist_fit", "pipe", "pipe_sem")
    top5 = dict.fromkeys(names, 0)
    top5_missed = dict.fromkeys(names, 0)
    for q, r in zip(qs, shipped, strict=True):
        if len(q.relevant) < LARGE:
            continue
        v = values_of(q)
        everyone = np.ones(len(q.relevant), dtype=bool)
        for n in names:
            values = extra(v, n, q)
            ranks = competition_ranks(values, everyone)[q.relevant]
            hit = bool((values[q.relevant] > 0).any() and ranks.min() <= 5)
            top5[n] += hit
            top5_missed[n] += hit and r > 5
    print(f"  licensee in a channel's top 5 (value > 0), of {LARGE}+ deals / of the misses:")
    print("  " + ", ".join(f"{n} {top5[n]} / {top5_missed[n]}" for n in names))


def main() -> None:
    from recommend import CACHE

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=8)
    parser.add_argument("--stats", action="store_true", help="print the resolution")
    parser.add_argument("--full", action="store_true", help="+ the grid with new channels")
    parser.add_argument(
        "--configs", default="file,graph+pipe=none,graph+pipe=recent,graph+pipe=all"
    )
    args = parser.parse_args()
    CACHE.parent.mkdir(exist_ok=True)
    embedder = CachedEmbedder(UseEmbedder(), CACHE)
    for config in args.configs.split(","):
        qs = build(embedder, config, args.stats)
        embedder.save(CACHE)
        runs = rankings(qs, range(args.seeds), args.full)
        misses(config, qs, runs["FUSION as shipped"][0])
        every = np.ones(len(qs), dtype=bool)
        large = np.array([len(q.relevant) >= LARGE for q in qs])
        report(f"[{config}] standalone-prior, every deal", runs, every)
        report(f"[{config}] standalone-prior, >= {LARGE} candidates", runs, large)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
