"""Trials benchmark: 50,000 SYNTHETIC ClinicalTrials.gov v2 studies (documented format, mostly
with Korean sites) imported into a fresh database, then the site finder timed on them.

Prints, per database: our import (validated, one transaction), the re-import (idempotent: every
study unchanged), a naive baseline (one ORM save() per row, each site looked up by name,
measured on a sample and extrapolated), and the site finder's latency (p50/p95 over conditions
in Korean and English, in the engine and through GET /api/sites) against a naive baseline that
reads every trial and site and filters in Python.

    .venv/bin/python bench/trials.py [--studies 50000] [--database sqlite|postgres|both]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DARI = str(ROOT / ".venv" / "bin" / "dari")
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PG_DB = "dari_bench_trials"
PG_URL = f"postgres://postgres@127.0.0.1:5432/{PG_DB}"
PAGE = 5_000

from tests.trials.synthetic import generate, page  # noqa: E402 (after the path is set)


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and the CPU time of the command (user + system of the child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.perf_counter() - start, cpu


def fresh_env(database: str, tmp: Path) -> dict[str, str]:
    env = dict(os.environ, DARI_VAR_DIR=str(tmp), DJANGO_SETTINGS_MODULE="dari.settings")
    if database == "postgres":
        for tool in ("dropdb", "createdb"):
            extra = ["--if-exists"] if tool == "dropdb" else []
            subprocess.run([tool, "-h", "127.0.0.1", "-U", "postgres", *extra, PG_DB], check=True)
        env["DATABASE_URL"] = PG_URL
    else:
        env.pop("DATABASE_URL", None)
        (tmp / "dari.sqlite3").unlink(missing_ok=True)
    subprocess.run([DARI, "migrate", "-v", "0"], env=env, check=True)
    return env


def naive_import(path: str) -> float:
    """One ORM save() per row, each organisation looked up by name (no validation)."""
    from dari.directory.models import Organization
    from dari.trials.models import Trial, TrialSite

    studies = json.loads(Path(path).read_text())["studies"]
    start = time.perf_counter()
    for s in studies:
        p = s["protocolSection"]
        ident, design = p["identificationModule"], p["designModule"]
        lead = p["sponsorCollaboratorsModule"]["leadSponsor"]
        sponsor, _ = Organization.objects.get_or_create(
            name=lead["name"], defaults={"id": "n-" + lead["name"], "kind": "pharma"}
        )
        trial = Trial(
            id=ident["nctId"].replace("NCT9", "NCT8"),
            title=ident["briefTitle"],
            status=p["statusModule"]["overallStatus"],
            phases=design["phases"],
            lead_sponsor=sponsor,
            conditions=p["conditionsModule"]["conditions"],
            source_url="x",
            digest="x",
        )
        trial.save()
        for loc in p["contactsLocationsModule"]["locations"]:
            org, _ = Organization.objects.get_or_create(
                name=loc["facility"], defaults={"id": "n-" + loc["facility"], "kind": "hospital"}
            )
            TrialSite(trial=trial, organization=org, facility=loc["facility"]).save()
    return time.perf_counter() - start


QUERIES = [
    ("위암", "2"),
    ("gastric cancer", "3"),
    ("Non-small cell lung cancer", "1"),
    ("유방암", "2"),
    ("type 2 diabetes", "3"),
    ("D000544", "2"),
    ("atopic dermatitis", ""),
    ("간암", "1"),
    ("rheumatoid arthritis", "2"),
    ("breast cancer", "3"),
]


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))] * 1000


def naive_finder(condition: str, phase: str) -> None:
    """Read every trial and every Korean site, filter and count in Python."""
    from dari.trials.engine import condition_terms
    from dari.trials.models import Trial, TrialSite

    terms = condition_terms(condition)
    hits = {
        pk
        for pk, codes, text in Trial.objects.values_list("pk", "phase_codes", "condition_text")
        if any(t in text for t in terms) and (not phase or f"|{phase}|" in codes)
    }
    per_site: dict[str, int] = {}
    for org, trial in TrialSite.objects.filter(country="KR").values_list(
        "organization_id", "trial_id"
    ):
        if trial in hits:
            per_site[org] = per_site.get(org, 0) + 1
    sorted(per_site.items(), key=lambda kv: -kv[1])[:20]


def latency(reps: int) -> dict[str, object]:
    """Wall and CPU time of the site finder, in the engine and through the API."""
    from django.test import Client

    from dari.trials.domain.queries import SiteSearch, find_sites
    from dari.trials.models import Trial, TrialSite

    client = Client()
    for c, ph in QUERIES:
        find_sites(SiteSearch(condition=c, phase=ph))  # warm the caches once
    times: dict[str, list[float]] = {"engine": [], "engine_cpu": [], "api": [], "naive": []}
    for _ in range(reps):
        for c, ph in QUERIES:
            t, cpu = time.perf_counter(), time.process_time()
            find_sites(SiteSearch(condition=c, phase=ph))
            times["engine"].append(time.perf_counter() - t)
            times["engine_cpu"].append(time.process_time() - cpu)
            t = time.perf_counter()
            response = client.get("/api/sites", {"condition": c, "phase": ph})
            times["api"].append(time.perf_counter() - t)
            assert response.status_code == 200 and response.json(), (c, response.status_code)
    for c, ph in QUERIES[:3]:
        t = time.perf_counter()
        naive_finder(c, ph)
        times["naive"].append(time.perf_counter() - t)
    out: dict[str, object] = {k: [_pct(v, 0.5), _pct(v, 0.95)] for k, v in times.items()}
    out |= {"n": len(times["engine"]), "trials": Trial.objects.count()}
    out["sites"] = TrialSite.objects.count()
    return out


def worker(kind: str, arg: str) -> None:
    """Run in a subprocess with the benchmark database's settings."""
    import django

    django.setup()
    if kind == "naive":
        print(naive_import(arg))
    else:
        print(json.dumps(latency(int(arg))))


def python(kind: str, env: dict[str, str], arg: str) -> str:
    out = subprocess.run(
        [PYTHON, __file__, "--worker", kind, arg],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--studies", type=int, default=50_000)
    parser.add_argument("--sample", type=int, default=1_000, help="studies for the naive import")
    parser.add_argument("--reps", type=int, default=5, help="rounds of the 10 site-finder queries")
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(*args.worker)
        return
    dbs = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    rows = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        studies = generate(args.studies)
        files = []
        for i in range(0, len(studies), PAGE):
            path = tmp / f"page-{i // PAGE:03d}.json"
            path.write_text(json.dumps(page(studies[i : i + PAGE]), ensure_ascii=False))
            files.append(str(path))
        sample = tmp / "sample.json"
        sample.write_text(json.dumps(page(generate(args.sample, seed=99))))
        n_sites = sum(
            len(s["protocolSection"]["contactsLocationsModule"]["locations"]) for s in studies
        )
        for db in dbs:
            env = fresh_env(db, tmp)
            t_ours = run([DARI, "trials", "import-ctgov", "--no-progress", *files], env)
            t_again = run([DARI, "trials", "import-ctgov", "--no-progress", *files], env)
            lat = json.loads(python("latency", env, str(args.reps)))
            env = fresh_env(db, tmp)
            t_naive = float(python("naive", env, str(sample))) * args.studies / args.sample
            rows.append((db, t_ours, t_again, t_naive, lat))
    load = os.getloadavg()[0]
    print(
        f"\nImport of {args.studies:,} SYNTHETIC studies ({n_sites:,} site rows) in "
        f"{len(files)} page files; {os.cpu_count()} cores, load average {load:.1f} at the end"
    )
    print(
        "| database | ours: validated, 1 transaction, wall (s) | its CPU time (s) | "
        "re-import, all unchanged, wall (s) | "
        f"naive save() per row, from {args.sample:,}, extrapolated (s) | goal < 120 s |"
    )
    print("|---|---|---|---|---|---|")
    for db, (t1, c1), (t2, _c2), tn, _lat in rows:
        met = "met" if t1 < 120 else "NOT met"
        print(f"| {db} | {t1:.1f} | {c1:.1f} | {t2:.1f} | {tn:.1f} | {met} |")
    lat0 = rows[0][4]
    print(
        f"\nSite finder on {lat0['trials']:,} trials, {lat0['sites']:,} trial sites: "
        f"{lat0['n']} timed queries each (10 conditions, Korean and English, x {args.reps})"
    )
    print(
        "| database | engine p50 (ms) | engine p95 (ms) | engine CPU p95 (ms) | "
        "GET /api/sites p50 (ms) | GET /api/sites p95 (ms) | naive full scan p50 (ms) | "
        "goal p95 < 200 ms |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for db, *_t, lat in rows:
        met = "met" if max(lat["engine"][1], lat["api"][1]) < 200 else "NOT met"
        print(
            f"| {db} | {lat['engine'][0]:.0f} | {lat['engine'][1]:.0f} | "
            f"{lat['engine_cpu'][1]:.0f} | {lat['api'][0]:.0f} | {lat['api'][1]:.0f} | "
            f"{lat['naive'][0]:.0f} | {met} |"
        )


if __name__ == "__main__":
    sys.exit(main())
