"""Korean deal texts that state a deal and a stake together, and three-party contracts (issue
14, extraction round 6): each rule on a short text written for the test (CONSTRUCTED:
synthetic organisations and figures; pure, no database). 누리테라퓨틱스, 솔빛제약, 한빛제약
and the others are names no list holds."""

from __future__ import annotations

from dari.extraction import extract, pipeline
from dari.extraction.stakes_ko import allied_stake, bought_outright, partners_first
from tests.extraction_support import GAZ, deal, roles

ACME, BIG = "에이씨엠이바이오", "빅제약"  # the test gazetteer's Korean and American companies


def test_shares_bought_then_new_shares_subscribed_is_an_acquisition():
    # stakes_ko.bought_outright: the opening tells of shares bought and names no investment
    text = (
        f"3일 한빛홀딩스에 따르면 {ACME}는 {BIG}의 주식 100만주를 총 500억원에 취득하기로 "
        f"결정했다. {ACME}는 한빛홀딩스가 보유 중인 {BIG} 주식 중 40만주를 넘겨받고, "
        f"{BIG}의 제3자 배정 유상증자에 참여해 신주 60만주를 취득한다."
    )
    assert bought_outright(text, invested=True)
    assert pipeline._acquisition(text)  # the purchase, not an investment


def test_shares_bought_after_an_investment_named_stay_an_investment():
    # stakes_ko.bought_outright: "지분 투자" before the shares bought keeps it an investment
    text = (
        f"{ACME}는 {BIG}에 100억원 규모의 전략적 지분 투자를 했다고 밝혔다.\n"
        f"{ACME}는 {BIG} 주식을 1주당 5000원에 취득해 지분율을 10%로 확대한다."
    )
    assert not bought_outright(text, invested=True)
    assert extract(text, GAZ)[0].kind == "investment"


def test_headline_lines_belong_to_the_opening():
    # stakes_ko.partners_first: "X·Y와 공동 개발" in the third headline line still opens it
    text = (
        "한빛제약, 장기 지속 주사제 임상 승인\n"
        "1개월 약효 지속\n"
        "누리바이오·솔빛제약과 공동 개발\n"
        "한빛제약은 주사제 'HB-101'의 임상시험계획 승인을 받았다고 17일 밝혔다. "
        "HB-101은 누리바이오의 플랫폼 기술을 적용한 주사제다. 한빛제약은 누리바이오의 "
        "기술을 높이 평가해 전략적 투자를 진행해 지분을 취득했다."
    )
    assert partners_first(text)
    assert extract(text, GAZ)[0].kind == "deal"


def test_a_long_first_paragraph_is_no_headline():
    # stakes_ko.partners_first: a first line ending a sentence is the opening's own sentence
    text = (
        "누리바이오는 한빛제약으로부터 100억원 규모의 시리즈B 투자를 유치했다고 3일 밝혔다.\n"
        "양사는 신약을 공동 개발한다."
    )
    assert not partners_first(text)


def test_a_three_party_contract_puts_the_listed_companies_on_one_side():
    # groups_ko: "개발사인 A, 판권을 가진 B와 함께 3자 계약" — A signs beside B
    fields = deal(
        "한빛제약은 미국의 개발사 누리테라퓨틱스가 개발중인 당뇨병 치료제의 국내 판권 계약을 "
        "맺었다고 15일 밝혔다. 이번 계약은 후보물질 개발사인 누리테라퓨틱스, 해당 품목의 "
        "아시아 판권을 가진 솔빛파마와 함께 3자 계약으로 진행됐다. 한빛제약은 이번 계약으로 "
        "국내 독점판매권을 10년간 확보하게 된다."
    )
    assert roles(fields) == {
        ("한빛제약", "licensee"),
        ("누리테라퓨틱스", "licensor"),
        ("솔빛파마", "licensor"),
    }


def test_an_alliance_with_a_stake_taken_is_the_stake_bought():
    # stakes_ko.allied_stake: an alliance whose terms include a stake: the investor buys it
    text = (
        f"{ACME}는 11일 {BIG}과 대규모 지분투자 등을 내용으로 한 전략적 사업 제휴를 체결했다고 "
        f"밝혔다. 이번 제휴로 {BIG}는 1400억원을 투자해 {ACME} 지분의 9.9%를 보유하고 "
        f"{ACME}의 영업망을 활용해 전문의약품 공동 판매에 나설 예정이다."
    )
    assert allied_stake(text)
    assert roles(deal(text)) == {(BIG, "acquirer"), (ACME, "target")}


def test_an_alliance_with_a_licence_is_the_licence():
    # stakes_ko.allied_stake: rights licensed decide, whatever stake comes with them
    assert not allied_stake(
        f"{BIG}가 {ACME}와 5년간 제휴를 체결했다. {BIG}는 선금 500억원과 지분 투자 100억원을 "
        "제공하고 후보물질에 대한 독점 라이선스를 받는다."
    )
