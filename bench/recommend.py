"""Benchmark of dari.matching: ranking quality on real public deals, and speed.

    .venv/bin/python bench/recommend.py             # quality: dev + held-out sets, pooled
    .venv/bin/python bench/recommend.py --grid      # + cross-validated grid of the weights
    .venv/bin/python bench/recommend.py --data F --with bench/data/recommend_dev.json
                                                    # one file of the dev format (a new
                                                    # held-out set) among the dev candidates
    .venv/bin/python bench/recommend.py --speed     # + synthetic 100k assets / 10k orgs

Quality: bench/data/recommend_dev.json holds real licensing/co-development deals (the
asset as publicly described, the real licensee) and candidate organisations profiled
from their OWN stated R&D focus. For each deal we rank every candidate organisation
for the asset (the licensor excluded) and look at the rank of the real licensee.
Deal history (the other evaluation deals plus the `history` records) is leave-one-out:
the deal under test and every record of the same asset are removed first.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from recommend_data import (  # noqa: E402  (bench/ is the script's directory)
    DATA,
    HISTORY_OPTIONS,
    Deal,
    Product,
    Record,
    history_for,
    load_dev,
    load_products,
)
from recommend_eval import Query, report, report_file  # noqa: E402
from recommend_judge import FRAMINGS, FRESH, build  # noqa: E402
from recommend_speed import speed  # noqa: E402

from dari.matching import (  # noqa: E402
    FEATURES,
    HISTORY_FEATURES,
    PIPELINE_FEATURES,
    STRUCTURED_FEATURES,
    CachedEmbedder,
    Index,
    UseEmbedder,
    Weights,
)
from dari.matching.evaluate import (  # noqa: E402
    first_hit_rank,
    hit_at_k,
    mean_reciprocal_rank,
    random_expectations,
)
from dari.matching.fusion import HIST_KNOWN  # noqa: E402

CACHE = ROOT / "var" / "recommend_embeddings.npz"


@dataclass
class Cache:
    """Feature values of every candidate of every deal: values[d, c, f], padded with NaN."""

    deals: list[Deal]
    ids: list[list[str]]
    values: np.ndarray
    relevant: np.ndarray
    valid: np.ndarray
    id_rank: np.ndarray
    popularity: np.ndarray
    """popularity[d, c]: the candidate's deals in the history the deal is evaluated with."""
    known: np.ndarray  # known[d, c]: 1 if the candidate has deal records (HIST_KNOWN)

    def subset(self, rows: list[int]) -> Cache:
        return Cache(
            [self.deals[i] for i in rows],
            [self.ids[i] for i in rows],
            self.values[rows],
            self.relevant[rows],
            self.valid[rows],
            self.id_rank[rows],
            self.popularity[rows],
            self.known[rows],
        )

    def queries(self, set_name: str) -> list[Query]:
        """One Query per deal (valid candidates only), for recommend_eval."""
        return [
            Query(
                set_name,
                deal.id,
                deal.asset.organization_id,
                self.values[d][self.valid[d]],
                self.relevant[d][self.valid[d]],
                self.id_rank[d][self.valid[d]],
                self.popularity[d][self.valid[d]],
                self.known[d][self.valid[d]],
            )
            for d, deal in enumerate(self.deals)
        ]


def feature_cache(
    index: Index,
    deals: list[Deal],
    history: list[Record] | Callable[[Deal], list[Record]],
    mode: str,
    products: Sequence[Product] = (),
) -> Cache:
    """Feature values of every candidate per deal (`history`: records, or per deal)."""
    store = index._orgs  # noqa: SLF001  (benchmark introspection)
    all_ids = sorted(i for i in store.ids if i)
    n_cand = len(all_ids)
    values = np.zeros((len(deals), n_cand, len(FEATURES)))
    relevant = np.zeros((len(deals), n_cand), dtype=bool)
    valid = np.zeros((len(deals), n_cand), dtype=bool)
    id_rank = np.tile(np.arange(n_cand), (len(deals), 1))
    popularity = np.zeros((len(deals), n_cand))
    known = np.zeros((len(deals), n_cand))
    ids_out = []
    for row, deal in enumerate(deals):
        past = history_for(deal, history(deal) if callable(history) else history, mode)
        index.set_history(past)
        counts = Counter(r.licensee_id for r in (past.records if past is not None else ()))
        popularity[row] = [counts.get(id_, 0) for id_ in all_ids]
        hidden = [p.asset for p in products if p.excluded_for(deal)]
        for asset in hidden:
            index.remove_asset(asset.id)
        feats = index.partner_features(deal.asset, every=True)
        if hidden:
            index.add_assets(hidden)
        ids = []
        for col, id_ in enumerate(all_ids):
            slot = store.slot_of[id_]
            if id_ == deal.asset.organization_id:
                continue
            valid[row, col] = True
            relevant[row, col] = id_ in deal.licensees
            values[row, col] = [feats[f][slot] for f in FEATURES]
            known[row, col] = feats[HIST_KNOWN][slot]
            ids.append(id_)
        ids_out.append(ids)
    index.set_history(None)
    return Cache(list(deals), ids_out, values, relevant, valid, id_rank, popularity, known)


def rank_matrix(cache: Cache, weights: np.ndarray) -> np.ndarray:
    """Rank of the first real licensee for every weighting (rows of `weights`, in FEATURES
    order) and every deal; ties broken by id as in Index. Shape (n_weightings, n_deals)."""
    score = np.einsum("dcf,wf->wdc", cache.values, weights)
    score = np.where(cache.valid[None], score, -np.inf)
    rel_score = np.where(cache.relevant[None], score, -np.inf)
    best = rel_score.max(axis=2, keepdims=True)
    # among relevant candidates at the best score, the one with the smallest id comes first
    at_best = cache.relevant[None] & (score == best)
    best_id = np.where(at_best, cache.id_rank[None], 10**9).min(axis=2, keepdims=True)
    before = (score > best) | ((score == best) & (cache.id_rank[None] < best_id))
    before &= cache.valid[None] & ~cache.relevant[None]
    ranks: np.ndarray = 1 + before.sum(axis=2)
    return ranks


def weight_vector(weights: dict[str, float]) -> np.ndarray:
    return np.array([weights.get(f, 0.0) for f in FEATURES])


def ranks_for(cache: Cache, weights: dict[str, float]) -> list[int | None]:
    return [int(r) for r in rank_matrix(cache, weight_vector(weights)[None])[0]]


def row(name: str, ranks: list[int | None]) -> str:
    return (
        f"| {name:<44} | {hit_at_k(ranks, 1):6.3f} | {hit_at_k(ranks, 5):6.3f} "
        f"| {hit_at_k(ranks, 10):6.3f} | {mean_reciprocal_rank(ranks):6.3f} |"
    )


def random_row(caches: Sequence[Cache]) -> str:
    h1, h5, h10, mrr = [], [], [], []
    pairs = [
        (ids, deal) for cache in caches for ids, deal in zip(cache.ids, cache.deals, strict=True)
    ]
    for ids, deal in pairs:
        n, m = len(ids), len(deal.licensees & set(ids))
        h1.append(random_expectations(n, m, 1)[0])
        h5.append(random_expectations(n, m, 5)[0])
        h10.append(random_expectations(n, m, 10)[0])
        mrr.append(random_expectations(n, m, 1)[1])
    # Check the closed form against a seeded simulation (1000 shuffles).
    rng = random.Random(0)
    sim: list[int | None] = []
    for _ in range(1000):
        for ids, deal in pairs:
            shuffled = ids[:]
            rng.shuffle(shuffled)
            sim.append(first_hit_rank(shuffled, set(deal.licensees)))
    name = f"random (exact; sim. MRR {mean_reciprocal_rank(sim):.3f})"
    return (
        f"| {name:<44} | {statistics.mean(h1):6.3f} | {statistics.mean(h5):6.3f} "
        f"| {statistics.mean(h10):6.3f} | {statistics.mean(mrr):6.3f} |"
    )


def only(*names: str, base: Weights | None = None) -> dict[str, float]:
    w = (base or Weights()).as_dict()
    return {k: (w[k] if k in names else 0.0) for k in FEATURES}


def without(*names: str, base: Weights | None = None) -> dict[str, float]:
    w = (base or Weights()).as_dict()
    return {k: (0.0 if k in names else w[k]) for k in FEATURES}


ZERO = Weights(**dict.fromkeys(FEATURES, 0.0))  # the older weightings name all they use

PREVIOUS = replace(
    ZERO,
    bm25=0.1,
    semantic=0.5,
    area=1.0,
    modality=0.1,
    target=0.5,
    indication=0.25,
    hist_modality=1.0,
    hist_area=0.1,
    hist_target=0.1,
    hist_licensor=0.5,
    hist_country=0.25,
    activity=0.25,
    pipe_target=0.0,
    pipe_indication=0.0,
    pipe_semantic=0.0,
)
"""The session-1 defaults (chosen on the first 40 deals, before own pipelines)."""

PIPELINE_ONLY = replace(ZERO, pipe_target=1.0, pipe_indication=1.0, pipe_semantic=0.5)

SESSION2 = replace(
    ZERO,
    bm25=0.3,
    semantic=0.5,
    area=1.0,
    modality=0.3,
    stage=0.5,
    deal=0.5,
    target=0.25,
    indication=0.5,
    geography=0.25,
    kind=0.5,
    business=0.0,
    hist_licensor=0.1,
)
"""The session-2 defaults (77 dev deals, no territory, no business lines)."""

FOCUS_GRID: dict[str, tuple[float, ...]] = {
    "bm25": (0.1, 0.3, 0.6),
    "semantic": (0.25, 0.5, 1.0),
    "area": (0.5, 1.0),
    "modality": (0.1, 0.3, 0.6),
    "target": (0.25, 0.5),
    "indication": (0.25, 0.5),
    "geography": (0.5, 1.0, 1.5),
    "business": (0.5, 1.0, 2.0),
    "stage": (0.0, 0.25, 0.5),
    "deal": (0.0, 0.25, 0.5),
    "kind": (0.25, 0.5, 1.0),
}
"""Stated focus, text, territory and business line (history off): tuned first, on the
deals with the territory on offer."""

NO_HISTORY = replace(Weights(), **{f: 0.0 for f in HISTORY_FEATURES})

HISTORY_GRID: dict[str, tuple[float, ...]] = {
    "hist_modality": (0.0, 0.25, 0.5, 1.0),
    "hist_area": (0.0, 0.25, 0.5, 1.0),
    "hist_target": (0.0, 0.25, 0.5, 1.0),
    "hist_licensor": (0.0, 0.25, 0.5, 1.0),
    "hist_country": (0.0, 0.25, 0.5, 1.0),
    "activity": (0.0, 0.25, 0.5, 1.0),
}
"""History weights only, tuned second, on top of the focus weights."""


def grid_weights(
    grid: dict[str, tuple[float, ...]] | None = None, base: Weights | None = None
) -> tuple[np.ndarray, list[dict[str, float]]]:
    grid = grid if grid is not None else FOCUS_GRID
    fixed = (base or Weights()).as_dict()
    names = list(grid)
    rows, dicts = [], []
    for combo in itertools.product(*(grid[n] for n in names)):
        w = dict(fixed)
        w.update(dict(zip(names, combo, strict=True)))
        rows.append(weight_vector(w))
        dicts.append(w)
    return np.array(rows), dicts


def grid_metrics(
    caches: Sequence[Cache], grid: np.ndarray, chunk: int = 4000
) -> tuple[np.ndarray, ...]:
    """Reciprocal rank and hit@5 of every weighting on every deal of every cache (deals of
    all caches side by side): (n_weightings, n_deals)."""
    rrs, h5s = [], []
    for cache in caches:
        rr = np.zeros((len(grid), len(cache.deals)))
        h5 = np.zeros_like(rr)
        for i in range(0, len(grid), chunk):
            ranks = rank_matrix(cache, grid[i : i + chunk])
            rr[i : i + chunk] = 1.0 / ranks
            h5[i : i + chunk] = ranks <= 5
        rrs.append(rr)
        h5s.append(h5)
    return np.hstack(rrs), np.hstack(h5s)


def repeated_cv(
    caches: Sequence[Cache],
    repeats: int = 25,
    grid_spec: dict[str, tuple[float, ...]] | None = None,
    base: Weights | None = None,
) -> tuple[dict[str, tuple[float, float, float, float]], dict[str, float]]:
    """Honest estimate of 'tune the weights by grid search': for each random half split of
    the deals (of all caches together), pick the best weighting on one half (by MRR, then
    hit@5, then the smallest total weight) and score it on the other; both directions.
    Returns held-out mean (sd) of MRR and hit@5 per method, and the per-feature median of
    the chosen weights."""
    grid_spec = grid_spec if grid_spec is not None else FOCUS_GRID
    grid, dicts = grid_weights(grid_spec, base)
    rr, h5 = grid_metrics(caches, grid)
    total = grid.sum(axis=1)
    n = rr.shape[1]
    fixed = {
        "default weights": weight_vector(Weights().as_dict()),
        "session-2 weights": weight_vector(SESSION2.as_dict()),
        "session-1 weights": weight_vector(PREVIOUS.as_dict()),
    }
    fixed_metrics = {name: grid_metrics(caches, w[None]) for name, w in fixed.items()}
    out: dict[str, tuple[list[float], list[float]]] = {"grid-tuned on the other half": ([], [])}
    for name in fixed:
        out[name] = ([], [])
    chosen: list[dict[str, float]] = []
    for seed in range(repeats):
        order = list(range(n))
        random.Random(1000 + seed).shuffle(order)
        halves = (order[: n // 2], order[n // 2 :])
        for train, test in (halves, halves[::-1]):
            key = np.lexsort((total, -h5[:, train].mean(axis=1), -rr[:, train].mean(axis=1)))
            best = int(key[0])
            chosen.append(dicts[best])
            out["grid-tuned on the other half"][0].append(float(rr[best, test].mean()))
            out["grid-tuned on the other half"][1].append(float(h5[best, test].mean()))
            for name, (frr, fh5) in fixed_metrics.items():
                out[name][0].append(float(frr[0, test].mean()))
                out[name][1].append(float(fh5[0, test].mean()))
    summary = {
        name: (
            statistics.mean(m),
            statistics.stdev(m),
            statistics.mean(h),
            statistics.stdev(h),
        )
        for name, (m, h) in out.items()
    }
    median = {f: float(statistics.median(c[f] for c in chosen)) for f in grid_spec}
    return summary, median


SUITE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("dev set", "recommend_dev.json", ()),
    ("held-out 1 (session 2)", "recommend_holdout.json", ("recommend_dev.json",)),
    (
        "held-out 2 (session 3)",
        "recommend_holdout2.json",
        ("recommend_dev.json", "recommend_holdout.json"),
    ),
    (
        "held-out 3 (session 3, after the weights)",
        "recommend_holdout3.json",
        ("recommend_dev.json", "recommend_holdout.json", "recommend_holdout2.json"),
    ),
    (
        "held-out 4 (session 3, after the weights)",
        "recommend_holdout4.json",
        (
            "recommend_dev.json",
            "recommend_holdout.json",
            "recommend_holdout2.json",
            "recommend_holdout3.json",
        ),
    ),
)
"""The bench sets, each scored among its own candidates and those of the earlier sets
(whose deals and history are its past deals)."""


@dataclass
class SetRun:
    """One evaluated set: its Korean-licensor deals under each history mode and with the
    territory granted in the deal as the territory on offer."""

    name: str
    loo: Cache
    prior: Cache
    offered: Cache
    n_offered: int

    def variants(self) -> list[tuple[str, Cache, dict[str, float]]]:
        loo = self.loo
        return [
            ("ours (the asset record as given)", loo, Weights().as_dict()),
            ("ours + deal territory as on offer", self.offered, Weights().as_dict()),
            ("ours, history strictly before the deal", self.prior, Weights().as_dict()),
            ("ours without deal history", loo, without(*HISTORY_FEATURES)),
            ("ours without own pipelines", loo, without(*PIPELINE_FEATURES)),
            ("ours without business lines", loo, without("business")),
            ("session-2 defaults", loo, SESSION2.as_dict()),
            ("session-2 defaults + deal territory", self.offered, SESSION2.as_dict()),
            (
                "history features only (session-1 weights)",
                loo,
                only(*HISTORY_FEATURES, base=PREVIOUS),
            ),
            ("own-pipeline features only", loo, only(*PIPELINE_FEATURES, base=PIPELINE_ONLY)),
            ("BM25 only", loo, only("bm25")),
            ("embeddings only (USE)", loo, only("semantic")),
            ("structured only (stated focus)", loo, only(*STRUCTURED_FEATURES)),
        ]


def run_set(
    name: str, data: Path, withs: Sequence[Path], embedder: CachedEmbedder, *, korean_only: bool
) -> SetRun:
    """Load one set (with the candidates, pipelines and past deals of `withs`) and compute
    its feature caches."""
    orgs, deals, history = load_dev(data)
    products = load_products(data)
    for path in withs:
        known = {o.id for o in orgs}
        more_orgs, _, more_history = load_dev(path)
        orgs += [o for o in more_orgs if o.id not in known]
        products += load_products(path)
        history += more_history
    if korean_only:
        deals = [d for d in deals if d.korean]
    index = Index(orgs, [p.asset for p in products], embedder=embedder)
    print(
        f"{name}: {len(deals)} deals, {len(orgs)} candidate organisations, {len(products)} "
        f"pipeline products, {len(history)} history records"
    )
    # The judge's condition: the asset as given, with any territory on offer removed.
    bare = [replace(d, asset=replace(d.asset, territories=())) for d in deals]
    return SetRun(
        name,
        feature_cache(index, bare, history, "loo", products),
        feature_cache(index, deals, history, "prior", products),
        feature_cache(index, [d.offered() for d in deals], history, "loo", products),
        sum(bool(d.territories) for d in deals),
    )


def print_table(title: str, runs: Sequence[SetRun]) -> None:
    """One row per variant, over the deals of all `runs` together."""
    sizes = sorted({len(ids) for run in runs for ids in run.loo.ids})
    n = sum(len(run.loo.deals) for run in runs)
    cands = f"{sizes[0]}" if len(sizes) == 1 else f"{sizes[0]}-{sizes[-1]}"
    known = sum(run.n_offered for run in runs)
    print(
        f"\npartner ranking, {title}: {n} deals (territory known for {known}); "
        f"candidates per deal: {cands}"
    )
    print(f"| {'ranking':<44} |  hit@1 |  hit@5 | hit@10 |    MRR |")
    print(f"|{'-' * 46}|--------|--------|--------|--------|")
    per_run = [run.variants() for run in runs]
    for k, (name, _, _) in enumerate(per_run[0]):
        ranks: list[int | None] = []
        for variants in per_run:
            _, cache, w = variants[k]
            ranks += ranks_for(cache, w)
        print(row(name, ranks))
    print(random_row([run.loo for run in runs]))


def quality(args: argparse.Namespace) -> None:
    t_start = time.perf_counter()
    embedder = CachedEmbedder(UseEmbedder(), CACHE if CACHE.parent.exists() else None)
    print(
        "history: leave-one-out (the deal under test and every record of the same asset are "
        "removed); 'strictly before' = only deals dated before it.\n'territory on offer' = "
        "the territory granted in the deal, as the licensor would list it when offering the asset."
    )
    if args.data is not None:
        runs = [run_set(args.data.name, args.data, args.with_sets, embedder, korean_only=False)]
        print_table(f"{args.data.name}, all deals", runs)
        korean = [i for i, d in enumerate(runs[0].loo.deals) if d.korean]
        only_korean = SetRun(
            runs[0].name,
            runs[0].loo.subset(korean),
            runs[0].prior.subset(korean),
            runs[0].offered.subset(korean),
            sum(bool(runs[0].loo.deals[i].territories) for i in korean),
        )
        runs = [only_korean]
        print_table(f"{args.data.name}, Korean licensors only", runs)
        report_file(args.data.name, only_korean.loo.queries(args.data.name))
    else:
        framings = {
            f"{k} ({v})": build(embedder, k, feature_cache, history=h) for k, v, h in FRAMINGS
        }
        offered = build(embedder, "cumulative", feature_cache, offered=True)
        report(framings, offered, FRESH, tuning_only=args.tuning_only)
        here, extra = DATA.parent, args.ablations or args.grid
        runs = [
            run_set(name, here / data, [here / w for w in withs], embedder, korean_only=True)
            for name, data, withs in (SUITE if extra else ())
        ]
        if args.ablations:
            for run in runs:
                print_table(f"{run.name}, Korean licensors", [run])
            print_table("all sets pooled, Korean licensors", runs)
    if CACHE.parent.exists():
        embedder.save(CACHE)
    if args.grid:
        base = NO_HISTORY
        for label, spec, pick in (
            ("focus, text, territory, business line (history off)", FOCUS_GRID, "offered"),
            ("history weights on top of the focus medians", HISTORY_GRID, "loo"),
        ):
            t0 = time.perf_counter()
            caches = [getattr(run, pick) for run in runs]
            summary, median = repeated_cv(caches, args.repeats, spec, base)
            n_w = len(grid_weights(spec, base)[1])
            print(
                f"\nrepeated 2-fold CV, tuning {label} ({args.repeats} random half splits x 2 "
                f"directions, {n_w} weightings, {time.perf_counter() - t0:.0f} s): "
                "held-out mean (sd)"
            )
            print(f"  {'method':<32} {'MRR':>15} {'hit@5':>15}")
            for name, (m, msd, h, hsd) in summary.items():
                print(f"  {name:<32} {m:6.3f} ({msd:.3f})  {h:6.3f} ({hsd:.3f})")
            shown = ", ".join(f"{k}={v:g}" for k, v in median.items())
            print(f"  median of the weights chosen in the folds: {shown}")
            base = replace(base, **median)
    print(f"\n(quality run: {time.perf_counter() - t_start:.0f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help="score one file of the dev format (default: the dev set and every held-out set "
        "of SUITE, each and pooled)",
    )
    parser.add_argument(
        "--with",
        dest="with_sets",
        type=Path,
        action="append",
        default=[],
        help="with --data HELDOUT: add this file's candidates, pipelines and deals (as history); "
        "repeatable",
    )
    parser.add_argument(
        "--ablations", action="store_true", help="the older tables: variants and ablations"
    )
    parser.add_argument("--grid", action="store_true", help="cross-validate the weight grid")
    parser.add_argument("--tuning-only", action="store_true", help="report tuning deals only")
    parser.add_argument("--repeats", type=int, default=25, help="CV half splits (--grid)")
    parser.add_argument("--speed", action="store_true", help="synthetic speed benchmark")
    parser.add_argument("--orgs", type=int, default=10_000)
    parser.add_argument("--assets", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--processes", type=int, default=2, help="embedding worker processes (index build)"
    )
    parser.add_argument("--cache", action="store_true", help="reuse/save embeddings in var/")
    parser.add_argument("--half-life", type=float, default=6.0, help="history recency (years)")
    args = parser.parse_args()
    HISTORY_OPTIONS.update(half_life=args.half_life)
    quality(args)
    if args.speed:
        print()
        speed(args)


if __name__ == "__main__":
    main()
