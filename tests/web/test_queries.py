"""N+1 guards: each list page makes the same number of queries for 5 rows as for 25."""

from __future__ import annotations

import pytest

from dari.directory.models import Facility, Investment, Program
from tests.factories import (
    AssetFactory,
    ClusterFactory,
    DealFactory,
    OrganizationFactory,
    UserFactory,
)


def populate(n):
    """n clusters, organisations, assets, deals, investments, facilities and programmes, all
    tied to one organisation ("org-hub") and one cluster ("cl-hub") as well."""
    hub_cluster = ClusterFactory(id="cl-hub")
    hub = OrganizationFactory(id="org-hub", cluster=hub_cluster)
    for i in range(n):
        cluster = ClusterFactory() if i else hub_cluster
        org = OrganizationFactory(cluster=cluster)
        OrganizationFactory(cluster=hub_cluster)
        AssetFactory(organization=hub, visibility="public")
        asset = AssetFactory(organization=org, visibility="members")
        DealFactory(licensor=hub, licensee=org, asset=asset)
        investment = Investment.objects.create(
            id=f"inv-{i}", recipient=hub, kind="seed", date="2024", investor_order=[org.pk]
        )
        investment.investors.set([org, hub])
        Facility.objects.create(
            id=f"fac-{i}", organization=hub, cluster=hub_cluster, name=f"F{i}", kind="laboratory"
        )
        Program.objects.create(id=f"prog-{i}", organizer=hub, name=f"P{i}", kind="training")


PAGES = {
    # url: queries for an anonymous visitor (a deal's visible asset is a subquery, not a query)
    # home, cold: + the generation, the cache read and the cache write (count, lookup, insert
    # and their savepoint); warm it answers from the cache (test_home_warm_query_count)
    "/": 15,
    "/clusters/": 5,
    "/clusters/cl-hub/": 8,
    "/organizations/": 5,
    "/organizations/org-hub/": 10,  # + its group (parent and members), one query
    # asset lists, cold, like home: count, page, facets (one grouped query), + the
    # generation, the cache read and write (7 in all)
    "/assets/": 10,
    # ranked matches with their count, the candidates' semantic texts, the page, facets (a
    # facet value chosen: a sample of every 8th match first, then the exact counts) + 7
    "/assets/?q=test&modality=antibody": 12,
    "/deals/": 4,
    "/investments/": 5,
}


@pytest.mark.parametrize("rows", [5, 25])
@pytest.mark.parametrize(("url", "queries"), PAGES.items())
def test_query_count_does_not_grow_with_rows(
    client, db, django_assert_num_queries, rows, url, queries
):
    populate(rows)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [5, 25])
def test_home_warm_query_count(client, db, django_assert_num_queries, rows):
    populate(rows)
    client.get("/")
    # the generation and the cache read
    with django_assert_num_queries(2):
        response = client.get("/")
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [5, 25])
def test_signed_in_asset_list_query_count(client, db, django_assert_num_queries, rows):
    populate(rows)
    client.force_login(UserFactory(organization=OrganizationFactory()))
    # + the session, the user, the verified address (once), the header organisation, the
    # reader's kind for the cache (who shares assets with its organisation, and whether it
    # holds any only it may see)
    with django_assert_num_queries(16):
        response = client.get("/assets/")
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [5, 25])
def test_asset_list_warm_query_count(client, db, django_assert_num_queries, rows):
    populate(rows)
    client.get("/assets/?modality=antibody")
    # the generation and the cache read: no count, no row, no facet
    with django_assert_num_queries(2):
        response = client.get("/assets/?modality=antibody")
    assert response.status_code == 200
