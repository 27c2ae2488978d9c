"""English names the graph lacks, from the slots a party stands in (issue 14, English round
5). Sentences CONSTRUCTED for these tests (made-up companies and figures; pure, no
database)."""

from __future__ import annotations

from dari.extraction import proposers_en
from tests.extraction_support import GAZ, deal, roles


def _proposed(text: str) -> set[str]:
    return {m.text for m in proposers_en.propose(GAZ, text, GAZ.find(text))}


def test_the_subject_after_a_byline_is_a_company():
    text = (
        "[Bio Times=(Seoul) Reporter Jane Roe] Daonsel announced on the 2nd that it has signed "
        "a technology transfer contract with BigPharma. Under the contract, Daonsel will "
        "transfer its cell technology to BigPharma for an upfront payment of $5 million."
    )
    assert _proposed(text) == {"Daonsel"}
    assert roles(deal(text)) == {("Daonsel", "licensor"), ("BigPharma", "licensee")}


def test_a_subject_named_once_at_a_sentence_start_is_not_proposed():
    text = "Yesterday BigPharma agreed. Overall sales will rise, BigPharma said."
    assert _proposed(text) == set()


def test_a_company_placed_by_its_country_is_a_company():
    text = (
        "South Korea's Daonsel and BigPharma have entered an exclusive license deal for an "
        "upfront payment of $5 million."
    )
    assert _proposed(text) == {"Daonsel"}


def test_the_other_half_of_a_pair_with_a_known_company_is_a_company():
    text = (
        "Meridian Diagnostics Inc. said that it agreed to be acquired by Daonsel and BigPharma "
        "in a $1.5 billion all-cash transaction."
    )
    assert _proposed(text) == {"Daonsel"}


def test_a_name_the_text_defines_as_itself_is_a_company():
    text = (
        "BigPharma entered into a license agreement with Daonsel (“Daonsel”) for an upfront "
        "payment of $5 million."
    )
    assert _proposed(text) == {"Daonsel"}


def test_a_drug_in_a_subject_slot_is_no_company():
    text = (
        "Acme Bio has licensed Fexuprazan to BigPharma. In China, Fexuprazan will reach "
        "patients in 2027, and Fexuprazan sales are expected to grow."
    )
    assert _proposed(text) == set()


def test_a_subject_with_an_appositive_before_its_verb_is_a_company():
    text = (
        "Daonsel, a Korean biosimilar maker, said on Friday it has completed the acquisition of "
        "Acme Bio. The deal gives Daonsel a foothold in Europe."
    )
    assert _proposed(text) == {"Daonsel"}


def test_a_subject_with_a_ticker_is_a_company_even_once():
    text = (
        "Daonsel (KOSDAQ: 123456) announced on March 18 that it has licensed its antibody to "
        "BigPharma."
    )
    assert _proposed(text) == {"Daonsel"}


def test_a_name_after_its_role_in_a_deal_is_a_company():
    text = "The agreement was signed with BigPharma's Asia licensee, Daonsel of Korea, on Monday."
    assert _proposed(text) == {"Daonsel"}


def test_a_place_before_a_subject_is_no_part_of_its_name():
    text = "Acme Bio agreed to be acquired by Japan-based Daonsel and BigPharma for $1 billion."
    assert _proposed(text) == {"Daonsel"}


def test_an_industry_ending_makes_a_company():
    text = "Acme Bio has licensed its antibody to Norvexa Technologies for $5 million upfront."
    assert _proposed(text) == {"Norvexa Technologies"}
    assert roles(deal(text)) == {("Acme Bio", "licensor"), ("Norvexa Technologies", "licensee")}


def test_a_body_named_with_an_industry_word_is_no_company():
    text = "Acme Bio filed its antibody with the European Medicines Agency on Monday."
    assert _proposed(text) == set()


def test_the_other_half_of_a_pair_opening_a_sentence_is_a_company():
    text = (
        "BigPharma and Daonsel are reportedly dissolving their joint venture, formed in 2014 to "
        "develop a biosimilar."
    )
    assert _proposed(text) == {"Daonsel"}


def test_a_word_opening_a_clause_is_no_company():
    text = (
        "ParentCo, which owns the drugmaker 100 percent, said on Tuesday that it signed a deal "
        "with Norvale Korea to sell Acme Bio to the cosmetics manufacturer.  "
        "After selecting Norvale Korea as the preferred bidder earlier in the day, ParentCo "
        "immediately agreed to sell the drugmaker for 1.31 trillion won."
    )
    known = GAZ.find(text)
    assert "After" not in {m.text for m in GAZ.propose_more(text, known)}
