"""Issue 14, extraction round 3c: which stated amount is the upfront, the milestones, the
total, by the labelling conventions of bench/data/ingest/README.md; one test per rule, on short
made-up sentences (SYNTHETIC: test organisations and figures; pure, no database)."""

from __future__ import annotations

from tests.extraction_support import deal


def amounts(text: str) -> tuple:
    f = deal(text)
    return f.get("upfront"), f.get("milestones"), f.get("total"), f.get("currency")


def test_an_equity_investment_beside_a_licence_is_not_its_total():
    text = (
        "에이씨엠이바이오는 빅제약에 2000만달러를 투자해 지분을 획득했다. 이와 별도로 "
        "신약의 국내 공동개발 및 독점판매권도 획득했다. 계약금과 마일스톤은 공개하지 않았다."
    )
    f = deal(text)
    assert (f.get("upfront"), f.get("milestones"), f.get("total")) == (None, None, None)
    assert f.get("equity") == 20000000


def test_a_stake_investment_and_a_licence_in_one_sum_is_the_equity():
    text = "에이씨엠이바이오는 빅제약과 40억원 규모의 지분 투자 및 기술이전 계약을 맺었다."
    f = deal(text)
    assert f.get("total") is None
    assert f.get("equity") == 4000000000


def test_an_upfront_restating_the_price_is_not_a_second_term():
    text = (
        "에이씨엠이바이오는 빅제약으로부터 후보물질에 대한 자산과 권리 일체를 93억8000만원에 "
        "양수한다. 기술이전 계약금 93억원이 반영되며 빅제약은 재무상황을 개선한다."
    )
    assert amounts(text) == (None, None, 9380000000, "KRW")


def test_a_share_of_the_total_is_a_part_not_the_total():
    text = (
        "에이씨엠이바이오가 후보물질을 빅제약에 총 1억8000만 달러 규모로 기술수출했다. 특히 "
        "계약금 규모가 큰데, 총 규모의 55.6%에 달하는 1억 달러다."
    )
    assert amounts(text) == (100000000, None, 180000000, "USD")


def test_a_years_running_sum_of_deals_is_not_this_deals_total():
    text = (
        "에이씨엠이바이오는 빅제약과 플랫폼 기술이전 계약을 체결했다. 계약금 500억원을 필두로 "
        '단계별로 3조원의 마일스톤을 받는다. 회사는 "올해에만 약 8조원의 기술이전을 '
        '달성했다"고 강조했다.'
    )
    assert amounts(text) == (50000000000, 3000000000000, None, "KRW")


def test_an_additional_sum_due_on_later_events_and_milestones_is_the_milestones():
    text = (
        "Acme Bio entered into a license agreement with BigPharma. BigPharma will pay Acme Bio "
        "an upfront payment of $5 million and up to an additional $48 million at the time of "
        "filing and approval and if certain commercial milestones are achieved."
    )
    assert amounts(text) == (5000000, 48000000, None, "USD")


def test_a_total_including_the_milestones_is_the_total():
    text = (
        "Acme Bio licensed its candidate to BigPharma and received a non-refundable upfront "
        "payment of $80 million. The total contract amount, including development stage "
        "milestone payments, could reach up to $910 million."
    )
    assert amounts(text) == (80000000, None, 910000000, "USD")


def test_a_products_expected_sales_and_a_partners_own_costs_are_no_terms():
    sales = (
        "에이씨엠이바이오는 빅제약과 혈액응고방지제의 국내 독점판매 계약을 체결했다. "
        "에이씨엠이바이오는 이 제품의 연간 매출을 100억원으로 잡고있다."
    )
    assert amounts(sales) == (None, None, None, None)
    costs = (
        "에이씨엠이바이오는 빅제약과 공동개발 및 기술이전 계약을 체결했다. 빅제약은 약 500억원의 "
        "비용을 투입해 임상을 추진할 예정이다."
    )
    assert amounts(costs) == (None, None, None, None)


def test_a_round_figure_the_deal_nears_beside_its_parts_is_no_stated_total():
    text = (
        "에이씨엠이바이오가 빅제약과 4조원에 육박하는 기술이전 계약을 체결했다. 계약금 "
        "585억원을 필두로 단계별로 3조7487억원의 마일스톤을 받는다."
    )
    assert amounts(text) == (58500000000, 3748700000000, None, "KRW")


def test_a_sum_including_the_kinds_listed_before_it_is_the_total():
    text = (
        "에이씨엠이바이오는 빅제약과 라이선스 계약을 맺었다. 이번 계약으로 빅제약에 계약금 및 "
        "국가별 기술료, 매출에 따른 로열티, 제품 공급 금액을 포함해 10년간 8400만달러 규모의 "
        "완제품을 공급하게 된다."
    )
    assert amounts(text) == (None, None, 84000000, "USD")


def test_an_earlier_deal_of_the_product_with_an_unnamed_company_is_not_this_deal():
    text = (
        "에이씨엠이바이오는 빅제약과 중남미 17개국 라이선스 계약을 맺었다고 13일 밝혔다. 10년간 "
        "8400만달러(약 1008억원) 규모다. 이 신약은 2015년 중국 뤄신과 9529만달러(약 1143억원) "
        "규모에 기술수출 계약을 맺었고 지난해 베트남 비메디멕스와도 계약을 맺었다."
    )
    assert amounts(text)[2] == 84000000


def test_a_euro_sign_lost_to_an_e_before_a_scaled_figure_is_the_euro():
    from dari.extraction.money import amounts as money

    assert [m.value for m in money("an upfront payment of E10 million and up to E20m")] == [
        (10000000, "EUR"),
        (20000000, "EUR"),
    ]
    assert [m.value for m in money("Phase E2 and E10 patients")] == []


def test_an_unnamed_sum_due_if_targets_are_reached_is_the_milestones():
    text = (
        "Acme Bio signed a license agreement with BigPharma. Acme Bio will receive $13 million "
        "in an upfront payment. The payment could go up to $137 million if the partner firm "
        "reaches its target sales."
    )
    assert amounts(text) == (13000000, 137000000, None, "USD")
