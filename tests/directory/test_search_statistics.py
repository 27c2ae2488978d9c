"""The order of a search's results depends on nothing the reader may not see: confidential
assets naming a word of the query must not move the visible matches (a ranking that weighs
a word by how many documents of the whole index name it, bm25's idf, tells a reader how
often hidden assets name it).

PostgreSQL's ts_rank reads each document alone: it holds. SQLite's FTS5 bm25 took its
document frequencies and mean length from the whole index, hidden rows included; it now
ranks from the public documents' statistics only (dari.directory.search_rank), for every
reader: public rows by the public index's bm25, other visible rows by the same formula."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import override_settings

from dari.directory.access import visible_assets
from dari.directory.filters import AssetFilter
from dari.directory.search import parsed, top_matches
from tests.factories import AssetFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _order(client) -> list[str]:
    response = client.get("/api/assets", {"q": "zebra quokka"})
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


@override_settings(SEARCH_SEMANTIC=False)
def test_hidden_assets_do_not_reorder_what_an_anonymous_reader_finds(client):
    org = OrganizationFactory(id="org-z", name="Orgzed")
    AssetFactory(id="as-a", organization=org, name="Aaa", description="zebra zebra quokka")
    AssetFactory(id="as-b", organization=org, name="Bbb", description="zebra quokka quokka")
    before = _order(client)
    for i in range(6):
        AssetFactory(
            id=f"as-h{i}", organization=org, name=f"H{i}", description="zebra", visibility="cda"
        )
    assert _order(client) == before == ["as-a", "as-b"]


@override_settings(SEARCH_SEMANTIC=False)
def test_hidden_assets_of_others_do_not_reorder_what_a_member_finds(client):
    mine = OrganizationFactory(id="org-mine", name="Mineco")
    other = OrganizationFactory(id="org-other", name="Otherco")
    AssetFactory(id="as-a", organization=other, name="Aaa", description="zebra zebra quokka")
    AssetFactory(id="as-b", organization=other, name="Bbb", description="zebra quokka quokka")
    AssetFactory(
        id="as-c", organization=mine, name="Ccc", description="quokka zebra", visibility="cda"
    )
    AssetFactory(
        id="as-d",
        organization=other,
        name="Ddd",
        description="zebra quokka quokka quokka",
        visibility="members",
    )
    client.force_login(UserFactory(username="member", organization=mine))
    before = _order(client)
    assert sorted(before) == ["as-a", "as-b", "as-c", "as-d"]
    for i in range(6):
        AssetFactory(
            id=f"as-h{i}", organization=other, name=f"H{i}", description="zebra", visibility="cda"
        )
    AssetFactory(id="as-p", organization=other, name="P", description="quokka", visibility="cda")
    assert _order(client) == before


@override_settings(SEARCH_SEMANTIC=False)
def test_a_visible_confidential_asset_ranks_as_its_public_twin():
    """Public and non-public matches are ranked on one scale (SQLite: bm25 of the public
    index, and the same formula computed for the others)."""
    mine = OrganizationFactory(id="org-mine", name="Mineco")
    for i in range(5):
        AssetFactory(id=f"as-x{i}", organization=mine, name=f"X{i}", description="quokka ibis")
    text = "zebra quokka quokka, a long description of a zebra that names quokka again"
    AssetFactory(id="as-pub", organization=mine, name="Twin", description=text)
    AssetFactory(id="as-cda", organization=mine, name="Twin", description=text, visibility="cda")
    member = UserFactory(username="member", organization=mine)
    matches, total = top_matches(visible_assets(member), parsed("zebra quokka"), 10)
    ranks = {m.asset_id: m.rank for m in matches}
    assert total == 2 and set(ranks) == {"as-pub", "as-cda"}
    assert ranks["as-pub"] == pytest.approx(ranks["as-cda"], rel=1e-9)
    assert ranks["as-pub"] > 0


def test_an_asset_made_confidential_by_a_bulk_update_leaves_the_public_statistics():
    from dari.directory.models import Asset

    org = OrganizationFactory(id="org-z", name="Orgzed")
    AssetFactory(id="as-a", organization=org, name="Aaa", description="zebra zebra quokka")
    AssetFactory(id="as-b", organization=org, name="Bbb", description="zebra quokka quokka")
    AssetFactory(id="as-h", organization=org, name="Hhh", description="zebra")
    anonymous = visible_assets(None)
    before = top_matches(anonymous, parsed("zebra quokka"), 10)[0]
    Asset.objects.filter(pk="as-h").update(visibility="cda")
    after = top_matches(anonymous, parsed("zebra quokka"), 10)[0]
    # The owner's member still finds it, ranked from its own (now non-public) document.
    member = visible_assets(UserFactory(username="member", organization=org))
    found = top_matches(member, parsed("zebra"), 10)
    assert found[1] == 3 and "as-h" in [m.asset_id for m in found[0]]
    Asset.objects.filter(pk="as-h").update(visibility="public")
    assert top_matches(anonymous, parsed("zebra quokka"), 10)[0] == before
    assert top_matches(member, parsed("zebra"), 10)[1] == 3
    if connection.vendor == "sqlite":  # one document fewer naming "zebra": its idf rises
        assert after[0].rank != before[0].rank


def test_the_ranked_queryset_orders_as_the_search():
    mine = OrganizationFactory(id="org-mine", name="Mineco")
    AssetFactory(id="as-a", organization=mine, name="Aaa", description="zebra zebra quokka")
    AssetFactory(id="as-b", organization=mine, name="Bbb", description="zebra quokka quokka")
    AssetFactory(id="as-c", organization=mine, name="Ccc", description="zebra", visibility="cda")
    AssetFactory(id="as-d", organization=mine, name="Ddd", description="quokka zebra quokka ibis")
    for i in range(4):
        AssetFactory(id=f"as-h{i}", organization=mine, name=f"H{i}", description="zebra ibis")
    member = UserFactory(username="member", organization=mine)
    matches, _ = top_matches(visible_assets(member), parsed("zebra quokka"), 10)
    rows = AssetFilter(q="zebra quokka").apply(visible_assets(member))
    assert [a.pk for a in rows] == [m.asset_id for m in matches]
    assert sorted(m.asset_id for m in matches) == ["as-a", "as-b", "as-d"]
    assert [a.search_rank for a in rows] == pytest.approx([m.rank for m in matches])
