"""Dari run as a service, under faults: two gunicorn servers and two `dari db_worker` processes
on a throwaway PostgreSQL database (loopback), with production settings from the environment.

Through both servers at once, people accept many meeting requests (each accept queues a
schedule run) while the organiser starts runs; one worker is SIGKILLed in the middle of a run;
the database connections of one server are terminated for a moment. Then: nobody is in two
meetings of one slot, no accepted meeting is lost, the killed run was taken over (or failed
with a message), no 5xx but from the cut server while it was cut, and the service recovered by
itself (healthy, runs finish, pages answer).

Runs in the PostgreSQL pass of `make test` only (it needs PostgreSQL's real concurrency and
pg_terminate_backend); `-m service` selects it, `-m "not service"` leaves it out.
"""

from __future__ import annotations

import os
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
import requests

from tests.ops.service import Service, service, with_database

DATABASE_URL = os.environ.get("DATABASE_URL", "")

pytestmark = [
    pytest.mark.service,
    pytest.mark.skipif(
        not DATABASE_URL.startswith(("postgres://", "postgresql://")),
        reason="needs PostgreSQL (runs in the PostgreSQL pass: make test-postgres)",
    ),
]

PEOPLE, ACCEPTED, PENDING = 60, 300, 120
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Call:
    server: str
    what: str
    started: float
    ended: float
    status: int  # 0: no HTTP answer (connection refused or reset)


class People:
    """A browser session per person (the seed's signed-in sessions), each with its CSRF token."""

    def __init__(self, sessions: dict[str, str], bases: dict[str, str], slug: str) -> None:
        self.bases, self.slug = bases, slug
        self.calls: list[Call] = []
        self.lock = threading.Lock()
        self.sessions: dict[str, requests.Session] = {}
        self.tokens: dict[str, str] = {}
        for user, key in sessions.items():
            s = requests.Session()
            s.cookies.set("sessionid", key, domain="127.0.0.1")
            self.sessions[user] = s

    def call(self, server: str, user: str, method: str, path: str, what: str) -> int:
        s = self.sessions[user]
        headers = {"X-CSRFToken": self.tokens.get(user, ""), "Referer": self.bases[server]}
        started = time.monotonic()
        try:
            r = s.request(
                method,
                self.bases[server] + path,
                headers=headers,
                allow_redirects=False,
                timeout=60,
            )
            status = r.status_code
            if method == "GET" and status == 200 and (m := CSRF.search(r.text)):
                self.tokens[user] = m.group(1)
        except requests.ConnectionError:
            status = 0
        with self.lock:
            self.calls.append(Call(server, what, started, time.monotonic(), status))
        return status


def kill_a_worker_mid_run(svc: Service, stop: threading.Event, out: dict) -> None:
    """SIGKILL the worker that is running a schedule run; try again on a later run if the run
    had finished between the look and the kill."""
    try:
        _kill_a_worker_mid_run(svc, stop, out)
    except Exception as exc:  # reported by the test, which waits for `out`
        out["error"] = repr(exc)


def _kill_a_worker_mid_run(svc: Service, stop: threading.Event, out: dict) -> None:
    spare = 0
    while not stop.is_set():
        rows = svc.sql(
            "SELECT id::text, worker_ids, args_kwargs FROM django_tasks_database_dbtaskresult "
            "WHERE status = 'RUNNING' AND task_path LIKE %s",
            "%run_schedule",
        )
        if not rows:
            time.sleep(0.03)
            continue
        task_id, worker_ids, args = rows[0]
        name = worker_ids[-1]
        svc.kill(svc.workers[name])
        status = svc.sql(
            "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s", task_id
        )
        if status[0][0] == "RUNNING":
            out.update(task_id=task_id, run_id=args["args"][0], worker=name, at=time.monotonic())
            return
        spare += 1  # the run ended just before the kill: a fresh worker, and look again
        svc.start_worker(f"dari-worker-spare{spare}")


def cut_connections(svc: Service, app: str, seconds: float, out: dict) -> None:
    out["from"] = time.monotonic()
    end = out["from"] + seconds
    killed = 0
    while time.monotonic() < end:
        killed += svc.terminate_connections(app)
        time.sleep(0.05)
    out["to"] = time.monotonic()
    out["terminated"] = killed


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


def test_two_servers_two_workers_survive_a_killed_worker_and_cut_connections(tmp_path):
    admin = with_database(DATABASE_URL, "postgres")
    with service(admin, tmp_path) as svc:
        began = time.monotonic()
        data = svc.seed(PEOPLE, ACCEPTED, PENDING)
        slug = data["slug"]
        bases = {"a": svc.start_server("dari-web-a"), "b": svc.start_server("dari-web-b")}
        for name in ("dari-worker-1", "dari-worker-2"):
            svc.start_worker(name)
        for base in bases.values():
            svc.wait_healthy(base)
        people = People(data["sessions"], bases, slug)
        organiser = "svc-organiser"
        pending = data["pending"]

        # Each person opens their requests page (a session, a CSRF token), then accepts.
        with ThreadPoolExecutor(12) as pool:
            targets = sorted({p["target"] for p in pending} | {organiser})
            list(
                pool.map(
                    lambda i_u: people.call(
                        "ab"[i_u[0] % 2], i_u[1], "GET", f"/events/{slug}/requests", "page"
                    ),
                    enumerate(targets),
                )
            )
        people.call("a", organiser, "GET", f"/events/{slug}/manage", "page")

        killed: dict = {}
        cut: dict = {}
        stop_killer = threading.Event()
        killer = threading.Thread(target=kill_a_worker_mid_run, args=(svc, stop_killer, killed))
        killer.start()
        cutter = None

        def accept(i: int) -> int:
            req = pending[i]
            return people.call(
                "ab"[i % 2],
                req["target"],
                "POST",
                f"/events/{slug}/requests/{req['id']}/accept",
                f"accept {req['id']}",
            )

        def organiser_run(i: int) -> int:
            return people.call("ab"[i % 2], organiser, "POST", f"/events/{slug}/manage/run", "run")

        burst_started = time.monotonic()
        with ThreadPoolExecutor(12) as pool:
            futures = []
            for i in range(len(pending)):
                futures.append(pool.submit(accept, i))
                if i % 15 == 0:
                    futures.append(pool.submit(organiser_run, i // 15))
                if i == len(pending) // 3:
                    cutter = threading.Thread(
                        target=cut_connections, args=(svc, "dari-web-a", 1.0, cut)
                    )
                    cutter.start()
            for f in futures:
                f.result()
        assert cutter is not None
        cutter.join()
        burst = time.monotonic() - burst_started

        # Whoever got an error (or no answer) tries again, as a person would.
        failed = {c.what for c in people.calls if c.what.startswith("accept") and c.status >= 500}
        failed |= {c.what for c in people.calls if c.what.startswith("accept") and c.status == 0}
        for i, req in enumerate(pending):
            if f"accept {req['id']}" in failed:
                accept(i)

        # The killer needs a run in progress; the organiser starts more until it has struck.
        def struck() -> bool:
            assert "error" not in killed, killed
            if not killed:
                organiser_run(1)
            return bool(killed)

        wait_for(struck, timeout=30, what="a worker killed in the middle of a run")
        stop_killer.set()
        killer.join()

        # The killed run is taken over (or failed with a message); nothing stays unfinished.
        def settled() -> bool:
            return not svc.sql(
                "SELECT 1 FROM events_schedulerun WHERE status IN ('queued', 'running')"
            )

        wait_for(settled, timeout=60, what="every schedule run to finish")
        for server in "ab":  # both servers still start runs, and the workers finish them
            assert organiser_run("ab".index(server)) == 302
        wait_for(settled, timeout=60, what="the last schedule runs to finish")

        # --- checks -------------------------------------------------------------------------
        double = svc.sql(
            "SELECT participant_id, slot_id, count(*) FROM events_seat "
            "WHERE slot_id IS NOT NULL GROUP BY participant_id, slot_id HAVING count(*) > 1"
        )
        assert double == []
        assert svc.sql(
            "SELECT count(*) FROM events_seat s JOIN events_meeting m ON m.id = s.meeting_id "
            "WHERE m.status = 'scheduled' AND s.slot_id IS DISTINCT FROM m.slot_id"
        ) == [(0,)]

        ids = [p["id"] for p in pending]
        statuses = dict(
            svc.sql("SELECT id, status FROM events_meetingrequest WHERE id = ANY(%s)", ids)
        )
        assert sorted(set(statuses.values())) == ["accepted"]
        meetings = svc.sql(
            "SELECT request_id, count(*) FROM events_meeting WHERE status <> 'cancelled' "
            "GROUP BY request_id"
        )
        assert len(meetings) == ACCEPTED + PENDING
        assert {n for _, n in meetings} == {1}

        run = svc.sql(
            "SELECT status, error FROM events_schedulerun WHERE id = %s", killed["run_id"]
        )[0]
        job = svc.sql(
            "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult WHERE id = %s",
            killed["task_id"],
        )[0]
        # Another worker took the job over (its run then ended like any run: done, or failed
        # with its reason), or it failed for good saying the worker stopped.
        assert job[1][0] == killed["worker"]
        assert run[0] in ("done", "failed")
        if job[0] == "FAILED" and len(job[1]) == 1:
            assert "worker running this run stopped" in run[1]
        else:
            assert (job[0], len(job[1])) == ("SUCCESSFUL", 2)
            assert run[0] == "done" or run[1] != ""
        runs = svc.run("dari", "event", "runs", slug, "--json")
        assert f'"id": {killed["run_id"]},' in runs
        unfinished = svc.sql(
            "SELECT id, status FROM events_schedulerun WHERE status IN ('queued', 'running') "
            "OR (status = 'failed' AND error = '')"
        )
        assert unfinished == []
        last = svc.sql("SELECT status FROM events_schedulerun ORDER BY id DESC LIMIT 1")
        assert last == [("done",)]

        slack = 1.0  # a request already inside the server when the cut began or ended
        errors = [c for c in people.calls if c.status >= 500 or c.status == 0]
        outside = [
            c
            for c in errors
            if not (c.server == "a" and c.started <= cut["to"] + slack and c.ended >= cut["from"])
        ]
        assert outside == []

        after = [c for c in people.calls if c.started > cut["to"] + slack]
        assert after and {c.status for c in after if c.server == "a"} <= {200, 302}
        for base in bases.values():
            health = svc.wait_healthy(base, timeout=10)
            assert (health["database"], health["migrations"], health["workers"]) == (
                True,
                True,
                True,
            )
        assert people.call("a", organiser, "GET", f"/events/{slug}/manage", "page") == 200

        rss = svc.rss_kib()
        print(
            f"\nservice test: {len(people.calls)} requests over 2 servers in {burst:.1f} s burst "
            f"({sum(1 for c in people.calls if c.what.startswith('accept'))} accepts), "
            f"{len(errors)} errors, all on server a during the {cut['to'] - cut['from']:.1f} s "
            f"cut ({cut['terminated']} connections terminated); worker {killed['worker']} "
            f"killed in run {killed['run_id']}, which ended {run[0]} {run[1]!r} after job "
            f"{job[0]} by {job[1]}; "
            f"{time.monotonic() - began:.0f} s in all"
        )
        print("RSS KiB: " + "; ".join(f"{k} {v}" for k, v in rss.items()))
