"""No N+1: every list answers in the same number of queries for 3 rows as for 30."""

from __future__ import annotations

import pytest

from tests.factories import (
    AssetFactory,
    ClusterFactory,
    DealFactory,
    FacilityFactory,
    OrganizationFactory,
    ProgramFactory,
    UserFactory,
    invest,
    link,
)

pytestmark = pytest.mark.django_db


def _clusters(n):
    for cluster in ClusterFactory.create_batch(n):
        OrganizationFactory.create_batch(2, cluster=cluster)


def _organizations(n):
    cluster = ClusterFactory()
    OrganizationFactory.create_batch(n, cluster=cluster)


def _assets(n):
    for _ in range(n):
        AssetFactory(organization=OrganizationFactory(cluster=ClusterFactory()))


def _deals(n):
    for i in range(n):
        DealFactory(asset=AssetFactory(visibility="public" if i % 2 else "cda"))


def _investments(n):
    for _ in range(n):
        invest(OrganizationFactory(), OrganizationFactory.create_batch(3))


def _facilities(n):
    for _ in range(n):
        FacilityFactory(cluster=ClusterFactory())


def _programs(n):
    for _ in range(n):
        ProgramFactory(organizer=OrganizationFactory())


# url, how to make n rows, queries (count, page, prefetches); each list is then kept for
# callers of the same kind until the directory changes: + the generation, the cache read and
# the cache write (count, lookup, insert and their savepoint): CACHED more, cold
CACHED = 7
LISTS = [
    ("/api/clusters", _clusters, 2),
    ("/api/organizations", _organizations, 2),
    ("/api/assets", _assets, 2),
    ("/api/deals", _deals, 2),
    ("/api/investments", _investments, 3),
    ("/api/facilities", _facilities, 2),
    ("/api/programs", _programs, 2),
]


@pytest.mark.parametrize("rows", [3, 30])
@pytest.mark.parametrize(("url", "make", "queries"), LISTS, ids=[u for u, _, _ in LISTS])
def test_anonymous_list_queries_do_not_grow_with_rows(
    client, django_assert_num_queries, url, make, queries, rows
):
    make(rows)
    with django_assert_num_queries(queries + CACHED):
        response = client.get(url)
    assert len(response.json()["items"]) == rows
    # warm: the generation and the cache read
    with django_assert_num_queries(2):
        again = client.get(url)
    assert again.json() == response.json()


@pytest.mark.parametrize("rows", [3, 30])
@pytest.mark.parametrize("url", ["/api/assets", "/api/deals"])
def test_signed_in_list_queries_do_not_grow_with_rows(client, django_assert_num_queries, url, rows):
    member = UserFactory()
    owner = OrganizationFactory()
    link(owner, member.organization)
    for i in range(rows):
        asset = AssetFactory(organization=owner, visibility=["partners", "cda"][i % 2])
        DealFactory(licensor=owner, asset=asset)
    client.force_login(member)
    # The session, the user and (once) their verified address are three queries; the
    # funnel's partner lists are subqueries; the caller's kind (its organisation's partner
    # lists) is one more.
    with django_assert_num_queries(3 + 2 + CACHED + 1):
        response = client.get(url)
    items = response.json()["items"]
    shown = [i["id"] for i in items] if url == "/api/assets" else [i["asset"] for i in items]
    # The partner sees the assets on its partner list (every other one), not the CDA ones.
    assert len([asset_id for asset_id in shown if asset_id]) == (rows + 1) // 2


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/api/clusters/cl-q", 1),
        ("/api/organizations/org-q", 2),  # the organisation, then its visible asset ids
        ("/api/assets/as-q", 1),
        ("/api/deals/dl-q", 1),
        ("/api/investments/inv-q", 2),  # the investment, then its investors
        ("/api/facilities/fac-q", 1),
        ("/api/programs/prog-q", 1),
    ],
)
def test_detail_queries(client, django_assert_num_queries, url, queries):
    cluster = ClusterFactory(id="cl-q")
    org = OrganizationFactory(id="org-q", cluster=cluster)
    AssetFactory.create_batch(5, organization=org)
    asset = AssetFactory(id="as-q", organization=org)
    DealFactory(id="dl-q", licensor=org, asset=asset)
    invest(org, OrganizationFactory.create_batch(4), id="inv-q")
    FacilityFactory(id="fac-q", organization=org, cluster=cluster)
    ProgramFactory(id="prog-q", organizer=org)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
