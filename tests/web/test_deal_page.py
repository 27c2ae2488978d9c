"""A deal's own page: parties, terms as stated, description and sources, in both languages."""

from __future__ import annotations

import pytest

from dari.directory.models import Deal
from tests.factories import OrganizationFactory


@pytest.fixture
def deal(db):
    licensor = OrganizationFactory(id="org-abl", name="ABL Bio", name_ko="에이비엘바이오")
    licensee = OrganizationFactory(id="org-sanofi", name="Sanofi", country="FR")
    return Deal.objects.create(
        id="dl-abl-sanofi",
        date="2022-01-12",
        licensor=licensor,
        licensee=licensee,
        deal_type="license",
        upfront_usd_m=75,
        total_value_usd_m=1060,
        currency="KRW",
        upfront_local=9e10,
        description="Global rights to ABL301 for Parkinson's disease.",
        sources=["https://www.sanofi.com/en/media-room/press-releases/2022/abl"],
    )


def test_deal_page_shows_terms_description_and_sources(client, deal):
    response = client.get("/deals/dl-abl-sanofi/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "ABL Bio – Sanofi" in html
    assert "1,060" in html and "75" in html
    assert "as stated: KRW 90bn" in html
    assert "Global rights to ABL301" in html
    assert 'href="https://www.sanofi.com/en/media-room/press-releases/2022/abl"' in html


def test_deal_page_in_korean_names_korean_parties_in_korean(client, deal):
    client.cookies["django_language"] = "ko"
    html = client.get("/deals/dl-abl-sanofi/").content.decode()
    assert "에이비엘바이오 – Sanofi" in html
    assert "원문 기준: 900억 원" in html


def test_the_deals_table_and_the_home_feed_link_each_deal_to_its_page(client, deal):
    for page in ("/deals/", "/"):
        html = client.get(page).content.decode()
        assert 'href="/deals/dl-abl-sanofi/"' in html, page


def test_an_unknown_deal_is_the_site_s_translated_404(client, db):
    response = client.get("/deals/dl-nothing/")
    assert response.status_code == 404
    client.cookies["django_language"] = "ko"
    response = client.get("/deals/dl-nothing/")
    assert response.status_code == 404 and "<h1>찾을 수 없음</h1>" in response.content.decode()


def test_an_acquisition_names_its_seller_and_its_acquirer(client, deal):
    Deal.objects.filter(pk=deal.pk).update(deal_type="acquisition")
    html = client.get("/deals/dl-abl-sanofi/").content.decode()
    assert "<dt>Seller or target</dt>" in html and "<dt>Acquirer</dt>" in html
    assert "<dt>Licensor</dt>" not in html
    client.cookies["django_language"] = "ko"
    html = client.get("/deals/dl-abl-sanofi/").content.decode()
    assert "<dt>매도자·인수 대상</dt>" in html and "<dt>인수자</dt>" in html
