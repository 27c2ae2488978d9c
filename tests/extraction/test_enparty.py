"""English deal parties the graph does not know (issue 14, extraction round 3): general cues
for names and for bystanders, each on short made-up sentences (SYNTHETIC: test organisations
and figures; pure, no database)."""

from __future__ import annotations

from tests.extraction_support import deal, roles


def test_a_place_before_a_corporate_ending_is_a_company():
    fields = deal(
        "Acme Bio has licensed its antibody to Boston Therapeutics. Boston Therapeutics will "
        "pay an upfront payment of $5 million."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("Boston Therapeutics", "licensee")}


def test_a_place_before_a_corporate_ending_of_an_association_is_no_company():
    fields = deal(
        "Acme Bio has licensed its antibody to BigPharma for an upfront payment of $5 million, "
        "according to the Korea Pharmaceutical and Bio-Pharma Manufacturers Association."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}


def test_a_name_based_in_a_place_is_a_company():
    fields = deal(
        "Velmora, based in Lyon, France, signed an agreement to license its antibody to "
        "BigPharma, which will pay an upfront payment of $5 million."
    )
    assert roles(fields) == {("Velmora", "licensor"), ("BigPharma", "licensee")}


def test_the_subject_after_a_dateline_is_a_company():
    fields = deal(
        "BOSTON, May 3, 2024 /PRNewswire/ -- Pellucid today announced that it has licensed its "
        "antibody to BigPharma for an upfront payment of $5 million."
    )
    assert roles(fields) == {("Pellucid", "licensor"), ("BigPharma", "licensee")}


def test_a_financial_adviser_is_no_party():
    fields = deal(
        "Harlan Securities acted as exclusive financial advisor to BigPharma on its acquisition "
        "of Norvale Therapeutics for $500 million."
    )
    assert roles(fields) == {("BigPharma", "acquirer"), ("Norvale Therapeutics", "target")}


def test_a_company_advising_a_party_is_no_party():
    fields = deal(
        "Acme Bio was advised by Harlan Securities in licensing its antibody to Pellucid for an "
        "upfront payment of $5 million."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("Pellucid", "licensee")}


def test_companies_named_only_in_an_about_section_are_no_parties():
    fields = deal(
        "Pellucid has licensed its antibody to BigPharma for an upfront payment of $5 million.\n"
        "About BigPharma\n"
        "BigPharma acquired Zentro Therapeutics in 2019 and licensed a vaccine from Harlow "
        "Biosciences."
    )
    assert roles(fields) == {("Pellucid", "licensor"), ("BigPharma", "licensee")}


def test_a_name_the_text_defines_a_short_form_for_is_a_company():
    fields = deal(
        "The exclusive rights to Acme Bio's antibody go to Quintara Lifesystems (“Quintara”) "
        "under the agreement, with an upfront payment of $5 million."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("Quintara Lifesystems", "licensee")}


def test_the_two_companies_a_headline_says_enter_a_deal_are_companies():
    fields = deal(
        "Acme Bio and Quintara Enter into Exclusive License Agreement\n"
        "The agreement covers the antibody in Europe, with an upfront payment of $5 million to "
        "Acme Bio."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("Quintara", "licensee")}


def test_the_company_a_headline_says_signs_with_another_is_a_company():
    fields = deal(
        "Quintara Signs License Agreement with Acme Bio for Antibody\n"
        "The agreement covers Acme Bio's antibody in Europe, with an upfront payment of "
        "$5 million."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("Quintara", "licensee")}


def test_the_companies_a_headline_says_one_acquires_are_companies():
    fields = deal(
        "Quintara to Acquire Lumetra for $300 Million\n"
        "The transaction is expected to close in the third quarter."
    )
    assert roles(fields) == {("Quintara", "acquirer"), ("Lumetra", "target")}


def test_nordic_and_european_company_endings():
    fields = deal(
        "Quintara AB has licensed its antibody to Lumetra SE for an upfront payment of $5 million."
    )
    assert roles(fields) == {("Quintara AB", "licensor"), ("Lumetra SE", "licensee")}


def test_a_parent_that_says_its_subsidiary_signed_is_no_party():
    fields = deal(
        "Quintara Group said its subsidiary Lumetra Pharma has in-licensed an antibody "
        "from Acme Bio for an upfront payment of $5 million."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("Lumetra Pharma", "licensee")}


def test_a_name_s_first_word_names_the_same_company():
    fields = deal(
        "Acme Bio said it inked a deal with Quintara Pharmaceutica, a Swiss biopharmaceutical "
        "company, to license in the latter's QX-101. Under the agreement, Quintara will receive "
        "an upfront payment of $14 million."
    )
    assert roles(fields) == {("Acme Bio", "licensee"), ("Quintara Pharmaceutica", "licensor")}


def test_the_group_a_named_unit_belongs_to_is_no_party():
    fields = deal(
        "Lumetra Bio, a drug development unit of Ruritania's telecom-to-energy conglomerate "
        "Quintara Group, announced that it has signed a contract with US-based biotech company "
        "Velmora to co-develop a new drug."
    )
    assert roles(fields) == {("Lumetra Bio", "partner"), ("Velmora", "partner")}


def test_a_parent_whose_unnamed_subsidiary_is_bought_is_the_party():
    fields = deal(
        "Acme Bio has agreed to acquire the U.S. subsidiary of Quintara Therapeutics of "
        "Ruritania for $30 million."
    )
    assert roles(fields) == {("Acme Bio", "acquirer"), ("Quintara Therapeutics", "target")}


def test_the_members_of_a_buying_consortium_are_acquirers():
    fields = deal(
        "A consortium of Harlow Private Equity and Velmora Capital will acquire 80% of "
        "Ruritanian vaccine maker Lumetra Biopharma Co. for $231 million."
    )
    assert roles(fields) == {
        ("Harlow Private Equity", "acquirer"),
        ("Velmora Capital", "acquirer"),
        ("Lumetra Biopharma", "target"),
    }


def test_a_company_the_buyer_forms_a_consortium_with_is_an_acquirer():
    fields = deal(
        "Acme Bio said it will acquire diagnostics maker Lumetra Bioscience Inc. for $1.5 "
        "billion. Through a consortium formed with Harlow Partners LLC, a private equity fund, "
        "Acme Bio said it has entered into an agreement with Lumetra Bioscience."
    )
    assert roles(fields) == {
        ("Acme Bio", "acquirer"),
        ("Harlow Partners LLC", "acquirer"),
        ("Lumetra Bioscience Inc.", "target"),
    }


def test_two_companies_a_target_is_acquired_by_are_acquirers():
    fields = deal(
        "Lumetra Bioscience Inc. said that it agreed to be acquired by Acme Bio and Harlow "
        "Partners in a $1.53 billion all-cash transaction."
    )
    assert roles(fields) == {
        ("Acme Bio", "acquirer"),
        ("Harlow Partners", "acquirer"),
        ("Lumetra Bioscience Inc.", "target"),
    }


def test_a_company_named_with_a_party_in_the_deal_s_phrase_takes_its_side():
    fields = deal(
        "BigPharma has signed a licensing agreement with Lumetra Therapeutics and Velmora "
        "Pharma for their antibody. Lumetra Therapeutics will receive an upfront payment of "
        "$10 million."
    )
    assert roles(fields) == {
        ("BigPharma", "licensee"),
        ("Lumetra Therapeutics", "licensor"),
        ("Velmora Pharma", "licensor"),
    }


def test_a_company_that_receives_payments_with_a_party_takes_its_side():
    fields = deal(
        "A subsidiary of BigPharma has acquired worldwide rights to Lumetra Therapeutics' "
        "antibody. Lumetra Therapeutics will receive an upfront payment of $125 million. "
        "Lumetra and Velmora Pharma are eligible to receive milestone payments."
    )
    assert roles(fields) == {
        ("BigPharma", "licensee"),
        ("Lumetra Therapeutics", "licensor"),
        ("Velmora Pharma", "licensor"),
    }


def test_companies_listed_beside_a_party_elsewhere_take_no_side():
    fields = deal(
        "BigPharma has licensed an antibody from Lumetra Therapeutics for an upfront payment of "
        "$10 million. BigPharma has earlier worked with Velmora Pharma and Quintara Bio."
    )
    assert roles(fields) == {("BigPharma", "licensee"), ("Lumetra Therapeutics", "licensor")}


def test_a_parent_whose_subsidiary_the_text_names_elsewhere_is_no_party():
    fields = deal(
        "Acme Bio agreed to transfer its platform to a subsidiary of Ruritania's Quintara "
        "Pharmaceutical. Acme Bio said it would transfer the platform to Quintara Oncology for "
        "$395 million."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("Quintara Oncology", "licensee")}


def test_a_bare_co_is_a_corporate_ending():
    fields = deal(
        "Quintara Co., a manufacturer of lighting products, announced that it will take over "
        "a 100% stake in Lumetra Pharma for $20 million."
    )
    assert roles(fields) == {("Quintara Co.", "acquirer"), ("Lumetra Pharma", "target")}


def test_the_company_a_headline_says_is_licensed_to_is_a_company():
    fields = deal(
        "Deal Watch: Acme Bio Licenses US Rights To Antifungal Under FDA Review To Quintara\n"
        "Acme Bio gets $30m up front for US rights to the weekly antifungal."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("Quintara", "licensee")}


def test_a_name_opening_in_lower_case_after_its_kind_is_a_company():
    fields = deal(
        "Acme Bio announced that it has signed a contract with US-based biotech company "
        "quinTAR to co-develop a new drug, combining quinTAR’s platform with its experience."
    )
    assert roles(fields) == {("Acme Bio", "partner"), ("quinTAR", "partner")}
