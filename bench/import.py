"""Import benchmark: 100,000 SYNTHETIC assets (plus organisations, deals) into a fresh database.

Prints one table: our bulk, validated, single-transaction import against a naive baseline
(validate nothing, one ORM save() per row) measured in the same run on a sample.

    .venv/bin/python bench/import.py [--assets 100000] [--database sqlite|postgres|both]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DARI = str(ROOT / ".venv" / "bin" / "dari")
PG_URL = "postgres://postgres@127.0.0.1:5432/dari_bench_import"

MODALITIES = ["small_molecule", "antibody", "bispecific_antibody", "adc", "cell_therapy", "rna"]
AREAS = ["oncology", "immunology", "neurology", "metabolic", "rare_disease", "ophthalmology"]
STAGES = ["discovery", "preclinical", "phase1", "phase2", "phase3"]
WORDS = "kinase inhibitor antibody tumour fibrosis receptor agonist 항체 위암 치료제 후보".split()


def generate(n_assets: int, seed: int = 7) -> dict:
    """A synthetic dari-directory/1 document (every name says SYNTHETIC)."""
    rng = random.Random(seed)
    n_orgs = max(10, n_assets // 20)
    orgs = [
        {
            "id": f"syn-org-{i:06d}",
            "name": f"SYNTHETIC Org {i}",
            "kind": rng.choice(["biotech", "pharma", "cro"]),
            "country": rng.choice(["KR", "US", "DE", "JP"]),
            "description": "SYNTHETIC benchmark record. " + " ".join(rng.choices(WORDS, k=12)),
            "sources": ["https://example.org/synthetic"],
        }
        for i in range(n_orgs)
    ]
    assets = [
        {
            "id": f"syn-asset-{i:07d}",
            "organization": orgs[rng.randrange(n_orgs)]["id"],
            "name": f"SYN-{i}",
            "description": "SYNTHETIC benchmark asset. " + " ".join(rng.choices(WORDS, k=20)),
            "modality": rng.choice(MODALITIES),
            "therapeutic_area": rng.choice(AREAS),
            "stage": rng.choice(STAGES),
            "targets": [f"T{rng.randrange(500)}"],
            "indications": ["synthetic indication"],
            "partnering": {"seeking": ["license"], "available": True},
            "visibility": rng.choice(["public", "public", "members", "cda"]),
            "sources": ["https://example.org/synthetic"],
        }
        for i in range(n_assets)
    ]
    deals = [
        {
            "id": f"syn-deal-{i:06d}",
            "licensor": assets[i]["organization"],
            "licensee": orgs[(i * 7) % n_orgs]["id"],
            "asset": assets[i]["id"],
            "deal_type": "license",
            "sources": ["https://example.org/synthetic"],
        }
        for i in range(min(n_assets, n_assets // 50))
    ]
    return {"format": "dari-directory/1", "organizations": orgs, "assets": assets, "deals": deals}


def run(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def fresh_env(database: str, tmp: Path) -> dict[str, str]:
    env = dict(os.environ, DARI_VAR_DIR=str(tmp))
    if database == "postgres":
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "dari_bench_import"],
            check=True,
        )
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-U", "postgres", "dari_bench_import"], check=True
        )
        env["DATABASE_URL"] = PG_URL
    else:
        env.pop("DATABASE_URL", None)
    subprocess.run([DARI, "migrate", "-v", "0"], env=env, check=True)
    return env


NAIVE = """
import json, sys, time, django
django.setup()
from dari.directory.models import Asset, Organization
doc = json.load(open(sys.argv[1]))
start = time.perf_counter()
for o in doc["organizations"]:
    Organization(id=o["id"], name=o["name"], kind=o["kind"]).save()
for a in doc["assets"]:
    Asset(id=a["id"], organization_id=a["organization"], name=a["name"],
          modality=a["modality"], stage=a["stage"]).save()
print(time.perf_counter() - start)
"""


def naive(env: dict[str, str], path: Path) -> float:
    env = dict(env, DJANGO_SETTINGS_MODULE="dari.settings")
    out = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "-c", NAIVE, str(path)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--assets", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=5_000, help="assets for the naive baseline")
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    dbs = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    rows = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        big, small = tmp / "big.json", tmp / "small.json"
        doc = generate(args.assets)
        big.write_text(json.dumps(doc, ensure_ascii=False))
        small.write_text(json.dumps(generate(args.sample), ensure_ascii=False))
        n = len(doc["assets"]) + len(doc["organizations"]) + len(doc["deals"])
        for db in dbs:
            env = fresh_env(db, tmp)
            t_ours = run([DARI, "import", "--no-progress", str(big)], env)
            t_again = run([DARI, "import", "--no-progress", str(big)], env)
            env = fresh_env(db, tmp)
            t_ours_small = run([DARI, "import", "--no-progress", str(small)], env)
            env = fresh_env(db, tmp)
            t_naive = naive(env, small) * args.assets / args.sample
            rows.append((db, n, t_ours, t_again, t_ours_small, t_naive))
    print(
        f"\nImport of {args.assets:,} SYNTHETIC assets ({rows[0][1]:,} records in all), "
        f"{os.cpu_count()} cores"
    )
    print(
        "| database | ours: validated, 1 transaction (s) | re-import = update (s) | "
        f"ours on {args.sample:,}-asset sample (s) | naive save() per row, extrapolated (s) |"
    )
    print("|---|---|---|---|---|")
    for db, _n, t1, t2, ts, tn in rows:
        print(f"| {db} | {t1:.1f} | {t2:.1f} | {ts:.1f} | {tn:.1f} |")


if __name__ == "__main__":
    sys.exit(main())
