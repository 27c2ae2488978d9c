"""A curator who corrects a party on the approval form is told of the deal already recorded
between the corrected parties, as the page tells of one between the extracted parties: the
duplicate panel compared the extracted parties only, so changing a licensee the text named
in a subsidiary's name (메드이뮨 for AstraZeneca) to its directory id published a second
record of a deal the directory had."""

from __future__ import annotations

import pytest

from dari.curation.domain.ingest import ingest_text
from dari.curation.domain.queries import initial
from dari.directory.models import Deal
from tests.curation.conftest import EN_DEAL, SOURCE
from tests.factories import DealFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edited(graph):
    """A candidate whose licensee the text names under another name (a new organisation),
    and the deal the directory already has with the licensee's real id."""
    OrganizationFactory(id="bigpharma", name="Bigpharma", name_ko="빅파마")
    text = EN_DEAL.replace("Globalpharma Inc.", "Subsidiary Unit Ltd.")
    (cand,) = ingest_text(text, SOURCE).candidates.all()
    fields = initial(cand)
    assert fields["licensee"].startswith("new:")
    DealFactory(id="dl-known", licensor=graph["testbio"], licensee_id="bigpharma", date="2025-03")
    return cand, {k: "" if v is None else v for k, v in {**fields, "licensee": "bigpharma"}.items()}


def test_a_deal_recorded_between_the_edited_parties_stops_the_approval(edited, curator, client):
    cand, fields = edited
    client.force_login(curator)
    client.cookies["django_language"] = "ko"
    response = client.post(f"/curation/{cand.pk}/approve", fields)
    assert response.status_code == 400
    page = response.content.decode()
    assert "dl-known" in page and "별개의 거래" in page
    assert sorted(Deal.objects.values_list("pk", flat=True)) == ["dl-known"]
    cand.refresh_from_db()
    assert cand.status == "pending"


def test_the_curator_adds_it_as_a_separate_deal_or_amends_the_recorded_one(edited, curator, client):
    cand, fields = edited
    client.force_login(curator)
    response = client.post(f"/curation/{cand.pk}/approve", {**fields, "update": "dl-known"})
    assert response.status_code == 302
    assert sorted(Deal.objects.values_list("pk", flat=True)) == ["dl-known"]
    assert SOURCE in Deal.objects.get(pk="dl-known").sources


def test_a_separate_deal_is_added_when_the_curator_says_so(edited, curator, client):
    cand, fields = edited
    client.force_login(curator)
    response = client.post(f"/curation/{cand.pk}/approve", {**fields, "separate": "on"})
    assert response.status_code == 302
    assert Deal.objects.count() == 2
    cand.refresh_from_db()
    assert "separate" not in cand.approved


def test_parties_with_no_deal_near_that_date_are_approved_at_once(edited, curator, client):
    cand, fields = edited
    Deal.objects.filter(pk="dl-known").update(date="2019-06")
    client.force_login(curator)
    response = client.post(f"/curation/{cand.pk}/approve", fields)
    assert response.status_code == 302
    assert Deal.objects.count() == 2
