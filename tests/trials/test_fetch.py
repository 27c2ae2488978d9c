"""`fetch-ctgov` against a LOCAL fake ClinicalTrials.gov (loopback only, never the network):
paging by token, one request a second, backoff on 429 honouring Retry-After, resume."""

from __future__ import annotations

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from dari.directory.models import Organization
from dari.trials.fetch import Fetcher, fetch_studies, query_params
from dari.trials.models import Trial
from tests.factories import OrganizationFactory
from tests.trials.synthetic import page, study

pytestmark = pytest.mark.django_db

PAGES = {
    None: page([study("NCT92000001"), study("NCT92000002")], token="tok-2"),
    "tok-2": page([study("NCT92000003")], token="tok-3"),
    "tok-3": page([study("NCT92000004")]),
}


class FakeRegistry(BaseHTTPRequestHandler):
    requests: list[dict[str, str]] = []
    throttle: list[int] = []  # answer 429 this many times first

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
        type(self).requests.append(query)
        if self.throttle and self.throttle[0] > 0:
            self.throttle[0] -= 1
            self.send_response(429)
            self.send_header("Retry-After", "7")
            self.end_headers()
            return
        body = json.dumps(PAGES[query.get("pageToken")]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def registry():
    FakeRegistry.requests = []
    FakeRegistry.throttle = [0]
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeRegistry)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/v2/studies"
    server.shutdown()
    server.server_close()


class FakeClock:
    """Time that moves only when slept: records every wait."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds

    def __call__(self) -> float:
        return self.now


def fetcher(url: str, clock: FakeClock) -> Fetcher:
    return Fetcher(base_url=url, sleep=clock.sleep, clock=clock)


def test_pages_through_every_page_one_request_a_second(registry, tmp_path):
    clock = FakeClock()
    params = query_params("Korea, Republic of", "gastric cancer")
    total = fetch_studies(params, tmp_path / "state.json", fetcher(registry, clock))
    assert (total["new"], total["pages"]) == (4, 3)
    assert sorted(Trial.objects.values_list("pk", flat=True)) == [
        "NCT92000001",
        "NCT92000002",
        "NCT92000003",
        "NCT92000004",
    ]
    assert [r.get("pageToken") for r in FakeRegistry.requests] == [None, "tok-2", "tok-3"]
    assert FakeRegistry.requests[0]["query.locn"] == "Korea, Republic of"
    assert FakeRegistry.requests[0]["query.cond"] == "gastric cancer"
    # No time passes between requests except the waits: each later request waits 1 s.
    assert clock.slept == [1.0, 1.0]


def test_backs_off_on_429_honouring_retry_after(registry, tmp_path):
    FakeRegistry.throttle = [2]
    clock = FakeClock()
    fetch_studies(
        query_params("Korea, Republic of"),
        tmp_path / "s.json",
        fetcher(registry, clock),
        max_pages=1,
    )
    assert clock.slept == [7.0, 7.0]
    assert len(FakeRegistry.requests) == 3
    assert Trial.objects.count() == 2


def test_resumes_from_the_saved_page_token(registry, tmp_path):
    clock = FakeClock()
    state = tmp_path / "state.json"
    params = query_params("Korea, Republic of", since=__import__("datetime").date(2024, 1, 1))
    fetch_studies(params, state, fetcher(registry, clock), max_pages=1)
    assert json.loads(state.read_text())["next_page_token"] == "tok-2"
    assert Trial.objects.count() == 2
    FakeRegistry.requests = []
    total = fetch_studies(params, state, fetcher(registry, clock))
    assert [r.get("pageToken") for r in FakeRegistry.requests] == ["tok-2", "tok-3"]
    assert (
        FakeRegistry.requests[0]["filter.advanced"]
        == "AREA[LastUpdatePostDate]RANGE[2024-01-01,MAX]"
    )
    assert (total["new"], Trial.objects.count()) == (2, 4)
    FakeRegistry.requests = []
    assert fetch_studies(params, state, fetcher(registry, clock))["done"] == 1
    assert FakeRegistry.requests == []


def test_the_command_fetches_from_a_local_server(registry, tmp_path, capsys):
    call_command(
        "trials",
        "fetch-ctgov",
        "--country",
        "Korea, Republic of",
        "--base-url",
        registry,
        "--min-interval",
        "0",
        "--state",
        str(tmp_path / "st.json"),
        "--save-dir",
        str(tmp_path / "pages"),
    )
    assert capsys.readouterr().out == "fetched 3 pages: 4 new trials; 2 organisations created\n"
    assert sorted(p.name for p in (tmp_path / "pages").iterdir()) == [
        "ctgov-00001.json",
        "ctgov-00002.json",
        "ctgov-00003.json",
    ]


def test_a_collaborator_naming_several_organisations_is_split(registry, tmp_path, monkeypatch):
    """The registry's free text sometimes holds several collaborators in one entry, joined by
    semicolons: each is an organisation of its own, the one already known resolving to it."""
    known = OrganizationFactory(id="severance", name="Severance Hospital", kind="hospital")
    one = study("NCT92000011")
    one["protocolSection"]["sponsorCollaboratorsModule"]["collaborators"] = [
        {"name": "Yonsei University; Severance Hospital", "class": "OTHER"},
        {"name": "Korea Health Industry Development Institute", "class": "OTHER_GOV"},
    ]
    monkeypatch.setitem(PAGES, None, page([one]))
    fetch_studies(
        query_params("Korea, Republic of"),
        tmp_path / "state.json",
        fetcher(registry, FakeClock()),
        max_pages=1,
    )
    trial = Trial.objects.get(pk="NCT92000011")
    assert sorted(trial.collaborators.values_list("name", flat=True)) == [
        "Korea Health Industry Development Institute",
        "Severance Hospital",
        "Yonsei University",
    ]
    assert trial.collaborators.get(name="Severance Hospital") == known
    assert Organization.objects.filter(name__contains=";").count() == 0
