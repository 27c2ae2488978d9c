"""National targets' observations go through the same review as extracted records: a curator
proposes one (page, API or CLI), it waits in the queue unseen, and only an approval puts it
on the dashboard, with its provenance; bad input names its field and writes nothing."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from dari.curation.domain.errors import CurationError
from dari.curation.domain.observations import MAX_NOTE, propose_observation
from dari.curation.domain.review import approve, reject
from dari.curation.models import Candidate, Document
from dari.insights.bundled import load_targets
from dari.insights.models import Observation

TARGET = "biotech-ventures-2035"
SOURCE = "https://www.koreaherald.com/view.php?ud=SYNTHETIC-TEST"


@pytest.fixture
def targets(db):
    load_targets()


def added() -> list[Observation]:
    return list(Observation.objects.filter(target_id=TARGET))


def test_a_proposal_waits_unseen_until_approved_with_provenance(targets, curator, client):
    c = propose_observation(curator, TARGET, "2023-12-31", "512", SOURCE, "SYNTHETIC note")
    assert (c.kind, c.status, c.extracted["value"]) == ("observation", "pending", 512.0)
    assert added() == []
    assert "SYNTHETIC note" not in client.get("/insights/").content.decode()
    approve(c.pk, curator, {"target": TARGET, "date": "2023-12-31", "value": "510", "note": "n"})
    (o,) = added()
    assert (o.value, o.source, o.note, o.added_by) == (510.0, SOURCE, "n", curator)
    c.refresh_from_db()
    # Provenance: what was proposed, what was approved, who, when, and the record made.
    assert (c.status, c.extracted["value"], c.approved["value"]) == ("approved", 512.0, "510")
    assert (c.decided_by, c.record_id) == (curator, str(o.pk)) and c.decided_at
    assert SOURCE in client.get("/insights/").content.decode()


def test_a_rejected_proposal_never_shows(targets, curator):
    c = propose_observation(curator, TARGET, "2023-12-31", 512, SOURCE)
    reject(c.pk, curator, "the figure counts all ventures, not life-science ones")
    assert added() == [] and Candidate.objects.get(pk=c.pk).status == "rejected"


@pytest.mark.parametrize(
    ("target", "date", "value", "source", "field"),
    [
        ("nope", "2023-12-31", 1, SOURCE, "target"),
        (TARGET, "31/12/2023", 1, SOURCE, "date"),
        (TARGET, "1950-12-31", 1, SOURCE, "date"),
        (TARGET, "2023-12-31", "many", SOURCE, "value"),
        (TARGET, "2023-12-31", "nan", SOURCE, "value"),
        (TARGET, "2023-12-31", 1, "https://example.com/x", "source"),
        (TARGET, "2023-12-31", 1, "", "source"),
    ],
)
def test_bad_proposals_name_their_field_and_write_nothing(
    targets, curator, target, date, value, source, field
):
    with pytest.raises(CurationError) as raised:
        propose_observation(curator, target, date, value, source)
    assert raised.value.field == field
    assert not Document.objects.exists() and not Candidate.objects.exists()


def test_a_bad_approval_writes_nothing(targets, curator):
    c = propose_observation(curator, TARGET, "2023-12-31", 512, SOURCE)
    with pytest.raises(CurationError) as raised:
        approve(c.pk, curator, {"target": TARGET, "date": "2023-12-31", "value": "x"})
    assert raised.value.field == "value"
    assert added() == [] and Candidate.objects.get(pk=c.pk).status == "pending"


def test_an_approval_keeps_the_notes_limit(targets, curator):
    # The proposal's note is at most MAX_NOTE characters; a curator's edit at approval too.
    c = propose_observation(curator, TARGET, "2023-12-31", 512, SOURCE, "short")
    long = "가" * (MAX_NOTE + 1)
    with pytest.raises(CurationError) as raised:
        approve(c.pk, curator, {"target": TARGET, "date": "2023-12-31", "value": 512, "note": long})
    assert raised.value.field == "note"
    assert added() == [] and Candidate.objects.get(pk=c.pk).status == "pending"
    approve(c.pk, curator, {"target": TARGET, "date": "2023-12-31", "value": 512, "note": long[1:]})
    assert [len(o.note) for o in added()] == [MAX_NOTE]


def test_only_curators_propose_and_the_same_twice_is_refused(targets, curator, member):
    with pytest.raises(CurationError):
        propose_observation(member, TARGET, "2023-12-31", 512, SOURCE)
    propose_observation(curator, TARGET, "2023-12-31", 512, SOURCE)
    with pytest.raises(CurationError, match="already proposed"):
        propose_observation(curator, TARGET, "2023-12-31", 512, SOURCE)
    assert Candidate.objects.count() == 1


def test_the_candidate_page_approves_an_observation(targets, curator, client):
    c = propose_observation(curator, TARGET, "2023-12-31", 512, SOURCE)
    client.force_login(curator)
    html = client.get(f"/curation/{c.pk}/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "연간 바이오 벤처 창업" in html  # the target named in the reader's language
    assert '<mark class="evidence"' in html
    queue = client.get("/curation/").content.decode()
    assert f"{TARGET} · 2023-12-31 · 512" in queue
    bad = client.post(f"/curation/{c.pk}/approve", {"target": TARGET, "date": "", "value": "5"})
    assert bad.status_code == 400 and added() == []
    ok = client.post(
        f"/curation/{c.pk}/approve", {"target": TARGET, "date": "2023-12-31", "value": "512"}
    )
    assert ok.status_code == 302
    assert [o.value for o in added()] == [512.0]


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_api_proposes_and_approves(targets, curator, member, client):
    body = {"target": TARGET, "date": "2023-12-31", "value": 512, "source": SOURCE}
    client.force_login(member)
    assert post(client, "/api/review/observations", body).status_code == 403
    client.force_login(curator)
    bad = post(client, "/api/review/observations", {**body, "date": "2023-13-01"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "date"
    made = post(client, "/api/review/observations", body)
    assert made.status_code == 201, made.content
    cand = made.json()
    assert (cand["kind"], cand["proposed"]["value"]) == ("observation", 512.0)
    assert "biotech-ventures" not in json.dumps(
        [o for t in client.get("/api/insights/targets").json() for o in t["observations"]]
    )
    ok = post(client, f"/api/review/{cand['id']}/approve", {"value": 515})
    assert ok.status_code == 200 and ok.json()["status"] == "approved"
    assert [o.value for o in added()] == [515.0]


def test_the_cli_proposes_and_approves(targets, curator):
    out = io.StringIO()
    call_command(
        "review", "propose-observation", "--as-user", curator.username, "--target", TARGET,
        "--date", "2023-12-31", "--value", "512", "--source", SOURCE, stdout=out,
    )  # fmt: skip
    candidate_id = out.getvalue().strip()
    with pytest.raises(CommandError):
        call_command(
            "review", "propose-observation", "--as-user", curator.username, "--target", TARGET,
            "--date", "2023-12-31", "--value", "lots", "--source", SOURCE,
        )  # fmt: skip
    call_command("review", "approve", candidate_id, "--as-user", curator.username, stdout=out)
    assert [o.value for o in added()] == [512.0]
