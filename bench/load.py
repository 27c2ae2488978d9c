"""Load benchmark: gunicorn on PostgreSQL, the real directory and a SYNTHETIC BIO-scale event
(bench/load_data.py), driven by simulated people on loopback (a small asyncio HTTP/1.1 client,
no dependency), for the code of this tree ("ours") and of the main branch ("baseline", a
`git archive` of it served the same way, on the same database) in one run.

    .venv/bin/python bench/load.py                       # 50 and 200 people, both servers
    .venv/bin/python bench/load.py --people 50 --duration 30 --no-baseline

Each simulated person signs in as one synthetic participant and clicks through the mix (home,
asset list with filters, Korean search, asset detail, likely partners, API list, my agenda,
the .ics feed polled with If-None-Match, accepting a request), waiting 1-5 s between clicks;
a warm-up precedes each measured window. Printed per endpoint: requests/s, p50/p95/p99 (ms),
errors; per level: the machine's CPU use and load; per server: the CPU ms one request of each
endpoint costs the gunicorn processes (sequential calibration) and their resident memory.
Bounded: every loop stops at its deadline, every target is 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/dari_load"
SECRET = "load-bench-" + secrets.token_hex(16)
"""One secret for the benchmark and its servers: the sessions it signs in are theirs."""
GUNICORN = ["--workers", "3", "--worker-class", "gthread", "--threads", "4", "--preload"]
PAGES = ("home", "assets", "search", "asset", "partners", "agenda", "accept")
MIX = {
    "home": 14,
    "assets": 14,
    "search": 10,
    "asset": 14,
    "partners": 10,
    "api": 10,
    "agenda": 10,
    "ics": 12,
    "accept": 6,
}
OK = {"accept": {302}, "ics": {200, 304}}


# ---- preparing the database ----------------------------------------------------------------


def prepare(db_url: str, people: int) -> dict:
    """Migrate the load database, load the real directory, embed it, add the SYNTHETIC event
    (once), and sign in `people` participants who have pending requests to accept."""
    import psycopg

    parsed = urllib.parse.urlparse(db_url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname=%s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = db_url
    os.environ["DARI_SECRET_KEY"] = SECRET
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dari.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from load_data import SLUG, ensure_synthetic_event

    from dari.directory.bundled import load_bundled_data
    from dari.directory.domain.recommend import embed_directory
    from dari.directory.models import Asset
    from dari.events.models import MeetingRequest, Participant, RequestStatus

    call_command("migrate", verbosity=0, interactive=False)
    t = time.perf_counter()
    load_bundled_data()
    embedded = embed_directory()
    counts = ensure_synthetic_event()
    from django.db import connection

    with connection.cursor() as cursor:  # fresh statistics after the bulk load, as autovacuum
        cursor.execute("ANALYZE")  # would give a server that has run for a while
    print(
        f"load database {name}: real directory, {embedded['embedded']} texts embedded, "
        f"SYNTHETIC event: {counts} ({time.perf_counter() - t:.0f} s)"
    )
    pending: dict[int, list[int]] = {}
    for rid, target in MeetingRequest.objects.filter(
        event__slug=SLUG, status=RequestStatus.PENDING
    ).values_list("pk", "target_id"):
        pending.setdefault(target, []).append(rid)
    chosen = (
        Participant.objects.filter(pk__in=list(pending)[: people * 2])
        .select_related("user")
        .order_by("pk")[:people]
    )
    persons = []
    for p in chosen:
        session = SessionStore()
        session[SESSION_KEY] = str(p.user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = p.user.get_session_auth_hash()
        session.create()
        persons.append(
            {"session": session.session_key, "token": p.calendar_token, "pending": pending[p.pk]}
        )
    assets = list(Asset.objects.filter(visibility="public").values_list("pk", flat=True))
    return {
        "persons": persons,
        "assets": assets,
        "slug": SLUG,
        "session_cookie": settings.SESSION_COOKIE_NAME,
    }


# ---- the servers ---------------------------------------------------------------------------


class Server:
    """gunicorn serving one tree's code on 127.0.0.1:port against the load database."""

    def __init__(self, name: str, tree: Path, db_url: str, port: int, var: Path) -> None:
        self.name, self.tree, self.port = name, tree, port
        env = dict(os.environ)
        env.update(
            DATABASE_URL=db_url,
            DARI_DEBUG="0",
            DARI_SECRET_KEY=SECRET,
            DARI_ALLOWED_HOSTS="127.0.0.1",
            DARI_CONN_MAX_AGE="60",
            DARI_VAR_DIR=str(var),
            DJANGO_SETTINGS_MODULE="dari.settings",
        )
        env.pop("PYTHONPATH", None)
        cmd = [sys.executable, "-m", "gunicorn", "dari.wsgi", "-b", f"127.0.0.1:{port}"]
        self.proc = subprocess.Popen(
            cmd + GUNICORN + ["--timeout", "120", "--log-level", "warning"],
            cwd=tree,  # the tree's `dari` comes first on sys.path
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(var / f"{name}-gunicorn.log", "w"),  # noqa: SIM115
        )

    def pids(self) -> list[int]:
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.proc.pid)], capture_output=True, text=True
        ).stdout
        return [self.proc.pid] + [int(p) for p in out.split()]

    def rss_mb(self) -> list[tuple[float, float]]:
        """(RSS, PSS) of the master, then of each worker (MB): `ps -o rss` counts pages
        shared with the other processes in each; PSS divides them among the sharers."""
        out = []
        for pid in self.pids():
            res = subprocess.run(["ps", "-o", "rss=", "-p", str(pid)], capture_output=True)
            if not res.stdout.strip():
                continue
            pss = 0.0
            try:
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        pss = int(line.split()[1]) / 1024
            except OSError:
                pass
            out.append((int(res.stdout) / 1024, pss))
        return out

    def cpu_seconds(self) -> float:
        tick = os.sysconf("SC_CLK_TCK")
        total = 0.0
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except FileNotFoundError:
                continue
            total += (int(fields[11]) + int(fields[12])) / tick
        return total

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


# ---- a minimal HTTP/1.1 client -------------------------------------------------------------


class Connection:
    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(
        self, method: str, path: str, headers: dict[str, str], body: bytes = b""
    ) -> tuple[int, dict[str, str], bytes]:
        for attempt in (0, 1):
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
            lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}"]
            lines += [f"{k}: {v}" for k, v in headers.items()]
            lines.append(f"Content-Length: {len(body)}")
            self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
            try:
                await self.writer.drain()
                return await self._response(method)
            except (ConnectionError, asyncio.IncompleteReadError):
                self.close()
                if attempt:
                    raise
        raise AssertionError("unreachable")

    async def _response(self, method: str) -> tuple[int, dict[str, str], bytes]:
        assert self.reader is not None
        head = await self.reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split()[1])
        headers = {}
        for line in header_lines:
            if ":" in line:
                k, v = line.split(":", 1)
                headers[k.strip().lower()] = v.strip()
        body = b""
        if headers.get("transfer-encoding") == "chunked":
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).strip(), 16)
                body += await self.reader.readexactly(size + 2)
                if size == 0:
                    break
        elif "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


# ---- simulated people ----------------------------------------------------------------------


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)

    def add(self, endpoint: str, ms: float, ok: bool) -> None:
        self.latencies.setdefault(endpoint, []).append(ms)
        if not ok:
            self.errors[endpoint] = self.errors.get(endpoint, 0) + 1


SEARCHES = ["위암", "항체", "폐암", "antibody", "오가노이드", "유방암"]
FILTERS = [
    "?modality=antibody",
    "?stage=phase1&sort=name",
    "?therapeutic_area=oncology&modality=adc",
    "?stage=phase2&page=2",
    "?modality=small_molecule&therapeutic_area=oncology",
]


def _click(rng: random.Random, data: dict, person: dict) -> tuple[str, str, str, dict]:
    """The next click of a person: (endpoint, method, path, extra headers)."""
    endpoint = rng.choices(list(MIX), weights=list(MIX.values()))[0]
    slug, asset = data["slug"], rng.choice(data["assets"])
    if endpoint == "accept" and not person["pending"]:
        endpoint = "agenda"
    paths = {
        "home": "/",
        "assets": "/assets/" + rng.choice(FILTERS),
        "search": "/assets/?q=" + urllib.parse.quote(rng.choice(SEARCHES)),
        "asset": f"/assets/{asset}/",
        "partners": f"/assets/{asset}/partners",
        "api": "/api/assets?" + rng.choice(["modality=antibody", "stage=phase1", "q=cancer"]),
        "agenda": f"/events/{slug}/agenda",
        "ics": f"/events/calendar/{person['token']}.ics",
    }
    headers = {"Accept-Language": rng.choice(["en", "ko"])}
    if endpoint == "partners":
        headers["HX-Request"] = "true"
    if endpoint == "ics" and person.get("etag"):
        headers["If-None-Match"] = person["etag"]
    if endpoint == "accept":
        rid = person["pending"].pop()
        return endpoint, "POST", f"/events/{slug}/requests/{rid}/accept", headers
    return endpoint, "GET", paths[endpoint], headers


async def person_loop(
    port: int,
    data: dict,
    person: dict,
    seed: int,
    start: float,
    measure: float,
    end: float,
    stats: Stats,
) -> None:
    rng = random.Random(seed)
    conn = Connection(port)
    csrf = secrets.token_hex(16)
    cookie = f"{data['session_cookie']}={person['session']}; csrftoken={csrf}"
    await asyncio.sleep(rng.uniform(0, 5))
    while time.monotonic() < end:
        endpoint, method, path, headers = _click(rng, data, person)
        headers["Cookie"] = cookie
        body = b""
        if method == "POST":
            headers["X-CSRFToken"] = csrf
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        t = time.monotonic()
        try:
            status, reply, _ = await asyncio.wait_for(
                conn.request(method, path, headers, body), timeout=60
            )
            ok = status in OK.get(endpoint, {200}) and "/login" not in reply.get("location", "")
            if endpoint == "ics" and "etag" in reply:
                person["etag"] = reply["etag"]
        except (TimeoutError, OSError, ValueError, asyncio.IncompleteReadError):
            conn.close()
            ok = False
        done = time.monotonic()
        if measure <= t and done <= end:
            stats.add(endpoint, (done - t) * 1000, ok)
        await asyncio.sleep(max(0.0, min(rng.uniform(1, 5), end - time.monotonic())))
    conn.close()


def _cpu_busy() -> tuple[int, int]:
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


async def run_level(port: int, data: dict, people: int, warmup: float, duration: float) -> dict:
    stats = Stats()
    start = time.monotonic()
    measure, end = start + warmup, start + warmup + duration
    persons = data["persons"][:people]
    tasks = [
        person_loop(port, data, p, 1000 + i, start, measure, end, stats)
        for i, p in enumerate(persons)
    ]
    cpu: dict[str, tuple[int, int]] = {}

    async def sample() -> None:
        await asyncio.sleep(max(0.0, measure - time.monotonic()))
        cpu["start"] = _cpu_busy()
        await asyncio.sleep(max(0.0, end - time.monotonic()))
        cpu["end"] = _cpu_busy()

    await asyncio.gather(sample(), *tasks)
    busy = (cpu["end"][0] - cpu["start"][0]) / max(1, cpu["end"][1] - cpu["start"][1])
    return {"stats": stats, "duration": duration, "cpu": busy, "load": os.getloadavg()[0]}


def calibrate(server: Server, data: dict, repeat: int = 15) -> dict[str, float]:
    """CPU ms of the gunicorn processes per request of each endpoint, one request at a time."""

    async def go() -> dict[str, float]:
        out = {}
        person = dict(data["persons"][-1], pending=list(data["persons"][-1]["pending"]))
        conn = Connection(server.port)
        csrf = secrets.token_hex(16)
        cookie = f"{data['session_cookie']}={person['session']}; csrftoken={csrf}"
        rng = random.Random(5)
        for endpoint in MIX:
            n = 0
            for phase in ("warm", "measure"):
                before = server.cpu_seconds()
                for _ in range(3 if phase == "warm" else repeat):
                    while True:
                        got, method, path, headers = _click(rng, data, person)
                        if got == endpoint:
                            break
                        if endpoint == "accept" and got == "agenda":
                            break
                    headers["Cookie"] = cookie
                    if method == "POST":
                        headers["X-CSRFToken"] = csrf
                    _, reply, _ = await conn.request(method, path, headers)
                    if endpoint == "ics" and "etag" in reply:
                        person["etag"] = reply["etag"]
                    n += phase == "measure"
                await asyncio.sleep(0.2)
            out[endpoint] = (server.cpu_seconds() - before) * 1000 / max(1, n)
        conn.close()
        return out

    return asyncio.run(go())


# ---- report --------------------------------------------------------------------------------


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def table(results: dict[str, dict[int, dict]], cpu_ms: dict[str, dict[str, float]]) -> str:
    lines = []
    names = list(results)
    for people in sorted({p for r in results.values() for p in r}):
        lines.append(f"\n{people} people (each waits 1-5 s between clicks)")
        head = f"{'endpoint':<10}" + "".join(
            f" | {n + ': req/s   p50   p95   p99 err  cpu ms':<43}" for n in names
        )
        lines.append(head)
        lines.append("-" * len(head))
        for endpoint in MIX:
            row = f"{endpoint:<10}"
            for n in names:
                level = results[n].get(people)
                if level is None:
                    row += f" | {'':<43}"
                    continue
                lat = level["stats"].latencies.get(endpoint, [])
                err = level["stats"].errors.get(endpoint, 0)
                row += (
                    f" | {'':{len(n) + 1}}{len(lat) / level['duration']:6.1f} "
                    f"{_pct(lat, 0.5):5.0f} {_pct(lat, 0.95):5.0f} {_pct(lat, 0.99):5.0f} "
                    f"{err:3d} {cpu_ms[n].get(endpoint, float('nan')):6.1f}"
                )
            lines.append(row)
        for n in names:
            level = results[n].get(people)
            if level is None:
                continue
            all_lat = [v for vs in level["stats"].latencies.values() for v in vs]
            pages = [v for e in PAGES for v in level["stats"].latencies.get(e, [])]
            errors = sum(level["stats"].errors.values())
            lines.append(
                f"  {n}: {len(all_lat) / level['duration']:.1f} req/s, pages p95 "
                f"{_pct(pages, 0.95):.0f} ms, .ics p95 "
                f"{_pct(level['stats'].latencies.get('ics', []), 0.95):.0f} ms, "
                f"{errors} errors, machine CPU {level['cpu'] * 100:.0f}% busy, "
                f"load {level['load']:.2f}"
            )
    return "\n".join(lines)


def baseline_tree(var: Path) -> Path:
    """The code this tree started from (its merge base with main): its schema is a part of
    ours, so it serves the same database."""
    tree = var / "baseline"
    tree.mkdir()
    git = ["git", "-C", str(ROOT)]
    base = subprocess.run(
        [*git, "merge-base", "HEAD", "main"], capture_output=True, text=True, check=True
    ).stdout.strip()
    archive = subprocess.run(
        [*git, "archive", base, "dari"], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def wait_ready(port: int, deadline: float = 90) -> None:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            asyncio.run(Connection(port).request("GET", "/api/clusters", {}))
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server on port {port} did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--port", type=int, default=8102)
    parser.add_argument("--people", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--warmup", type=float, default=20)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    data = prepare(args.db, max(args.people) + 1)
    results: dict[str, dict[int, dict]] = {}
    cpu_ms: dict[str, dict[str, float]] = {}
    memory: dict[str, tuple[list[float], list[float]]] = {}
    with tempfile.TemporaryDirectory(prefix="dari-load-") as tmp:
        var = Path(tmp)
        trees = (
            {"ours": ROOT} if args.no_baseline else {"baseline": baseline_tree(var), "ours": ROOT}
        )
        for name, tree in trees.items():
            fresh = prepare(args.db, max(args.people) + 1) if results else data
            data = fresh  # requests the previous server accepted are pending no more
            server = Server(name, tree, args.db, args.port, var)
            try:
                wait_ready(args.port)
                idle = server.rss_mb()
                cpu_ms[name] = calibrate(server, data)
                results[name] = {}
                for people in args.people:
                    results[name][people] = asyncio.run(
                        run_level(args.port, data, people, args.warmup, args.duration)
                    )
                memory[name] = (idle, server.rss_mb())
            finally:
                server.stop()
            time.sleep(2)
    print(
        f"\ngunicorn {' '.join(GUNICORN)} on PostgreSQL; 2 cores; warm-up {args.warmup:.0f} s,"
        f" measured {args.duration:.0f} s per level; latencies in ms; cpu ms = gunicorn CPU per"
        " request, one at a time"
    )
    print(table(results, cpu_ms))
    print("\nmemory (MB, RSS/PSS; master, then each worker)")
    for name, (idle, loaded) in memory.items():
        print(
            f"  {name}: idle "
            + " ".join(f"{r:.0f}/{p:.0f}" for r, p in idle)
            + "; after the load "
            + " ".join(f"{r:.0f}/{p:.0f}" for r, p in loaded)
            + f"; total PSS after the load {sum(p for _, p in loaded):.0f}"
        )


if __name__ == "__main__":
    main()
