"""Search benchmark: 100,000 SYNTHETIC assets; ours against today's search in the same run.

For each database (a fresh one, filled by `dari import`), the same Korean and English queries
as an anonymous reader (the visibility condition applies), each answered as /api/assets
answers it (the count and the first page of 20, with each asset's organisation and cluster):

- ours, lexical: the full-text index (SQLite FTS5 / PostgreSQL tsvector + GIN) through the
  glossary, ranked by bm25 / ts_rank;
- ours, + semantic: the same, re-ordered with the multilingual sentence encoder (query and the
  50 best matches embedded; RRF). Cold: the first time a query and its candidates are seen
  (embedding cost); warm: the embeddings are cached in the process;
- today: the token filter this branch replaced (`search_text` contains every query token, on
  the asset or its organisation), by name;
- ours, facet counts: the six facet counts of the asset page for the same query.

Also: how many results each finds (today finds nothing for Korean queries on English records).
The encoder's BLAS is pinned to one thread (as a web worker should run it, docs/search.md).

    .venv/bin/python bench/search.py [--assets 100000] [--database sqlite|postgres|both]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DARI = str(ROOT / ".venv" / "bin" / "dari")
PG_URL = "postgres://postgres@127.0.0.1:5432/dari_bench_search"

QUERIES = [
    "위암",
    "비소세포폐암",
    "알츠하이머",
    "이중항체",
    "항체약물접합체",
    "비만 치료제",
    "HER2 양성 유방암",
    "gastric cancer",
    "NSCLC EGFR",
    "bispecific antibody",
    "ADC TROP2",
    "obesity GLP-1",
    "Alzheimer's disease",
    "rheumatoid arthritis",
    "cancer",
    "antibody",
]
REPEATS = 5
MODALITIES = ["small_molecule", "antibody", "bispecific_antibody", "adc", "cell_therapy", "rna"]
STAGES = ["discovery", "preclinical", "phase1", "phase2", "phase3"]


def fresh_env(database: str, tmp: Path) -> dict[str, str]:
    """The environment of a fresh, migrated database of this benchmark."""
    (tmp / database).mkdir(exist_ok=True)
    env = dict(os.environ, DARI_VAR_DIR=str(tmp / database))
    env.pop("DATABASE_URL", None)
    if database == "postgres":
        for tool in ("dropdb", "createdb"):
            extra = ["--if-exists"] if tool == "dropdb" else []
            subprocess.run(
                [tool, "-h", "127.0.0.1", "-U", "postgres", *extra, "dari_bench_search"],
                check=True,
            )
        env["DATABASE_URL"] = PG_URL
    subprocess.run([DARI, "migrate", "-v", "0"], env=env, check=True)
    return env


def generate(n_assets: int, seed: int = 11) -> dict:
    """A SYNTHETIC dari-directory/1 document whose assets name real indications, targets and
    modalities (from the glossary), one in six described in Korean."""
    from dari.matching.glossary import glossary

    g = glossary()
    indications = [e for e in g if e.kind == "indication"]
    targets = [e for e in g if e.kind == "target"]
    areas = ["oncology", "immunology", "neurology", "metabolic", "rare_disease", "ophthalmology"]
    rng = random.Random(seed)
    n_orgs = max(10, n_assets // 20)
    orgs = [
        {
            "id": f"syn-org-{i:06d}",
            "name": f"SYNTHETIC Org {i}",
            "kind": rng.choice(["biotech", "pharma"]),
            "country": rng.choice(["KR", "US", "DE", "JP"]),
            "description": "SYNTHETIC benchmark organisation.",
            "sources": ["https://example.org/synthetic"],
        }
        for i in range(n_orgs)
    ]
    assets = []
    for i in range(n_assets):
        ind = rng.sample(indications, k=rng.randint(1, 3))
        tgt = rng.choice(targets)
        modality = rng.choice(MODALITIES)
        if i % 6 == 0:
            description = (
                f"SYNTHETIC 벤치마크 자산. {tgt.ko}을 표적으로 하는 "
                f"{ind[0].ko} 치료제 후보물질로 전임상 연구 중이다."
            )
        else:
            description = (
                f"SYNTHETIC benchmark asset: a {modality.replace('_', ' ')} against "
                f"{tgt.en.upper()} for {ind[0].en}, in development."
            )
        assets.append(
            {
                "id": f"syn-asset-{i:07d}",
                "organization": orgs[rng.randrange(n_orgs)]["id"],
                "name": f"SYN-{i}",
                "description": description,
                "modality": modality,
                "therapeutic_area": rng.choice(areas),
                "stage": rng.choice(STAGES),
                "targets": [tgt.en.upper()],
                "indications": [e.en for e in ind],
                "partnering": {"seeking": ["license"], "available": True},
                "visibility": rng.choice(["public", "public", "members", "cda"]),
                "sources": ["https://example.org/synthetic"],
            }
        )
    return {"format": "dari-directory/1", "organizations": orgs, "assets": assets}


# Measuring (in a subprocess with the database's environment) ------------------------------


def _today(assets: Any, q: str) -> Any:
    """The search this branch replaced, as it was (dari.directory.filters before)."""
    from django.db.models import Q

    from dari.directory.text import tokens

    for token in dict.fromkeys(tokens(q)):
        assets = assets.filter(
            Q(search_text__contains=f" {token}")
            | Q(organization__search_text__contains=f" {token}")
        )
    return assets.order_by("name", "id")


def _answer(rows: Any) -> int:
    """What /api/assets does: the count, then the first page of 20 records."""
    from dari.api.records import asset_record

    count = rows.count()
    for asset in rows[:20]:
        asset_record(asset)
    return int(count)


def fill(path: Path) -> dict[str, float]:
    """Write the SYNTHETIC records straight into the fresh database (the importer's
    validation is bench/import.py's subject, not this one's), with the search fields the
    importer would store: `search_text` for today's search, the search index for ours."""
    from django.db import transaction

    from dari.directory import models as m
    from dari.directory.search import index_assets
    from dari.directory.text import search_texts

    doc = json.loads(path.read_text(encoding="utf-8"))
    start = time.perf_counter()
    with transaction.atomic():
        m.Organization.objects.bulk_create(
            m.Organization(
                id=o["id"],
                name=o["name"],
                kind=o["kind"],
                country=o["country"],
                description=o["description"],
                search_text=f" {o['name'].lower()} ",
            )
            for o in doc["organizations"]
        )
        for i in range(0, len(doc["assets"]), 5000):
            batch = doc["assets"][i : i + 5000]
            texts = search_texts(
                [
                    " ".join([a["name"], a["description"], *a["targets"], *a["indications"]])
                    for a in batch
                ]
            )
            m.Asset.objects.bulk_create(
                m.Asset(
                    id=a["id"],
                    organization_id=a["organization"],
                    name=a["name"],
                    description=a["description"],
                    modality=a["modality"],
                    therapeutic_area=a["therapeutic_area"],
                    stage=a["stage"],
                    targets=a["targets"],
                    indications=a["indications"],
                    seeking=a["partnering"]["seeking"],
                    visibility=a["visibility"],
                    search_text=text,
                )
                for a, text in zip(batch, texts, strict=True)
            )
    rows = time.perf_counter() - start
    start = time.perf_counter()
    with transaction.atomic():
        index_assets()
    return {"rows_s": rows, "index_s": time.perf_counter() - start}


def measure(path: Path) -> dict:
    import django

    django.setup()
    loaded = fill(path)
    from django.test.utils import override_settings

    from dari.directory.domain import queries
    from dari.directory.domain import search as domain_search
    from dari.directory.domain.recommend import use_embedder
    from dari.directory.filters import AssetFilter
    from dari.matching import CachedEmbedder, UseEmbedder

    embedder = CachedEmbedder(UseEmbedder())
    use_embedder(embedder)
    start = time.perf_counter()
    embedder.embed(["warm-up"])
    model_load = time.perf_counter() - start
    results: dict[str, list[float]] = {}
    found: dict[str, dict[str, int]] = {}

    def timed(method: str, query: str, call: Any, *args: Any) -> None:
        t0 = time.perf_counter()
        n = call(*args)
        results.setdefault(method, []).append((time.perf_counter() - t0) * 1000)
        found.setdefault(method, {})[query] = n

    def ours(chosen: AssetFilter) -> int:
        return _answer(domain_search.search_assets(None, chosen))

    def today(query: str) -> int:
        return _answer(_today(queries.assets(None), query))

    def facets(chosen: AssetFilter) -> int:
        return len(queries.asset_facets(None, chosen))

    for query in QUERIES:
        chosen = AssetFilter.from_params({"q": query})
        for repeat in range(REPEATS):
            with override_settings(SEARCH_SEMANTIC=False):
                timed("ours, lexical", query, ours, chosen)
            label = "ours, + semantic (cold)" if repeat == 0 else "ours, + semantic (warm)"
            timed(label, query, ours, chosen)
            timed("today", query, today, query)
            timed("ours, facet counts", query, facets, chosen)
    return {"results": results, "found": found, "model_load_s": model_load, **loaded}


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--assets", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--measure", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure))))
        return
    dbs = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    report = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        data = tmp / "assets.json"
        data.write_text(json.dumps(generate(args.assets), ensure_ascii=False))
        for db in dbs:
            env = fresh_env(db, tmp)
            out = subprocess.run(
                [sys.executable, __file__, "--measure", str(data)],
                env=dict(env, DJANGO_SETTINGS_MODULE="dari.settings"),
                check=True,
                capture_output=True,
                text=True,
            )
            report.append((db, json.loads(out.stdout.strip().splitlines()[-1])))
    print(
        f"\nSearch over {args.assets:,} SYNTHETIC assets, anonymous reader, {len(QUERIES)} "
        f"queries x {REPEATS} runs, {os.cpu_count()} cores (shared)"
    )
    print("| database | method | p50 ms | p95 ms | max ms | results (sum over queries) |")
    print("|---|---|---|---|---|---|")
    for db, data_ in report:
        for method, values in data_["results"].items():
            n = sum(data_["found"][method].values())
            print(
                f"| {db} | {method} | {statistics.median(values):.1f} | {_p95(values):.1f} | "
                f"{max(values):.1f} | {n:,} |"
            )
    print("\nResults per query (ours / today), first database:")
    db, data_ = report[0]
    print("| query | ours | today |")
    print("|---|---|---|")
    for query in QUERIES:
        ours = data_["found"]["ours, lexical"][query]
        today = data_["found"]["today"][query]
        print(f"| {query} | {ours:,} | {today:,} |")
    print()
    for db, data_ in report:
        print(
            f"{db}: rows written {data_['rows_s']:.1f} s, search index built "
            f"{data_['index_s']:.1f} s; sentence encoder load {data_['model_load_s']:.1f} s"
        )


if __name__ == "__main__":
    sys.exit(main())
