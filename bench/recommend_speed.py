"""Speed part of bench/recommend.py (--speed): synthetic organisations and assets (about
10% Korean texts), index build, query latencies, updates and the coarse first pass."""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dari.matching import (  # noqa: E402
    AssetProfile,
    CachedEmbedder,
    Index,
    OrgProfile,
    UseEmbedder,
)

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
