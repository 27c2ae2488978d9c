"""A ranked search read page by page (one order across the semantic candidates and beyond),
and the facets of a very broad search, estimated from a sample of what the reader may see."""

from __future__ import annotations

import pytest

from dari.directory.domain import queries
from dari.directory.domain.search import SEMANTIC_CANDIDATES, SearchResults, search_assets
from dari.directory.filters import AssetFilter
from tests.factories import AssetFactory, OrganizationFactory

STAGES = ["discovery", "preclinical", "phase1", "phase2"]


@pytest.fixture
def many(db):
    """70 public gastric-cancer assets (more than the semantic channel re-orders) and 8
    confidential ones, all in phase 3, of the same owner."""
    org = OrganizationFactory(id="org-g", name="Gamma", country="KR")
    for i in range(70):
        AssetFactory(
            id=f"as-g{i:02d}",
            organization=org,
            name=f"G-{i:02d}",
            description="gastric cancer " * (i % 4 + 1),
            indications=["gastric cancer"] if i % 3 else ["breast cancer"],
            stage=STAGES[i % 4],
        )
    for i in range(8):
        AssetFactory(
            id=f"as-secret{i}",
            organization=org,
            name=f"S-{i}",
            indications=["gastric cancer"],
            stage="phase3",
            visibility="cda",
        )


def test_pages_of_a_ranked_search_join_up_into_one_order(many, client):
    chosen = AssetFilter.from_params({"q": "위암"})
    results = search_assets(None, chosen)
    assert isinstance(results, SearchResults)
    whole = [a.pk for a in results]
    assert (results.count(), len(whole), len(set(whole))) == (70, 70, 70)
    # Past the candidates the semantic channel re-orders, the order is the index's.
    lexical = list(chosen.apply(queries.assets(None)).values_list("pk", flat=True))
    assert whole[SEMANTIC_CANDIDATES:] == lexical[SEMANTIC_CANDIDATES:]
    assert sorted(whole[:SEMANTIC_CANDIDATES]) == sorted(lexical[:SEMANTIC_CANDIDATES])
    # The API's pages, and a fresh search's slices, give the same order.
    pages = []
    for offset in range(0, 80, 20):
        body = client.get("/api/assets", {"q": "위암", "limit": 20, "offset": offset}).json()
        assert body["count"] == 70
        pages += [item["id"] for item in body["items"]]
    assert pages == whole
    assert [a.pk for a in search_assets(None, chosen)[45:65]] == whole[45:65]
    assert search_assets(None, chosen)[69].pk == whole[69]
    with pytest.raises(IndexError):
        search_assets(None, chosen)[70]


def test_facets_of_a_very_broad_search_are_estimated_among_visible_assets(
    many, client, monkeypatch
):
    chosen = AssetFilter.from_params({"q": "위암"})
    exact = {f.name: f for f in queries.asset_facets(None, chosen, matches=70)}
    assert not exact["stage"].approximate
    stage = {v: n for v, _, n in exact["stage"].options if n}
    assert stage == {"discovery": 18, "preclinical": 18, "phase1": 17, "phase2": 17}
    monkeypatch.setattr(queries, "FACETS_EXACT_UP_TO", 10)
    monkeypatch.setattr(queries, "FACET_SAMPLE", 20)  # every 3rd match of the index
    facets = {f.name: f for f in queries.asset_facets(None, chosen, matches=70)}
    stage = dict((v, n) for v, _, n in facets["stage"].options)
    assert facets["stage"].approximate
    assert all(n % 3 == 0 for n in stage.values()), stage
    assert stage["phase3"] == 0  # the confidential assets are neither counted nor sampled
    assert 45 <= sum(stage.values()) <= 96
    assert [v for v, _, _ in facets["country"].options] == ["KR"]
    page = client.get("/assets/", {"q": "위암"})
    assert "(≈" in page.content.decode()
    assert "estimated from a sample" in page.content.decode()
    # A facet value chosen: the estimate keeps the other filters, as the exact count does.
    chosen = AssetFilter.from_params({"q": "위암", "stage": "phase1"})
    modality = {f.name: f for f in queries.asset_facets(None, chosen, matches=70)}["modality"]
    assert 0 < dict((v, n) for v, _, n in modality.options)["antibody"] <= 30
    # Few found with the value chosen, many without it: a first sample tells, and the
    # estimate is kept.
    monkeypatch.setattr(queries, "FACETS_EXACT_UP_TO", 30)
    monkeypatch.setattr(queries, "PROBE_STEP", 2)
    facets = {f.name: f for f in queries.asset_facets(None, chosen, matches=17)}
    stage = dict((v, n) for v, _, n in facets["stage"].options)
    assert facets["stage"].approximate
    assert all(n % 2 == 0 for n in stage.values()), stage
    assert 50 <= sum(stage.values()) <= 90
    assert stage["phase3"] == 0


def test_postgresql_keeps_the_documents_table_in_step_with_the_search_table(db):
    """PostgreSQL ranks and counts a narrow table of tsvectors kept by triggers: a saved,
    changed or deleted asset is found, found by its new words, or no longer found."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps its FTS5 table by triggers of its own")
    org = OrganizationFactory(id="org-d", name="Delta", country="KR")
    AssetFactory(id="as-d1", organization=org, name="D-1", description="gastric cancer")
    AssetFactory(id="as-d2", organization=org, name="D-2", description="psoriasis")

    def found(q: str) -> list[str]:
        rows = search_assets(None, AssetFilter.from_params({"q": q, "sort": "name"}))
        return [a.pk for a in rows]

    assert found("gastric") == ["as-d1"]
    asset = AssetFactory._meta.model.objects.get(pk="as-d2")
    asset.description = "gastric adenocarcinoma"
    asset.save()
    assert found("gastric") == ["as-d1", "as-d2"]
    asset.delete()
    assert found("gastric") == ["as-d1"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT asset_id FROM directory_assetdocument ORDER BY asset_id")
        assert cursor.fetchall() == [("as-d1",)]
