"""The order of a search's results depends on nothing the reader may not see: confidential
assets naming a word of the query must not move the visible matches (a ranking that weighs
a word by how many documents of the whole index name it, bm25's idf, tells a reader how
often hidden assets name it).

PostgreSQL's ts_rank reads each document alone: it holds. SQLite's FTS5 bm25 takes its
document frequencies and mean length from the whole index, hidden rows included: a known
defect of the SQLite backend (the laptop and demo database), pinned here until it is fixed."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import override_settings

from tests.factories import AssetFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def _order(client) -> list[str]:
    response = client.get("/api/assets", {"q": "zebra quokka"})
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


@pytest.mark.xfail(
    connection.vendor == "sqlite",
    reason="FTS5 bm25 reads document frequencies of the whole index (hidden rows)",
    strict=True,
)
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
