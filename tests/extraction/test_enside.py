"""General English mechanisms of session 18 (helper en18): a side made of two companies named
together in the deal's sentence, party names printed in capitals, and the short name an
agreement defines after a party's description. Sentences CONSTRUCTED for these tests (made-up
companies; pure, no database)."""

from __future__ import annotations

from dari.extraction import capitals_en, coordinated_en, defined_en
from dari.extraction.model import Mention
from tests.extraction_support import deal, roles


def _org(text: str, name: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Mention(start, start + len(name), name, ("organization", None))


def test_two_licensees_named_together_share_the_side():
    text = "Zorvex Ltd. and Quanta Labs signed a licence agreement with Acme Bio for its antibody."
    z, q, a = _org(text, "Zorvex Ltd."), _org(text, "Quanta Labs"), _org(text, "Acme Bio")
    roled = [(z, "licensee", 0.6), (a, "licensor", 0.6)]
    out = coordinated_en.coordinated(text, [z, q, a], roled)
    assert [(m.text, r) for m, r, _ in out][-1] == ("Quanta Labs", "licensee")


def test_a_pair_with_short_forms_and_tickers_between_is_still_a_pair():
    text = (
        "Acme Bio announced a licensing transaction with Zorvex Ltd. (“Zorvex”) (000000.KQ) "
        "and Quanta Labs (“Quanta”) for its antibody."
    )
    a, z, q = _org(text, "Acme Bio"), _org(text, "Zorvex Ltd."), _org(text, "Quanta Labs")
    out = coordinated_en.coordinated(text, [a, z, q], [(a, "licensor", 0.6), (z, "licensee", 0.6)])
    assert ("Quanta Labs", "licensee") in [(m.text, r) for m, r, _ in out]


def test_a_company_in_another_sentence_or_an_ampersand_name_takes_no_side():
    text = "Acme Bio licensed its antibody to Zorvex Labs. Zorvex Labs and Quanta Labs are rivals."
    a, z1 = _org(text, "Acme Bio"), _org(text, "Zorvex Labs")
    z2, q = _org(text, "Zorvex Labs", 1), _org(text, "Quanta Labs")
    roled = [(a, "licensor", 0.6), (z1, "licensee", 0.6)]
    assert coordinated_en.coordinated(text, [a, z1, z2, q], roled) == roled
    text = "Procter & Gamble Pharma licensed its antibody to Acme Bio for $5 million."
    p, g, a = _org(text, "Procter"), _org(text, "Gamble Pharma"), _org(text, "Acme Bio")
    roled = [(g, "licensor", 0.6), (a, "licensee", 0.6)]
    assert coordinated_en.coordinated(text, [p, g, a], roled) == roled


def test_a_list_of_past_partners_is_not_one_side():
    text = "Acme Bio licensed its antibody to Zorvex Ltd., Quanta Labs and Norvo Pharma last year."
    orgs = [_org(text, n) for n in ("Acme Bio", "Zorvex Ltd.", "Quanta Labs", "Norvo Pharma")]
    roled = [(orgs[0], "licensor", 0.6), (orgs[2], "licensee", 0.6)]
    assert coordinated_en.coordinated(text, orgs, roled) == roled


def test_names_printed_in_capitals_are_names_without_the_heading():
    text = "LICENSE AGREEMENT by and between ZORVEX THERAPEUTICS, INC. and KOREA DRUG CO., LTD."
    found = [text[a:b] for a, b in capitals_en.spans(text)]
    assert found == ["ZORVEX THERAPEUTICS, INC.", "KOREA DRUG CO., LTD."]
    assert capitals_en.spans("THE LICENSE AGREEMENT CO. was signed.") == []


def test_a_short_name_defined_after_the_description_names_the_party():
    text = (
        "ZORVEX THERAPEUTICS, INC., a California corporation, having an address of 1 Main "
        "Street, San Diego (“Zorvex”), and Acme. Zorvex desires to obtain a license."
    )
    z = _org(text, "ZORVEX THERAPEUTICS, INC.")
    found = list(defined_en.mentions(text, [z]))
    assert [text[m.start : m.end] for m in found] == ["Zorvex", "Zorvex"]
    assert all(m.text == "ZORVEX THERAPEUTICS, INC." for m in found)
    # a short name that is not the name's own is not taken
    other = text.replace("(“Zorvex”)", "(“Licensee”)")
    assert list(defined_en.mentions(other, [_org(other, "ZORVEX THERAPEUTICS, INC.")])) == []


def test_an_agreement_between_parties_in_capitals_reads_both_sides():
    fields = deal(
        "THIS LICENSE AGREEMENT is entered into by and between ZORVEX THERAPEUTICS, INC., a "
        "California corporation, having an address of 1 Main Street, San Diego, USA (“Zorvex”), "
        "and QUANTA DRUG CO., LTD., a company organized under the laws of Korea, having an "
        "address of 2 Hill Road, Seoul, Korea (“Quanta”).\n\nWHEREAS, Zorvex desires to obtain "
        "from Quanta, and Quanta desires to grant to Zorvex, an exclusive license to develop "
        "the compound."
    )
    assert roles(fields) == {
        ("ZORVEX THERAPEUTICS, INC.", "licensee"),
        ("QUANTA DRUG CO., LTD.", "licensor"),
    }


def test_a_nordic_or_dutch_ending_folds_into_the_name():
    from dari.extraction.roles import _key

    for full in ("Zorvex Therapeutics AB", "Zorvex Therapeutics A/S", "Zorvex Therapeutics B.V."):
        assert _key(Mention(0, 1, full, ("organization", None))) == _key(
            Mention(0, 1, "Zorvex Therapeutics", ("organization", None))
        )


def test_a_rival_the_buyer_takes_on_is_named_in_passing():
    from dari.extraction.passing_en import passing

    text = "Acme Bio enters a market targeted by Zorvex Labs and Quanta Labs."
    for name in ("Zorvex Labs", "Quanta Labs"):
        assert passing(text, _org(text, name))
    text = "Acme Bio will buy a 30% stake in smaller rival Quanta Labs."
    assert not passing(text, _org(text, "Quanta Labs"))


def test_a_sentence_closing_on_a_past_year_tells_an_earlier_deal():
    from dari.extraction.roles import BACKGROUND

    assert BACKGROUND.search("BigPharma paid Acme $50 million upfront for rights in 2018.")
    assert not BACKGROUND.search(
        "BigPharma has agreed to buy Acme, the companies announced, after a deal signed in 2004."
    )


def test_an_old_deal_of_the_licensee_does_not_take_the_place_of_the_licensor():
    fields = deal(
        "BigPharma is licensing a cancer drug from Zorvex Therapeutics, paying $2 million "
        "upfront. Zorvex Therapeutics developed the drug. ParentCo paid BigPharma $50 million "
        "upfront for rights to another drug in 2018."
    )
    assert roles(fields) == {("BigPharma", "licensee"), ("Zorvex Therapeutics", "licensor")}


def test_a_short_name_the_text_defines_outweighs_the_graphs_reading_of_it():
    from dari.extraction import extract
    from dari.extraction.gazetteer import Entry, Gazetteer

    gaz = Gazetteer(
        [
            Entry("organization", "hnb-bio", "HNB Bioscience", "KR", ("HNB",)),
            Entry("organization", "hnb-pharm", "HNB Pharm", "KR"),
            Entry("organization", "bigpharma", "BigPharma", "US"),
        ],
        aliases={},
    )
    text = (
        "BigPharma and HNB Pharm Co. Ltd. (HNB) have entered a licence agreement. HNB will pay "
        "BigPharma an upfront fee for the rights to the antibody in Korea."
    )
    parties = extract(text, gaz)[0].fields["parties"]
    assert {(p["organization"], p["role"]) for p in parties} == {
        ("hnb-pharm", "licensee"),
        ("bigpharma", "licensor"),
    }


def test_an_agreement_on_rights_with_a_company_makes_the_announcer_the_licensee():
    fields = deal(
        "On April 1, Acme Bio announced the execution of an agreement on exclusive domestic "
        "sales rights for the antibiotic Zorvamycin with Chinese drugmaker BigPharma. Acme Bio "
        "plans to launch it next year."
    )
    assert roles(fields) == {("Acme Bio", "licensee"), ("BigPharma", "licensor")}


def test_a_mark_inside_a_sentence_ends_no_sentence():
    from dari.extraction.flows import sentence_spans

    marked = "⟦0⟧ signed a deal on ?Zorvamycin? with ⟦1⟧. It starts now."
    assert len(sentence_spans(marked)) == 2


def test_a_university_beside_a_company_in_the_deal_is_a_candidate():
    from dari.extraction import academic_en

    text = (
        "Zorvex Ltd. and the University of Norland announced that they have entered into a "
        "collaborative research agreement."
    )
    found = [text[a:b] for a, b in academic_en.spans(text, [_org(text, "Zorvex Ltd.")])]
    assert found == ["University of Norland"]
    fields = deal(
        "Acme Bio and the University of Norland announced that they have entered into a "
        "collaborative research agreement to develop cell sheets together."
    )
    assert roles(fields) == {("Acme Bio", "partner"), ("University of Norland", "partner")}


def test_a_professors_university_is_no_candidate():
    from dari.extraction import academic_en

    text = "Zorvex Ltd. licensed the drug discovered by a professor at Norland University."
    assert academic_en.spans(text, [_org(text, "Zorvex Ltd.")]) == []


def test_a_partnership_with_a_company_and_a_placed_one_gives_both_the_side():
    fields = deal(
        "Acme Bio said it sealed a licensing partnership with French drug giant BigPharma and "
        "Mexico’s Zorvex in 2013 to market its diabetes drug. Acme Bio will receive royalties."
    )
    assert roles(fields) == {
        ("Acme Bio", "licensor"),
        ("BigPharma", "licensee"),
        ("Zorvex", "licensee"),
    }


def test_a_name_without_its_opening_city_is_the_same_company():
    from dari.extraction.shortnames import _forms

    assert "Zorvo Wanbang" in _forms("Shanghai Zorvo Wanbang Biopharma")
    assert _forms("Shanghai Pharmaceuticals") == []


def test_a_licence_to_a_company_described_in_four_words_names_that_licensee():
    fields = deal(
        "Acme Bio licensed China rights for its drug to Shanghai BigPharma Group unit Zorvex "
        "Labs, which follows team efforts with Japan’s Quanta Labs last year. Acme Bio will "
        "receive milestones."
    )
    assert ("Zorvex Labs", "licensee") in roles(fields)
    assert ("Acme Bio", "licensor") in roles(fields)


def test_a_unit_that_signs_for_its_parent_brings_the_parent_to_its_side():
    from dari.extraction import unitsides_en

    text = "Zorvex USA, a subsidiary of Zorvex, clinched a deal to acquire Quanta Labs."
    zu, z, q = _org(text, "Zorvex USA"), _org(text, "Zorvex", 1), _org(text, "Quanta Labs")
    out = unitsides_en.joined(text, [zu, z, q], [(zu, "acquirer", 0.6), (q, "target", 0.6)])
    assert [(m.text, r) for m, r, _ in out][-1] == ("Zorvex", "acquirer")
    # the parent's mention there dropped as an owner: its name read off the text
    text += " Zorvex said so."
    z2 = _org(text, "Zorvex", 2)
    out = unitsides_en.joined(text, [zu, q, z2], [(zu, "acquirer", 0.6), (q, "target", 0.6)])
    assert [(m.text, r) for m, r, _ in out][-1] == ("Zorvex", "acquirer")


def test_the_acquiring_entity_joins_the_buyer():
    from dari.extraction import unitsides_en

    text = "Zorvex will buy the plant of Quanta Labs. Zorvex USA will be the acquiring entity."
    z, q, zu = _org(text, "Zorvex"), _org(text, "Quanta Labs"), _org(text, "Zorvex USA")
    out = unitsides_en.joined(text, [z, q, zu], [(z, "acquirer", 0.6), (q, "target", 0.6)])
    assert ("Zorvex USA", "acquirer") in [(m.text, r) for m, r, _ in out]


def test_an_agreement_with_a_partners_affiliate_adds_no_party():
    from dari.extraction import unitsides_en

    text = "Quanta Labs also signs a separate agreement with Zorvex’s affiliate, Norvo Inc."
    z, q, n = _org(text, "Zorvex"), _org(text, "Quanta Labs"), _org(text, "Norvo Inc.")
    roled = [(z, "licensor", 0.6), (q, "licensee", 0.6)]
    assert unitsides_en.joined(text, [q, z, n], roled) == roled


def test_a_company_founded_jointly_makes_partners():
    fields = deal(
        "Acme Bio and BigPharma have jointly established a new company dedicated to the "
        "development of cancer drugs. Under the agreement, BigPharma will inject $5 million into "
        "the new company."
    )
    assert roles(fields) == {("Acme Bio", "partner"), ("BigPharma", "partner")}


def test_an_earlier_in_licence_leaves_a_research_collaboration_between_partners():
    fields = deal(
        "Acme Bio announced a research collaboration agreement with BigPharma to develop "
        "radiopharmaceuticals together. This joint research builds on a series of Acme Bio’s "
        "partnerships, including the in-licensing of a compound."
    )
    assert roles(fields) == {("Acme Bio", "partner"), ("BigPharma", "partner")}


def test_a_lone_company_granted_rights_in_a_filing_is_the_licensee():
    fields = deal(
        "In November 2012, we entered into an exclusive sublicense agreement with Acme Bio "
        "(“Acme”). Under the terms of the agreement, Acme has been granted an exclusive right to "
        "commercialize the drug in Korea. The Company may receive up to $5.0 million in "
        "milestones. Acme will make royalty payments to the Company on net sales."
    )
    assert roles(fields) == {("Acme Bio", "licensee")}


def test_a_lone_company_licensing_out_stays_the_licensor():
    fields = deal(
        "Acme Bio has licensed its antibody to an undisclosed European company. Acme Bio will "
        "receive an upfront payment of $5 million."
    )
    assert roles(fields) == {("Acme Bio", "licensor")}


def test_a_line_broken_inside_a_sentence_is_one_sentence():
    from dari.extraction.text import unwrapped

    text = (
        "Acme has concluded an agreement\nwith BigPharma under which Acme shall\nbe granted.\nNew"
    )
    assert unwrapped(text) == text.replace("t\nw", "t w").replace("l\nb", "l b")
    assert len(unwrapped(text)) == len(text)


def test_the_one_who_shall_be_granted_rights_in_a_wrapped_release_is_the_licensee():
    fields = deal(
        "Acme Bio announced that the company has concluded an agreement\nwith BigPharma "
        "under which Acme Bio shall\nbe granted exclusive rights to develop and market the eye "
        "drops in Korea.\nThe eye drops were developed by Zorvex Labs, a partner of BigPharma."
    )
    assert ("Acme Bio", "licensee") in roles(fields)
    assert ("BigPharma", "licensor") in roles(fields)


def test_the_company_promoting_the_others_product_is_the_licensee():
    fields = deal(
        "Acme Bio said that it has agreed to promote BigPharma’s Zorvamycin, an Alzheimer's "
        "treatment, jointly with the maker. Under the co-promotion agreement, the two companies "
        "will promote the treatment at hospitals."
    )
    assert roles(fields) == {("Acme Bio", "licensee"), ("BigPharma", "licensor")}


def test_a_joint_development_with_a_technology_transfer_one_way_has_a_licensor():
    fields = deal(
        "Joint development and technology transfer contract between Acme Bio and BigPharma\n\n"
        "To develop a cell therapy, Acme Bio and BigPharma created a culture method through "
        "joint research. As this technology is transferred to BigPharma, it is expected to be "
        "applied in clinical settings."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}


def test_an_announced_acquisition_of_a_stake_names_buyer_and_bought():
    fields = deal(
        "Acme Bio, a cell therapy company, announced the successful acquisition of a majority "
        "equity stake in Zorvex Labs, a Korean company. Acme Bio's leadership secured financial "
        "backing from BigPharma, which provided most of the $17 million."
    )
    assert ("Acme Bio", "acquirer") in roles(fields)
    assert ("Zorvex Labs", "target") in roles(fields)


def test_a_korean_name_split_in_two_is_the_graphs_company():
    from dari.extraction import spacing_en
    from dari.extraction.gazetteer import Entry, Gazetteer

    gaz = Gazetteer([Entry("organization", "hanbit", "Hanbit Pharmaceutical", "KR")], aliases={})
    m = Mention(0, 25, "Han Bit Pharmaceutical", ("organization", None))
    assert spacing_en.resolve(gaz, [m])[0].value == ("organization", "hanbit")
    other = Mention(0, 25, "Han Seoul Pharmaceutical", ("organization", None))
    assert spacing_en.resolve(gaz, [other])[0].value == ("organization", None)


def test_an_institute_known_by_its_initials_is_a_candidate():
    from dari.extraction import academic_en

    text = (
        "Acme Bio signed a technology transfer agreement for its antiviral with the KRIZT in "
        "Daejeon. Under the agreement, the KRIZT will transfer all of the patents to Acme Bio."
    )
    found = {text[a:b] for a, b in academic_en.spans(text, [_org(text, "Acme Bio")])}
    assert found == {"KRIZT"}
    text = "Acme Bio licensed its retinal (RPE) technology to the RPE group. The RPE will grow."
    assert academic_en.spans(text, [_org(text, "Acme Bio")]) == []


def test_a_name_is_known_by_the_initials_of_all_its_words():
    from dari.extraction.shortnames import _forms

    assert "JWP" in _forms("JW Pharmaceutical")
    assert "KRICT" in _forms("Korea Research Institute of Chemical Technology")


def test_a_pair_with_a_seat_between_and_a_deal_involving_them():
    text = (
        "Acme Bio has inked a joint venture deal involving Germany's Zorvex Society (ZS), of "
        "Munich, and Quanta Center GmbH (QC) in Dortmund."
    )
    a, z, q = _org(text, "Acme Bio"), _org(text, "Zorvex Society"), _org(text, "Quanta Center GmbH")
    out = coordinated_en.coordinated(text, [a, z, q], [(a, "partner", 0.6), (z, "partner", 0.6)])
    assert ("Quanta Center GmbH", "partner") in [(m.text, r) for m, r, _ in out]


def test_a_buyer_along_with_another_and_a_target_in_capitals():
    text = (
        "Acme Bio, along with Zorvex Investment PE, has invested $120 million to acquire a 57.8% "
        "stake in QUANTIX, a medical aesthetics device company."
    )
    assert [text[a:b] for a, b in capitals_en.spans(text)] == ["QUANTIX"]
    a, z, q = _org(text, "Acme Bio"), _org(text, "Zorvex Investment PE"), _org(text, "QUANTIX")
    out = coordinated_en.coordinated(text, [a, z, q], [(a, "acquirer", 0.6), (q, "target", 0.6)])
    assert ("Zorvex Investment PE", "acquirer") in [(m.text, r) for m, r, _ in out]


def test_a_drug_acquired_from_a_company_is_licensed_in():
    fields = deal(
        "Acme Bio acquires a next-generation GLP-1 analog from Zorvex Labs of China\n\n"
        "Acme Bio announced its signing of a partnership with Zorvex Labs and licensing in the "
        "analog. Acme Bio will make an upfront payment to Zorvex Labs."
    )
    assert roles(fields) == {("Acme Bio", "licensee"), ("Zorvex Labs", "licensor")}
