"""English deals of two partners told by words for both sides, and their limits
(SYNTHETIC: test organisations and sentences; pure, no database)."""

from __future__ import annotations

from dari.extraction import partners_en
from dari.extraction.model import Mention
from tests.extraction_support import deal, roles


def _reciprocal(text: str) -> bool:
    """partners_en.reciprocal with Acme Bio and BigPharma placed as licensor and licensee."""
    orgs = sorted(
        (
            Mention(i, i + len(name), name, ("organization", None))
            for name in ("Acme Bio", "BigPharma")
            for i in range(len(text))
            if text.startswith(name, i)
        ),
        key=lambda m: m.start,
    )
    a = next(m for m in orgs if m.text == "Acme Bio")
    b = next(m for m in orgs if m.text == "BigPharma")
    return partners_en.reciprocal(text, orgs, [(a, "licensor", 0.4), (b, "licensee", 0.4)])


def test_the_two_companies_working_together_are_partners():
    fields = deal(
        "Acme Bio said Monday it has signed a business agreement with BigPharma to promote "
        "their joint research into new drugs. The two companies aim to derive candidate "
        "substances by the end of this year."
    )
    assert roles(fields) == {("Acme Bio", "partner"), ("BigPharma", "partner")}


def test_a_licence_planned_for_later_hands_nothing_over_now():
    fields = deal(
        "Acme Bio said it has signed an agreement with BigPharma to co-develop a treatment for "
        "arthritis. Under the accord, the two companies will run phase 1 trials. Acme Bio also "
        "plans to license out the treatment to BigPharma after the results come out."
    )
    assert roles(fields) == {("Acme Bio", "partner"), ("BigPharma", "partner")}


def test_another_deals_sentence_is_not_read_for_a_hand_over():
    fields = deal(
        "Acme Bio announced that it has signed a strategic cooperation agreement with BigPharma "
        "to develop cell therapies. BigPharma is a biotech company in Taiwan. It received "
        "technology transfer from Zeta Labs, a unit of Acme Bio. Through this cooperation "
        "agreement, Acme Bio plans to jointly research the mechanism of action."
    )
    assert roles(fields) == {("Acme Bio", "partner"), ("BigPharma", "partner")}


def test_one_sides_technology_provided_to_the_other_is_a_hand_over():
    assert not _reciprocal(
        "Acme Bio said it has signed a joint research agreement with BigPharma to validate "
        "candidates. Under this agreement, BigPharma will provide its proprietary linker "
        "technologies. Acme Bio will make the substances. The two companies will discuss "
        "details."
    )


def test_a_payment_between_the_two_is_a_flow():
    text = (
        "Acme Bio and BigPharma signed a mutual cooperation agreement. BigPharma will pay Acme "
        "Bio $5 million upfront for the exclusive rights to the drug."
    )
    assert not _reciprocal(text)
    assert all(role != "partner" for _, role in roles(deal(text)))


def test_words_for_both_sides_are_needed():
    assert not _reciprocal("Acme Bio signed an agreement with BigPharma on a cancer drug.")
    assert _reciprocal("Acme Bio and BigPharma signed an MOU. Both companies will do research.")


def test_an_earlier_purchase_in_the_background_leaves_partners_partners():
    fields = deal(
        "Acme Bio said on Nov. 28 it struck an MOU with BigPharma to introduce new drugs. Under "
        "the agreement, both sides will share information on new drugs. In 2020, Acme Bio "
        "acquired the selling rights of an anticancer drug from ParentCo."
    )
    assert roles(fields) == {("Acme Bio", "partner"), ("BigPharma", "partner")}


def test_a_memorandum_of_understanding_is_a_deal_of_partners():
    fields = deal(
        "Acme Bio announced on the 9th that it had signed a memorandum of understanding (MOU) "
        "with BigPharma to initiate the development of sustained release injectables, "
        "combining the polymer technologies of both companies."
    )
    assert roles(fields) == {("Acme Bio", "partner"), ("BigPharma", "partner")}


def test_two_companies_that_have_partnered_are_partners():
    fields = deal(
        "Acme Bio, based in Seoul, and the US biotech BigPharma have partnered to globally "
        "commercialize a flu vaccine patch."
    )
    assert roles(fields) == {("Acme Bio", "partner"), ("BigPharma", "partner")}


def test_a_markets_size_is_no_flow_between_partners():
    assert _reciprocal(
        "Acme Bio announced that it will sign a mutual cooperation agreement with BigPharma. "
        "Both parties plan to promote research. Korea's share in the global new drug market, "
        "which amounts to 700 trillion won, is minimal."
    )


def test_a_date_in_may_is_no_plan():
    assert not _reciprocal(
        "On May 30, Acme Bio signed an agreement with BigPharma on the joint development and "
        "license-in of a molecule."
    )
