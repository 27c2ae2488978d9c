"""Session 12 (helper extract2) of issue 14: English conventions found in the training
splits dev7 and earlier (names, aliases, amounts), each on a short made-up text (SYNTHETIC:
test organisations and figures; pure, no database)."""

from __future__ import annotations

from tests.extraction_support import deal, roles


def test_a_listed_company_is_found_by_its_ticker():
    fields = deal(
        "BigPharma (BPHM) and NOVELTIX (NVTX) said NOVELTIX will grant BigPharma an "
        "exclusive worldwide license to its kinase inhibitor. BigPharma will pay NOVELTIX "
        "$20 million upfront."
    )
    assert ("NOVELTIX", "licensor") in roles(fields)


def test_an_abbreviation_in_brackets_is_no_ticker():
    fields = deal(
        "Acme Bio licensed its drug for Primary Biliary Cholangitis (PBC) to BigPharma for "
        "$20 million upfront."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}


def test_a_company_opening_a_sentence_with_a_deal_verb_is_a_candidate():
    fields = deal(
        "Zentorix is paying $10 million upfront to Acme Bio for the ex-Asia rights to its antibody."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("Zentorix", "licensee")}


def test_biobucks_after_an_amount_are_the_milestones():
    fields = deal(
        "BigPharma will pay Acme Bio $10 million upfront and up to $500 million in biobucks "
        "for the antibody, a deal worth $510 million."
    )
    assert fields["milestones"] == 500_000_000 and fields["total"] == 510_000_000


def test_a_short_name_after_a_legal_ending_is_the_companys():
    # the graph knows "BigPharma"; the text adds its legal ending before the short name
    fields = deal(
        "On May 2, 2020, BigPharma GmbH (“BPG”), a subsidiary of its US parent, entered into a "
        "license agreement with Acme Bio. Under the agreement, BPG received the exclusive right "
        "to develop the antibody in Europe, and BPG will pay Acme Bio $30 million upfront."
    )
    assert {(p["organization"], p["role"]) for p in fields["parties"]} == {
        ("acme-bio", "licensor"),
        ("bigpharma", "licensee"),
    }


def test_payments_pending_milestones_are_the_milestones():
    fields = deal(
        "BigPharma will pay Acme Bio $24 million up front, plus additional payments of up to "
        "$410 million pending development, regulatory and commercial milestones."
    )
    assert fields["milestones"] == 410_000_000 and "total" not in fields


def test_money_contingent_on_achieving_goals_is_the_milestones():
    fields = deal(
        "BigPharma licensed the antibody from Acme Bio for $100 million upfront. Acme Bio will "
        "also receive up to $250 million from BigPharma, contingent on the antibody achieving "
        "certain regulatory approvals."
    )
    assert fields["milestones"] == 250_000_000


def test_an_amount_in_total_is_the_total_whatever_words_follow():
    fields = deal(
        "Acme Bio licensed out its drug to BigPharma. Under the contract worth $430 million in "
        "total, Acme Bio will receive milestone payments as stages are completed."
    )
    assert fields["total"] == 430_000_000 and "milestones" not in fields


def test_a_place_before_based_is_no_part_of_the_name():
    fields = deal(
        "Acme Bio inked a licensing agreement with Zentorix Therapeutics Inc. that could total "
        "$1 billion. The deal grants San Diego-based Zentorix exclusive worldwide rights to the "
        "antibody for $40 million upfront."
    )
    assert {p["name"] for p in fields["parties"]} == {"Acme Bio", "Zentorix Therapeutics Inc."}


def test_the_announcer_of_an_agreement_between_two_others_is_no_party():
    fields = deal(
        "ParentCo today announced an exclusive licensing agreement between BigPharma of the US "
        "and ParentCo's Asia licensee, Acme Bio of Korea, for the cell therapy in Japan.\n\n"
        "Under the terms of the agreement, BigPharma will pay an upfront payment of $24 million."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}


def test_two_companies_doing_one_sides_part_are_on_that_side():
    fields = deal(
        "ParentCo licensed the North American rights to the antibody to BigPharma. BigPharma "
        "will pay $10 million upfront.\n\nParentCo and Acme Bio will supply the antibody at "
        "agreed prices."
    )
    assert roles(fields) == {
        ("ParentCo", "licensor"),
        ("Acme Bio", "licensor"),
        ("BigPharma", "licensee"),
    }
