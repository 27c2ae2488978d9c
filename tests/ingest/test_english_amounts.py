"""English amounts that are not a deal's terms, and amounts the deal's own sentences give
(SYNTHETIC: test organisations and figures; pure, no database)."""

from __future__ import annotations

import pytest

from tests.extraction_support import deal


def test_goods_worth_an_amount_are_a_supply_not_a_term():
    fields = deal(
        "Acme Bio said Monday that it has signed an agreement with BigPharma to exclusively "
        "market its anesthetic in the US. Under the agreement, Acme Bio will supply 89.3 "
        "billion won ($82.7 million) worth of its local anesthetics for 20 years."
    )
    assert "total" not in fields
    fields = deal(
        "Acme Bio signed a licence agreement with BigPharma for $750,000 in license fees. The "
        "agreement also calls for supplying finished tablets worth $27.71 million to six "
        "countries."
    )
    assert fields.get("total") != 27710000


def test_a_non_refundable_deposit_is_the_upfront():
    fields = deal(
        "Acme Bio has licensed out its candidate to BigPharma. Acme Bio will receive a "
        "non-refundable deposit of 7 billion won from BigPharma on Tuesday."
    )
    assert fields.get("upfront") == 7_000_000_000


def test_an_english_sentence_runs_on_past_inc_and_us():
    from dari.extraction.text import sentences

    text = (
        "The company also bought a 62.34% stake in Viral Gene Inc., a U.S.-based firm, for "
        "37.5 billion won. FEELUX grew."
    )
    assert [text[s:e].strip()[:12] for s, e in sentences(text)] == ["The company ", "FEELUX grew."]


def test_the_price_of_another_companys_stake_is_not_this_deals():
    fields = deal(
        "Acme Bio announced on June 12 that it decided to take over a 100% stake in BigPharma "
        "for 16.1 billion won. The company also bought a 62.34% stake in Viral Gene Inc., a "
        "U.S.-based bio venture firm, for 37.5 billion won in February."
    )
    assert fields.get("total") == pytest.approx(16_100_000_000)
