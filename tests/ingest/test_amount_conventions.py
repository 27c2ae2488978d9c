"""Issue 14, amounts round: the labelling conventions for upfront, milestones and total, one
test per rule, on short made-up sentences (SYNTHETIC: test organisations and figures; pure,
no database)."""

from __future__ import annotations

from tests.extraction_support import deal


def amounts(text: str) -> tuple:
    f = deal(text)
    return f.get("upfront"), f.get("milestones"), f.get("total"), f.get("currency")


def test_a_fee_paid_first_is_the_upfront():
    text = (
        "에이씨엠이바이오는 빅제약과 기술이전 계약을 체결했다. 계약 금액은 반환의무가 없는 "
        "선급기술료 8억 원과 임상 단계별로 받는 마일스톤기술료 240억 원 등 총 248억 원 규모다."
    )
    assert amounts(text) == (800000000, 24000000000, 24800000000, "KRW")


def test_a_contract_fee_and_a_technology_fee_are_upfront_and_milestones():
    text = (
        "Acme Bio signed a license agreement with BigPharma. Acme Bio will receive 1.5 billion "
        "KRW of the contract fee and total 7.8 billion KRW of technology fee."
    )
    assert amounts(text) == (1500000000, 7800000000, None, "KRW")


def test_milestones_named_after_a_possessive():
    text = (
        "Acme Bio licensed its platform to BigPharma. Acme Bio will receive an upfront payment "
        "of $20m and will be eligible for up to $280m based on BigPharma’s achievement of "
        "specified development, regulatory and sales milestones."
    )
    assert amounts(text)[:2] == (20000000, 280000000)


def test_kinds_joined_before_the_total_word_name_the_whole():
    text = (
        "에이씨엠이바이오는 빅제약에 기술이전 계약을 체결했다. 계약금과 마일스톤 기술료 총액은 "
        "3450만 달러 규모다. 반환 의무가 없는 계약금이 250만 달러, 마일스톤 기술료가 최대 "
        "3200만 달러다."
    )
    assert amounts(text) == (2500000, 32000000, 34500000, "USD")


def test_kinds_listed_then_etc_name_the_whole():
    text = (
        "에이씨엠이바이오는 빅제약에 기술이전 계약을 맺었다. 에이씨엠이바이오는 빅제약으로부터 "
        "선급금(비공개), 연구개발 및 판매에 따른 마일스톤 등 최대 7억달러를 받는다."
    )
    assert amounts(text) == (None, None, 700000000, "USD")


def test_a_stocks_trading_value_is_no_term_but_a_deals_price_is():
    text = (
        "에이씨엠이바이오의 거래대금 규모는 9363억원으로 1위다. 에이씨엠이바이오는 빅제약에 "
        "기술이전 계약을 체결했다. 계약금은 2000만달러(약 280억원)다."
    )
    assert amounts(text)[2:] == (None, "USD")
    text = "빅제약은 에이씨엠이바이오 지분을 인수하는 계약을 맺었다. 총 거래대금은 9272억원이다."
    assert amounts(text)[2] == 927200000000


def test_upfront_and_milestones_add_up_to_the_total_stated_first():
    text = (
        "Acme Bio has licensed out a drug candidate to BigPharma for US$785 million. Acme Bio "
        "will receive a down payment of US$15 million and up to US$770 million in milestone "
        "payments. The largest deal before it was worth US$1,255 million."
    )
    assert amounts(text) == (15000000, 770000000, 785000000, "USD")
    # a larger total stated first holds more than the parts summed after it
    text = (
        "Acme Bio signed a license agreement with BigPharma. The agreement is worth $3.24 "
        "billion, including $18 million in technical fees comprising $6 million in upfront "
        "fees and $12 million in fees by milestone."
    )
    assert amounts(text)[2] == 3240000000


def test_money_on_each_stages_success_and_a_glossed_milestone_are_milestones():
    text = (
        "Acme Bio licensed its technology to BigPharma, a deal worth up to $155 million. Acme "
        "Bio will receive an upfront payment of $15 million and another $20 million upon "
        "completion of the technology transfer. The remaining payment would depend on the "
        "success of each development stage and could be as high as $120 million."
    )
    assert amounts(text) == (15000000, 140000000, 155000000, "USD")
    text = (
        "에이씨엠이바이오는 빅제약에 13억500만 달러 규모의 기술수출을 했다. 선금은 8000만 "
        "달러다. 나머지 12억2500만 달러는 ‘개발이 잘 돼야 받는’ 마일스톤이다."
    )
    assert amounts(text)[:2] == (80000000, 1225000000)


def test_one_milestone_payment_falling_due_is_not_the_deals_milestones():
    text = (
        "Acme Bio received a milestone payment of 3 million USD from BigPharma. Acme Bio "
        "signed a licensing agreement with BigPharma worth a total of 127.5 million USD, "
        "including an upfront payment of 15 million USD."
    )
    assert amounts(text) == (15000000, None, 127500000, "USD")
    # ... but the rest of the deal's money paid as a milestone is
    text = (
        "Acme Bio signed a license deal with BigPharma worth 53.1 billion yen. Acme Bio will "
        "receive 5 billion yen as a down payment and will collect an additional 48.1 billion "
        "yen as a milestone payment after approval."
    )
    assert amounts(text)[:2] == (5000000000, 48100000000)


def test_an_amount_including_the_milestones_is_the_whole():
    text = (
        "Acme Bio signed a technology transfer agreement with BigPharma. Acme Bio will receive "
        "an upfront payment of $100 million, a rights payment of $200 million, and royalties "
        "of up to $1.7 billion on net sales, including milestones for development."
    )
    assert amounts(text) == (100000000, None, 1700000000, "USD")
    text = (
        "에이씨엠이바이오는 빅제약과 기술이전 계약을 맺었다. 마일스톤과 기술료 포함 총 3800억원 "
        "규모다. 선급금은 68억원이다."
    )
    assert amounts(text)[1:3] == (None, 380000000000)


def test_a_figure_in_round_units_does_not_set_the_currency():
    text = (
        "에이씨엠이바이오가 2조 단위 규모의 기술이전 계약을 체결했다. 에이씨엠이바이오는 빅제약과 "
        "17억 달러(약 2조 2,458억 원) 규모 계약을 체결했다. 에이씨엠이바이오는 선급금 1억 "
        "달러(약 1,300억 원)를 받는다."
    )
    assert amounts(text)[0] == 100000000
    assert amounts(text)[3] == "USD"


def test_a_markets_forecast_is_no_term():
    text = (
        "Acme Bio signed a license agreement with BigPharma. Acme Bio will gain royalties. "
        "The market amounted to around $1.93 billion in 2015 and is expected to grow at an "
        "annual rate of 6.4 percent $3.59 billion by 2025."
    )
    assert amounts(text)[2] is None
    text = (
        "에이씨엠이바이오는 빅제약과 기술이전 계약을 체결했다. 의약품 시장 규모는 약 2조2000억원 "
        "수준으로, 2025년까지 매년 6.4% 성장해 4조원에 달할 것으로 전망된다."
    )
    assert amounts(text)[2] is None


def test_sales_growth_a_price_balance_and_a_running_sum_are_no_terms():
    text = (
        "BigPharma has completed the acquisition of Acme Bio for approximately 30 billion won. "
        "Acme Bio achieved a 57 percent sales growth to 29.6 billion won in 2023."
    )
    assert amounts(text)[2] == 30000000000
    text = (
        "에이씨엠이바이오는 빅제약과 수출 계약을 체결했다. 이번에 약 337억원의 계약을 맺어 기존 "
        "계약을 포함해 총 1433억원 규모에 달한다."
    )
    assert amounts(text)[2] == 33700000000


def test_upfront_fees_in_parts_are_summed():
    text = (
        "BigPharma entered into a license agreement with Acme Bio. The agreement involved "
        "BigPharma paying Acme Bio upfront fees of $50,000 and $10.0 million in 2024 and "
        "2023, respectively. Acme Bio is eligible to receive up to $123.0 million upon the "
        "achievement of various development and regulatory milestones, up to $337.5 million "
        "in commercial milestones."
    )
    assert amounts(text)[:2] == (10050000, 460500000)


def test_a_round_figure_the_deal_nears_gives_way_to_the_precise_one():
    text = (
        "Acme Bio agreed to transfer the rights to a drug candidate to BigPharma for "
        "approximately 911.7 billion won. The total contract size is nearing 1 trillion won."
    )
    assert amounts(text)[2] == 911700000000


def test_money_invested_to_buy_shares_is_the_acquisitions_price():
    text = (
        "BigPharma acquires Acme Bio. BigPharma announced that it would invest KRW 14.3 billion "
        "(USD 10.8 million) to acquire 2,647,378 shares of Acme Bio, a 31.5% stake."
    )
    assert amounts(text)[2:] == (14300000000, "KRW")


def test_a_fixed_sum_called_royalty_for_the_rights_is_the_upfront():
    text = (
        "에이씨엠이바이오는 빅제약과 총 3천만 달러의 독점 판매 계약을 체결했다. 이번 계약으로 "
        "에이씨엠이바이오는 로열티 700만 달러를 받고 빅제약에 독점 판매권을 제공하게 된다."
    )
    assert amounts(text) == (7000000, None, 30000000, "USD")


def test_an_outsiders_guess_at_undisclosed_terms_is_no_term():
    text = (
        "에이씨엠이바이오는 빅제약과 2차 수출계약을 체결했다. 양사는 계약의 구체적 규모를 "
        "밝히지 않았지만, 증권가에서는 1차(10년간 5억달러)의 4배를 넘을 것이라는 전망을 "
        "내놓고 있다."
    )
    assert amounts(text) == (None, None, None, None)


def test_money_received_before_the_milestones_with_no_name_is_the_upfront():
    text = (
        "Acme Bio signed a license agreement with BigPharma for its diabetes drug. Under the "
        "agreement, Acme Bio will receive $2 million and a 5 percent stake in BigPharma, with "
        "milestones of up to $178 million, followed by royalties."
    )
    assert amounts(text) == (2000000, 178000000, None, "USD")
