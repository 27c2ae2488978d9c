"""Running as a service: /healthz, request ids in responses and logs, mail failures logged,
and the production settings read from the environment (checked in subprocesses, since the
settings are read once per process)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import secrets
import socket
import socketserver
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from dari.ops.logs import JsonFormatter, RequestIdFilter, current_request_id
from dari.ops.models import WorkerHeartbeat
from dari.ops.workers import beat
from tests.getwalk import database_checksum

DARI = str(Path(sys.executable).with_name("dari"))


# /healthz ---------------------------------------------------------------------------------


def test_healthz_wants_a_fresh_worker_heartbeat_and_writes_nothing(client, db, settings):
    settings.DARI_HEALTH_WORKER_MAX_AGE = 60
    before = database_checksum()
    r = client.get("/healthz")
    assert (r.status_code, r.json()) == (
        503,
        {
            "database": True,
            "migrations": True,
            "worker_heartbeat_age": None,
            "workers": False,
            "healthy": False,
            "status": "unhealthy",
        },
    )
    # A load balancer asks about this server only.
    assert client.get("/healthz?scope=web").status_code == 200
    assert database_checksum() == before

    beat("w1", timezone.now())
    r = client.get("/healthz")
    assert r.status_code == 200
    assert (r.json()["status"], r.json()["workers"]) == ("ok", True)
    assert 0 <= r.json()["worker_heartbeat_age"] < 60
    assert r["Cache-Control"].startswith("max-age=0")

    WorkerHeartbeat.objects.update(beat=timezone.now() - dt.timedelta(seconds=90))
    assert client.get("/healthz").status_code == 503
    settings.DARI_HEALTH_WORKER_MAX_AGE = 0  # an installation without workers
    assert client.get("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


# Request ids and structured logs --------------------------------------------------------------


def test_every_response_carries_a_request_id_and_a_sane_one_is_kept(client, db):
    made = client.get("/healthz?scope=web")["X-Request-ID"]
    assert len(made) == 32 and made.isalnum()
    assert client.get("/", HTTP_X_REQUEST_ID="edge-42.a")["X-Request-ID"] == "edge-42.a"
    replaced = client.get("/", HTTP_X_REQUEST_ID="bad id\nwith spaces")["X-Request-ID"]
    assert replaced != "bad id\nwith spaces" and len(replaced) == 32


def test_django_s_own_error_lines_name_the_request(client, db, caplog):
    caplog.handler.addFilter(RequestIdFilter())
    with caplog.at_level(logging.WARNING, logger="django.request"):
        rid = client.get("/no-such-page/", HTTP_X_REQUEST_ID="req-404")["X-Request-ID"]
    assert [(r.getMessage(), r.request_id) for r in caplog.records] == [
        ("Not Found: /no-such-page/", "req-404")
    ]
    assert rid == "req-404"


def test_log_lines_are_json_with_time_level_logger_and_request_id():
    record = logging.LogRecord("dari.test", logging.WARNING, __file__, 1, "hello %s", ("무",), None)
    token = current_request_id.set("req-1")
    try:
        assert RequestIdFilter().filter(record)
    finally:
        current_request_id.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert sorted(line) == ["level", "logger", "message", "request_id", "time"]
    assert (line["level"], line["logger"], line["request_id"], line["message"]) == (
        "WARNING",
        "dari.test",
        "req-1",
        "hello 무",
    )
    assert line["time"].endswith("+00:00")


# Mail -------------------------------------------------------------------------------------------


class FakeSMTP(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend; what it receives goes to the server's `got`."""

    def reply(self, line: str) -> None:
        self.wfile.write((line + "\r\n").encode())

    def handle(self) -> None:
        self.reply("220 fake")
        data: list[str] = []
        while line := self.rfile.readline().decode():
            verb = line.strip().split(" ")[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 fake")
            elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
                self.reply("250 ok")
            elif verb == "DATA":
                self.reply("354 go on")
                while (body := self.rfile.readline().decode()) != ".\r\n":
                    data.append(body)
                self.server.got.append("".join(data))  # type: ignore[attr-defined]
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return


@pytest.fixture
def smtp_server():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), FakeSMTP)
    server.got = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_smtp_delivers_and_a_failed_mail_is_logged_not_lost(settings, smtp_server, caplog):
    settings.EMAIL_BACKEND = "dari.ops.mail.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = smtp_server.server_address
    assert mail.send_mail("Hello", "Body", "dari@example.org", ["a@example.org"]) == 1
    assert "Subject: Hello" in smtp_server.got[0]

    settings.EMAIL_PORT = closed_port()
    with caplog.at_level(logging.ERROR, logger="dari.mail"):
        sent = mail.send_mass_mail(
            [("Meeting moved", "Body", "dari@example.org", ["a@example.org", "b@example.org"])],
            fail_silently=True,
        )
    assert sent == 0
    assert [r.getMessage() for r in caplog.records if r.name == "dari.mail"] == [
        f"mail not sent: 1 message(s) via 127.0.0.1:{settings.EMAIL_PORT} ('Meeting moved' to 2)"
    ]
    with pytest.raises(ConnectionRefusedError):
        mail.send_mail("Hello", "Body", "dari@example.org", ["a@example.org"])


# Production settings from the environment -------------------------------------------------------


def dari_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    # A clean environment, as a service manager gives one: nothing the test run has set leaks in.
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    env["DARI_VAR_DIR"] = str(tmp_path)
    env.update(extra)
    return env


def production(tmp_path: Path) -> dict[str, str]:
    return dari_env(
        tmp_path,
        DARI_SECRET_KEY=secrets.token_urlsafe(50),
        DARI_ALLOWED_HOSTS="dari.example.org",
        DARI_HTTPS="1",
        DARI_EMAIL_HOST="smtp.example.org",
        DARI_EMAIL_PORT="587",
        DARI_EMAIL_USER="dari",
        DARI_EMAIL_PASSWORD="secret",
        DARI_EMAIL_TLS="1",
    )


def run(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_check_deploy_is_clean_in_production_mode(tmp_path):
    done = run([DARI, "check", "--deploy", "--fail-level", "WARNING"], production(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "System check identified no issues (0 silenced)."


def test_production_settings_come_from_the_environment(tmp_path):
    code = (
        "import json; from django.conf import settings as s; print(json.dumps([s.DEBUG, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_PROXY_SSL_HEADER, s.CSRF_TRUSTED_ORIGINS, s.EMAIL_BACKEND, s.EMAIL_HOST, "
        "s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD, s.EMAIL_USE_TLS, "
        "s.DATABASES['default']['CONN_HEALTH_CHECKS']]))"
    )
    done = run([DARI, "shell", "-v", "0", "-c", code], production(tmp_path))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [
        False,
        True,
        True,
        31536000,
        ["HTTP_X_FORWARDED_PROTO", "https"],
        ["https://dari.example.org"],
        "dari.ops.mail.EmailBackend",
        "smtp.example.org",
        587,
        "dari",
        "secret",
        True,
        True,
    ]


def test_debug_serves_local_hosts_only_and_a_public_host_needs_a_secret_key(tmp_path):
    public_debug = dari_env(tmp_path, DARI_DEBUG="1", DARI_ALLOWED_HOSTS="dari.example.org")
    done = run([DARI, "check"], public_debug)
    assert done.returncode != 0
    assert "DARI_DEBUG=1 serves only local hosts; DARI_ALLOWED_HOSTS names dari.example.org" in (
        done.stderr
    )
    public_without_key = dari_env(tmp_path, DARI_ALLOWED_HOSTS="dari.example.org")
    done = run([DARI, "check"], public_without_key)
    assert "DARI_SECRET_KEY must be set to serve hosts beyond this machine" in done.stderr
    # Debug is off unless asked for; on this machine alone the development key does.
    assert run([DARI, "check"], dari_env(tmp_path)).returncode == 0
    serve = [sys.executable, "-c", "import dari.wsgi"]
    assert run(serve, dari_env(tmp_path, DARI_DEBUG="1")).returncode == 0
    assert run(serve, production(tmp_path)).returncode == 0


def test_e_mail_links_go_to_the_site_s_own_address_not_the_demo_s(tmp_path):
    """Notices are sent outside any request: their links come from DARI_BASE_URL, which
    defaults to the public host served (not http://127.0.0.1:8000, the demo's)."""
    code = (
        "from django.urls import reverse; from dari.messaging.domain.mail import site_url; "
        "print(site_url(reverse('messages:preferences')))"
    )
    done = run([DARI, "shell", "-v", "0", "-c", code], production(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith("https://dari.example.org/")
    plain = {**production(tmp_path), "DARI_HTTPS": "0"}
    done = run([DARI, "shell", "-v", "0", "-c", code], plain)
    assert done.stdout.strip().startswith("http://dari.example.org/"), done.stderr
    chosen = {**production(tmp_path), "DARI_BASE_URL": "https://www.example.org/"}
    done = run([DARI, "shell", "-v", "0", "-c", code], chosen)
    assert done.stdout.strip().startswith("https://www.example.org/"), done.stderr
    local = {**production(tmp_path), "DARI_BASE_URL": "http://127.0.0.1:8000"}
    done = run([DARI, "check"], local)
    assert done.returncode != 0
    assert "DARI_BASE_URL" in done.stderr
    wildcard = {**production(tmp_path), "DARI_ALLOWED_HOSTS": "*"}
    done = run([DARI, "check"], wildcard)
    assert done.returncode != 0
    assert "DARI_BASE_URL must be set" in done.stderr
    # On this machine alone the demo's address is right.
    done = run([DARI, "shell", "-v", "0", "-c", code], dari_env(tmp_path))
    assert done.stdout.strip().startswith("http://127.0.0.1:8000/"), done.stderr
