"""The learned tagger (`dari.extraction.tagger`) on made-up sentences (SYNTHETIC: test
organisations; hand-set models, so the tests do not hang on the shipped weights)."""

from __future__ import annotations

from dari.extraction import tagger
from dari.extraction.model import Candidate, Mention
from tests.extraction_support import deal, roles

TEXT = (
    "Zentro Therapeutics licensed its candidate to Globex Pharma for $5 million upfront. "
    "The market is worth $900 million."
)


def _part(classes: tuple[str, ...], bias: dict[str, float], **w: dict[str, float]) -> dict:
    return {
        "b": [bias.get(c, 0.0) for c in classes],
        "w": {f: [row.get(c, 0.0) for c in classes] for f, row in w.items()},
    }


def _model(**parts: dict) -> dict:
    empty = {"b": [0.0], "w": {}}
    return {
        "party": parts.get("party", _part(tagger.ROLES, {})),
        "money": parts.get("money", _part(tagger.SLOTS, {})),
        "family": parts.get("family", empty),
    }


def test_without_a_model_the_rules_stand():
    with tagger.using(None):
        fields = deal(TEXT)
    assert roles(fields) == {("Zentro Therapeutics", "licensor"), ("Globex Pharma", "licensee")}
    assert fields["upfront"] == 5_000_000


def test_a_model_sure_of_a_partnership_renames_both_sides():
    family = _part(tagger.DEAL_FAMILIES, {"partner": 9.0})
    with tagger.using(_model(family=family), {"family": 0.8}):
        fields = deal(TEXT)
    assert roles(fields) == {("Zentro Therapeutics", "partner"), ("Globex Pharma", "partner")}


def test_an_unsure_family_model_leaves_the_roles():
    family = _part(tagger.DEAL_FAMILIES, {"partner": 0.5})
    with tagger.using(_model(family=family), {"family": 0.8}):
        fields = deal(TEXT)
    assert ("Zentro Therapeutics", "licensor") in roles(fields)


def test_the_party_model_decides_roles_and_keeps_a_side_on_each_end():
    # a model that calls every company the licensee: the likeliest other one is the licensor
    party = _part(tagger.ROLES, {"licensee": 3.0}, **{"order=0": {"licensor": 4.0}})
    with tagger.using(_model(party=party), {"parties": "full"}):
        fields = deal(TEXT)
    assert roles(fields) == {("Zentro Therapeutics", "licensor"), ("Globex Pharma", "licensee")}


def test_the_adopted_hybrid_changes_only_roles_it_is_sure_of():
    text = (
        "Zentro Therapeutics licensed its candidate to Globex Pharma. "
        "ParentCo will pay Zentro Therapeutics $5 million upfront."
    )
    with tagger.using(None):
        assert roles(deal(text)) == {("Zentro Therapeutics", "licensor"), ("ParentCo", "licensee")}
    sure = _part(tagger.ROLES, {}, **{"order=2": {"none": 9.0}, "order=1": {"licensee": 9.0}})
    with tagger.using(_model(party=sure), {"parties": 0.9}):
        assert roles(deal(text)) == {
            ("Zentro Therapeutics", "licensor"),
            ("Globex Pharma", "licensee"),
        }
    only_none = _part(tagger.ROLES, {}, **{"order=2": {"none": 9.0}})
    with tagger.using(_model(party=only_none), {"parties": 0.9}):
        # dropping it would leave no licensee: the rules' choice stands
        assert ("ParentCo", "licensee") in roles(deal(text))


def test_two_parties_on_one_side_are_split_by_the_model():
    p = [[0.1, 0.6, 0.3, 0, 0, 0, 0, 0], [0.1, 0.5, 0.4, 0, 0, 0, 0, 0]]
    chosen = tagger.hybrid_parties(p, {0: "licensor", 1: "licensor"}, 0.9)
    assert chosen == [(0, "licensor"), (1, "licensee")]


def test_the_money_model_takes_the_slot_it_is_sure_of():
    money = _part(tagger.SLOTS, {"none": 2.0}, largest={"total": 5.0})
    with tagger.using(_model(money=money), {"amounts": "full"}):
        fields = deal(TEXT)
    assert fields["total"] == 900_000_000
    assert "upfront" not in fields  # the model is sure it is no slot


def test_the_hybrid_keeps_a_sum_the_rules_made_and_vetoes_an_unlikely_total():
    found = [Mention(0, 5, "$5m", (5e6, "USD")), Mention(10, 15, "$9m", (9e8, "USD"))]
    cand = Candidate("deal", fields={"milestones": 7e6, "total": 9e8, "currency": "USD"})
    p = [[0.1, 0.8, 0.05, 0.05], [0.9, 0.0, 0.05, 0.05]]
    tagger.hybrid_amounts(cand, p, found, veto=0.3, sure=0.5)
    assert cand.fields["milestones"] == 7e6  # no one mention states it
    assert "total" not in cand.fields
    assert cand.fields["upfront"] == 5e6


def test_decode_keeps_one_investee():
    p = [[0.1, 0, 0, 0, 0, 0.3, 0.6, 0], [0.1, 0, 0, 0, 0, 0.2, 0.7, 0]]
    assert tagger.decode_parties(p, "investment", ()) == [(0, "investor"), (1, "investee")]


def test_mixed_amounts_keep_a_rule_amount_the_model_finds_likely_enough():
    found = [
        Mention(0, 5, "$5m", (5e6, "USD")),
        Mention(10, 15, "$90m", (9e7, "USD")),
        Mention(20, 25, "₩100b", (1e11, "KRW")),
    ]
    cand = Candidate("deal", fields={"upfront": 5e6, "total": 9e7, "currency": "USD"})
    # the model: $5m upfront (sure), $90m total (only 0.4 likely), the won amount a total
    p = [[0.05, 0.9, 0.0, 0.05], [0.5, 0.0, 0.1, 0.4], [0.0, 0.0, 0.0, 1.0]]
    tagger.mixed_amounts(cand, p, found, keep=0.3)
    assert cand.fields["total"] == 9e7  # kept: 0.4 >= 0.3; the conversion is no other term
    assert cand.fields["upfront"] == 5e6
    cand = Candidate("deal", fields={"upfront": 5e6, "total": 9e7, "currency": "USD"})
    tagger.mixed_amounts(cand, p, found, keep=0.5)
    assert "total" not in cand.fields  # the won total is in another currency
    assert cand.fields["currency"] == "USD"
