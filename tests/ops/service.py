"""A throwaway Dari service for tests/ops/test_service.py: its own PostgreSQL database on the
loopback server, gunicorn servers and `dari db_worker` processes started as an operator would
(production settings from the environment), and the helpers to look at and hurt them."""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@dataclass
class Service:
    """Processes of one throwaway deployment; `stop()` ends every one it started."""

    admin_url: str  # the server's maintenance database (CREATE/DROP DATABASE)
    workdir: Path
    name: str = field(default_factory=lambda: f"dari_svc_{secrets.token_hex(4)}")
    servers: dict[str, tuple[subprocess.Popen[bytes], int]] = field(default_factory=dict)
    workers: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    logs: list = field(default_factory=list)

    @property
    def url(self) -> str:
        return with_database(self.admin_url, self.name)

    def env(self, app: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DARI_", "DJANGO_", "PG"))}
        env.update(
            DATABASE_URL=self.url,
            PGAPPNAME=app,  # libpq names the connections: pg_stat_activity.application_name
            DARI_SECRET_KEY=self.secret,  # one for all: the seed's sessions are signed with it
            DARI_ALLOWED_HOSTS="127.0.0.1,localhost",
            DARI_VAR_DIR=str(self.workdir),
            DARI_CONN_MAX_AGE="60",
            DARI_WORKER_HEARTBEAT="1",
            DARI_WORKER_LEASE="4",
            DARI_HEALTH_WORKER_MAX_AGE="10",
            DARI_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
            DARI_LOG_LEVEL="WARNING",
            PYTHONPATH=str(ROOT),
        )
        return env

    def __post_init__(self) -> None:
        self.secret = secrets.token_urlsafe(50)

    def sql(self, query: str, *params: object) -> list[tuple]:
        with psycopg.connect(self.url, autocommit=True) as conn:
            cur = conn.execute(query, params)
            return cur.fetchall() if cur.description else []

    def create(self) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
            # A throwaway database: commits need not wait for the disk.
            conn.execute(f'ALTER DATABASE "{self.name}" SET synchronous_commit = off')
        self.run("dari", "migrate", "-v0")

    def run(self, *argv: str, app: str = "dari-setup") -> str:
        done = subprocess.run(
            [str(BIN / argv[0]), *argv[1:]],
            env=self.env(app),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def seed(self, *sizes: int) -> dict:
        out = self.workdir / "seed.json"
        self.run("python", "-m", "tests.ops.service_seed", str(out), *map(str, sizes))
        return json.loads(out.read_text())

    def log(self, name: str):
        handle = open(self.workdir / f"{name}.log", "wb")  # noqa: SIM115 - closed by stop()
        self.logs.append(handle)
        return handle

    def start_server(self, name: str) -> str:
        port = free_port()
        log = self.log(name)
        proc = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "dari.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
                "--no-control-socket",  # its default path is one per user, not per server
            ],
            env=self.env(name),
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.servers[name] = (proc, port)
        return f"http://127.0.0.1:{port}"

    def start_worker(self, name: str) -> subprocess.Popen[bytes]:
        log = self.log(name)
        proc = subprocess.Popen(
            [
                str(BIN / "dari"),
                "db_worker",
                "--no-reload",
                "--interval",
                "0.2",
                "--worker-id",
                name,
            ],
            env=self.env(name),
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.workers[name] = proc
        return proc

    def wait_healthy(self, base: str, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        last: object = None
        while time.monotonic() < deadline:
            try:
                r = requests.get(f"{base}/healthz", timeout=30)
                last = (r.status_code, r.text)
                if r.status_code == 200:
                    return dict(r.json())
            except requests.RequestException as exc:  # not listening yet, or busy starting
                last = exc
            time.sleep(0.2)
        raise AssertionError(f"{base} not healthy: {last}")

    def terminate_connections(self, app: str) -> int:
        rows = self.sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND application_name = %s",
            self.name,
            app,
        )
        return len(rows)

    def kill(self, proc: subprocess.Popen[bytes]) -> None:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)

    def rss_kib(self) -> dict[str, list[int]]:
        """Resident memory of each process (gunicorn: master and its workers), from ps."""
        out: dict[str, list[int]] = {}
        for name, (proc, _port) in self.servers.items():
            children = subprocess.run(
                ["ps", "-o", "rss=", "--ppid", str(proc.pid)], capture_output=True, text=True
            ).stdout.split()
            out[name + " worker"] = [int(x) for x in children]
        for name, proc in self.workers.items():
            if proc.poll() is None:
                rss = subprocess.run(
                    ["ps", "-o", "rss=", "-p", str(proc.pid)], capture_output=True, text=True
                ).stdout.split()
                out[name] = [int(x) for x in rss]
        return out

    def stop(self) -> None:
        procs = [p for p, _ in self.servers.values()] + list(self.workers.values())
        for p in procs:
            if p.poll() is None:
                p.terminate()
        for p in procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=5)
        for handle in self.logs:
            handle.close()
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@contextmanager
def service(admin_url: str, workdir: Path) -> Iterator[Service]:
    svc = Service(admin_url, workdir)
    svc.create()
    try:
        yield svc
    finally:
        svc.stop()
