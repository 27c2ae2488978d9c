"""Seventh round of issue 14: general extraction rules, each on short made-up sentences
(SYNTHETIC: test organisations and figures; pure, no database)."""

from __future__ import annotations

from dari.extraction.gazetteer import Entry, Gazetteer
from tests.extraction_support import deal, roles


def test_a_longer_known_korean_name_inside_a_match_wins():
    gaz = Gazetteer(
        [
            Entry("organization", "gc", "GC Corp", "KR", ("GC녹십자",)),
            Entry("organization", "gcms", "GC MS", "KR", ("녹십자엠에스",)),
        ],
        aliases={},
    )
    found = [m.value[1] for m in gaz.find("GC녹십자엠에스는 계약을 체결했다. GC녹십자는")]
    assert found == ["gcms", "gc"]


def test_industries_is_a_corporate_ending():
    gaz = Gazetteer([Entry("organization", "teva", "Tevo Pharmaceutical Industries")], aliases={})
    assert [m.value[1] for m in gaz.find("Tevo will pay the developer.")] == ["teva"]


def test_a_name_the_text_calls_a_company_is_proposed():
    fields = deal(
        "Acme Bio has signed a deal to license its biosimilar of Brandex to Ruritanian "
        "pharmaceutical company Zentrofarm, the Korean company said."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("Zentrofarm", "licensee")}


def test_the_founders_of_a_partnership_are_not_parties():
    fields = deal(
        "Acme Bio, a partnership between ParentCo and Globex Ventures, has announced that it will "
        "partner with BigPharma to develop biosimilars. BigPharma will provide an upfront "
        "payment to Acme Bio."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}


def test_the_body_a_figure_is_quoted_from_is_not_a_party():
    fields = deal(
        "Acme Bio would export a technology to BigPharma. According to the Ruritania Health "
        "Institute, the local market is estimated at about 2.2 trillion won."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}
    assert fields.get("total") is None


def test_a_company_quoted_on_its_own_deal_stays_a_party():
    fields = deal(
        "According to Acme Bio on the 23rd, the company licensed its drug to BigPharma for "
        "$5 million upfront."
    )
    assert {name for name, _ in roles(fields)} == {"Acme Bio", "BigPharma"}


def test_a_market_named_after_an_amount_is_no_term():
    fields = deal(
        "Acme Bio entered the USD 3 billion hemophilia market through licensing out the "
        "technology to BigPharma."
    )
    assert fields.get("total") is None


def test_an_initial_amount_and_an_advance_are_the_upfront():
    fields = deal("BigPharma will pay Acme Bio an initial $160m under the licence.")
    assert fields["upfront"] == 160000000
    fields = deal("에이씨엠이바이오는 빅제약에 기술이전하고 선수금 20억원을 받는다.")
    assert fields["upfront"] == 2000000000


def test_milestones_named_by_kind_after_each_amount_are_summed_below_a_total():
    fields = deal(
        "Acme Bio licensed the drug to BigPharma. BigPharma will pay $50M upfront. Acme Bio is "
        "eligible to receive up to $500M upon achieving certain regulatory milestones and up to "
        "$800M in potential commercial milestones, for total potential payments of up to $1.6B."
    )
    assert fields["milestones"] == 1300000000
    assert fields["total"] == 1600000000


def test_the_one_a_deal_is_with_takes_what_is_licensed_out():
    fields = deal(
        "Acme Bio has clinched a deal with BigPharma Inc to license out its vaccine technology. "
        "BigPharma would have exclusive rights in Europe."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}


def test_money_paid_on_an_event_after_signing_is_a_milestone():
    fields = deal(
        "Acme Bio licensed its technology to BigPharma for up to $100 million. Acme Bio will "
        "receive an upfront payment of $10 million. It gets another $30 million upon completion "
        "of the technology transfer. The milestone payments could be as high as $60 million."
    )
    assert fields["upfront"] == 10000000
    assert fields["milestones"] == 90000000  # the parts add up to the only total


def test_an_amount_holding_the_one_before_is_the_total():
    fields = deal(
        "에이씨엠이바이오는 빅제약에 기술이전했다. 에이씨엠이바이오는 선수금 20억원을 포함해 개발 "
        "단계에 따라 최대 300억원의 기술이전료를 받는다."
    )
    assert fields["upfront"] == 2000000000
    assert fields["total"] == 30000000000
    fields = deal(
        "에이씨엠이바이오는 빅제약에 기술이전했다. 선수금 20억원을 받는다. 향후 개발 단계에 "
        "따라 최대 300억원의 기술이전료를 받을 수 있다."
    )
    assert fields["milestones"] == 30000000000


def test_a_merger_only_thought_of_makes_no_acquisition():
    fields = deal(
        "에이씨엠이바이오는 빅제약과 판권 계약을 체결했다. 에이씨엠이바이오는 빅제약과 장기적으로 "
        "합병을 검토하고 있다."
    )
    assert {role for _, role in roles(fields)} <= {"licensor", "licensee"}


def test_names_the_graph_lacks_are_found_where_they_stand():
    cases = {
        "Acme Bio strikes an agreement with U.K.’s Norvexa to develop ADCs.": "Norvexa",
        "Acme Bio signed a licence deal with U.S. pharmaceutical venture firm Norvexa.": "Norvexa",
        "Acme Bio signed a licence with Princeton, N.J.-based Norvexa for its drug.": "Norvexa",
        "Norvexa (NVX) has entered into an agreement to license Acme Bio's drug.": "Norvexa",
        "Norvexa is paying to access Acme Bio's platform under a licence.": "Norvexa",
        "Acme Bio will supply the drug to Norvexa which will pay $10 million for the licence.": (
            "Norvexa"
        ),
        "Acme Bio signed a licence contract for the drug with Norvexa, its U.S. affiliate.": (
            "Norvexa"
        ),
        "Acme Bio licensed its drug to a Chinese joint venture company, Norvexa, last week.": (
            "Norvexa"
        ),
        "China-based Norvexa and Acme Bio have announced a licence agreement.": "Norvexa",
        "Acme Bio licensed its drug to Norvexa A/S for Europe.": "Norvexa A/S",
    }
    for text, name in cases.items():
        assert name in {p["mentioned_as"] for p in deal(text)["parties"]}, text


def test_korean_names_the_graph_lacks_are_found_in_english_texts():
    cases = [
        "South Korea's Daonsel said it signed a licence deal with BigPharma.",
        "BigPharma entered a licence agreement with South Korea’s Daonsel for the drug.",
        "On the 3rd, Daonsel exported the technology of its antibody to BigPharma.",
        "Under the terms of the agreement, Daonsel has obtained the exclusive licence.",
        "BigPharma is agreeing to pay Daonsel up to $700 million for the licence.",
        "BigPharma will acquire the licence from Daonsel for up to $180m.",
        "BigPharma will divest its drugs under a licence to South Korea’s Daonsel.",
        "The Korean CMO Daonsel and BigPharma agree to a licence for biosimilars.",
        "Daonsel, a Korean clinical-stage biopharma founded in 2006, licensed its ADC.",
    ]
    for text in cases:
        assert "Daonsel" in {p["mentioned_as"] for p in deal(text)["parties"]}, text


def test_more_words_for_the_upfront_and_the_milestones():
    base = "Acme Bio licensed its drug to BigPharma. "
    cases = [
        "BigPharma will make a one-time payment of $10 million and up to $90 million in "
        "milestones.",
        "Acme Bio will receive $10 million in cash up front and contingent payments of up to "
        "$90 million.",
        "The agreement includes a non-refundable payment of $10 million and development "
        "milestones of up to $90 million.",
        "Acme Bio gets an upfront payment of $10 million plus success-based payments of up to "
        "$90 million.",
    ]
    fields = deal(base + "It is worth up to $100 million, of which $10 million is upfront.")
    assert (fields.get("upfront"), fields.get("total")) == (10000000, 100000000)
    for text in cases:
        fields = deal(base + text)
        assert (fields.get("upfront"), fields.get("milestones")) == (10000000, 90000000), text


def test_korean_payer_named_first_and_rights_to_what_the_other_made():
    fields = deal("빅제약이 에이씨엠이바이오에 계약금 100억원을 지급하는 라이선스 계약이다.")
    assert roles(fields) == {("에이씨엠이바이오", "licensor"), ("빅제약", "licensee")}
    fields = deal("빅제약은 에이씨엠이바이오가 개발한 항체의 중국 내 권리를 사들였다.")
    assert roles(fields) == {("에이씨엠이바이오", "licensor"), ("빅제약", "licensee")}
    # what the money depends on is no company
    fields = deal(
        "에이씨엠이바이오는 빅제약과 라이선스 계약을 맺었다. 에이씨엠이바이오는 향후 개발, 허가, "
        "매출에 따른 마일스톤으로 최대 500억원을 받는다."
    )
    assert {name for name, _ in roles(fields)} == {"에이씨엠이바이오", "빅제약"}


def test_an_acquisition_told_with_buy_passive_or_매각():
    for text in (
        "BigPharma agreed to buy Acme Bio in a $1 billion deal.",
        "Acme Bio agreed to be acquired by BigPharma for $1 billion.",
        "Acme Bio will be bought by BigPharma for $1 billion.",
        "에이씨엠이바이오는 빅제약에 1조원에 매각됐다.",
    ):
        fields = deal(text)
        named = {
            n.replace("에이씨엠이바이오", "Acme Bio").replace("빅제약", "BigPharma"): r
            for n, r in roles(fields)
        }
        assert named == {"Acme Bio": "target", "BigPharma": "acquirer"}, text
        assert fields["deal_type"] == "acquisition", text


def test_an_investment_told_as_attracted_or_invest():
    from dari.extraction import extract
    from tests.extraction_support import GAZ

    for text in (
        "Seoul-based Acme Bio attracted a $7.3 million investment led by Globex Ventures.",
        "Four venture capital firms have decided to invest US$16 million in Acme Bio.",
    ):
        cands = extract(text, GAZ)
        assert cands and cands[0].kind == "investment", text
