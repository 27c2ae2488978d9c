"""English amounts that are not a deal's terms, and amounts the deal's own sentences give
(SYNTHETIC: test organisations and figures; pure, no database)."""

from __future__ import annotations

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
