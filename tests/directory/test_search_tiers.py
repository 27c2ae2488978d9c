"""A member's search: its own confidential assets and those it was granted are found, ranked
and counted, nobody else's are; the index tiers a search reads (`search_tiers`: on SQLite the
public, members-tier and restricted documents are ranked apart) only spare the ranking of
what the reader cannot see and never change an answer."""

from __future__ import annotations

import pytest
from django.test import override_settings

from dari.accounts.models import LinkKind, Role
from dari.directory.access import EVERY_TIER, SearchTiers, search_tiers, visible_assets
from dari.directory.models import Asset
from dari.directory.search import parsed, top_matches
from tests.factories import AssetFactory, OrganizationFactory, UserFactory, link
from tests.web.html import asset_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Five organisations, each with a member: Mineco owns a confidential (CDA) asset that
    names the query most (the best match for whoever may see it), a partners-tier one and a
    public one; Otherco owns public, members-tier and CDA assets naming it; Cdaco is on
    Mineco's CDA list, Partco on its partner list, Strangeco on nobody's."""
    mine = OrganizationFactory(id="org-mine", name="Mineco")
    other = OrganizationFactory(id="org-other", name="Otherco")
    orgs = {
        "mine": mine,
        "other": other,
        "cda": OrganizationFactory(id="org-cda", name="Cdaco"),
        "partner": OrganizationFactory(id="org-part", name="Partco"),
        "stranger": OrganizationFactory(id="org-str", name="Strangeco"),
    }
    link(mine, orgs["cda"], LinkKind.CDA)
    link(mine, orgs["partner"], LinkKind.PARTNER)
    AssetFactory(
        id="as-mine-cda",
        organization=mine,
        name="Zebra Quokka",
        description="zebra zebra zebra quokka quokka",
        visibility="cda",
    )
    for pk, org, visibility, description in [
        ("as-mine-part", mine, "partners", "zebra quokka"),
        ("as-mine-pub", mine, "public", "zebra zebra quokka"),
        ("as-other-pub", other, "public", "zebra quokka, a longer text about something else"),
        ("as-other-mem", other, "members", "zebra quokka quokka"),
        ("as-other-cda", other, "cda", "zebra zebra zebra zebra quokka quokka quokka"),
        ("as-other-part", other, "partners", "zebra zebra zebra quokka quokka"),
    ]:
        AssetFactory(
            id=pk, organization=org, name=pk.upper(), description=description, visibility=visibility
        )
    users = {key: UserFactory(username=key, organization=org) for key, org in orgs.items()}
    return {"orgs": orgs, "users": users}


# What each reader finds for "zebra quokka" (sorted; Mineco's CDA asset, named so, comes
# first for whoever may see it). Cdaco, under CDA, sees Mineco's partners-tier asset too.
FOUND = {
    "mine": ["as-mine-cda", "as-mine-part", "as-mine-pub", "as-other-mem", "as-other-pub"],
    "cda": ["as-mine-cda", "as-mine-part", "as-mine-pub", "as-other-mem", "as-other-pub"],
    "partner": ["as-mine-part", "as-mine-pub", "as-other-mem", "as-other-pub"],
    "stranger": ["as-mine-pub", "as-other-mem", "as-other-pub"],
    "other": ["as-mine-pub", "as-other-cda", "as-other-mem", "as-other-part", "as-other-pub"],
    None: ["as-mine-pub", "as-other-pub"],
}


def first_and_all(ids: list[str]) -> tuple[bool, list[str]]:
    """Whether Mineco's CDA asset comes first, and every id found (sorted)."""
    return ids[:1] == ["as-mine-cda"], sorted(ids)


def expected(who: str | None) -> tuple[bool, list[str]]:
    return "as-mine-cda" in FOUND[who], FOUND[who]


@override_settings(SEARCH_SEMANTIC=False)
@pytest.mark.parametrize("who", list(FOUND))
def test_a_member_finds_ranks_and_counts_the_confidential_assets_it_may_see_only(
    world, client, who
):
    if who is not None:
        client.force_login(world["users"][who])
    body = client.get("/api/assets", {"q": "zebra quokka", "limit": 50}).json()
    assert first_and_all([item["id"] for item in body["items"]]) == expected(who)
    assert body["count"] == len(FOUND[who])
    page = client.get("/assets/", {"q": "zebra quokka"})
    assert asset_ids(page) == FOUND[who]
    stages = next(f for f in page.context["facets"] if f.name == "stage")
    assert sum(n for _v, _l, n in stages.options) == len(FOUND[who])


def test_the_tiers_a_search_reads(world):
    users = world["users"]
    public_only = SearchTiers(members=False, restricted_owners=())
    assert search_tiers(None) == public_only
    assert search_tiers(UserFactory(username="unverified", verified=False)) == public_only
    assert search_tiers(UserFactory(username="loner", organization=None)) == public_only
    admin = UserFactory(username="admin", organization=None, role=Role.PLATFORM_ADMIN)
    assert search_tiers(admin) == EVERY_TIER
    assert search_tiers(users["stranger"]) == SearchTiers(True, ("org-str",))
    assert search_tiers(users["cda"]) == SearchTiers(True, ("org-cda", "org-mine"))
    assert search_tiers(users["partner"]) == SearchTiers(True, ("org-part", "org-mine"))
    assert search_tiers(users["mine"]) == SearchTiers(True, ("org-mine",))


@pytest.mark.parametrize("who", [*FOUND, "admin"])
def test_reading_fewer_tiers_changes_no_answer(world, who):
    user = (
        UserFactory(username="admin", organization=None, role=Role.PLATFORM_ADMIN)
        if who == "admin"
        else world["users"].get(who)
    )
    for words in ("zebra quokka", "zebra", "quokka"):
        every = top_matches(visible_assets(user), parsed(words), 50)
        assert top_matches(visible_assets(user), parsed(words), 50, tiers=search_tiers(user)) == (
            every
        )
    if who != "admin":
        found, total = top_matches(visible_assets(user), parsed("zebra quokka"), 50)
        assert first_and_all([m.asset_id for m in found]) == expected(who)
        assert total == len(FOUND[who])


def test_an_asset_moved_between_tiers_is_found_by_whom_it_now_shows_to(world):
    stranger, mine = world["users"]["stranger"], world["users"]["mine"]

    def found(user):
        matches, total = top_matches(
            visible_assets(user), parsed("zebra quokka"), 50, tiers=search_tiers(user)
        )
        return sorted(m.asset_id for m in matches), total

    before = found(stranger)
    Asset.objects.filter(pk="as-mine-cda").update(visibility="members")
    assert found(stranger) == (sorted([*before[0], "as-mine-cda"]), before[1] + 1)
    Asset.objects.filter(pk="as-mine-cda").update(visibility="partners")
    assert found(stranger) == before
    assert "as-mine-cda" in found(mine)[0]
    asset = Asset.objects.get(pk="as-mine-cda")
    asset.visibility = "cda"
    asset.save()
    assert found(stranger) == before
    assert found(mine) == (sorted(FOUND["mine"]), len(FOUND["mine"]))
