"""The bench's graph evidence (bench/recommend_graph.py) never carries the deal under test:
only deals dated before it, never the same licensor and asset, never the same parties within
12 months; a subsidiary's deal counts for its parent; a restricted asset's fields stay hidden
(SYNTHETIC organisations and deals)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def graph_module():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(BENCH))
    try:
        import recommend_data
        import recommend_graph

        yield recommend_graph, recommend_data
    finally:
        sys.path.remove(str(BENCH))


def _graph(mod):  # type: ignore[no-untyped-def]
    orgs = {
        "kor": {"id": "kor", "name": "Korabio Therapeutics", "country": "KR"},
        "other-kr": {"id": "other-kr", "name": "Hanbit Pharm", "country": "KR"},
        "bigco": {"id": "bigco", "name": "Globex Pharma", "country": "US"},
        "bigco-sub": {"id": "bigco-sub", "name": "Globex Oncology", "country": "US"},
    }
    assets = {
        "as-x": {
            "id": "as-x",
            "organization": "kor",
            "name": "KB-101 (ADC)",
            "modality": "adc",
            "therapeutic_area": "oncology",
            "targets": ["HER2"],
            "visibility": "public",
        },
        "as-y": {
            "id": "as-y",
            "organization": "other-kr",
            "name": "HB-7",
            "modality": "rna",
            "therapeutic_area": "metabolic",
            "targets": ["PCSK9"],
            "visibility": "public",
        },
        "as-z": {
            "id": "as-z",
            "organization": "other-kr",
            "name": "HB-9",
            "modality": "antibody",
            "therapeutic_area": "immunology",
            "targets": ["IL-23"],
            "visibility": "members",
        },
        "as-w": {
            "id": "as-w",
            "organization": "kor",
            "name": "KB-202",
            "modality": "antibody",
            "therapeutic_area": "oncology",
            "targets": ["CD47"],
            "visibility": "public",
        },
        "as-own": {
            "id": "as-own",
            "organization": "bigco",
            "name": "GX-1",
            "description": "In-house HER2 antibody.",
            "modality": "antibody",
            "therapeutic_area": "oncology",
            "targets": ["HER2"],
            "visibility": "public",
        },
        "as-from-kor": {
            "id": "as-from-kor",
            "organization": "bigco",
            "name": "GX-2",
            "description": "In-licensed from Korabio Therapeutics.",
            "modality": "adc",
            "therapeutic_area": "oncology",
            "visibility": "public",
        },
    }
    deals = [
        # the deal under test, as the bundle holds it
        {
            "id": "d-test",
            "date": "2023-05-02",
            "licensor": "kor",
            "licensee": "bigco",
            "asset": "as-x",
        },
        # the same licensor and asset years before (an earlier record of it): dropped
        {
            "id": "d-asset",
            "date": "2019-03",
            "licensor": "kor",
            "licensee": "bigco",
            "asset": "as-x",
        },
        # same parties, another asset, 8 months before: dropped (within 12 months)
        {
            "id": "d-near",
            "date": "2022-09",
            "licensor": "kor",
            "licensee": "bigco",
            "asset": "as-w",
        },
        # same parties, another asset, 3 years before: kept (a repeat partner)
        {"id": "d-old", "date": "2020-01", "licensor": "kor", "licensee": "bigco", "asset": "as-w"},
        # another licensor, before: kept, asset fields shown
        {
            "id": "d-y",
            "date": "2021-06",
            "licensor": "other-kr",
            "licensee": "bigco-sub",
            "asset": "as-y",
        },
        # a restricted asset: counted, its fields hidden
        {"id": "d-z", "date": "2019", "licensor": "other-kr", "licensee": "bigco", "asset": "as-z"},
        # after the deal: dropped
        {
            "id": "d-late",
            "date": "2024-02",
            "licensor": "other-kr",
            "licensee": "bigco",
            "asset": "as-y",
        },
        # same month, unknown day: not strictly before, dropped
        {"id": "d-same", "date": "2023-05", "licensor": "other-kr", "licensee": "bigco"},
    ]
    g = mod.Graph(orgs, deals, assets, {"bigco-sub": "bigco"}, {})
    keys: dict[str, set[str]] = {}
    for id_, o in orgs.items():
        keys.setdefault(mod.name_key(o["name"]), set()).add(id_)
    g.keys = keys
    return g


def _deal(data):  # type: ignore[no-untyped-def]
    asset = data.asset_from("t1", "kor-bench", {"name": "KB-101", "therapeutic_area": "oncology"})
    return data.Deal("t1", asset, frozenset({"globex"}), "2023-05", True, "Korabio Therapeutics")


def test_only_earlier_deals_never_the_deal_under_test(graph_module):  # type: ignore[no-untyped-def]
    mod, data = graph_module
    ev = mod.file_evidence(
        _graph(mod), {"globex": "Globex Pharma"}, {"kor-bench": "Korabio Therapeutics"}, []
    )
    records = {r.record.id: r.record for r in ev.records_for(_deal(data))}
    assert set(records) == {"graph:d-old@globex", "graph:d-y@globex", "graph:d-z@globex"}
    old = records["graph:d-old@globex"]
    assert old.licensor_id == "kor-bench"  # a repeat partner of the bench licensor
    assert records["graph:d-y@globex"].therapeutic_area == "metabolic"  # the subsidiary's deal
    hidden = records["graph:d-z@globex"]
    assert (hidden.modality, hidden.therapeutic_area, tuple(hidden.targets)) == (None, None, ())


def test_a_deal_already_in_the_file_is_not_counted_twice(graph_module):  # type: ignore[no-untyped-def]
    mod, data = graph_module
    known = data.Record(
        mod.DealRecord(id="d-y", licensee_id="globex", licensor_id="graph:other-kr", year=2021),
        "2021-06",
        "g",
    )
    ev = mod.file_evidence(
        _graph(mod), {"globex": "Globex Pharma"}, {"kor-bench": "Korabio Therapeutics"}, [known]
    )
    assert "graph:d-y@globex" not in {r.record.id for r in ev.records_for(_deal(data))}


def test_pipeline_products_public_only_and_hidden_when_they_name_the_licensor(graph_module):  # type: ignore[no-untyped-def]
    mod, data = graph_module
    ev = mod.file_evidence(
        _graph(mod), {"globex": "Globex Pharma"}, {"kor-bench": "Korabio Therapeutics"}, []
    )
    products = {p.asset.name: p for p in ev.products("all")}
    assert set(products) == {"GX-1", "GX-2"}
    deal = _deal(data)
    assert not products["GX-1"].excluded_for(deal)
    assert products["GX-2"].excluded_for(deal)  # came from the deal's licensor
    assert ev.products("none") == []
    recent = ev.products("recent")
    old_deal = data.Deal("t0", deal.asset, deal.licensees, "2018-01", True, "Nobody")
    assert all(p.excluded_for(old_deal) for p in recent)
