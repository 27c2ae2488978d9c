"""Amending a recorded deal (`update`) whose asset the curator may not see keeps that asset
link untouched: confirming the asset extracted from the text never overwrites it, and nothing
the curator gets back names it. Naming another asset the curator may see replaces it; a
curator who may see the recorded asset amends it as before."""

from __future__ import annotations

import pytest

from dari.accounts.models import Role
from dari.curation.domain.ingest import ingest_text
from dari.curation.domain.queries import initial
from dari.curation.domain.review import approve
from dari.directory.models import Deal
from tests.curation.conftest import EN_DEAL, SOURCE
from tests.factories import AssetFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cand(graph, old_deal):
    """dl-old (Testbio → Globalpharma) is about SECRET-77, members-only at Testbio; the text
    proposes the public TB-101."""
    Deal.objects.filter(pk="dl-old").update(asset_id="as-secret")
    (candidate,) = ingest_text(EN_DEAL, SOURCE).candidates.all()
    assert initial(candidate)["asset"] == "as-tb101"
    return candidate


def _amend(candidate, user, **given):
    return approve(candidate.pk, user, {**initial(candidate), "update": "dl-old", **given})


def test_confirming_the_proposed_asset_keeps_the_hidden_link(cand, curator):
    done = _amend(cand, curator)
    deal = Deal.objects.get(pk="dl-old")
    assert (deal.asset_id, deal.sources, done.record_id) == ("as-secret", [SOURCE], "dl-old")
    assert "as-secret" not in str(done.approved)


def test_the_api_amend_keeps_the_hidden_link_and_names_nothing(cand, curator, client):
    client.force_login(curator)
    response = client.post(
        f"/api/review/{cand.pk}/approve", {"update": "dl-old"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert "secret" not in response.content.decode().lower()
    assert Deal.objects.get(pk="dl-old").asset_id == "as-secret"


def test_an_asset_the_curator_chooses_and_may_see_replaces_it(cand, curator, graph):
    AssetFactory(id="as-tb102", organization=graph["testbio"], name="TB-102", visibility="public")
    _amend(cand, curator, asset="as-tb102")
    assert Deal.objects.get(pk="dl-old").asset_id == "as-tb102"


def test_a_curator_who_sees_the_asset_amends_it_as_before(cand, graph):
    insider = UserFactory(username="insider", role=Role.CURATOR, organization=graph["testbio"])
    _amend(cand, insider)
    assert Deal.objects.get(pk="dl-old").asset_id == "as-tb101"
