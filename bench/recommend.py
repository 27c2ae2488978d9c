"""Benchmark of dari.matching: ranking quality on real public deals, and speed.

    .venv/bin/python bench/recommend.py             # quality table (dev set)
    .venv/bin/python bench/recommend.py --grid      # + grid search of the weights
    .venv/bin/python bench/recommend.py --speed     # synthetic 100k assets / 10k orgs

Quality: bench/data/recommend_dev.json holds real licensing/co-development deals (the
asset as publicly described, the real licensee) and candidate organisations profiled
from their OWN stated R&D focus. For each deal we rank every candidate organisation
for the asset (the licensor excluded) and look at the rank of the real licensee.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dari.matching import (  # noqa: E402
    FEATURES,
    AssetProfile,
    CachedEmbedder,
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

STRUCTURED = ("area", "modality", "stage", "deal", "target", "indication", "geography", "kind")


# ---- dev set ------------------------------------------------------------------------------
def load_dev(path: Path = DATA) -> tuple[list[OrgProfile], list[tuple[AssetProfile, set[str]]]]:
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
    deals: list[tuple[AssetProfile, set[str]]] = []
    for d in data["deals"]:
        a = d["asset"]
        asset = AssetProfile(
            id=d["id"],
            organization_id=d["licensor"],
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
        licensees = d.get("licensees") or [d["licensee"]]
        deals.append((asset, set(licensees)))
    return orgs, deals


def split(deals: list[Any], seed: int = 7) -> tuple[list[Any], list[Any]]:
    """Half the deals to tune the weights on (dev), half to report on (held-out)."""
    order = list(range(len(deals)))
    random.Random(seed).shuffle(order)
    half = len(order) // 2
    return [deals[i] for i in sorted(order[:half])], [deals[i] for i in sorted(order[half:])]


def feature_cache(
    index: Index, deals: list[tuple[AssetProfile, set[str]]]
) -> list[tuple[dict[str, np.ndarray], list[str], set[str]]]:
    """Feature values of every candidate per deal, so weights can be re-combined fast."""
    out = []
    store = index._orgs  # noqa: SLF001  (benchmark introspection)
    for asset, relevant in deals:
        values = index.partner_features(asset)
        ids = [i or "" for i in store.ids]
        keep = [s for s, i in enumerate(ids) if i and i != asset.organization_id and store.alive[s]]
        sliced = {k: v[keep] for k, v in values.items()}
        out.append((sliced, [ids[s] for s in keep], relevant))
    return out


def ranks_for(
    cache: list[tuple[dict[str, np.ndarray], list[str], set[str]]], weights: dict[str, float]
) -> list[int | None]:
    ranks = []
    for values, ids, relevant in cache:
        score = np.zeros(len(ids))
        for name, w in weights.items():
            if w:
                score += w * values[name]
        order = sorted(range(len(ids)), key=lambda i: (-score[i], ids[i]))
        ranks.append(first_hit_rank([ids[i] for i in order], relevant))
    return ranks


def row(name: str, ranks: list[int | None]) -> str:
    return (
        f"| {name:<34} | {hit_at_k(ranks, 1):6.3f} | {hit_at_k(ranks, 5):6.3f} "
        f"| {hit_at_k(ranks, 10):6.3f} | {mean_reciprocal_rank(ranks):6.3f} |"
    )


def random_row(cache: list[tuple[dict[str, np.ndarray], list[str], set[str]]]) -> str:
    h1, h5, h10, mrr = [], [], [], []
    for _values, ids, relevant in cache:
        n, m = len(ids), len(relevant & set(ids))
        h1.append(random_expectations(n, m, 1)[0])
        h5.append(random_expectations(n, m, 5)[0])
        h10.append(random_expectations(n, m, 10)[0])
        mrr.append(random_expectations(n, m, 1)[1])
    # Check the closed form against a seeded simulation (1000 shuffles).
    rng = random.Random(0)
    sim: list[int | None] = []
    for _ in range(1000):
        for _values, ids, relevant in cache:
            shuffled = ids[:]
            rng.shuffle(shuffled)
            sim.append(first_hit_rank(shuffled, relevant))
    name = f"random (exact; sim. MRR {mean_reciprocal_rank(sim):.3f})"
    return (
        f"| {name:<34} | {statistics.mean(h1):6.3f} | {statistics.mean(h5):6.3f} "
        f"| {statistics.mean(h10):6.3f} | {statistics.mean(mrr):6.3f} |"
    )


def only(*names: str) -> dict[str, float]:
    base = Weights().as_dict()
    return {k: (base[k] if k in names else 0.0) for k in FEATURES}


GRID: dict[str, tuple[float, ...]] = {
    "bm25": (0.0, 0.5, 1.0, 2.0),
    "semantic": (0.0, 0.5, 1.0, 2.0, 3.0),
    "area": (0.0, 0.5, 1.0),
    "modality": (0.0, 0.5, 1.0),
    "target": (0.0, 0.5, 1.0),
    "indication": (0.0, 0.5, 1.0),
}


def grid_search(
    cache: list[tuple[dict[str, np.ndarray], list[str], set[str]]],
) -> list[tuple[float, float, dict[str, float]]]:
    fixed = Weights().as_dict()
    results = []
    names = list(GRID)
    for combo in itertools.product(*(GRID[n] for n in names)):
        w = dict(fixed)
        w.update(dict(zip(names, combo, strict=True)))
        if not any(w.values()):
            continue
        ranks = ranks_for(cache, w)
        results.append((mean_reciprocal_rank(ranks), hit_at_k(ranks, 5), w))
    results.sort(key=lambda r: (-r[0], -r[1]))
    return results


def repeated_cv(
    cache: list[tuple[dict[str, np.ndarray], list[str], set[str]]], repeats: int = 20
) -> None:
    """Honest estimate of 'tune the weights by grid search': for each random half split,
    pick the best weighting on one half and score it on the other."""
    t0 = time.perf_counter()
    tuned, default, struct, text = [], [], [], []
    for seed in range(repeats):
        dev, test = split(cache, seed=100 + seed)
        best = grid_search(dev)[0][2]
        tuned.append(mean_reciprocal_rank(ranks_for(test, best)))
        default.append(mean_reciprocal_rank(ranks_for(test, Weights().as_dict())))
        struct.append(mean_reciprocal_rank(ranks_for(test, only(*STRUCTURED))))
        text.append(mean_reciprocal_rank(ranks_for(test, only("bm25", "semantic"))))
    print(
        f"\nrepeated 2-fold check ({repeats} random half splits, "
        f"{time.perf_counter() - t0:.0f} s): held-out MRR mean (sd)"
    )
    for name, values in (
        ("grid-tuned on the other half", tuned),
        ("default weights", default),
        ("structured only", struct),
        ("text only", text),
    ):
        print(f"  {name:<30} {statistics.mean(values):.3f} ({statistics.stdev(values):.3f})")


def quality(args: argparse.Namespace) -> None:
    orgs, deals = load_dev()
    embedder = CachedEmbedder(UseEmbedder(), CACHE if CACHE.parent.exists() else None)
    t0 = time.perf_counter()
    index = Index(orgs, [], embedder=embedder)
    print(
        f"dev set: {len(deals)} deals, {len(orgs)} candidate organisations "
        f"(index built in {time.perf_counter() - t0:.1f} s)"
    )
    dev, test = split(deals)
    cache_all = feature_cache(index, deals)
    cache_dev = feature_cache(index, dev)
    cache_test = feature_cache(index, test)
    if CACHE.parent.exists():
        embedder.save(CACHE)

    chosen = Weights().as_dict()
    if args.grid:
        t0 = time.perf_counter()
        results = grid_search(cache_dev)
        print(
            f"\ngrid search on the dev split ({len(dev)} deals, {len(results)} weightings, "
            f"{time.perf_counter() - t0:.1f} s); top 5 by dev MRR:"
        )
        for mrr, h5, w in results[:5]:
            shown = ", ".join(f"{k}={w[k]:g}" for k in GRID)
            test_ranks = ranks_for(cache_test, w)
            print(
                f"  dev MRR {mrr:.3f} hit@5 {h5:.3f} | held-out MRR "
                f"{mean_reciprocal_rank(test_ranks):.3f} | {shown}"
            )
        default_dev = mean_reciprocal_rank(ranks_for(cache_dev, chosen))
        default_test = mean_reciprocal_rank(ranks_for(cache_test, chosen))
        print(f"  current defaults: dev MRR {default_dev:.3f} | held-out MRR {default_test:.3f}")
        repeated_cv(cache_all)
        full = grid_search(cache_all)
        print("\nbest weightings on all deals (what the defaults are chosen from):")
        for mrr, h5, w in full[:5]:
            shown = ", ".join(f"{k}={w[k]:g}" for k in GRID)
            print(f"  MRR {mrr:.3f} hit@5 {h5:.3f} | {shown}")

    variants = [
        ("ours (all features, default weights)", chosen),
        ("BM25 only", only("bm25")),
        ("embeddings only (USE)", only("semantic")),
        ("structured only", only(*STRUCTURED)),
        ("text only (BM25 + embeddings)", only("bm25", "semantic")),
    ]
    for title, cache in (
        (f"all deals ({len(deals)})", cache_all),
        (f"held-out split ({len(test)})", cache_test),
    ):
        print(f"\npartner ranking, {title}; candidates per deal: {len(cache[0][1])}")
        print("| ranking                            |  hit@1 |  hit@5 | hit@10 |    MRR |")
        print("|------------------------------------|--------|--------|--------|--------|")
        for name, w in variants:
            print(row(name, ranks_for(cache, w)))
        print(random_row(cache))


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
    print(
        f"SYNTHETIC data: {n_orgs} organisations, {n_assets} assets (bench/recommend.py "
        "synthetic(), ~10% Korean texts)"
    )
    cache_path = ROOT / "var" / f"recommend_speed_{n_orgs}_{n_assets}.npz"
    embedder = CachedEmbedder(UseEmbedder(threads=args.threads), cache_path if args.cache else None)
    warm = len(embedder)
    t0 = time.perf_counter()
    index = Index(orgs, assets, embedder=embedder, batch_size=1024)
    build = time.perf_counter() - t0
    print(
        f"index build: {build:.1f} s (USE embedder, {args.threads} BLAS thread(s); "
        f"{warm} embeddings in cache before, {embedder.misses} texts embedded)"
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

    import os

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
    parser.add_argument("--grid", action="store_true", help="grid-search the weights")
    parser.add_argument("--speed", action="store_true", help="synthetic speed benchmark")
    parser.add_argument("--orgs", type=int, default=10_000)
    parser.add_argument("--assets", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--cache", action="store_true", help="reuse/save embeddings in var/")
    args = parser.parse_args()
    if args.speed:
        speed(args)
    else:
        quality(args)


if __name__ == "__main__":
    main()
