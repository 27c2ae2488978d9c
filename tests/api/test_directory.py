"""The directory endpoints: records in the dari-directory/1 shape plus extras, filters, pages."""

from __future__ import annotations

from datetime import datetime

import pytest

from dari.core.names import interest_in_korean
from dari.directory.interchange import validate_document
from tests.api.conftest import ids
from tests.factories import (
    AssetFactory,
    ClusterFactory,
    DealFactory,
    FacilityFactory,
    OrganizationFactory,
    ProgramFactory,
    invest,
)

pytestmark = pytest.mark.django_db

EXTRAS = {
    "clusters": {"organization_count", "updated"},
    "organizations": {
        "cluster_name",
        "description_ko",
        "interest_description_ko",
        "asset_ids",
        "updated",
    },
    "assets": {"organization_name", "cluster", "updated"},
    "deals": {"licensor_name", "licensee_name", "asset_name", "updated"},
    "investments": {"recipient_name", "investor_names", "updated"},
    "facilities": {"organization_name", "cluster_name", "updated"},
    "programs": {"organizer_name", "updated"},
}


@pytest.fixture
def world(db):
    """A small directory with every kind of record and every optional field somewhere."""
    songdo = ClusterFactory(
        id="cl-songdo",
        name="Songdo",
        name_ko="송도",
        region="Incheon",
        focus=["biologics"],
        founded=2003,
        sources=["https://example.org/songdo"],
    )
    osong = ClusterFactory(id="cl-osong", name="Osong", country="KR")
    celltrion = OrganizationFactory(
        id="org-cell",
        name="Celltrion",
        name_ko="셀트리온",
        kind="pharma",
        cluster=songdo,
        city="Incheon",
        therapeutic_areas=["oncology"],
        modalities=["antibody"],
        interest_stages=["phase1"],
        interest_description="ADC partners",
        employees=2500,
        listed="KRX",
        search_text=" celltrion 셀트리온 biosimilar ",
    )
    abl = OrganizationFactory(
        id="org-abl", name="ABL Bio", cluster=osong, search_text=" abl bio bispecific "
    )
    sanofi = OrganizationFactory(id="org-sanofi", name="Sanofi", kind="pharma", country="FR")
    fund = OrganizationFactory(id="org-fund", name="KB Fund", kind="investor")
    AssetFactory(
        id="as-abl301",
        organization=abl,
        name="ABL301",
        description="Grabody-B",
        modality="bispecific_antibody",
        therapeutic_area="neurology",
        stage="phase1",
        targets=["alpha-synuclein"],
        indications=["Parkinson's disease"],
        seeking=["license"],
        territories=["worldwide"],
        available=True,
        sources=["https://example.org/abl301"],
    )
    AssetFactory(id="as-ct-p10", organization=celltrion, name="CT-P10", stage="approved")
    DealFactory(
        id="dl-abl-sanofi",
        date="2022-01-12",
        licensor=abl,
        licensee=sanofi,
        asset_id="as-abl301",
        upfront_usd_m=75.0,
        total_value_usd_m=1060.0,
        status="active",
    )
    DealFactory(id="dl-old", date="2019-05", licensor=celltrion, licensee=abl, deal_type="option")
    invest(abl, [fund, sanofi], id="inv-abl", kind="series_c", date="2021-02", amount_usd_m=20.5)
    invest(celltrion, [fund], id="inv-cell", kind="ipo", date="2018-07", currency="KRW")
    FacilityFactory(
        id="fac-plant",
        organization=celltrion,
        name="Plant 1",
        cluster=songdo,
        kind="gmp_manufacturing",
        capabilities=["mammalian cell culture"],
        shared_access=False,
    )
    FacilityFactory(id="fac-lab", organization=abl, name="Lab", kind="laboratory")
    ProgramFactory(id="prog-acc", name="K-Bio Accelerator", organizer=celltrion, start="2025-03")
    ProgramFactory(id="prog-conf", name="Bio Korea", kind="conference", start="2024-05")


def unstamped(record):
    """The record without its `updated` time, after checking that it is an ISO date-time."""
    record = dict(record)
    datetime.fromisoformat(record.pop("updated").replace("Z", "+00:00"))
    return record


def get(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200, response.content
    return response.json()


# Records ---------------------------------------------------------------------------------------


def test_asset_record_is_the_contract_record_plus_extras(world, client):
    assert unstamped(get(client, "/api/assets/as-abl301")) == {
        "id": "as-abl301",
        "organization": "org-abl",
        "name": "ABL301",
        "description": "Grabody-B",
        "modality": "bispecific_antibody",
        "targets": ["alpha-synuclein"],
        "therapeutic_area": "neurology",
        "indications": ["Parkinson's disease"],
        "stage": "phase1",
        "partnering": {"seeking": ["license"], "territories": ["worldwide"], "available": True},
        "visibility": "public",
        "sources": ["https://example.org/abl301"],
        "organization_name": "ABL Bio",
        "cluster": "cl-osong",
    }


def test_organization_record_leaves_empty_values_out(world, client):
    assert unstamped(get(client, "/api/organizations/org-cell")) == {
        "id": "org-cell",
        "name": "Celltrion",
        "name_ko": "셀트리온",
        "kind": "pharma",
        "country": "KR",
        "city": "Incheon",
        "cluster": "cl-songdo",
        "therapeutic_areas": ["oncology"],
        "modalities": ["antibody"],
        "interests": {"stages": ["phase1"], "description": "ADC partners"},
        "employees": 2500,
        "listed": "KRX",
        "cluster_name": "Songdo",
        "asset_ids": ["as-ct-p10"],
    }


def test_a_bundled_statement_of_interest_comes_in_korean_too(db, client):
    """What a bundled organisation seeks has Dari's Korean rendering beside it (as the pages
    show a Korean reader), until an edit changes the English."""
    english = (
        "Selects Korean biotechs for its Biotech Innovator Award within the health ministry's"
        " K-Biopharma Next Bridge programme."
    )
    org = OrganizationFactory(id="abbvie", name="AbbVie", interest_description=english)
    korean = interest_in_korean(org)
    assert korean.startswith("보건복지부의 K-바이오파마 넥스트 브릿지")
    record = get(client, "/api/organizations/abbvie")
    assert record["interests"] == {"description": english}
    assert record["interest_description_ko"] == korean
    listed = get(client, "/api/organizations")["items"]
    assert [r.get("interest_description_ko") for r in listed] == [korean]
    org.interest_description = "Seeks oncology assets."
    org.save()
    assert "interest_description_ko" not in get(client, "/api/organizations/abbvie")


def test_deal_investment_facility_programme_and_cluster_records(world, client):
    assert unstamped(get(client, "/api/deals/dl-abl-sanofi")) == {
        "id": "dl-abl-sanofi",
        "date": "2022-01-12",
        "licensor": "org-abl",
        "licensee": "org-sanofi",
        "asset": "as-abl301",
        "deal_type": "license",
        "upfront_usd_m": 75.0,
        "total_value_usd_m": 1060.0,
        "status": "active",
        "licensor_name": "ABL Bio",
        "licensee_name": "Sanofi",
        "asset_name": "ABL301",
    }
    assert unstamped(get(client, "/api/investments/inv-abl")) == {
        "id": "inv-abl",
        "date": "2021-02",
        "recipient": "org-abl",
        "investors": ["org-fund", "org-sanofi"],
        "kind": "series_c",
        "amount_usd_m": 20.5,
        "recipient_name": "ABL Bio",
        "investor_names": ["KB Fund", "Sanofi"],
    }
    assert unstamped(get(client, "/api/facilities/fac-plant")) == {
        "id": "fac-plant",
        "organization": "org-cell",
        "name": "Plant 1",
        "cluster": "cl-songdo",
        "kind": "gmp_manufacturing",
        "capabilities": ["mammalian cell culture"],
        "shared_access": False,
        "organization_name": "Celltrion",
        "cluster_name": "Songdo",
    }
    assert unstamped(get(client, "/api/programs/prog-conf")) == {
        "id": "prog-conf",
        "name": "Bio Korea",
        "kind": "conference",
        "start": "2024-05",
        "organizer_name": None,
    }
    assert unstamped(get(client, "/api/clusters/cl-songdo")) == {
        "id": "cl-songdo",
        "name": "Songdo",
        "name_ko": "송도",
        "region": "Incheon",
        "country": "KR",
        "focus": ["biologics"],
        "founded": 2003,
        "sources": ["https://example.org/songdo"],
        "organization_count": 1,
    }


def test_investors_keep_the_order_of_the_source(world, client):
    assert get(client, "/api/investments/inv-abl")["investors"] == ["org-fund", "org-sanofi"]


@pytest.mark.parametrize("section", list(EXTRAS))
def test_records_without_extras_validate_against_dari_directory_1(world, client, section):
    page = get(client, f"/api/{section}")
    items = page["items"]
    assert len(items) == page["count"] > 1
    records = [{k: v for k, v in item.items() if k not in EXTRAS[section]} for item in items]
    # A deal whose asset is hidden or absent says null, which the contract allows.
    assert validate_document({"format": "dari-directory/1", section: records}) == []


def test_korean_text_is_sent_as_utf8_not_escaped(world, client):
    response = client.get("/api/clusters/cl-songdo")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "송도".encode() in response.content


# Lists and filters -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/api/clusters", ["cl-osong", "cl-songdo"]),
        ("/api/organizations", ["org-abl", "org-cell", "org-fund", "org-sanofi"]),
        ("/api/assets", ["as-abl301", "as-ct-p10"]),
        ("/api/deals", ["dl-abl-sanofi", "dl-old"]),
        ("/api/investments", ["inv-abl", "inv-cell"]),
        ("/api/facilities", ["fac-lab", "fac-plant"]),
        ("/api/programs", ["prog-acc", "prog-conf"]),
    ],
)
def test_lists_in_their_order(world, client, url, expected):
    response = client.get(url)
    assert ids(response) == expected
    assert response.json()["count"] == len(expected)


@pytest.mark.parametrize(
    ("url", "params", "expected"),
    [
        ("/api/clusters", {"country": "kr"}, ["cl-osong", "cl-songdo"]),
        ("/api/organizations", {"q": "셀트리온"}, ["org-cell"]),
        ("/api/organizations", {"q": "biosim"}, ["org-cell"]),
        ("/api/organizations", {"q": "abl bio"}, ["org-abl"]),
        ("/api/organizations", {"q": "KB"}, ["org-fund"]),
        ("/api/organizations", {"kind": "pharma"}, ["org-cell", "org-sanofi"]),
        ("/api/organizations", {"country": "fr"}, ["org-sanofi"]),
        ("/api/organizations", {"cluster": "cl-songdo"}, ["org-cell"]),
        ("/api/organizations", {"kind": "pharma", "country": "KR"}, ["org-cell"]),
        ("/api/assets", {"q": "grabody"}, ["as-abl301"]),
        ("/api/assets", {"q": "celltrion"}, ["as-ct-p10"]),
        ("/api/assets", {"modality": "bispecific_antibody"}, ["as-abl301"]),
        ("/api/assets", {"therapeutic_area": "oncology"}, ["as-ct-p10"]),
        ("/api/assets", {"stage": "approved"}, ["as-ct-p10"]),
        ("/api/assets", {"cluster": "cl-osong"}, ["as-abl301"]),
        ("/api/assets", {"seeking": "license"}, ["as-abl301"]),
        ("/api/assets", {"organization": "org-cell"}, ["as-ct-p10"]),
        ("/api/assets", {"country": "FR"}, []),
        ("/api/assets", {"sort": "-stage"}, ["as-ct-p10", "as-abl301"]),  # approved before phase 1
        ("/api/assets", {"sort": "organization"}, ["as-abl301", "as-ct-p10"]),
        ("/api/deals", {"year": "2022"}, ["dl-abl-sanofi"]),
        ("/api/deals", {"deal_type": "option"}, ["dl-old"]),
        ("/api/deals", {"country": "fr"}, ["dl-abl-sanofi"]),
        ("/api/deals", {"licensor": "org-cell"}, ["dl-old"]),
        ("/api/deals", {"licensee": "org-sanofi"}, ["dl-abl-sanofi"]),
        ("/api/investments", {"kind": "ipo"}, ["inv-cell"]),
        ("/api/investments", {"recipient": "org-abl"}, ["inv-abl"]),
        ("/api/investments", {"year": "2018"}, ["inv-cell"]),
        ("/api/investments", {"investor": "org-fund"}, ["inv-abl", "inv-cell"]),
        ("/api/investments", {"investor": "org-sanofi"}, ["inv-abl"]),
        ("/api/investments", {"country": "KR", "year": "2021"}, ["inv-abl"]),
        ("/api/facilities", {"kind": "gmp_manufacturing"}, ["fac-plant"]),
        ("/api/facilities", {"organization": "org-abl"}, ["fac-lab"]),
        ("/api/facilities", {"cluster": "cl-songdo"}, ["fac-plant"]),
        ("/api/programs", {"kind": "conference"}, ["prog-conf"]),
        ("/api/programs", {"organizer": "org-cell"}, ["prog-acc"]),
        ("/api/programs", {"year": "2025"}, ["prog-acc"]),
    ],
)
def test_list_filters(world, client, url, params, expected):
    response = client.get(url, params)
    assert ids(response) == expected
    assert response.json()["count"] == len(expected)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/api/clusters/cl-osong", "cl-osong"),
        ("/api/organizations/org-abl", "org-abl"),
        ("/api/assets/as-ct-p10", "as-ct-p10"),
        ("/api/deals/dl-old", "dl-old"),
        ("/api/investments/inv-cell", "inv-cell"),
        ("/api/facilities/fac-lab", "fac-lab"),
        ("/api/programs/prog-acc", "prog-acc"),
    ],
)
def test_details_by_stable_id(world, client, url, expected):
    assert get(client, url)["id"] == expected


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("/api/clusters/cl-nowhere", "cluster"),
        ("/api/organizations/org-nobody", "organization"),
        ("/api/assets/as-nothing", "asset"),
        ("/api/deals/dl-never", "deal"),
        ("/api/investments/inv-none", "investment"),
        ("/api/facilities/fac-gone", "facility"),
        ("/api/programs/prog-over", "program"),
    ],
)
def test_missing_details_are_json_404s(world, client, url, kind):
    response = client.get(url)
    missing_id = url.rsplit("/", 1)[1]
    assert (response.status_code, response.json()) == (
        404,
        {"detail": f"Not found: {kind} '{missing_id}'", "errors": []},
    )


def test_ids_with_dots_and_colons_are_echoed_as_given(db, client):
    AssetFactory(id="as:kr.2025-01")
    assert get(client, "/api/assets/as:kr.2025-01")["id"] == "as:kr.2025-01"
    assert client.get("/api/assets/as:KR.2025-01").json() == {
        "detail": "Not found: asset 'as:KR.2025-01'",
        "errors": [],
    }


# Pagination ------------------------------------------------------------------------------------


def test_pages_link_to_next_and_previous_keeping_the_filters(db, client):
    for n in range(7):
        OrganizationFactory(id=f"org-{n}", name=f"Pharma {n}", kind="pharma")
    OrganizationFactory(id="org-other", name="Another", kind="cro")

    first = get(client, "/api/organizations", {"kind": "pharma", "limit": 3})
    assert [o["id"] for o in first["items"]] == ["org-0", "org-1", "org-2"]
    assert (first["count"], first["previous"]) == (7, None)
    assert first["next"] == "http://testserver/api/organizations?kind=pharma&limit=3&offset=3"

    second = get(client, first["next"])
    assert [o["id"] for o in second["items"]] == ["org-3", "org-4", "org-5"]
    assert second["previous"] == "http://testserver/api/organizations?kind=pharma&limit=3&offset=0"
    assert second["next"] == "http://testserver/api/organizations?kind=pharma&limit=3&offset=6"

    last = get(client, second["next"])
    assert [o["id"] for o in last["items"]] == ["org-6"]
    assert (last["count"], last["next"]) == (7, None)

    beyond = get(client, "/api/organizations", {"kind": "pharma", "offset": 10})
    assert (beyond["count"], beyond["items"], beyond["next"]) == (7, [], None)
    assert beyond["previous"] == "http://testserver/api/organizations?kind=pharma&offset=0&limit=50"


def test_default_limit_is_50_and_500_is_the_most(db, client):
    OrganizationFactory.create_batch(51)
    default = get(client, "/api/organizations")
    assert (len(default["items"]), default["count"]) == (50, 51)
    assert default["next"] == "http://testserver/api/organizations?limit=50&offset=50"
    assert len(get(client, "/api/organizations", {"limit": 500})["items"]) == 51
    assert client.get("/api/organizations", {"limit": 501}).status_code == 400
