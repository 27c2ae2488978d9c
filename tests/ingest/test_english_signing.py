"""The two sides of an English deal named by its signing sentence (signing_en)
(SYNTHETIC: placeholder sentences and test organisations; pure, no database)."""

from __future__ import annotations

from dari.extraction import signing_en
from dari.extraction.model import Mention


def test_a_signing_sentence_names_the_pair():
    marked = "⟦0⟧ said on the 5th it has signed an exclusive license agreement with US firm ⟦1⟧."
    assert signing_en.pair(marked) == {0, 1}
    assert signing_en.pair("⟦0⟧ and ⟦2⟧ have entered into a research collaboration.") == {0, 2}


def test_an_earlier_or_dated_signing_tells_another_deal():
    marked = (
        "On April 16, ⟦0⟧ announced that it had signed a global license agreement with ⟦3⟧. "
        "Currently, ⟦1⟧ signed a technology transfer agreement with ⟦4⟧ in 2020."
    )
    assert signing_en.pair(marked) == {0, 3}
    assert signing_en.pair("⟦1⟧ had previously signed a contract with ⟦2⟧.") is None
    assert signing_en.pair("In 2013, ⟦1⟧ signed an agreement with ⟦2⟧.") is None
    assert signing_en.pair("In October, ⟦1⟧ signed a deal with ⟦2⟧.") is None


def test_two_different_pairs_name_none():
    marked = "⟦0⟧ signed a deal with ⟦1⟧. ⟦2⟧ signed a deal with ⟦3⟧."
    assert signing_en.pair(marked) is None


def test_a_signing_with_the_holder_of_a_third_company_names_none():
    marked = "To acquire the stake, ⟦0⟧ signed an agreement with ⟦2⟧, a firm that owns ⟦1⟧."
    assert signing_en.pair(marked) is None


def test_the_side_left_out_takes_the_bystanders_place():
    text = (
        "Acme Bio is the maker of the drug. BigPharma signed a license agreement with "
        "ParentCo for it."
    )
    acme, big, parent = (
        Mention(text.index(n), text.index(n) + len(n), n, ("organization", None))
        for n in ("Acme Bio", "BigPharma", "ParentCo")
    )
    out = signing_en.signed(
        text, [acme, big, parent], [(acme, "licensor", 0.4), (big, "licensee", 0.4)]
    )
    assert [(m.text, r) for m, r, _ in out] == [("ParentCo", "licensor"), ("BigPharma", "licensee")]
