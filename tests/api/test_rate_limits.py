"""Rate limits of the API: guessing tokens from one address is stopped (429, in the caller's
language, with Retry-After), and every caller (token, session or address) has a request rate."""

from __future__ import annotations

import pytest
import time_machine
from django.core.cache import caches
from django.test import Client

from dari.accounts.domain.tokens import create_token
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    caches["limits"].clear()
    yield
    caches["limits"].clear()


def test_guessing_tokens_from_one_address_is_stopped(settings):
    settings.DARI_API_TOKEN_FAILURES = 5
    guesser = Client(HTTP_AUTHORIZATION="Bearer dari_pat_guess", REMOTE_ADDR="203.0.113.9")
    codes = [guesser.get("/api/assets").status_code for _ in range(6)]
    assert codes == [401] * 5 + [429]
    # Once stopped, a right token from there is refused too (else the guess would show).
    _token, secret = create_token(UserFactory(username="owner"), "CRM")
    right = Client(HTTP_AUTHORIZATION=f"Bearer {secret}", REMOTE_ADDR="203.0.113.9")
    refused = right.get("/api/assets", HTTP_ACCEPT_LANGUAGE="ko")
    assert refused.status_code == 429
    assert refused.json() == {
        "detail": "요청이 너무 많습니다. 잠시 후 다시 시도하세요.",
        "errors": [],
    }
    assert int(refused["Retry-After"]) > 0
    elsewhere = Client(HTTP_AUTHORIZATION=f"Bearer {secret}", REMOTE_ADDR="198.51.100.7")
    assert elsewhere.get("/api/assets").status_code == 200


@time_machine.travel("2026-12-07 10:00:05Z", tick=False)
def test_every_caller_has_a_request_rate(settings):
    settings.DARI_API_RATE = "3/m"
    _token, secret = create_token(UserFactory(username="owner"), "CRM")
    caller = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert [caller.get("/api/clusters").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert int(caller.get("/api/clusters")["Retry-After"]) > 0
    anonymous = Client(REMOTE_ADDR="198.51.100.8")
    assert [anonymous.get("/api/clusters").status_code for _ in range(4)] == [200] * 3 + [429]
    settings.DARI_API_RATE = ""  # no limit
    assert caller.get("/api/clusters").status_code == 200


@pytest.mark.parametrize("rate", ["600/x", "many/m", "600", "-5/m", "0/m"])
def test_a_malformed_rate_is_refused_at_start_naming_the_variable(rate):
    """A wrong DARI_API_RATE stops the site at start with a clear reason, instead of a 500 (or
    every caller refused) on each API request."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "DARI_API_RATE": rate}
    run = subprocess.run(
        [sys.executable, "-c", "import dari.settings"], env=env, capture_output=True, text=True
    )
    assert run.returncode != 0
    assert "DARI_API_RATE" in run.stderr
