"""English purchases of a stake or of a listed company's shares, told apart from shares
taken up by an investor (SYNTHETIC: test organisations and figures; pure, no database)."""

from __future__ import annotations

from dari.extraction import extract
from tests.extraction_support import GAZ, deal, roles


def test_a_stake_a_company_would_buy_is_an_acquisition():
    fields = deal(
        "On June 24 Acme Bio announced that it would buy a 25.4% stake in BigPharma. The "
        "transaction is worth $137.2 million."
    )
    assert roles(fields) == {("Acme Bio", "acquirer"), ("BigPharma", "target")}


def test_shares_of_a_listed_company_bought_are_an_acquisition():
    fields = deal(
        "Acme Bio announced on the 23rd that it will additionally acquire 1,831,039 shares of "
        "BigPharma, a drug developer, for approximately 12 billion KRW."
    )
    assert roles(fields) == {("Acme Bio", "acquirer"), ("BigPharma", "target")}


def test_shares_an_investment_brings_are_no_purchase():
    cands = extract(
        "By investing 2.7 million dollars in BigPharma in a Series A round, Acme Bio acquired "
        "69,546 shares of the company.",
        GAZ,
    )
    assert cands and cands[0].kind == "investment"
