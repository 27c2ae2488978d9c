"""Trials benchmark: 50,000 SYNTHETIC ClinicalTrials.gov v2 studies (documented format, mostly
with Korean sites) imported into a fresh database, then the site finder timed on them; ours
against the previous implementation, measured in the same run on the same files.

The previous implementation is the code of commit BASELINE (before issue 13's speed work: model
instances and `bulk_create` per row, the site finder joining sites to trials and matching the
condition per trial), extracted with `git archive` into a temporary folder and run with that
folder first on the Python path, against its own fresh database.

Prints, per database and code: the import (validated, one transaction), the re-import
(idempotent: every study unchanged), wall and CPU time of the importing process (a PostgreSQL
server's own CPU is not in it); and the site finder's latency (p50/p95 over ten conditions in
Korean and English, in the engine and through GET /api/sites): wall time, the CPU time of the
process and, on PostgreSQL, the CPU time of its server process (read from
/proc/PID/schedstat, in nanoseconds), so that a shared machine can be read through.

    .venv/bin/python bench/trials.py [--studies 50000] [--database sqlite|postgres|both]
                                     [--no-baseline] [--baseline COMMIT] [--pg-db NAME]
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
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if os.environ.get("DARI_BENCH_CODE"):  # a worker of the previous implementation
    sys.path.insert(0, os.environ["DARI_BENCH_CODE"])
DARI = str(ROOT / ".venv" / "bin" / "dari")
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PG_DB = "dari_bench_trials"
PAGE = 5_000
BASELINE = "72b6d68"

from tests.trials.synthetic import generate, page  # noqa: E402 (after the path is set)


def run(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall time and the CPU time of the command (user + system of the child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.perf_counter() - start, cpu


def baseline_code(tmp: Path, commit: str) -> Path:
    """The previous implementation's `dari` package, extracted from git."""
    folder = tmp / "baseline"
    folder.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit, "dari"], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def fresh_env(database: str, tmp: Path, code: Path | None, pg_db: str) -> dict[str, str]:
    """A fresh, migrated database for `code` (None: ours)."""
    var = tmp / f"var-{database}-{'baseline' if code else 'ours'}"
    var.mkdir(exist_ok=True)
    env = dict(os.environ, DARI_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="dari.settings")
    env.pop("DARI_BENCH_CODE", None)
    if code is not None:
        env["PYTHONPATH"] = str(code)
        env["DARI_BENCH_CODE"] = str(code)
    if database == "postgres":
        for tool in ("dropdb", "createdb"):
            extra = ["--if-exists"] if tool == "dropdb" else []
            subprocess.run([tool, "-h", "127.0.0.1", "-U", "postgres", *extra, pg_db], check=True)
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{pg_db}"
    else:
        env.pop("DATABASE_URL", None)
        (var / "dari.sqlite3").unlink(missing_ok=True)
    subprocess.run([DARI, "migrate", "-v", "0"], env=env, cwd=tmp, check=True)
    return env


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


def server_cpu() -> Callable[[], float]:
    """The CPU time (s) of this connection's PostgreSQL server process so far (0 elsewhere,
    or where /proc is not readable)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return lambda: 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        stat = Path(f"/proc/{cursor.fetchone()[0]}/schedstat")
    if not stat.exists():
        return lambda: 0.0
    return lambda: int(stat.read_text().split()[0]) / 1e9


def latency(reps: int) -> dict[str, object]:
    """Wall and CPU time of the site finder, in the engine and through the API, and what it
    answers (to compare the two implementations)."""
    from django.test import Client

    from dari.trials.domain.queries import SiteSearch, find_sites
    from dari.trials.models import Trial, TrialSite

    client = Client()
    answers = {}
    for c, ph in QUERIES:  # warm the caches (and the API's first request) once
        client.get("/api/sites", {"condition": c, "phase": ph})
        found = find_sites(SiteSearch(condition=c, phase=ph))
        answers[f"{c} {ph}"] = [
            (s.organization_id, s.score, s.reasons, getattr(s, "investigators", None))
            for s in found
        ]
    db_cpu = server_cpu()
    times: dict[str, list[float]] = defaultdict(list)
    for _ in range(reps):
        for c, ph in QUERIES:
            t, cpu, db = time.perf_counter(), time.process_time(), db_cpu()
            find_sites(SiteSearch(condition=c, phase=ph))
            times["engine"].append(time.perf_counter() - t)
            times["engine_cpu"].append(time.process_time() - cpu)
            times["engine_db_cpu"].append(db_cpu() - db)
            t, cpu, db = time.perf_counter(), time.process_time(), db_cpu()
            response = client.get("/api/sites", {"condition": c, "phase": ph})
            times["api"].append(time.perf_counter() - t)
            times["api_cpu"].append(time.process_time() - cpu)
            times["api_db_cpu"].append(db_cpu() - db)
            assert response.status_code == 200 and response.json(), (c, response.status_code)
    out: dict[str, object] = {k: [_pct(v, 0.5), _pct(v, 0.95)] for k, v in times.items()}
    out |= {"n": len(times["engine"]), "trials": Trial.objects.count()}
    out["sites"] = TrialSite.objects.count()
    out["answers"] = answers
    return out


def worker(arg: str) -> None:
    """Run in a subprocess with the benchmark database's settings (and code)."""
    import django

    django.setup()
    print(json.dumps(latency(int(arg))))


def python(env: dict[str, str], arg: str, cwd: Path) -> str:
    out = subprocess.run(
        [PYTHON, __file__, "--worker", arg],
        env=env,
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip().splitlines()[-1]


def measure(db: str, tmp: Path, files: list[str], code: Path | None, reps: int, pg_db: str) -> dict:
    env = fresh_env(db, tmp, code, pg_db)
    command = [DARI, "trials", "import-ctgov", "--no-progress", *files]
    first = run(command, env, tmp)
    again = run(command, env, tmp)
    return {"import": first, "again": again, "lat": json.loads(python(env, str(reps), tmp))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--studies", type=int, default=50_000)
    parser.add_argument("--reps", type=int, default=5, help="rounds of the 10 site-finder queries")
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--no-baseline", action="store_true", help="only ours")
    parser.add_argument("--baseline", default=BASELINE, help=f"previous code (default {BASELINE})")
    parser.add_argument("--pg-db", default=PG_DB, help=f"scratch database (default {PG_DB})")
    parser.add_argument("--worker", nargs=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0])
        return
    dbs = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    rows = []
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        studies = generate(args.studies)
        files = []
        for i in range(0, len(studies), PAGE):
            path = tmp / f"page-{i // PAGE:03d}.json"
            path.write_text(json.dumps(page(studies[i : i + PAGE]), ensure_ascii=False))
            files.append(str(path))
        n_sites = sum(
            len(s["protocolSection"]["contactsLocationsModule"]["locations"]) for s in studies
        )
        old = None if args.no_baseline else baseline_code(tmp, args.baseline)
        for db in dbs:
            ours = measure(db, tmp, files, None, args.reps, args.pg_db)
            rows.append((db, "ours", ours))
            if old is not None:
                previous = measure(db, tmp, files, old, args.reps, args.pg_db)
                rows.append((db, f"previous ({args.baseline})", previous))
                mine, theirs = ours["lat"]["answers"], previous["lat"]["answers"]
                same = [a[:3] for v in mine.values() for a in v] == [
                    a[:3] for v in theirs.values() for a in v
                ]
                print(f"{db}: site finder answers (sites, scores, reasons) identical: {same}")
                if all(a[3] is not None for v in theirs.values() for a in v):
                    print(f"{db}: ... and the investigators named identical: {mine == theirs}")
    load = os.getloadavg()[0]
    print(
        f"\nImport of {args.studies:,} SYNTHETIC studies ({n_sites:,} site rows) in "
        f"{len(files)} page files; {os.cpu_count()} cores shared with other work, load "
        f"average {load_start:.1f} at the start and {load:.1f} at the end"
    )
    print(
        "| database | code | import: validated, 1 transaction, wall (s) | its CPU (s) | "
        "re-import, all unchanged, wall (s) | its CPU (s) | goal < 120 s |"
    )
    print("|---|---|---|---|---|---|---|")
    for db, code, r in rows:
        (t1, c1), (t2, c2) = r["import"], r["again"]
        met = "met" if t1 < 120 else "NOT met"
        print(f"| {db} | {code} | {t1:.1f} | {c1:.1f} | {t2:.1f} | {c2:.1f} | {met} |")
    lat0 = rows[0][2]["lat"]
    print(
        f"\nSite finder on {lat0['trials']:,} trials, {lat0['sites']:,} trial sites: "
        f"{lat0['n']} timed queries each (10 conditions, Korean and English, x {args.reps})"
    )
    print(
        "| database | code | engine wall p50 / p95 (ms) | its CPU p50 / p95 | its DB server CPU "
        "p50 / p95 | GET /api/sites wall p50 / p95 (ms) | its CPU p50 / p95 | its DB server CPU "
        "p50 / p95 | goal wall p95 < 200 ms |"
    )
    print("|---|---|---|---|---|---|---|---|---|")

    def pair(lat: dict, key: str) -> str:
        return f"{lat[key][0]:.0f} / {lat[key][1]:.0f}" if key in lat else "-"

    for db, code, r in rows:
        lat = r["lat"]
        met = "met" if max(lat["engine"][1], lat["api"][1]) < 200 else "NOT met"
        cells = [pair(lat, k) for k in ("engine", "engine_cpu", "engine_db_cpu")]
        cells += [pair(lat, k) for k in ("api", "api_cpu", "api_db_cpu")]
        if db != "postgres":
            cells[2] = cells[5] = "(in process)"
        print(f"| {db} | {code} | {' | '.join(cells)} | {met} |")


if __name__ == "__main__":
    sys.exit(main())
