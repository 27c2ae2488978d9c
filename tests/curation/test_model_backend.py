"""A local model configured for the review queue (settings.EXTRACTION_MODEL_URL): ingesting
through the API, the pages and the command line sends the text to it, stores what passes the
checks marked as the model's, and shows the curator which fields it suggested. Without the
setting nothing is sent and the queue holds the rules' reading, byte for byte; a model that
fails is no error to the curator. The texts are SYNTHETIC (test organisations)."""

from __future__ import annotations

import io
import json
import logging

import pytest
from django.core.management import call_command
from django.test import override_settings

from dari.curation.domain.ingest import gazetteer
from dari.curation.models import Candidate
from dari.extraction import extract
from tests.curation.conftest import EN_DEAL, KO_DEAL, SOURCE
from tests.fakechat import FakeChat, completion

# The rules read $500 million as the total and miss the $40 million paid at closing.
EN = (
    "Globalpharma Inc. and Testbio Co., Ltd. signed an agreement on TB-101. Under the terms, "
    "the company pays $40 million on closing and as much as $500 million later as the "
    "programme advances."
)
GOOD = {
    "parties": [
        {"name": "Testbio Co., Ltd.", "role": "licensor"},
        {"name": "Globalpharma", "role": "licensee"},
        {"name": "Pfizer", "role": "licensee"},  # not in the text: dropped
    ],
    "upfront": "$40 million",
    "milestones": "$500 million",
    "total": None,
    "currency": "USD",
    "date": None,
}


def post(client, body):
    return client.post("/api/ingest", json.dumps(body), content_type="application/json")


def stored(c: Candidate) -> dict:
    return {
        "kind": c.kind,
        "fields": c.extracted,
        "evidence": c.evidence,
        "confidence": c.confidence,
        "spans": c.spans,
    }


def test_without_a_model_nothing_is_sent_and_the_rules_reading_is_stored(graph, curator, client):
    client.force_login(curator)
    with FakeChat(lambda body: completion(GOOD)) as server:
        for text in (EN_DEAL, KO_DEAL, EN):
            assert post(client, {"text": text, "source": SOURCE}).status_code == 201
            cand = Candidate.objects.latest("id")
            (rules,) = extract(text, gazetteer())
            # equal as JSON values (PostgreSQL's jsonb keeps no key order; the extraction's
            # own output is compared byte for byte in tests/extraction/test_model_backend.py)
            assert stored(cand) == json.loads(json.dumps(rules.as_json()))
            assert cand.suggested == []
            assert client.get(f"/api/review/{cand.pk}").json()["suggested"] == []
    assert server.requests == []


def test_the_models_suggestions_are_stored_and_shown_as_its_own(graph, curator, client):
    client.force_login(curator)
    with FakeChat(lambda body: completion(GOOD)) as server:
        with override_settings(EXTRACTION_MODEL_URL=server.url, EXTRACTION_MODEL_NAME="local"):
            response = post(client, {"text": EN, "source": SOURCE})
    assert response.status_code == 201
    (cand,) = response.json()["candidates"]
    assert cand["suggested"] == ["upfront", "milestones"]
    assert (cand["fields"]["upfront"], cand["fields"]["milestones"]) == (40_000_000, 500_000_000)
    assert cand["confidence"]["upfront"] == 0.4
    assert {p["organization"] for p in cand["fields"]["parties"]} == {"testbio", "globalpharma"}
    ((_, body),) = server.requests
    assert body["model"] == "local" and EN in body["messages"][1]["content"]
    row = Candidate.objects.get(pk=cand["id"])
    assert row.suggested == ["upfront", "milestones"]
    page = client.get(f"/curation/{row.pk}/").content.decode()
    assert page.count("suggested by the local model") == 2
    korean = client.get(f"/curation/{row.pk}/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert korean.count("로컬 모델이 제안함") == 2


def test_a_failing_model_is_no_error_to_the_curator(graph, curator, client, caplog):
    client.force_login(curator)
    with FakeChat(lambda body: (500, b"{}")) as server:
        with override_settings(EXTRACTION_MODEL_URL=server.url), caplog.at_level(logging.WARNING):
            response = client.post(
                "/curation/ingest", {"source": SOURCE, "text": KO_DEAL, "lang": "auto"}
            )
    assert response.status_code == 302
    cand = Candidate.objects.get()
    (rules,) = extract(KO_DEAL, gazetteer())
    assert stored(cand) == json.loads(json.dumps(rules.as_json()))
    assert cand.suggested == []
    assert len(server.requests) == 1
    assert (
        "suggested by the local model" not in client.get(f"/curation/{cand.pk}/").content.decode()
    )
    host = server.url.removeprefix("http://").removesuffix("/v1")
    assert [r.getMessage() for r in caplog.records if r.name == "dari.extraction.backend"] == [
        f"extraction model failed, the rules' candidates stand: {host} answered HTTP 500"
    ]


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


@pytest.mark.parametrize("configured", [False, True])
def test_the_command_line(graph, tmp_path, configured):
    path = tmp_path / "en.txt"
    path.write_text(EN, encoding="utf-8")
    with FakeChat(lambda body: completion(GOOD)) as server:
        with override_settings(EXTRACTION_MODEL_URL=server.url if configured else ""):
            dry = run("ingest", str(path), "--dry-run")
            done = run("ingest", str(path), "--json", "--source", SOURCE)
    (rules,) = extract(EN, gazetteer())
    if configured:
        assert dry["candidates"][0]["suggested"] == ["upfront", "milestones"]
        assert done["candidates"][0]["suggested"] == ["upfront", "milestones"]
        assert len(server.requests) == 2
    else:
        assert dry == {"candidates": [json.loads(json.dumps(rules.as_json()))]}
        assert "suggested" not in done["candidates"][0]
        assert server.requests == []
