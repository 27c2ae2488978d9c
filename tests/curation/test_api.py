"""The review queue in the API: curators only (403 otherwise, nothing else shown), errors in
the one shape naming the field, nothing written on a refusal."""

from __future__ import annotations

import json

import pytest

from dari.curation.models import Candidate
from dari.directory.models import Deal
from tests.curation.conftest import EN_DEAL, SOURCE


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_non_curators_get_403_and_nothing_else(graph, member, client):
    assert client.get("/api/review").status_code == 403
    client.force_login(member)
    assert post(client, "/api/ingest", {"text": EN_DEAL, "source": SOURCE}).status_code == 403
    assert not Candidate.objects.exists()


def test_ingest_review_approve_through_the_api(graph, curator, client):
    client.force_login(curator)
    response = post(client, "/api/ingest", {"text": EN_DEAL, "source": SOURCE})
    assert response.status_code == 201, response.content
    (cand,) = response.json()["candidates"]
    assert cand["fields"]["upfront"] == 40_000_000 and cand["proposed"]["upfront_usd_m"] == 40.0
    assert [c["id"] for c in client.get("/api/review").json()] == [cand["id"]]
    bad = post(client, f"/api/review/{cand['id']}/approve", {"deal_type": "marriage"})
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "deal_type"
    assert not Deal.objects.exists()
    ok = post(client, f"/api/review/{cand['id']}/approve", {"description": "TB-101 licence"})
    assert ok.json()["approved"]["upfront_usd_m"] == 40.0  # left out: as proposed
    assert ok.status_code == 200 and ok.json()["status"] == "approved"
    assert Deal.objects.get(pk=ok.json()["record"]).description == "TB-101 licence"
    again = post(client, f"/api/review/{cand['id']}/reject", {"reason": "x"})
    assert again.status_code == 409


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "", "source": SOURCE}, "text"),
        ({"text": EN_DEAL, "source": "https://docslib.org/d/1"}, "source"),
        ({"text": EN_DEAL, "source": SOURCE, "lang": "fr"}, "lang"),
    ],
)
def test_bad_ingestion_is_a_400_naming_the_field(graph, curator, client, body, field):
    client.force_login(curator)
    response = post(client, "/api/ingest", body)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field
    assert not Candidate.objects.exists()


def test_unapproved_records_show_nowhere_else(graph, curator, client):
    client.force_login(curator)
    post(
        client,
        "/api/ingest",
        {"text": EN_DEAL.replace("Globalpharma", "Newco Pharma"), "source": SOURCE},
    )
    client.logout()
    for url in ["/api/deals", "/api/organizations?q=Newco", "/deals/", "/organizations/"]:
        body = client.get(url).content.decode()
        assert "Newco Pharma" not in body
