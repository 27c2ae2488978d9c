"""`with_visible_asset`: a row names its asset only if the reader may see it, in one query."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from dari.directory.access import with_visible_asset
from dari.directory.models import Deal
from tests.factories import DealFactory

pytestmark = pytest.mark.django_db

SEEN = {
    "anonymous": ["as-public"],
    "stranger": ["as-members", "as-public"],
    "partner": ["as-members", "as-partners", "as-public"],
    "cda": ["as-cda", "as-members", "as-partners", "as-public"],
    "owner": ["as-cda", "as-members", "as-partners", "as-public"],
}


@pytest.fixture
def deals(leak_world):
    owner, partner = leak_world["orgs"][:2]
    for asset in leak_world["assets"].values():
        DealFactory(id=f"dl-{asset.pk}", licensor=owner, licensee=partner, asset=asset)
    DealFactory(id="dl-none", licensor=owner, licensee=partner, asset=None)
    return leak_world


@pytest.mark.parametrize("viewer", list(SEEN))
def test_each_viewer_sees_exactly_the_assets_it_may(deals, viewer, django_assert_num_queries):
    user = AnonymousUser() if viewer == "anonymous" else deals["users"][viewer]
    seen = SEEN[viewer]
    expected = [
        (f"dl-{a}", a, f"Secretmab {a[3:]}") if a in seen else (f"dl-{a}", None, None)
        for a in ("as-cda", "as-members", "as-partners", "as-public")
    ] + [("dl-none", None, None)]
    rows = with_visible_asset(Deal.objects.order_by("id"), user)
    # One query whoever reads: the funnel's lists are subqueries, the asset two columns.
    with django_assert_num_queries(1):
        got = [(d.pk, d.visible_asset_id, d.visible_asset_name) for d in rows]
    assert got == expected


def test_the_attribute_names_follow_to(deals):
    rows = with_visible_asset(Deal.objects.filter(pk="dl-as-cda"), None, to="shown_asset")
    assert [(d.shown_asset_id, d.shown_asset_name) for d in rows] == [(None, None)]
    rows = with_visible_asset(
        Deal.objects.filter(pk="dl-as-cda"), deals["users"]["cda"], via="asset", to="shown_asset"
    )
    assert [(d.shown_asset_id, d.shown_asset_name) for d in rows] == [("as-cda", "Secretmab cda")]


@pytest.mark.parametrize(
    ("url", "queries"),
    # home: + the generation, the reader's links (its cache key), the cache read and write
    # the API list: + its reader cache, cold (the generation, the kind of reader, read, write)
    [("/deals/", 8), ("/", 19), ("/api/deals", 13), ("/api/deals/dl-secret", 4)],
)
def test_a_cda_asset_behind_a_deal_is_named_to_nobody_else(
    client, leak_world, django_assert_num_queries, url, queries
):
    """The page and the API name no asset to a stranger, the CDA holder sees it, and both
    readers cost the same number of queries (nothing extra is fetched, nothing told apart)."""
    owner, partner = leak_world["orgs"][:2]
    DealFactory(id="dl-secret", licensor=owner, licensee=partner, asset=leak_world["assets"]["cda"])
    seen = {}
    for viewer in ("stranger", "cda"):
        client.force_login(leak_world["users"][viewer])
        with django_assert_num_queries(queries):
            response = client.get(url)
        assert response.status_code == 200
        seen[viewer] = (
            "as-cda" in response.content.decode(),
            "Secretmab cda" in response.content.decode(),
        )
    assert seen == {"stranger": (False, False), "cda": (True, True)}
