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
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dari.matching import (  # noqa: E402
    FEATURES,
    HISTORY_FEATURES,
    PIPELINE_FEATURES,
    STRUCTURED_FEATURES,
    AssetProfile,
    CachedEmbedder,
    DealHistory,
    DealRecord,
    Index,
    OrgProfile,
    UseEmbedder,
    Weights,
)
from dari.matching.evaluate import (  # noqa: E402
    first_hit_rank,
    hit_at_k,
    mean_reciprocal_rank,
    random_expectations,
)

DATA = ROOT / "bench" / "data" / "recommend_dev.json"
CACHE = ROOT / "var" / "recommend_embeddings.npz"


# ---- dev set ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Deal:
    """One evaluation deal: the asset as publicly described and its real licensee(s)."""

    id: str
    asset: AssetProfile
    licensees: frozenset[str]
    date: str
    korean: bool
    licensor_name: str = ""
    asset_group: str = ""
    """A dev-set asset group of the same asset (another deal of it), left out of the history."""
    territories: tuple[str, ...] = ()
    """The territory granted in the deal as reported (the deal's `territories`), used only
    by the 'territory on offer' rows: what the licensor would list when offering it."""

    def offered(self) -> Deal:
        """The deal with its asset offered for the territory it was granted in."""
        if not self.territories:
            return self
        return replace(self, asset=replace(self.asset, territories=self.territories))


@dataclass(frozen=True)
class Product:
    """One product of a candidate's own pipeline (from its own pipeline page or report):
    the year it entered the portfolio and where it came from, when sources show them."""

    asset: AssetProfile
    since: int | None
    origin: str

    def excluded_for(self, deal: Deal) -> bool:
        """True when the product could carry the answer for `deal`: it came from the deal's
        licensor or is the deal's asset, or it entered the portfolio after the deal."""
        text = f"{self.origin} {self.asset.name}".lower()
        if deal.licensor_name and deal.licensor_name.lower() in text:
            return True
        name = deal.asset.name.lower().split("(")[0].strip()
        if name and len(name) > 3 and name in text:
            return True
        year = _year(deal.date)
        return self.since is not None and year is not None and self.since > year


@dataclass(frozen=True)
class Record:
    """One history record and the asset it is about (to leave it out when tested)."""

    record: DealRecord
    date: str
    asset_group: str


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def _month_key(date: str, *, latest: bool) -> int | None:
    """Months since year 0; an unknown month counts as December (latest=True) or January."""
    year = _year(date)
    if year is None:
        return None
    month = int(date[5:7]) if len(date) >= 7 and date[5:7].isdigit() else (12 if latest else 1)
    return year * 12 + month


def asset_from(id_: str, organization_id: str, a: dict[str, Any]) -> AssetProfile:
    """An asset of the dev file (an evaluation deal's asset or a pipeline product)."""
    return AssetProfile(
        id=id_,
        organization_id=organization_id,
        name=a["name"],
        description=a.get("description", ""),
        therapeutic_area=a.get("therapeutic_area"),
        modality=a.get("modality"),
        stage=a.get("stage"),
        targets=tuple(a.get("targets", ())),
        indications=tuple(a.get("indications", ())),
        seeking=tuple(a.get("seeking", ())),
        territories=tuple(a.get("territories", ())),
    )


def load_products(path: Path = DATA) -> list[Product]:
    """The candidates' own pipelines (`pipeline` of each organisation), as assets."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for o in data["organizations"]:
        for k, p in enumerate(o.get("pipeline", ())):
            asset = asset_from(f"{o['id']}#{k}", o["id"], p)
            out.append(Product(asset, p.get("since"), p.get("origin", "")))
    return out


def load_dev(path: Path = DATA) -> tuple[list[OrgProfile], list[Deal], list[Record]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    orgs = [
        OrgProfile(
            id=o["id"],
            name=o["name"],
            kind=o.get("kind", "pharma"),
            country=o.get("country"),
            description=o.get("description", ""),
            therapeutic_areas=tuple(o.get("therapeutic_areas", ())),
            modalities=tuple(o.get("modalities", ())),
            interest_therapeutic_areas=tuple(o.get("interest_therapeutic_areas", ())),
            interest_modalities=tuple(o.get("interest_modalities", ())),
            interest_stages=tuple(o.get("interest_stages", ())),
            interest_deal_types=tuple(o.get("interest_deal_types", ())),
            interest_description=o.get("interest_description", ""),
        )
        for o in data["organizations"]
    ]
    licensors = data.get("licensors", {})

    def record(
        id_: str, licensor: str, licensee: str, date: str, deal_type: str, fields: dict[str, Any]
    ) -> DealRecord:
        info = licensors.get(licensor, {})
        return DealRecord(
            id=id_,
            licensee_id=licensee,
            licensor_id=licensor,
            licensor_name=info.get("name", ""),
            licensor_country=info.get("country"),
            modality=fields.get("modality"),
            therapeutic_area=fields.get("therapeutic_area"),
            targets=tuple(fields.get("targets") or ()),
            year=_year(date),
            deal_type=deal_type,
        )

    deals: list[Deal] = []
    history: list[Record] = []
    for d in data["deals"]:
        asset = asset_from(d["id"], d["licensor"], d["asset"])
        licensees = d.get("licensees") or [d["licensee"]]
        info = licensors.get(d["licensor"], {})
        korean = info.get("country") == "KR"
        deals.append(
            Deal(
                d["id"],
                asset,
                frozenset(licensees),
                d.get("date", ""),
                korean,
                info.get("name", ""),
                d.get("asset_group", ""),
                tuple(d.get("territories") or ()),
            )
        )
        # Every evaluation deal is also history for the others (never for itself).
        for licensee in licensees:
            rec = record(
                d["id"], d["licensor"], licensee, d.get("date", ""), d["deal_type"], d["asset"]
            )
            history.append(Record(rec, d.get("date", ""), d["id"]))
    for h in data.get("history", []):
        rec = record(h["id"], h["licensor"], h["licensee"], h["date"], h["deal_type"], h)
        history.append(Record(rec, h["date"], h["asset_group"]))
    return orgs, deals, history


HISTORY_OPTIONS: dict[str, Any] = {"half_life": 6.0}
"""How DealHistory is built in the benchmark (--half-life)."""


def history_for(deal: Deal, history: list[Record], mode: str) -> DealHistory | None:
    """The history a deal is evaluated with. 'loo': every record except those of the same
    asset (the deal under test, its other licensees, earlier or later deals of the asset).
    'prior': additionally only records dated before the deal. 'none': no history."""
    if mode == "none":
        return None
    same = {deal.id, deal.asset_group} - {""}
    kept = [h for h in history if h.asset_group not in same]
    if mode == "prior":
        cutoff = _month_key(deal.date, latest=False)
        kept = [
            h
            for h in kept
            if cutoff is not None
            and (key := _month_key(h.date, latest=True)) is not None
            and key < cutoff
        ]
    return DealHistory(
        [h.record for h in kept],
        as_of=_year(deal.date),
        half_life=float(HISTORY_OPTIONS["half_life"]),
    )


@dataclass
class Cache:
    """Feature values of every candidate of every deal: values[d, c, f], padded with NaN."""

    deals: list[Deal]
    ids: list[list[str]]
    values: np.ndarray
    relevant: np.ndarray
    valid: np.ndarray
    id_rank: np.ndarray

    def subset(self, rows: list[int]) -> Cache:
        return Cache(
            [self.deals[i] for i in rows],
            [self.ids[i] for i in rows],
            self.values[rows],
            self.relevant[rows],
            self.valid[rows],
            self.id_rank[rows],
        )


def feature_cache(
    index: Index,
    deals: list[Deal],
    history: list[Record],
    mode: str,
    products: Sequence[Product] = (),
) -> Cache:
    """Feature values of every candidate per deal, so weights can be re-combined fast."""
    store = index._orgs  # noqa: SLF001  (benchmark introspection)
    all_ids = sorted(i for i in store.ids if i)
    n_cand = len(all_ids)
    values = np.zeros((len(deals), n_cand, len(FEATURES)))
    relevant = np.zeros((len(deals), n_cand), dtype=bool)
    valid = np.zeros((len(deals), n_cand), dtype=bool)
    id_rank = np.tile(np.arange(n_cand), (len(deals), 1))
    ids_out = []
    for row, deal in enumerate(deals):
        index.set_history(history_for(deal, history, mode))
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
            ids.append(id_)
        ids_out.append(ids)
    index.set_history(None)
    return Cache(list(deals), ids_out, values, relevant, valid, id_rank)


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


PREVIOUS = Weights(
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

PIPELINE_ONLY = Weights(pipe_target=1.0, pipe_indication=1.0, pipe_semantic=0.5)
"""Weights for the 'own-pipeline features only' row."""

SESSION2 = Weights(
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
    return SetRun(
        name,
        feature_cache(index, deals, history, "loo", products),
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
    else:
        here = DATA.parent
        runs = [
            run_set(name, here / data, [here / w for w in withs], embedder, korean_only=True)
            for name, data, withs in SUITE
        ]
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


# ---- speed --------------------------------------------------------------------------------
AREAS = [
    "oncology",
    "immunology",
    "neurology",
    "metabolic",
    "cardiovascular",
    "infectious_disease",
    "ophthalmology",
    "rare_disease",
    "respiratory",
    "dermatology",
]
MODS = [
    "small_molecule",
    "antibody",
    "bispecific_antibody",
    "adc",
    "protein_peptide",
    "cell_therapy",
    "gene_therapy",
    "rna",
    "vaccine",
    "degrader",
]
STAGES = ["discovery", "preclinical", "phase1", "phase2", "phase3"]
TARGETS = [
    "HER2",
    "TROP2",
    "PD-L1",
    "B7-H3",
    "EGFR",
    "KRAS G12C",
    "GLP-1R",
    "IL-23",
    "TNF",
    "CD19",
    "BCMA",
    "Claudin 18.2",
    "c-Met",
    "VEGF",
    "FcRn",
    "TSLP",
    "IL-4R",
    "APOC3",
    "PCSK9",
    "Nectin-4",
    "DLL3",
    "CD3",
    "4-1BB",
    "GPRC5D",
    "LRRK2",
    "tau",
    "alpha-synuclein",
]
DISEASES = [
    "breast cancer",
    "non-small cell lung cancer",
    "gastric cancer",
    "obesity",
    "type 2 diabetes",
    "rheumatoid arthritis",
    "psoriasis",
    "atopic dermatitis",
    "Alzheimer's disease",
    "Parkinson's disease",
    "NASH",
    "heart failure",
    "multiple myeloma",
    "lymphoma",
    "wet AMD",
    "COPD",
    "asthma",
    "hepatitis B",
    "influenza",
    "Duchenne muscular dystrophy",
    "ulcerative colitis",
    "lupus",
]
WORDS = (
    "novel first-in-class best-in-class potent selective oral subcutaneous long-acting "
    "bispecific conjugate payload linker platform brain-penetrant tumour microenvironment "
    "resistance biomarker patients efficacy safety durable response dosing weekly monthly "
    "immune checkpoint inflammation fibrosis metabolism receptor agonist antagonist "
    "inhibitor degrader enzyme pathway mutation delivery"
).split()
KO = [
    "항체약물접합체",
    "이중항체",
    "비만 치료제",
    "유방암",
    "폐암",
    "면역항암제",
    "알츠하이머병",
    "유전자 치료제",
    "세포 치료제",
    "희귀질환",
    "경구용",
    "임상 1상",
    "기술수출",
    "표적 치료제",
]


def synthetic(
    n_orgs: int, n_assets: int, seed: int = 1
) -> tuple[list[OrgProfile], list[AssetProfile]]:
    rng = random.Random(seed)

    def sentence(k: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(k))

    orgs = []
    for i in range(n_orgs):
        areas = tuple(rng.sample(AREAS, rng.randint(1, 3)))
        mods = tuple(rng.sample(MODS, rng.randint(1, 3)))
        korean = rng.random() < 0.1
        focus = (
            f"{' '.join(rng.sample(KO, 3))} 분야의 파트너를 찾습니다"
            if korean
            else f"We seek {', '.join(rng.sample(DISEASES, 2))} assets against "
            f"{rng.choice(TARGETS)}: {sentence(8)}."
        )
        orgs.append(
            OrgProfile(
                id=f"org{i}",
                name=f"Org {i}",
                kind=rng.choice(["pharma", "pharma", "biotech", "investor", "cdmo"]),
                country=rng.choice(["US", "KR", "JP", "DE", "GB", "CH", "CN", "FR"]),
                description=f"Organisation {i} works on {sentence(10)}.",
                therapeutic_areas=areas,
                modalities=mods,
                interest_therapeutic_areas=areas[:1],
                interest_modalities=mods[:1],
                interest_stages=tuple(rng.sample(STAGES, 2)),
                interest_deal_types=("license",) if rng.random() < 0.7 else ("co_development",),
                interest_description=focus,
            )
        )
    assets = []
    for i in range(n_assets):
        korean = rng.random() < 0.1
        targets = tuple(rng.sample(TARGETS, rng.randint(1, 2)))
        indications = tuple(rng.sample(DISEASES, rng.randint(1, 2)))
        description = (
            f"{' '.join(rng.sample(KO, 4))} 후보물질 {i}"
            if korean
            else f"{sentence(6)} {targets[0]} {sentence(6)} for {indications[0]} (asset {i})."
        )
        assets.append(
            AssetProfile(
                id=f"asset{i}",
                organization_id=f"org{rng.randrange(n_orgs)}",
                name=f"A-{i}",
                description=description,
                therapeutic_area=rng.choice(AREAS),
                modality=rng.choice(MODS),
                stage=rng.choice(STAGES),
                targets=targets,
                indications=indications,
                seeking=("license",) if rng.random() < 0.8 else ("co_development", "license"),
                territories=(rng.choice(["global", "global ex-KR", "US", "Asia", "EU"]),),
            )
        )
    return orgs, assets


def speed(args: argparse.Namespace) -> None:
    n_orgs, n_assets = args.orgs, args.assets
    orgs, assets = synthetic(n_orgs, n_assets)
    load0 = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"SYNTHETIC data: {n_orgs} organisations, {n_assets} assets (bench/recommend.py "
        "synthetic(), ~10% Korean texts)"
    )
    cache_path = ROOT / "var" / f"recommend_speed_{n_orgs}_{n_assets}.npz"
    use = UseEmbedder(processes=args.processes)
    embedder = CachedEmbedder(use, cache_path if args.cache else None)
    warm = len(embedder)
    t0 = time.perf_counter()
    index = Index(orgs, assets, embedder=embedder, batch_size=1024)
    build = time.perf_counter() - t0
    use.close()
    print(
        f"index build: {build:.1f} s (USE embedder, {args.processes} process(es); "
        f"{warm} embeddings in cache before, {embedder.misses} texts embedded; "
        f"load average at start {load0})"
    )
    if args.cache and embedder.misses:
        embedder.save(cache_path)

    rng = random.Random(2)
    lat_p, lat_a = [], []
    index.recommend_partners(assets[0])  # warm-up
    index.recommend_assets(orgs[0])
    for _ in range(args.queries):
        asset = assets[rng.randrange(n_assets)]
        t = time.perf_counter()
        index.recommend_partners(asset, top=10)
        lat_p.append((time.perf_counter() - t) * 1000)
        org = orgs[rng.randrange(n_orgs)]
        t = time.perf_counter()
        index.recommend_assets(org, top=10)
        lat_a.append((time.perf_counter() - t) * 1000)

    new_orgs, new_assets = synthetic(50, 200, seed=99)
    upd = []
    for k in range(50):
        o = OrgProfile(**{**new_orgs[k].__dict__, "id": f"new-org{k}"})
        t = time.perf_counter()
        index.upsert_org(o)
        upd.append((time.perf_counter() - t) * 1000)
    upd_a = []
    for k in range(200):
        a = AssetProfile(
            **{**new_assets[k].__dict__, "id": f"new-asset{k}", "organization_id": f"org{k}"}
        )
        t = time.perf_counter()
        index.upsert_asset(a)
        upd_a.append((time.perf_counter() - t) * 1000)
    rem = []
    for k in range(100):
        t = time.perf_counter()
        index.remove_asset(f"asset{k}")
        rem.append((time.perf_counter() - t) * 1000)
    # Queries after updates (posting arrays are rebuilt lazily for touched terms).
    after = []
    for _ in range(50):
        asset = assets[rng.randrange(100, n_assets)]
        t = time.perf_counter()
        index.recommend_partners(asset, top=10)
        after.append((time.perf_counter() - t) * 1000)

    def pct(values: list[float], q: float) -> float:
        return float(np.percentile(values, q))

    # The coarse first pass against one exact pass over every asset: same top 10?
    store = index._assets  # noqa: SLF001  (benchmark introspection)
    same, overlap = 0, 0.0
    if store.proj is not None:
        proj = store.proj
        for _ in range(50):
            org = orgs[rng.randrange(n_orgs)]
            fast = [r.id for r in index.recommend_assets(org, top=10)]
            store.proj = None
            exact = [r.id for r in index.recommend_assets(org, top=10)]
            store.proj = proj
            same += fast == exact
            overlap += len(set(fast) & set(exact)) / 10
        print(
            f"coarse pass check (50 queries): identical top 10 in {same}/50, "
            f"mean top-10 overlap {overlap / 50:.3f}"
        )

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores, load average during run {load} (shared machine)")
    print("| operation (SYNTHETIC)                    |     n | p50 ms | p95 ms |")
    print("|------------------------------------------|-------|--------|--------|")
    for name, values in (
        ("recommend_partners (asset -> 10k orgs)", lat_p),
        ("recommend_assets (org -> 100k assets)", lat_a),
        ("upsert_org (new, embeds its text)", upd),
        ("upsert_asset (new, embeds its text)", upd_a),
        ("remove_asset", rem),
        ("recommend_partners after updates", after),
    ):
        print(
            f"| {name:<40} | {len(values):5d} | {pct(values, 50):6.1f} | {pct(values, 95):6.1f} |"
        )


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
    parser.add_argument("--grid", action="store_true", help="cross-validate the weight grid")
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
