"""Issue 14, session 16: amounts a deal text states that are not the deal's (a product's sales,
a market's size, what a company plans to sell), and the wholes Korean texts name by listing the
upfront with the milestones. Short made-up sentences (SYNTHETIC: test organisations and
figures; pure, no database)."""

from __future__ import annotations

from tests.extraction_support import deal


def amounts(text: str) -> tuple:
    f = deal(text)
    return f.get("upfront"), f.get("milestones"), f.get("total")


def test_a_products_global_sales_are_not_the_deals_total():
    text = (
        "Acme Bio said it signed licensing agreements with Bigpharma Inc. for its biosimilar. "
        "Global sales of the reference drug totaled 14 trillion won in 2024."
    )
    assert amounts(text) == (None, None, None)


def test_an_addressable_market_is_not_the_deals_total():
    text = (
        "Bigpharma Inc. signed an exclusive licensing and supply deal with Acme Bio for the drug "
        "in Korea. The addressable market opportunity of the drug, which comes in a pen, is "
        "about $47 million in Korea."
    )
    assert amounts(text) == (None, None, None)


def test_sales_a_company_plans_are_not_the_deals_total():
    text = (
        "Acme Bio signed a distribution contract for two drugs of Bigpharma Inc. It plans to "
        "expand next year's oncology sales to about 69 billion won."
    )
    assert amounts(text) == (None, None, None)


def test_royalties_on_sales_beside_the_deal_value_keep_it_the_total():
    text = (
        "Acme Bio signed a licensing deal with Bigpharma Inc. The size of the deal is estimated "
        "at around $132 million, plus tiered royalties on commercial sales in the future."
    )
    assert amounts(text)[2] == 132000000


def test_sales_milestones_listed_with_the_upfront_keep_the_whole():
    text = (
        "Acme Bio signed a license agreement with Bigpharma Inc. to co-develop cancer drugs. "
        "Acme Bio will pay up to US$400 million in equity "
        "investment, down payment, development and sales milestone payments to Bigpharma Inc."
    )
    assert amounts(text)[2] == 400000000


def test_korean_upfront_listed_with_the_milestones_names_the_whole():
    text = (
        "에이씨엠이바이오는 빅제약에 기술이전 계약을 체결했다. 이번 계약에 따라 에이씨엠이바이오는 "
        "빅제약으로부터 계약금과 향후 임상개발, 허가승인 등을 포함한 마일스톤으로 최대 60억원을 "
        "받게 된다."
    )
    assert amounts(text) == (None, None, 6000000000)


def test_a_whole_including_the_milestones_and_the_rest_is_the_total():
    text = (
        "빅제약은 에이씨엠이바이오의 항암물질을 도입한다. 총 기술도입 금액은 향후 개발 단계별 "
        "기술료 등을 포함해 최대 4298억 원 규모다. 이 가운데 계약금은 25억 원이다."
    )
    assert amounts(text) == (2500000000, None, 429800000000)


def test_cumulative_milestones_are_the_deals_not_a_running_sum():
    text = (
        "에이씨엠이바이오는 빅제약과 수출 계약을 체결했다. 에이씨엠이바이오는 라이선스 FEE 및 누적 "
        "마일스톤으로 2억달러(약 2천200억원)을 받고 매출에 따라 10%의 별도 로열티를 받게 된다."
    )
    assert amounts(text) == (None, None, 200000000)
