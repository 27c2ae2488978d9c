"""Korean deal roles and terms (issue 14, extraction round 5): each rule on a short sentence
written for the test (CONSTRUCTED: synthetic organisations and figures; pure, no database).
에이씨엠이바이오 is the test gazetteer's Korean company, 빅제약 its American one; 누리테라퓨틱스
and 솔빛제약 are names no list holds."""

from __future__ import annotations

from dari.extraction import extract
from dari.extraction.model import Mention
from dari.extraction.money import amounts
from dari.extraction.shortnames import short_forms
from tests.extraction_support import GAZ, deal, roles

ACME, BIG = "에이씨엠이바이오", "빅제약"


def test_a_headlines_bare_noun_of_taking_and_the_givers_product():
    # cues_ko: "X, Y ADC 도입…" (X takes, Y's product is taken)
    fields = deal(
        "누리테라퓨틱스, 솔빛제약 ADC 도입… 계약금 500억. 누리테라퓨틱스가 솔빛제약과 "
        "ADC 후보물질에 대한 라이선스 계약을 맺었다."
    )
    assert roles(fields) == {("누리테라퓨틱스", "licensee"), ("솔빛제약", "licensor")}


def test_the_object_put_before_its_subject():
    # cues_ko: "Y의 ... 판매권을 X가 확보했다"
    fields = deal(
        "누리테라퓨틱스의 치매 신약 국내 판매권을 솔빛제약이 확보했다. 솔빛제약은 "
        "누리테라퓨틱스와 라이선스 계약을 체결했다고 3일 밝혔다."
    )
    assert roles(fields) == {("누리테라퓨틱스", "licensor"), ("솔빛제약", "licensee")}


def test_being_supplied_a_product_is_taking_it():
    # cues_ko: 공급받다; flows_ko: the owner of a 복합제
    fields = deal(
        "솔빛제약은 누리테라퓨틱스의 고혈압 복합제를 국내에 독점 공급받는 계약을 체결했다."
    )
    assert roles(fields) == {("누리테라퓨틱스", "licensor"), ("솔빛제약", "licensee")}


def test_bringing_a_drug_in_is_taking_it():
    # cues_ko: 들여오다
    fields = deal(
        f"{ACME}는 {BIG}에서 항암 신약 기술을 들여왔다. {ACME}는 {BIG}와 라이선스 계약을 "
        "체결했다고 밝혔다."
    )
    assert roles(fields) == {(ACME, "licensee"), (BIG, "licensor")}


def test_selling_a_candidate_is_giving_it():
    # cues_ko: "후보물질을 팔았다"
    fields = deal(
        "누리테라퓨틱스와 솔빛제약이 라이선스 계약을 맺었다. 솔빛제약이 누리테라퓨틱스에 비만 신약 "
        "후보물질을 팔았다. 총 계약 규모는 7억2000만 달러다."
    )
    assert roles(fields) == {("솔빛제약", "licensor"), ("누리테라퓨틱스", "licensee")}
    assert fields["total"] == 720_000_000


def test_a_licence_for_korea_is_taken_by_the_korean_company():
    # home_ko: the Korean company takes rights to sell in Korea from the foreign one
    fields = deal(
        f"{BIG}는 {ACME}와 당뇨병 치료제에 대한 국내 독점 판매 계약을 맺었다고 2일 밝혔다."
    )
    assert roles(fields) == {(ACME, "licensee"), (BIG, "licensor")}


def test_a_korean_licensor_keeping_korea_is_still_the_licensor():
    # home_ko: "한국을 제외한 전 세계" rights go abroad; Korea kept back is no licence for Korea
    fields = deal(
        f"{ACME}는 {BIG}와 기술이전 계약을 체결했다. {BIG}는 한국을 제외한 전 세계에서 개발과 "
        f"상업화에 대한 독점적인 권리를 갖는다. {ACME}는 국내 개발과 상업화 권리를 갖는다. "
        f"{ACME}는 계약금 8000만달러를 받는다."
    )
    assert roles(fields) == {(ACME, "licensor"), (BIG, "licensee")}


def test_a_running_total_of_licences_is_no_term():
    # notterms: "누적 기술수출 규모는 5조원" (the amount's own leading space no longer hides it)
    fields = deal(
        f"{ACME}는 {BIG}와 면역항암제 기술이전 계약을 체결했다. 이번 계약으로 {ACME}의 올해 "
        "누적 기술수출 규모는 5조원에 이른다. 계약금은 200억원, 총 규모는 1조5000억원이다."
    )
    assert (fields["upfront"], fields["total"]) == (20_000_000_000, 1_500_000_000_000)


def test_a_currency_word_is_no_company():
    # stopwords: "2000만 달러와 ... 계약" made "달러" a partner and hid the milestones
    text = (
        f"{ACME}가 {BIG}에 비만 치료제를 기술수출했다. 선급금 2000만 달러와 개발·허가·판매 "
        "마일스톤 최대 9억8000만 달러를 받는다. 총 계약 규모는 10억 달러다."
    )
    assert "달러" not in {m.text for m in GAZ.propose_more(text, GAZ.find(text))}
    fields = deal(text)
    assert roles(fields) == {(ACME, "licensor"), (BIG, "licensee")}
    assert (fields["upfront"], fields["milestones"], fields["total"]) == (
        20_000_000,
        980_000_000,
        1_000_000_000,
    )


def test_a_headlines_bare_trillions_before_a_full_stop():
    # money: "최대 1.7조." is 1.7 trillion won
    assert [m.value for m in amounts("기술수출…최대 1.7조. 본문")] == [(1_700_000_000_000, "KRW")]


def test_a_stake_bought_is_an_acquisition():
    # stakes_ko: the text opens on shares bought ("지분 확보"), never saying 인수
    fields = deal(
        f"{ACME}, {BIG} 지분 확보. {ACME}는 전날 {BIG}의 보통주 약 143만 주(5.92%)를 "
        "주당 1만원, 총 143억원에 취득했다."
    )
    assert roles(fields) == {(ACME, "acquirer"), (BIG, "target")}
    assert fields["total"] == 14_300_000_000


def test_new_shares_paid_for_stay_an_investment():
    # stakes_ko: "지분 투자" is money put in, not a company bought
    cands = extract(
        f"{ACME}는 {BIG}에 240억원 규모의 전략적 지분 투자를 했다고 밝혔다. {ACME}는 {BIG} "
        "주식을 1주당 1달러 60센트로 취득해 지분율을 약 10%로 확대한다.",
        GAZ,
    )
    assert cands[0].kind == "investment"


def test_a_record_of_past_licences_is_no_term():
    # notterms: "2조원에 육박하는 기술수출 성과를 거둔 X" tells of earlier deals
    fields = deal(
        f"올해 2조원에 육박하는 기술수출 성과를 거둔 {ACME}가 {BIG}와 기술이전 계약을 체결했다. "
        "계약금은 100억원이다."
    )
    assert (fields["upfront"], fields.get("total")) == (10_000_000_000, None)


def test_a_licence_either_partner_may_take_later_keeps_them_partners():
    # flows_ko/cues_ko: "두 회사 중 한 곳이 ... 경우 상대방에게" is either partner, not one
    # of them; notterms: what it would pay the other is no term
    fields = deal(
        "누리파마가 미국 바이오 기업 솔빛젠과 ADC 항암제 공동연구 계약을 17일 체결했다. 솔빛젠은 "
        "항체를 발굴하고 누리파마는 후보군을 개발한 뒤 효능을 검증하는 역할을 맡는다. 두 회사 중 "
        "한 곳이 발굴한 후보물질을 독자 개발할 경우 상대방에게 최대 1억달러의 라이선스 비용을 "
        "지급하기로 했다. 제3자에게 기술이전할 때는 양사가 수익을 반반씩 배분한다."
    )
    assert roles(fields) == {("누리파마", "partner"), ("솔빛젠", "partner")}
    assert fields.get("total") is None


def test_a_korean_name_named_again_without_its_kind_is_the_same_party():
    # shortnames: "트리거" is "트리거 테라퓨틱스" named again, not another company
    text = "에이씨엠이바이오는 미국 트리거 테라퓨틱스에 기술이전했다. 트리거는 계약금을 지급한다."
    start = text.index("트리거 테라퓨틱스")
    full = Mention(start, start + 9, "트리거 테라퓨틱스", ("organization", None), 0.6)
    found = short_forms(text, [full])
    assert [(m.text, text[m.start : m.end]) for m in found] == [
        ("트리거 테라퓨틱스", "트리거 테라퓨틱스"),
        ("트리거 테라퓨틱스", "트리거"),
    ]


def test_a_unit_a_company_acts_through_takes_its_side():
    # units_ko: "X는 자회사 Y를 통해 Z에 기술이전": X and Y give
    fields = deal(
        "한빛제약은 미국 자회사 누리바이오를 통해 솔빛테라퓨틱스에 항암 후보물질을 기술이전했다고 "
        "밝혔다."
    )
    assert roles(fields) == {
        ("한빛제약", "licensor"),
        ("누리바이오", "licensor"),
        ("솔빛테라퓨틱스", "licensee"),
    }


def test_a_unit_a_company_buys_through_is_no_target():
    # units_ko: "X는 자회사 Y를 통해 Z를 인수": Y buys with X, Z is bought
    fields = deal("한빛제약은 자회사 누리바이오를 통해 솔빛테라퓨틱스를 인수한다고 밝혔다.")
    assert roles(fields) == {
        ("한빛제약", "acquirer"),
        ("누리바이오", "acquirer"),
        ("솔빛테라퓨틱스", "target"),
    }


def test_the_parent_named_before_its_unit_not_the_subject_gives_it_its_side():
    # units_ko: "Z는 ... X 자회사인 Y를 통해 인수한다": Z is bought, Y buys with X
    fields = deal(
        "한빛제약이 솔빛테라퓨틱스를 인수한다. 솔빛테라퓨틱스는 미국에 설립된 CMO이자 한빛제약 "
        "자회사인 누리바이오를 통해 인수한다."
    )
    assert roles(fields) == {
        ("한빛제약", "acquirer"),
        ("누리바이오", "acquirer"),
        ("솔빛테라퓨틱스", "target"),
    }


def test_a_partnership_with_shares_bought_later_is_a_deal_of_partners():
    # stakes_ko.partners_first: the text opens on working together; the investment comes after
    fields = deal(
        "한빛제약이 신약개발 벤처 누리바이오텍과 전략적 파트너십 강화를 위한 합의서를 체결했다고 "
        "11일 밝혔다. 이번 합의를 통해 양사는 누리바이오텍이 보유한 단백질 분해 기술을 활용해 "
        "신약을 공동연구하기로 했다. 아울러 이번 합의가 전략적 투자의 일환으로 이뤄진 만큼 "
        "한빛제약은 누리바이오텍의 프리-IPO 라운드에도 참여할 예정이다."
    )
    assert roles(fields) == {("한빛제약", "partner"), ("누리바이오텍", "partner")}


def test_a_partnership_opened_with_money_put_in_stays_an_investment():
    # stakes_ko.partners_first: money named in the opening keeps it an investment
    cands = extract(
        "누리바이오텍은 한빛제약과 전략적 파트너십을 맺고 100억원 규모의 시리즈B 투자를 유치했다고 "
        "밝혔다. 양사는 신약을 공동연구한다.",
        GAZ,
    )
    assert cands[0].kind == "investment"
