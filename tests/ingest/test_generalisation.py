"""Sixth round of issue 14: general extraction rules, each on short made-up sentences
(SYNTHETIC: test organisations and figures; pure, no database)."""

from __future__ import annotations

from dari.extraction.model import Mention
from dari.extraction.money import amounts
from dari.extraction.shortnames import short_forms
from tests.extraction_support import deal, roles


def test_korean_hundreds_and_tens_inside_a_group():
    found = [m.value for m in amounts("총 3억2천1백만 달러, 약 1천5백억원, 4천 3백2십만달러")]
    assert found == [(321000000, "USD"), (150000000000, "KRW"), (43200000, "USD")]
    assert [m.value for m in amounts("수백억원 규모")] == []


def test_a_list_of_kinds_before_one_amount_names_the_whole():
    fields = deal(
        "Acme Bio granted BigPharma exclusive rights and will receive an upfront fee, development "
        "and sales milestone payments that could reach $300 million."
    )
    assert fields["total"] == 300000000
    assert fields.get("milestones") is None


def test_a_down_payment_said_after_the_amount_with_milestones_is_the_whole():
    fields = deal(
        "BigPharma will pay up to $250 million in down payment, development and sales milestone "
        "payments to Acme Bio under the licence."
    )
    assert fields["total"] == 250000000
    assert fields.get("upfront") is None


def test_at_least_an_amount_in_milestones_is_not_a_comparison():
    fields = deal(
        "에이씨엠이바이오는 빅제약에 기술이전했다. 허가까지 2천500만 달러 이상 단계별 기술료를 받는다."
    )
    assert fields["milestones"] == 25000000


def test_a_market_forecast_in_korean_is_not_a_term():
    fields = deal(
        "에이씨엠이바이오는 빅제약과 500억원 규모의 수출계약을 체결했다. 관련 시장 규모는 올해 1조원이다. "
        "2030년에는 2조원으로 늘어날 전망이다."
    )
    assert fields["total"] == 50000000000


def test_money_paid_each_time_goals_are_met_is_milestones():
    fields = deal(
        "Acme Bio licensed the antibody to BigPharma for $20 million upfront. BigPharma will later "
        "pay $400 million each time certain development goals are achieved."
    )
    assert (fields["upfront"], fields["milestones"]) == (20000000, 400000000)


def test_the_currency_of_the_terms_beats_a_headline_approximation():
    fields = deal(
        "에이씨엠이바이오가 빅제약에 약 1조원에 기술을 수출했다. 계약 총 규모는 최대 7억5000만 달러"
        "(약 1조원)이며 선급금은 2000만 달러(약 270억원)이다."
    )
    assert (fields["currency"], fields["upfront"], fields["total"]) == (
        "USD",
        20000000,
        750000000,
    )


def test_a_total_first_in_won_keeps_won_when_the_parts_are_in_dollars():
    fields = deal(
        "에이씨엠이바이오는 빅제약과 3,000억원 규모의 기술 이전 계약을 체결했다. 계약금 2,000만달러"
        "(약 270억원)를 받고 마일스톤은 최대 2억달러(2,700억원)다."
    )
    assert fields["currency"] == "KRW"
    assert fields["total"] == 300000000000


def test_granting_names_the_licensor():
    fields = deal("Under the deal, Acme Bio is granting BigPharma exclusive rights outside Asia.")
    assert roles(fields) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}


def test_a_hyphenated_place_before_the_licensee():
    fields = deal(
        "Acme Bio said it exported its technology for the US rights to a UAE-based BigPharma."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}


def test_a_headline_is_a_sentence_of_its_own():
    fields = deal(
        "BigPharma gets the rights to Acme Bio's drug\n\n"
        "Acme Bio announced that it licensed its candidate to BigPharma."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}


def test_short_forms_and_initials_name_the_same_party():
    text = "Nova Star Pharmaceutical Ind Co and Procter & Gamble agreed. Nova Star is granting P&G."
    orgs = [
        Mention(0, 31, "Nova Star Pharmaceutical Ind Co", ("organization", None)),
        Mention(36, 52, "Procter & Gamble", ("organization", None)),
    ]
    found = short_forms(text, orgs)
    assert [(m.text, text[m.start : m.end]) for m in found[2:]] == [
        ("Nova Star Pharmaceutical Ind Co", "Nova Star"),
        ("Procter & Gamble", "P&G"),
    ]
    # a place is no short form: "Korea" of "Korea Pharma"
    assert (
        short_forms("Korea Pharma in Korea", [Mention(0, 12, "Korea Pharma", ("o", None))])[1:]
        == []
    )


def test_a_former_name_in_brackets_is_not_a_party():
    fields = deal(
        "Acme Bio (then Old Name Therapeutics) licensed its candidate to BigPharma for $5 million "
        "upfront."
    )
    assert {name for name, _ in roles(fields)} == {"Acme Bio", "BigPharma"}


def test_a_regulator_is_not_a_party():
    fields = deal(
        "Acme Bio signed an agreement to jointly develop the drug with BigPharma. Acme Bio received "
        "approval for a "
        "phase 3 trial from the Ministry of Food and Drug Safety."
    )
    assert {name for name, _ in roles(fields)} == {"Acme Bio", "BigPharma"}


def test_a_name_never_runs_across_a_sentence_and_drops_a_country_possessive():
    fields = deal(
        "Japan's Sakura Pharma Co. said it would license its drug to Acme Bio for the Korean "
        "market. Acme Bio will pay an upfront fee of ¥300 million."
    )
    assert roles(fields) == {("Sakura Pharma", "licensor"), ("Acme Bio", "licensee")}
    fields = deal(
        "Crestview Therapeutics, Inc. and Acme Bio announced a license under which Crestview "
        "obtains rights outside Korea. Acme Bio will receive $10 million upfront."
    )
    assert {name for name, _ in roles(fields)} == {"Crestview Therapeutics, Inc.", "Acme Bio"}


def test_a_name_without_its_legal_suffix_is_the_same_party_and_keeps_its_terms():
    fields = deal(
        "Crestview Therapeutics, Inc. and Hanbit Bio Co., Ltd. announced a license agreement "
        "under which Crestview obtains rights outside Korea. Hanbit Bio will receive an upfront "
        "payment of $10 million and is eligible for up to $200 million in milestones."
    )
    assert roles(fields) == {
        ("Hanbit Bio Co., Ltd.", "licensor"),
        ("Crestview Therapeutics, Inc.", "licensee"),
    }
    assert (fields["upfront"], fields["milestones"]) == (10000000, 200000000)


def test_to_transfer_a_technology_tells_a_deal():
    fields = deal(
        "Acme Bio said it will transfer its technology to China's Jiangnan Pharmaceutical Group "
        "for 20 billion won, including a 2 billion won down payment."
    )
    assert (fields["upfront"], fields["total"]) == (2000000000, 20000000000)


def test_the_deal_gives_a_party_rights_and_the_other_gets_the_money():
    fields = deal(
        "The license gives BigPharma exclusive rights to the drug in the U.S. Acme Bio gets "
        "$30 million upfront."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}
    assert fields["upfront"] == 30000000


def test_names_the_graph_lacks_where_a_buyer_or_a_payer_stands():
    fields = deal("Marvella has acquired Tindall for $500 million.")
    assert roles(fields) == {("Marvella", "acquirer"), ("Tindall", "target")}
    fields = deal(
        "Acme Bio signed a license deal. Under the agreement, Tindall will make an upfront "
        "payment of $8 million to Acme Bio."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("Tindall", "licensee")}


def test_won_as_english_language_papers_write_it_and_hyphenated_scales():
    assert [m.value for m in amounts("a W380b deal and a $1.2-billion option")] == [
        (380000000000, "KRW"),
        (1200000000, "USD"),
    ]
    assert [m.value for m in amounts("WHO 5 billion doses, W1 code")] == []


def test_korean_rights_brought_in_from_a_named_foreign_company_and_rights_bought():
    fields = deal("에이씨엠이바이오는 미국 빅제약의 항암제를 국내에 도입하는 계약을 체결했다.")
    assert roles(fields) == {("에이씨엠이바이오", "licensee"), ("빅제약", "licensor")}
    fields = deal(
        "빅제약은 에이씨엠이바이오로부터 비만 치료제의 글로벌 권리를 사들였다. 총 1억 달러 규모다."
    )
    assert roles(fields) == {("에이씨엠이바이오", "licensor"), ("빅제약", "licensee")}
    assert fields["total"] == 100000000


def test_milestones_named_by_kind_after_each_amount_are_summed():
    fields = deal(
        "Acme Bio licensed the drug to BigPharma. Acme Bio will receive $10 million upfront, "
        "$50 million in development milestones and $200 million in sales milestones."
    )
    assert (fields["upfront"], fields["milestones"]) == (10000000, 250000000)


def test_milestone_payments_that_could_total_are_milestones():
    fields = deal(
        "Acme Bio licensed the drug to BigPharma for $10 million upfront and potential milestone "
        "payments totaling up to $250 million."
    )
    assert (fields["upfront"], fields["milestones"], fields.get("total")) == (
        10000000,
        250000000,
        None,
    )
    fields = deal(
        "BigPharma licensed the drug from Acme Bio. The agreement includes an upfront payment of "
        "$15 million and milestone payments that could total $400 million."
    )
    assert (fields["upfront"], fields["milestones"]) == (15000000, 400000000)


def test_an_amount_more_tied_to_development_is_milestones():
    fields = deal(
        "Acme Bio licensed the drug to BigPharma. BigPharma will pay $8 million up front and as "
        "much as $92 million more tied to development and sales goals."
    )
    assert (fields["upfront"], fields["milestones"]) == (8000000, 92000000)


def test_money_paid_when_the_contract_is_signed_is_the_upfront():
    fields = deal(
        "에이씨엠이바이오는 빅제약에 판매권을 부여했다. 빅제약은 300만달러를 계약 체결 즉시 "
        "에이씨엠이바이오에 지급한다. 또 단계별 기술료로 최대 5000만달러를 지급한다."
    )
    assert (fields["upfront"], fields["milestones"]) == (3000000, 50000000)


def test_the_money_received_at_each_stage_is_milestones():
    fields = deal(
        "에이씨엠이바이오는 빅제약에 신약물질을 기술수출했다. 계약금은 200만 달러다. 임상 등 각 "
        "단계를 밟을 때마다 받는 금액은 총 1억 달러다."
    )
    assert (fields["upfront"], fields["milestones"], fields.get("total")) == (
        2000000,
        100000000,
        None,
    )


def test_an_amount_paid_upfront_and_a_share_price_that_is_no_term():
    fields = deal(
        "Acme Bio licensed the drug to BigPharma. The deal is worth 40 billion won, with 10 "
        "billion won paid upfront."
    )
    assert (fields["upfront"], fields["total"]) == (10000000000, 40000000000)
    fields = deal(
        "Shares of Acme Bio jumped 15 percent to 32,000 won after it said it licensed its drug "
        "to BigPharma for up to $250 million."
    )
    assert (fields["currency"], fields["total"]) == ("USD", 250000000)
    fields = deal(
        "에이씨엠이바이오 주가는 4만2950원에 거래되고 있다. 에이씨엠이바이오는 빅제약에 기술이전했다. "
        "총 계약 규모는 1억 달러다."
    )
    assert (fields["currency"], fields["total"]) == ("USD", 100000000)


def test_a_parent_that_reports_and_a_latin_legal_suffix_after_a_korean_name():
    fields = deal(
        "에이씨엠이바이오의 모회사 에이씨엠이홀딩스는 자회사 에이씨엠이바이오가 빅제약에 신약을 "
        "기술이전했다고 밝혔다. 총 규모는 2억 달러다."
    )
    assert roles(fields) == {("에이씨엠이바이오", "licensor"), ("빅제약", "licensee")}
    fields = deal(
        "에이씨엠이바이오는 스위스 제약사 노르딕파마 AG와 1,500억원 규모 기술수출 계약을 맺었다."
    )
    assert {name for name, _ in roles(fields)} == {"에이씨엠이바이오", "노르딕파마"}


def test_named_rights_acquired_from_a_company_are_a_licence_and_european_is_no_euro():
    fields = deal(
        "Verdant Biosciences, a subsidiary of Verdant Group, has acquired the European rights to "
        "the drug from Acme Bio. Financial terms were not disclosed."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("Verdant Biosciences", "licensee")}


def test_the_company_that_will_sell_anothers_product_takes_the_rights():
    fields = deal(
        "BigPharma will distribute Acme Bio's biosimilar in the U.S. under an exclusive "
        "distribution agreement."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}
