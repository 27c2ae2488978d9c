"""Leak tests: beside assets of every visibility, each caller gets exactly what the access
funnel allows, in lists, counts, searches, filters, details, organisations and deals; a refused
asset answers exactly like a missing one."""

from __future__ import annotations

import pytest

from tests.api.conftest import ids
from tests.factories import DealFactory, OrganizationFactory, UserFactory

# What each leak_world caller may see of the owner's four assets (as-<visibility>), by name.
VISIBLE = {
    None: ["as-public"],
    "loner": ["as-public"],
    "unverified": ["as-public"],
    "pending": ["as-public"],
    "removed": ["as-public"],
    "stranger": ["as-members", "as-public"],
    "partner": ["as-members", "as-partners", "as-public"],
    "cda": ["as-cda", "as-members", "as-partners", "as-public"],
    "owner": ["as-cda", "as-members", "as-partners", "as-public"],
}
CALLERS = list(VISIBLE)
ALL_ASSETS = ["as-cda", "as-members", "as-partners", "as-public"]


@pytest.mark.parametrize("caller", CALLERS)
def test_asset_list_and_count_are_the_visible_set(as_user, caller):
    response = as_user(caller).get("/api/assets")
    assert ids(response) == VISIBLE[caller]
    assert response.json()["count"] == len(VISIBLE[caller])


@pytest.mark.parametrize("caller", CALLERS)
def test_asset_search_finds_only_visible_assets(as_user, caller):
    response = as_user(caller).get("/api/assets", {"q": "secretmab"})
    assert ids(response) == VISIBLE[caller]
    assert response.json()["count"] == len(VISIBLE[caller])


@pytest.mark.parametrize("caller", CALLERS)
def test_asset_filters_narrow_the_visible_set_only(as_user, caller):
    params = {
        "organization": "org-owner",
        "modality": "antibody",
        "therapeutic_area": "oncology",
        "stage": "phase1",
        "country": "kr",
        "sort": "-name",
    }
    response = as_user(caller).get("/api/assets", params)
    assert ids(response) == sorted(VISIBLE[caller], reverse=True)
    assert response.json()["count"] == len(VISIBLE[caller])


@pytest.mark.parametrize("caller", CALLERS)
def test_asset_pages_count_the_visible_set(as_user, caller):
    response = as_user(caller).get("/api/assets", {"limit": 1, "offset": 0})
    body = response.json()
    assert (body["count"], len(body["items"])) == (len(VISIBLE[caller]), 1)
    assert (body["next"] is None) == (len(VISIBLE[caller]) == 1)


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("asset_id", ALL_ASSETS)
def test_refused_asset_answers_exactly_like_a_missing_one(as_user, caller, asset_id):
    client = as_user(caller)
    response = client.get(f"/api/assets/{asset_id}")
    if asset_id in VISIBLE[caller]:
        assert response.status_code == 200
        assert response.json()["id"] == asset_id
        return
    missing_id = asset_id.replace("as-", "zz-")  # same length, no such asset
    missing = client.get(f"/api/assets/{missing_id}")
    assert (response.status_code, missing.status_code) == (404, 404)
    assert response.json() == {"detail": f"Not found: asset '{asset_id}'", "errors": []}
    assert response.content.replace(asset_id.encode(), b"X") == missing.content.replace(
        missing_id.encode(), b"X"
    )
    # Every response has its own X-Request-ID (dari.ops.middleware); all else is the same.
    assert sorted((k, v) for k, v in response.headers.items() if k != "X-Request-ID") == sorted(
        (k, v) for k, v in missing.headers.items() if k != "X-Request-ID"
    )


@pytest.mark.parametrize("caller", CALLERS)
def test_organization_lists_only_visible_asset_ids(as_user, caller):
    response = as_user(caller).get("/api/organizations/org-owner")
    assert response.status_code == 200
    assert response.json()["asset_ids"] == VISIBLE[caller]


@pytest.mark.parametrize("caller", CALLERS)
def test_deal_names_its_asset_only_to_those_who_may_see_it(as_user, leak_world, caller):
    owner, partner, *_ = leak_world["orgs"]
    DealFactory(id="dl-secret", licensor=owner, licensee=partner, asset=leak_world["assets"]["cda"])
    DealFactory(id="dl-none", licensor=owner, licensee=partner, asset=None, date="2024-01")
    client = as_user(caller)
    listed = client.get("/api/deals")
    detail = client.get("/api/deals/dl-secret")
    assert ids(listed) == ["dl-secret", "dl-none"]
    secret, no_asset = listed.json()["items"]
    assert detail.json() == secret
    if "as-cda" in VISIBLE[caller]:
        assert (secret["asset"], secret["asset_name"]) == ("as-cda", "Secretmab cda")
    else:
        assert (secret["asset"], secret["asset_name"]) == (None, None)
        # Nothing tells a hidden asset from no asset at all.
        differing = {"id", "date", "updated"}
        assert {k: v for k, v in secret.items() if k not in differing} == {
            k: v for k, v in no_asset.items() if k not in differing
        }
        assert b"as-cda" not in listed.content + detail.content
    assert (no_asset["asset"], no_asset["asset_name"]) == (None, None)


def test_stranger_cannot_find_a_deal_asset_by_filtering(as_user, leak_world):
    owner, partner, _, stranger_org = leak_world["orgs"]
    DealFactory(id="dl-secret", licensor=owner, licensee=partner, asset=leak_world["assets"]["cda"])
    response = as_user("stranger").get("/api/deals", {"licensor": "org-owner", "asset": "as-cda"})
    assert ids(response) == ["dl-secret"]
    assert response.json()["items"][0]["asset"] is None


def test_inactive_user_sees_what_anonymous_sees(leak_world, client):
    user = leak_world["users"]["owner"]
    user.is_active = False
    user.save()
    client.force_login(user)
    assert ids(client.get("/api/assets")) == VISIBLE[None]


def test_platform_admin_sees_every_asset(leak_world, client):
    client.force_login(UserFactory(role="platform_admin", organization=OrganizationFactory()))
    assert ids(client.get("/api/assets")) == ALL_ASSETS
