"""English parties no list knows, read from how the text writes them (issue 14, helper en19):
a name never runs over a line break, curly quotes read in the wrong code page, a possessive
company name, a joint venture named after its owners, a buyer that spends money on a stake
(SYNTHETIC: made-up organisations and figures; pure, no database)."""

from __future__ import annotations

from dari.extraction.text import unwrapped
from tests.extraction_support import deal, roles


def test_a_name_does_not_run_over_a_line_break():
    fields = deal(
        "Quorvel Licenses Its Statin to Japan, a Treatment for Hypercholesterolemia\n"
        "Tamsora Pharmaceutical Co., Ltd. and Quorvel Therapeutics, Inc. announce a licensing "
        "agreement under which Tamsora acquires from Quorvel exclusive rights in Japan. Tamsora "
        "will pay Quorvel an upfront payment of $20 million."
    )
    names = {p["mentioned_as"] for p in fields["parties"]}
    assert "Tamsora Pharmaceutical Co., Ltd." in names
    assert not any("\n" in name for name in names)


def test_mojibake_quotes_keep_the_offsets():
    for said in ("South Korea¡¯s Velnor and", "said ¡°the deal¡± was", "Velnor¡¯s.", "don¡¯t"):
        assert len(unwrapped(said)) == len(said)
    assert unwrapped("South Korea¡¯s Velnor and").startswith("South Korea’s ")


def test_a_company_placed_by_its_country_with_mojibake_quotes():
    fields = deal(
        "South Korea¡¯s Velnor and its U.S. affiliate Kestrin, Inc., have entered an exclusive "
        "license deal with Ormato to develop cell therapies. Kestrin will receive a $30 million "
        "upfront payment and royalties payable by Ormato."
    )
    names = {p["mentioned_as"] for p in fields["parties"]}
    assert {"Velnor", "Ormato"} <= names


def test_a_possessive_company_name_is_one_name():
    fields = deal(
        "Velnor Pharma and Wong's Pharmaceutical (HK) Limited, a unit of Wong's Pharmaceutical "
        "Group Limited (\"Wong's Pharm\"), signed an agreement granting Wong's Pharm exclusive "
        "rights to develop VX-101 in China. Wong's Pharm receives exclusive rights to sell it. "
        "Velnor Pharma will receive an upfront payment and royalties."
    )
    names = {p["mentioned_as"] for p in fields["parties"]}
    assert "Wong" not in names and "Pharm" not in names
    assert any(name.startswith("Wong's Pharm") for name in names)


def test_a_joint_venture_named_after_its_owners_is_the_party():
    fields = deal(
        "Velnor has entered into a strategic partnership with Orbis Farma and Kestrin joint "
        "venture Tamsora under which the latter will have the right to an exclusive license "
        "to Velnor's antibody. Velnor will be eligible to receive up to $300M in payments."
    )
    assert ("Tamsora", "licensee") in roles(fields)


def test_the_company_that_spends_on_a_stake_is_the_buyer():
    fields = deal(
        "Quorvel will spend $110 million to acquire a 10% stake in Korea's drug company, Tamsora "
        "Pharmaceuticals. Quorvel notes that the market grew 14% last year."
    )
    assert ("Quorvel", "acquirer") in roles(fields)


def test_rights_acquired_from_a_company_are_a_licence():
    fields = deal(
        "Tamsora and Quorvel announce an agreement under which Tamsora acquires from Quorvel "
        "exclusive development and commercialization rights in Japan. Tamsora will pay Quorvel "
        "a one-time payment of $60 million."
    )
    assert roles(fields) == {("Tamsora", "licensee"), ("Quorvel", "licensor")}


def test_worldwide_rights_acquired_are_a_licence():
    fields = deal(
        "Tamsora Pharmaceuticals and Quorvel Biopharma have signed an agreement under which a "
        "subsidiary of Tamsora has acquired worldwide development, manufacturing and commercial "
        "rights to QV-12. Quorvel will receive an upfront payment of $125 million."
    )
    assert roles(fields) == {
        ("Tamsora Pharmaceuticals", "licensee"),
        ("Quorvel Biopharma", "licensor"),
    }


def test_an_owner_s_subsidiaries_bought_are_targets_with_it():
    fields = deal(
        "Quorvel Inc. said it plans to acquire Tamsora Holdings Inc. (TH) subsidiaries Velnor "
        "Pharmaceutical Co. and Orbis Pharma Inc. for $1.1 billion to expand its business."
    )
    assert roles(fields) >= {
        ("Quorvel Inc.", "acquirer"),
        ("Tamsora Holdings Inc.", "target"),
        ("Orbis Pharma Inc.", "target"),
    }
    assert any(n.startswith("Velnor Pharmaceutical") and r == "target" for n, r in roles(fields))


def test_a_name_written_with_its_hangul_spelling_unspaced_is_a_subject():
    fields = deal(
        "Velnor벨노, a local gene editing company, has signed a global license agreement with "
        "Quorvel, a seed company, for its editing tool. Quorvel plans to use the tool from "
        "Velnor to develop crops."
    )
    assert ("Velnor", "licensor") in roles(fields)


def test_the_maker_named_after_developed_by_is_a_company():
    fields = deal(
        "BigPharma is purchasing exclusive global rights for a new toxin drug developed by "
        "Korean pharmaceutical firm VTQ. BigPharma will pay up to $30 million in upfront and "
        "milestone payments for the license."
    )
    assert roles(fields) == {("BigPharma", "licensee"), ("VTQ", "licensor")}


def test_a_pair_named_after_its_kind_that_jointly_acquired_are_both_buyers():
    fields = deal(
        "Korean firms Velnor and Kestrin Life science announced that they have jointly acquired "
        "US biotech firm Ormato Therapeutics for $11 million."
    )
    assert roles(fields) == {
        ("Velnor", "acquirer"),
        ("Kestrin Life", "acquirer"),
        ("Ormato Therapeutics", "target"),
    }


def test_a_company_jointly_with_the_licensor_is_on_its_side():
    fields = deal(
        "Velnor Therapeutics, jointly with Kestrin Bio, licensed VX-101 to Ormato Pharma. "
        "Ormato Pharma will pay an upfront payment of $20 million."
    )
    assert ("Kestrin Bio", "licensor") in roles(fields)


def test_the_seller_of_a_company_s_plant_is_a_target():
    fields = deal(
        "Velnor signed a deal with global drugmaker Kestrin Pharma to acquire the manufacturing "
        "facility of Ormato Sciences for $280 million."
    )
    assert roles(fields) == {
        ("Velnor", "acquirer"),
        ("Ormato Sciences", "target"),
        ("Kestrin Pharma", "target"),
    }


def test_a_wrapped_line_may_part_a_name_from_its_corporate_ending():
    fields = deal(
        "DAEJEON, Apr 28 - Velnor\nBiosciences, Inc. (\u201cVLB\u201d) announced today a "
        "worldwide license agreement with Ormato Therapeutics (\u201cOrmato\u201d). Ormato "
        "will make an upfront payment of $5 million to Velnor."
    )
    assert any(n.startswith("Velnor") and r == "licensor" for n, r in roles(fields))


def test_a_pair_opening_with_its_partner_shares_the_side():
    fields = deal(
        "Velnor and its partner Kestrin Bio have licensed VN-9 to Ormato Pharma, which will pay "
        "them $30 million upfront."
    )
    assert roles(fields) == {
        ("Velnor", "licensor"),
        ("Kestrin Bio", "licensor"),
        ("Ormato Pharma", "licensee"),
    }


def test_a_plant_sold_is_an_acquisition():
    fields = deal("Velnor struck a deal to sell its manufacturing plant to Ormato for $90 million.")
    assert roles(fields) == {("Velnor", "target"), ("Ormato", "acquirer")}
