"""The learned party model (`dari.extraction.learned`) on made-up sentences (SYNTHETIC: test
organisations; a hand-set model, so the tests do not hang on the shipped weights)."""

from __future__ import annotations

import json

from dari.extraction import learned
from tests.extraction_support import GAZ, deal, roles

TEXT = (
    "Zentro Therapeutics licensed its candidate to Globex Pharma for $5 million upfront. "
    "ParentCo said the market is growing."
)


def _model(**weights: float) -> dict:
    n = len(learned.FEATURES)
    w = [weights.get(f, 0.0) for f in learned.FEATURES]
    part = {"w": w, "mean": [0.0] * n, "std": [1.0] * n}
    return {"features": list(learned.FEATURES), "party": part, "giver": part}


def test_the_shipped_weights_read_the_features_the_engine_computes():
    shipped = json.loads(learned.WEIGHTS.read_text(encoding="utf-8"))
    assert shipped["features"] == list(learned.FEATURES)
    assert len(shipped["party"]["w"]) == len(learned.FEATURES)


def test_without_a_model_the_rules_stand():
    with learned.using(None):
        fields = deal(TEXT)
    assert roles(fields) == {
        ("Zentro Therapeutics", "licensor"),
        ("Globex Pharma", "licensee"),
    }


PATTERNLESS = (
    "Zentro Therapeutics and Globex Pharma signed a licence agreement for $5 million. "
    "ParentCo said the market is growing."
)


def test_a_party_placed_by_default_gives_way_to_a_company_much_more_like_one():
    # a model that trusts only the graph's companies: the unknown licensor the rules placed
    # by default (the first named) gives way
    with learned.using(None):
        assert ("Zentro Therapeutics", "licensor") in roles(deal(PATTERNLESS))
    with learned.using(_model(bias=-2.0, known=5.0)):
        fields = deal(PATTERNLESS)
    assert roles(fields) == {("ParentCo", "licensor"), ("Globex Pharma", "licensee")}


def test_a_party_a_pattern_placed_stays():
    with learned.using(_model(bias=-2.0, known=5.0)):
        fields = deal(TEXT)
    assert ("Zentro Therapeutics", "licensor") in roles(fields)


def test_a_model_with_no_opinion_changes_nothing():
    with learned.using(_model()):
        fields = deal(TEXT)
    assert ("Zentro Therapeutics", "licensor") in roles(fields)


def test_one_row_of_features_per_company():
    known = [m for m in GAZ.find(TEXT) if m.value[0] == "organization"]
    proposed = list(GAZ.propose(TEXT, known))
    parties, rows = learned.features(
        TEXT, sorted(known + proposed, key=lambda m: m.start), [], "en", GAZ
    )
    assert len(parties) == len(rows) == 3
    assert all(len(r) == len(learned.FEATURES) for r in rows)
