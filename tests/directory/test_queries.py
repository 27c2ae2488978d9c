"""The directory's read side (`directory/domain/queries.py`): whole results, per viewer."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from dari.directory.domain import queries
from dari.directory.filters import AssetFilter
from dari.directory.models import Cluster, Deal, Facility, Investment
from tests.factories import (
    AssetFactory,
    ClusterFactory,
    DealFactory,
    OrganizationFactory,
    ProgramFactory,
    UserFactory,
    invest,
    link,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Two clusters; an owner in the first with a public and a CDA asset, a partner in the
    second, an organisation outside any cluster; deals, investments, a facility, programmes."""
    north = ClusterFactory(id="cl-north", name="North")
    south = ClusterFactory(id="cl-south", name="South")
    owner = OrganizationFactory(id="org-owner", name="Owner", cluster=north, country="KR")
    partner = OrganizationFactory(id="org-partner", name="Partner", cluster=south, country="US")
    loose = OrganizationFactory(id="org-loose", name="Loose", cluster=None, country="JP")
    AssetFactory(id="as-open", organization=owner, name="Openmab", visibility="public")
    AssetFactory(id="as-secret", organization=owner, name="Secretmab", visibility="cda")
    AssetFactory(id="as-loose", organization=loose, name="Loosemab", visibility="public")
    DealFactory(id="dl-1", licensor=owner, licensee=partner, asset_id="as-open", date="2024-03")
    DealFactory(id="dl-2", licensor=owner, licensee=partner, asset_id="as-secret", date="2025-06")
    DealFactory(id="dl-3", licensor=loose, licensee=partner, asset=None, date="2023")
    invest(owner, [partner, loose], id="inv-1", date="2025-01")
    invest(partner, [owner], id="inv-2", date="2022-05")
    Facility.objects.create(
        id="fac-1", organization=owner, cluster=north, name="Plant", kind="laboratory"
    )
    ProgramFactory(id="prog-1", organizer=owner, name="Accelerate", start="2025-01")
    ProgramFactory(id="prog-2", organizer=partner, name="Train", start="2024-01")
    cda_member = UserFactory(organization=OrganizationFactory(id="org-cda"))
    link(owner, cda_member.organization, "cda")
    return {"owner": owner, "partner": partner, "loose": loose, "cda": cda_member}


def _counts(counts):
    return {k: (c.organizations, c.assets, c.facilities, c.programs) for k, c in counts.items()}


def test_cluster_counts_count_only_visible_assets(world):
    assert _counts(queries.cluster_counts(AnonymousUser())) == {
        "cl-north": (1, 1, 1, 1),
        "cl-south": (1, 0, 0, 1),
        None: (2, 1, 0, 0),  # the loose organisation and the CDA member's
    }
    assert _counts(queries.cluster_counts(world["cda"], ["cl-north"])) == {"cl-north": (1, 2, 1, 1)}


def test_clusters_with_counts_and_totals(world):
    clusters, totals = queries.clusters_with_counts(world["cda"])
    assert [(c.pk, c.counts.assets) for c in clusters] == [("cl-north", 2), ("cl-south", 0)]
    assert (totals.organizations, totals.assets, totals.facilities, totals.programs) == (
        4,
        3,
        1,
        2,
    )


def test_assets_of_an_organisation(world):
    assert [a.pk for a in queries.assets_of(None, world["owner"])] == ["as-open"]
    assert [a.pk for a in queries.assets_of(world["cda"], world["owner"])] == [
        "as-open",
        "as-secret",
    ]
    assert queries.asset_ids_of(None, world["owner"]) == ["as-open"]
    assert queries.asset_ids_of(world["cda"], world["owner"]) == ["as-open", "as-secret"]
    ids = ["org-owner", "org-partner", "org-loose"]
    assert queries.organization_asset_counts(None, ids) == {"org-owner": 1, "org-loose": 1}
    assert queries.organization_asset_counts(world["cda"], ids) == {
        "org-owner": 2,
        "org-loose": 1,
    }


def _deals(deals):
    return [(d.pk, d.visible_asset_id, d.visible_asset_name) for d in deals]


def test_deals_name_their_asset_only_when_visible(world):
    assert _deals(queries.recent_deals(None)) == [
        ("dl-2", None, None),
        ("dl-1", "as-open", "Openmab"),
        ("dl-3", None, None),
    ]
    assert _deals(queries.recent_deals(world["cda"], 2)) == [
        ("dl-2", "as-secret", "Secretmab"),
        ("dl-1", "as-open", "Openmab"),
    ]
    assert _deals(queries.deals_of(None, world["owner"])) == [
        ("dl-2", None, None),
        ("dl-1", "as-open", "Openmab"),
    ]
    assert _deals(queries.deals_of(None, world["loose"])) == [("dl-3", None, None)]
    secret = queries.assets(world["cda"]).get(pk="as-secret")
    assert _deals(queries.deals_of_asset(world["cda"], secret)) == [
        ("dl-2", "as-secret", "Secretmab")
    ]
    assert _deals(queries.deals(None).order_by("id")) == [
        ("dl-1", "as-open", "Openmab"),
        ("dl-2", None, None),
        ("dl-3", None, None),
    ]


def test_investments_with_investors_in_source_order(world):
    def rows(investments):
        return [(i.pk, [o.pk for o in i.ordered_investors]) for i in investments]

    assert rows(queries.recent_investments()) == [
        ("inv-1", ["org-partner", "org-loose"]),
        ("inv-2", ["org-owner"]),
    ]
    assert rows(queries.investments_received(world["owner"])) == [
        ("inv-1", ["org-partner", "org-loose"])
    ]
    assert rows(queries.investments_made(world["owner"])) == [("inv-2", ["org-owner"])]


def test_choices_of_the_list_pages(world):
    assert queries.years_of(Deal.objects.all()) == ["2025", "2024", "2023"]
    assert queries.years_of(Investment.objects.all()) == ["2025", "2022"]
    assert queries.countries_of(Deal.objects.all(), "licensee__country") == ["US"]
    assert queries.countries_of(queries.organizations()) == ["JP", "KR", "US"]


def test_programmes_and_clusters(world):
    north = world["owner"].cluster
    assert [p.pk for p in queries.programs_of_cluster(north)] == ["prog-1"]
    assert [(p.pk, p.organizer.name) for p in queries.programs().order_by("id")] == [
        ("prog-1", "Owner"),
        ("prog-2", "Partner"),
    ]
    assert [(c.pk, c.organization_count) for c in queries.clusters().order_by("id")] == [
        ("cl-north", 1),
        ("cl-south", 1),
    ]


def test_asset_facets_count_the_visible_set(world):
    def shown(facets):
        return {f.name: {v: n for v, _, n in f.options if n} for f in facets}

    chosen = AssetFilter.from_params({"cluster": "cl-north"})
    assert shown(queries.asset_facets(None, chosen)) == {
        "therapeutic_area": {"oncology": 1},
        "modality": {"antibody": 1},
        "stage": {"phase1": 1},
        "seeking": {},
        "cluster": {"cl-north": 1},
        "country": {"KR": 1},
    }
    assert shown(queries.asset_facets(world["cda"], chosen)) == {
        "therapeutic_area": {"oncology": 2},
        "modality": {"antibody": 2},
        "stage": {"phase1": 2},
        "seeking": {},
        "cluster": {"cl-north": 2},
        "country": {"KR": 2},
    }


def test_the_cluster_facet_names_clusters_in_the_readers_language(world):
    Cluster.objects.filter(pk="cl-north").update(name_ko="북부")
    chosen = AssetFilter.from_params({})
    for language, name in (("ko", "북부"), ("en", "North")):
        with translation.override(language):
            facet = next(f for f in queries.asset_facets(None, chosen) if f.name == "cluster")
        assert [(v, text) for v, text, n in facet.options] == [("cl-north", name)]
