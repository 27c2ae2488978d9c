"""The ecosystem aggregates are computed once per change of the data and per kind of reader,
shared through the cache: a request that finds them never recomputes them."""

from __future__ import annotations

import pytest

from dari.accounts.models import LinkKind
from dari.directory.access import visibility_key
from dari.directory.domain.editing import update_asset
from dari.web import insights_views
from tests.factories import AssetFactory, OrganizationFactory, UserFactory, link


@pytest.fixture
def computations(monkeypatch):
    calls = []
    compute = insights_views._ecosystem_tables

    def counted(user, f):
        calls.append(f)
        return compute(user, f)

    monkeypatch.setattr(insights_views, "_ecosystem_tables", counted)
    return calls


def test_requests_after_the_first_never_recompute_until_the_data_changes(
    world, client, computations, monkeypatch
):
    assert client.get("/insights/ecosystem/").status_code == 200
    assert len(computations) == 1

    def refuse(user, f):
        raise AssertionError("a request recomputed the ecosystem aggregates")

    monkeypatch.setattr(insights_views, "_ecosystem_tables", refuse)
    for _ in range(3):
        assert client.get("/insights/ecosystem/").status_code == 200
    csv = client.get("/insights/ecosystem/?format=csv&chart=deals-year")
    assert csv.status_code == 200


def test_a_change_a_language_or_a_filter_computes_once_more(world, client, computations):
    client.get("/insights/ecosystem/")
    client.get("/insights/ecosystem/", HTTP_ACCEPT_LANGUAGE="ko")
    client.get("/insights/ecosystem/?year_from=2020")
    client.get("/insights/ecosystem/?year_from=2020")
    assert len(computations) == 3
    asset = AssetFactory(visibility="public")
    update_asset(asset, {"name": "Renamed"}, actor=None)  # raises the directory generation
    client.get("/insights/ecosystem/")
    assert len(computations) == 4


def test_readers_share_a_key_only_when_they_see_the_same_assets(db):
    owner = OrganizationFactory(id="org-owner")
    partner = OrganizationFactory(id="org-partner")
    stranger = OrganizationFactory(id="org-stranger")
    link(owner, partner, LinkKind.PARTNER)
    keys = {
        name: visibility_key(user)
        for name, user in {
            "anonymous": None,
            "loner": UserFactory(organization=None),
            "unverified": UserFactory(organization=owner, verified=False),
            "partner": UserFactory(organization=partner),
            "stranger": UserFactory(organization=stranger),
            "colleague-of-stranger": UserFactory(organization=stranger),
        }.items()
    }
    assert keys["anonymous"] == keys["loner"] == keys["unverified"] == "public"
    assert len({keys["partner"], keys["stranger"], "public"}) == 3
    assert keys["stranger"] == keys["colleague-of-stranger"] == "members"
    # An organisation with an asset only it (or its partners) may see reads alone.
    AssetFactory(organization=stranger, visibility="partners")
    other = OrganizationFactory(id="org-other")
    assert visibility_key(UserFactory(organization=stranger)).startswith("org:org-stranger:")
    assert visibility_key(UserFactory(organization=other)) == "members"


def test_a_follow_up_report_computes_the_funnel_again(world, client, computations):
    from dari.events.models import FollowUp

    client.get("/insights/ecosystem/")
    meeting = world["meetings"][0]
    # A report leaves its meeting as it was: the stamp must still change.
    FollowUp.objects.create(
        meeting=meeting, reported_by=meeting.participants.first(), outcome="deal"
    )
    client.get("/insights/ecosystem/")
    assert len(computations) == 2
