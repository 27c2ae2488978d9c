"""A non-public asset never counts in ecosystem charts or capability profiles for people who
may not see it (leak_world: one asset of each visibility beside the queries)."""

from __future__ import annotations

import pytest

from dari.insights.domain import analytics, network
from tests.factories import ClusterFactory, DealFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clustered(leak_world):
    owner = leak_world["orgs"][0]
    owner.cluster = ClusterFactory(id="cl-leak", name="Leak Cluster")
    owner.save()
    licensee = OrganizationFactory(id="org-licensee", kind="pharma", country="US")
    DealFactory(id="dl-cda", date="2025-01", licensor=owner, licensee=licensee,
                asset=leak_world["assets"]["cda"], total_value_usd_m=99.0)  # fmt: skip
    return leak_world


EXPECTED = {
    None: 1,
    "loner": 1,
    "unverified": 1,
    "pending": 1,
    "removed": 1,
    "stranger": 2,
    "partner": 3,
    "cda": 4,
    "owner": 4,
}


@pytest.mark.parametrize("who", list(EXPECTED))
def test_asset_charts_count_only_what_the_viewer_may_see(clustered, who):
    user = clustered["users"][who] if who else None
    for dimension in ("stage", "modality"):
        rows = analytics.assets_by_cluster(user, dimension)
        assert sum(r["assets"] for r in rows) == EXPECTED[who]
    profile = network.cluster_profile(clustered["orgs"][0].cluster, user)
    assert profile["assets"] == EXPECTED[who]
    assert sum(r["count"] for r in profile["modalities"]) == EXPECTED[who]


@pytest.mark.parametrize(("who", "modality"), [(None, ""), ("stranger", ""), ("cda", "antibody")])
def test_a_deal_names_its_assets_modality_only_to_those_who_may_see_it(clustered, who, modality):
    user = clustered["users"][who] if who else None
    assert [r["key"] for r in analytics.deals_by_modality(user)] == [modality]
    expected = [] if not modality else [("2025", 1)]
    f = analytics.Filters(modality="antibody")
    assert [(r["key"], r["deals"]) for r in analytics.deals_by_year(user, f)] == expected


def test_pages_and_csv_for_anonymous_and_strangers_never_count_hidden_assets(clustered, client):
    csv = client.get("/insights/ecosystem/?format=csv&chart=assets-stage").content.decode(
        "utf-8-sig"
    )
    assert csv == "Cluster,Stage,Assets\r\nLeak Cluster,Phase 1,1\r\n"
    csv = client.get("/insights/clusters/cl-leak/?format=csv&chart=modalities").content.decode(
        "utf-8-sig"
    )
    assert csv == "Modality,Assets\r\nAntibody,1\r\n"
    client.force_login(clustered["users"]["stranger"])
    csv = client.get("/insights/ecosystem/?format=csv&chart=assets-modality").content.decode(
        "utf-8-sig"
    )
    assert csv == "Cluster,Modality,Assets\r\nLeak Cluster,Antibody,2\r\n"
    csv = client.get("/insights/ecosystem/?format=csv&chart=deals-modality").content.decode(
        "utf-8-sig"
    )
    assert csv == "Modality,Deals,Total value (USD m)\r\nNot stated,1,99.0\r\n"
    page = client.get("/insights/clusters/cl-leak/").content.decode("utf-8-sig")
    assert "Secretmab" not in page
