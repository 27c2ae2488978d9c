"""The review queue never names an asset a curator may not see: the asset another curator (a
vetted member of its organisation) linked at approval, or the asset a text matched at ingest
that has since been made confidential, reads exactly like no asset, in the API and the page."""

from __future__ import annotations

import json

import pytest

from dari.accounts.models import Role
from dari.curation.domain.ingest import ingest_text
from dari.curation.domain.queries import initial
from dari.curation.domain.review import approve
from dari.directory.models import Asset
from tests.curation.conftest import EN_DEAL, SOURCE
from tests.factories import UserFactory


@pytest.fixture
def insider(graph):
    """A curator who is a vetted member of Testbio: sees its members-only asset SECRET-77."""
    return UserFactory(username="insider", role=Role.CURATOR, organization=graph["testbio"])


def _seen(client, user, candidate_id):
    client.force_login(user)
    api = client.get(f"/api/review/{candidate_id}").content.decode()
    listed = client.get("/api/review", {"status": "all"}).content.decode()
    page = client.get(f"/curation/{candidate_id}/").content.decode()
    return api + listed + page


def test_an_asset_linked_by_another_curator_is_not_named(graph, curator, insider, client):
    (cand,) = ingest_text(EN_DEAL, SOURCE).candidates.all()
    approve(cand.pk, insider, {**initial(cand), "asset": "as-secret"})
    assert "as-secret" in _seen(client, insider, cand.pk)
    shown = _seen(client, curator, cand.pk)
    assert "as-secret" not in shown and "SECRET-77" not in shown
    assert json.loads(client.get(f"/api/review/{cand.pk}").content)["approved"]["asset"] == ""


def test_an_asset_made_confidential_after_ingest_is_not_named(graph, curator, client):
    (cand,) = ingest_text(EN_DEAL, SOURCE).candidates.all()
    assert cand.extracted["asset"] == "as-tb101"  # public when the text was read
    Asset.objects.filter(pk="as-tb101").update(visibility="members")
    shown = _seen(client, curator, cand.pk)
    assert "as-tb101" not in shown
    body = json.loads(client.get(f"/api/review/{cand.pk}").content)
    assert ("asset" in body["fields"], "asset" in body["evidence"]) == (False, False)
    assert body["proposed"]["asset"] == ""
