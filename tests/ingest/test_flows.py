"""Session 12 (helper extract2) of issue 14: a licence's direction from where its money and
rights flow, and the bench's `partner` convention, on short made-up sentences (SYNTHETIC:
test organisations and figures; pure, no database)."""

from __future__ import annotations

import pytest

from dari.extraction import flows
from tests.extraction_support import deal, roles


def test_the_receiver_of_the_money_gives_the_rights():
    fields = deal(
        "BigPharma and Acme Bio announced a collaboration on antibodies for solid tumours.\n\n"
        "Under the agreement, Acme Bio will receive an upfront payment of $20 million and is "
        "eligible for milestone payments."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}


def test_the_payer_takes_the_rights():
    fields = deal(
        "BigPharma signed a licence agreement with Acme Bio for an antibody.\n\n"
        "BigPharma will pay $5 million upfront and up to $50 million in milestones."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}


def test_rights_gained_under_the_agreement_make_the_licensee():
    fields = deal(
        "BigPharma and Acme Bio signed a licence agreement for a kinase inhibitor.\n\n"
        "Under the agreement, Acme Bio gains exclusive rights to develop and sell the drug in "
        "Korea."
    )
    assert roles(fields) == {("Acme Bio", "licensee"), ("BigPharma", "licensor")}


def test_money_from_a_company_makes_it_the_payer():
    assert flows.evidence("⟦0⟧ will get an upfront payment of $10 million from ⟦1⟧.") == {
        0: 1.0,
        1: -0.8,
    }


def test_rights_to_a_company_make_it_the_taker():
    score = flows.evidence("⟦0⟧ agreed to license its drug candidate to US company ⟦1⟧.")
    assert score[0] > 0 > score[1]


def test_a_company_after_a_preposition_is_not_the_subject():
    # "with ⟦1⟧ to acquire": the one who acquires is ⟦0⟧, not ⟦1⟧
    score = flows.evidence("⟦0⟧ signed an agreement with ⟦1⟧ to acquire exclusive global rights.")
    assert score.get(0, 0) < 0 and score.get(1, 0) == 0


def test_it_is_the_sentence_subject():
    score = flows.evidence("⟦0⟧ signed a deal with ⟦1⟧, for which it is receiving $50 million.")
    assert score.get(0, 0) > 0 and score.get(1, 0) == 0


def test_a_relative_clause_has_its_own_subject():
    score = flows.evidence("⟦0⟧ will supply the products to ⟦1⟧ which will pay $16 million.")
    assert score[1] < 0


def test_a_licensees_onward_licensing_says_nothing_of_this_deal():
    score = flows.evidence(
        "⟦1⟧ will receive royalties if ⟦0⟧ further licenses out the drug to a third party."
    )
    assert score.get(0, 0) == 0 and score[1] > 0


def test_the_company_provided_with_the_technology_takes_it():
    score = flows.evidence("The deal calls for ⟦0⟧ to provide ⟦1⟧ with its technology.")
    assert score[1] < 0


def test_its_asset_belongs_to_the_sentence_subject():
    score = flows.evidence("⟦0⟧ signed a licensing deal with ⟦1⟧ for its ABC-123 candidate.")
    assert score[0] > 0 and score.get(1, 0) == 0


def test_the_owner_of_the_asset_gives_and_the_acquirer_of_rights_takes():
    score = flows.evidence("⟦1⟧ acquires exclusive worldwide rights to ⟦0⟧'s ABC-123.")
    assert score[0] > 0 > score[1]


def test_a_technology_transfer_agreement_names_no_direction():
    assert flows.evidence("⟦0⟧ signed a technology transfer agreement with ⟦1⟧.") == {}


def test_retaining_rights_is_the_givers_word():
    score = flows.evidence(
        "⟦0⟧ will commercialize the drug, except in Japan where ⟦1⟧ has retained marketing rights."
    )
    assert score[1] > 0


def test_a_research_collaboration_with_no_flow_is_between_partners():
    fields = deal(
        "Acme Bio and BigPharma signed a research collaboration agreement to discover new "
        "antibodies.\n\nThe two companies will jointly conduct research and share the costs."
    )
    assert roles(fields) == {("Acme Bio", "partner"), ("BigPharma", "partner")}


def test_a_co_development_with_money_paid_one_way_is_a_licence():
    fields = deal(
        "Acme Bio and BigPharma signed a co-development agreement for a vaccine.\n\n"
        "BigPharma will pay Acme Bio $5 million upfront."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}


def test_the_founders_of_a_joint_venture_are_partners_and_their_money_a_contribution():
    fields = deal(
        "Acme Bio and BigPharma will form a joint venture to develop cell therapies.\n\n"
        "Acme Bio will put up $10 million for a 51% stake in the venture, and BigPharma will "
        "license two antibodies to it."
    )
    assert roles(fields) == {("Acme Bio", "partner"), ("BigPharma", "partner")}
    assert "total" not in fields
    assert "jv_contribution:10000000" in fields["flags"]


def test_an_earlier_joint_venture_named_late_makes_no_partners():
    fields = deal(
        "Acme Bio signed a licence agreement with BigPharma for two biosimilars.\n\n"
        "BigPharma will pay Acme Bio an initial $16 million.\n\n"
        "The deal follows a previous biosimilar joint venture BigPharma exited in 2013, a "
        "joint venture with another company."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}


def test_a_deal_for_rights_makes_its_subject_the_licensee():
    # no verb pattern of the rules speaks; the order named would make BigPharma the licensor
    fields = deal(
        "BigPharma struck a licence deal with Acme Bio for exclusive rights to develop the "
        "antibody in Asia."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}


def test_technology_acquired_for_a_candidate_is_a_licence_and_the_flows_direct_it():
    fields = deal(
        "BigPharma, a company known for its diabetes drugs, has acquired the technology for a "
        "new drug candidate under development by Korean biotech Acme Bio for about $90 "
        "million.\n\nAcme Bio announced on the 7th that it agreed to transfer the exclusive "
        "rights to the antibody ACM-101 for the treatment of chronic liver disease and kidney "
        "disease to BigPharma for about $91 million.\n\nClinical development will be handled "
        "by BigPharma, which will hold exclusive rights."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}


def test_the_buyer_is_who_acquires_and_the_bought_is_its_object():
    score = flows.evidence(
        "⟦1⟧ said it would be acquired by ⟦0⟧. ⟦0⟧ will buy a 60% stake in ⟦1⟧ for $40 million.",
        flows.PURCHASE,
    )
    assert score[0] < 0 < score[1]


def test_acquiring_rights_is_no_purchase_and_royalties_received_no_price():
    score = flows.evidence(
        "⟦0⟧ will acquire global rights to the drug and will receive royalties from ⟦2⟧.",
        flows.PURCHASE,
    )
    assert score == {}


def test_money_written_short_is_money():
    # "USD15m" before "from ⟦1⟧": money from ⟦1⟧ (the payer), not rights from it
    score = flows.evidence(
        "⟦0⟧ will receive an upfront payment for a licence to its platform, and an equity "
        "investment of USD15m, from US company ⟦1⟧."
    )
    assert score[0] > 0 > score[1]


def test_agreeing_to_a_payment_and_paying_later_are_the_payers():
    score = flows.evidence(
        "⟦1⟧ agreed to an upfront payment of $100 million. ⟦2⟧ will later pay $1 billion."
    )
    assert score[1] < 0 and score[2] < 0


# Sentences as deal releases write them: ⟦0⟧ gives (licensor), ⟦1⟧ takes (licensee).
_RELEASE_SENTENCES = [
    (
        "⟦0⟧ has entered into an exclusive license agreement with ⟦1⟧ under which ⟦1⟧ will obtain exclusive rights to develop and commercialize ⟦0⟧'s ABC-101 in Japan.",
        0,
        1,
    ),
    (
        "Under the terms of the agreement, ⟦1⟧ will make an upfront payment of $20 million to ⟦0⟧.",
        0,
        1,
    ),
    ("⟦0⟧ has out-licensed its hyaluronidase platform to ⟦1⟧.", 0, 1),
    ("⟦1⟧ in-licensed the rights to ABC-101 from ⟦0⟧ in 2021.", 0, 1),
    ("⟦1⟧ said it has acquired the exclusive rights to ⟦0⟧'s obesity drug in Korea.", 0, 1),
    (
        "⟦0⟧ granted ⟦1⟧ an exclusive license to develop, manufacture and commercialize ABC-101 worldwide.",
        0,
        1,
    ),
    ("⟦1⟧ will have an option to license the program from ⟦0⟧.", 0, 1),
    (
        "⟦1⟧ will be responsible for all development and commercialization activities, and ⟦0⟧ will receive up to $500 million in milestones.",
        0,
        1,
    ),
    (
        "The agreement gives ⟦1⟧ exclusive rights to market the drug in China, while ⟦0⟧ retains rights in the rest of the world.",
        0,
        1,
    ),
    ("⟦0⟧, which developed ABC-101, will receive $10 million upfront from ⟦1⟧.", 0, 1),
    ("⟦1⟧ will pay ⟦0⟧ $5 million upon signing.", 0, 1),
    ("⟦0⟧ licensed ABC-101 to ⟦1⟧, which will pay royalties.", 0, 1),
    ("⟦1⟧ licensed ABC-101 from ⟦0⟧ for $30 million.", 0, 1),
    (
        "⟦0⟧ and ⟦1⟧ signed an agreement under which ⟦1⟧ gains access to ⟦0⟧'s antibody discovery platform.",
        0,
        1,
    ),
    ("⟦1⟧ has been granted exclusive rights by ⟦0⟧.", 0, 1),
    ("⟦0⟧ sold the Korean rights to the drug to ⟦1⟧.", 0, 1),
    ("⟦1⟧ bought the rights to ABC-101 from ⟦0⟧.", 0, 1),
    ("⟦1⟧ tapped ⟦0⟧ for its ADC technology, paying $50 million upfront.", 0, 1),
    ("⟦0⟧ will supply the finished product to ⟦1⟧, which will sell it in Brazil.", 0, 1),
    (
        "⟦1⟧ and ⟦0⟧ announced a license agreement. ⟦0⟧ is eligible for up to $300 million in milestones.",
        0,
        1,
    ),
    ("⟦0⟧ said it will transfer its technology for the drug to ⟦1⟧.", 0, 1),
    (
        "⟦1⟧ will acquire exclusive global rights to develop ABC-101 from ⟦0⟧ for $15 million upfront.",
        0,
        1,
    ),
    ("⟦0⟧ struck a deal to license out its candidate to Chinese drugmaker ⟦1⟧.", 0, 1),
    ("In return, ⟦1⟧ will pay an upfront fee and ⟦0⟧ may receive milestones.", 0, 1),
]


@pytest.mark.parametrize("sentence", [s for s, _, _ in _RELEASE_SENTENCES])
def test_release_sentences_are_directed_from_giver_to_taker(sentence):
    assert flows.direction(sentence, giver=1, taker=0) is True
    assert flows.direction(sentence, giver=0, taker=1) is False
