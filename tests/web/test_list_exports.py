"""The directory lists as CSV (with a byte-order mark) and XLSX, filtered like the page and
through the asset funnel: nothing the reader may not see."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.utils import translation

from tests.factories import AssetFactory, DealFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(db):
    org = OrganizationFactory(id="abl", name="ABL Bio", name_ko="에이비엘바이오")
    AssetFactory(organization=org, id="as-open", name="공개 항체")
    hidden = AssetFactory(
        organization=org, id="as-members", name="Members asset", visibility="members"
    )
    DealFactory(licensor=org, asset=hidden, id="dl-1")
    return org


def _csv(response):
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_assets_export_holds_only_visible_assets_in_both_formats(client, listed):
    rows = _csv(client.get("/assets/", {"format": "csv"}))
    assert [r[1] for r in rows[1:]] == ["공개 항체"]
    book = openpyxl.load_workbook(io.BytesIO(client.get("/assets/", {"format": "xlsx"}).content))
    names = [row[1] for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert names == ["공개 항체"]


def test_organisations_export_counts_visible_assets_and_keeps_the_filter(client, listed):
    OrganizationFactory(id="other", name="Other", kind="cro")
    rows = _csv(client.get("/organizations/", {"format": "csv", "kind": "biotech"}))
    header = rows[0]
    assert [(r[header.index("Korean name")], r[header.index("Assets")]) for r in rows[1:]] == [
        ("에이비엘바이오", "1")
    ]


def test_deals_export_never_names_a_hidden_asset(client, listed):
    rows = _csv(client.get("/deals/", {"format": "csv"}))
    header = rows[0]
    assert [(r[0], r[header.index("Asset")]) for r in rows[1:]] == [("dl-1", "")]


def test_asset_and_deal_exports_give_the_korean_name_of_an_organisation_beside_its_own(
    client, listed
):
    rows = _csv(client.get("/assets/", {"format": "csv"}))
    header = rows[0]
    assert [r[header.index("Organisation (Korean name)")] for r in rows[1:]] == ["에이비엘바이오"]
    rows = _csv(client.get("/deals/", {"format": "csv"}, HTTP_ACCEPT_LANGUAGE="ko"))
    header = rows[0]
    assert rows[1][header.index("기술 제공사(한국어 이름)")] == "에이비엘바이오"
    assert header.index("기술 도입사(한국어 이름)") == header.index("기술 도입사") + 1


def test_a_korean_readers_exports_name_clusters_cities_and_indications_as_the_pages_do(client):
    from tests.factories import ClusterFactory

    cluster = ClusterFactory(id="pangyo", name="Pangyo Techno Valley", name_ko="판교테크노밸리")
    org = OrganizationFactory(
        id="abl", name="ABL Bio", name_ko="에이비엘바이오", city="Seongnam", cluster=cluster
    )
    AssetFactory(organization=org, id="as-1", indications=["gastric cancer", "obesity"])
    with translation.override(None):
        orgs = _csv(client.get("/organizations/", {"format": "csv"}, HTTP_ACCEPT_LANGUAGE="ko"))
        assets = _csv(client.get("/assets/", {"format": "csv"}, HTTP_ACCEPT_LANGUAGE="ko"))
    head = orgs[0]
    assert [orgs[1][head.index(h)] for h in ("ID", "이름", "도시", "클러스터")] == [
        "abl",
        "ABL Bio",
        "성남",
        "판교테크노밸리",
    ]
    assert assets[1][assets[0].index("적응증")] == "위암; 비만"
