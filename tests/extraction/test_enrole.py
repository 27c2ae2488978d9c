"""English deal roles (issue 14, extraction round 4): partners working together, analyst
firms quoted on a deal, each on short made-up sentences (SYNTHETIC: test organisations and
figures; pure, no database)."""

from __future__ import annotations

from tests.extraction_support import deal, roles


def test_an_analyst_firm_commenting_on_a_deal_is_no_party():
    fields = deal(
        "Acme Bio revealed that the counterparty for the option contract for its technology "
        "transfer (License Out) is likely to be a big pharma. Harlan Investment Corp commented "
        'on the 28th regarding the option contract. Harlan Investment Corp stated, "Acme Bio '
        'has signed more than 10 material transfer agreements."'
    )
    assert roles(fields) == {("Acme Bio", "licensor")}


def test_companies_working_together_with_a_conditional_licence_are_partners():
    fields = deal(
        "Acme Bio and Pellucid Inc. are working together on antibody-drug conjugates in a "
        "partnership agreement. If either company licenses in the discovered candidates, that "
        "company will have the exclusive rights. Each company will take half of any revenue "
        "from sublicensing to a third party."
    )
    assert roles(fields) == {("Acme Bio", "partner"), ("Pellucid Inc.", "partner")}


def test_partners_one_of_which_has_priority_rights_are_partners():
    fields = deal(
        "Acme Bio and Pellucid Inc. are working together on antibody-drug conjugates in a "
        "partnership agreement. The Korean firm will have priority rights to develop and "
        "commercialize the first development candidate from the partnership."
    )
    assert roles(fields) == {("Acme Bio", "partner"), ("Pellucid Inc.", "partner")}


def test_an_aside_with_another_amount_does_not_hide_the_milestone_words():
    fields = deal(
        "Acme Bio has licensed its antibody to BigPharma for an upfront payment of $30.0 "
        "million and up to an aggregate of $420.0 million (after an aggregate amount of $32.5 "
        "million paid for milestone events achieved as of December 31, 2025) upon the "
        "achievement of certain regulatory and sales milestones."
    )
    assert (fields["upfront"], fields["milestones"]) == (30_000_000, 420_000_000)


def test_milestones_named_far_before_an_amount_they_increased_to():
    fields = deal(
        "Acme Bio will receive an upfront payment of $20 million from BigPharma for its "
        "antibody licence. In addition, Acme Bio will receive from BigPharma milestones based "
        "on item approval, patent extension, and cumulative net sales thresholds for the "
        "product line, increased to $432 million."
    )
    assert (fields["upfront"], fields["milestones"]) == (20_000_000, 432_000_000)


def test_milestones_on_cumulative_sales_are_this_deals_not_a_running_total():
    fields = deal(
        "Acme Bio has licensed its antibody to BigPharma for an upfront payment of $20 million. "
        "In addition, it will receive sales milestones of up to $300 million tied to "
        "cumulative net sales."
    )
    assert (fields["upfront"], fields["milestones"]) == (20_000_000, 300_000_000)


def test_the_controlling_shareholder_bought_beside_the_target_is_a_target():
    fields = deal(
        "BigPharma will acquire Acme Bio for $300 million. In addition, BigPharma will acquire "
        "all outstanding shares of Harlan Holdings Inc., the controlling shareholder of Acme "
        "Bio, for $100 million."
    )
    assert roles(fields) == {
        ("BigPharma", "acquirer"),
        ("Acme Bio", "target"),
        ("Harlan Holdings Inc.", "target"),
    }


def test_the_seller_a_buyer_signs_with_over_its_takeover_is_a_target():
    fields = deal(
        "BigPharma said it has signed an initial agreement with Harlan Partners Inc. over its "
        "possible acquisition of Acme Bio. Harlan Partners Inc. holds over 60 percent of Acme Bio."
    )
    assert roles(fields) == {
        ("BigPharma", "acquirer"),
        ("Acme Bio", "target"),
        ("Harlan Partners Inc.", "target"),
    }
