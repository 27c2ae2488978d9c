"""Korean deal roles and terms (issue 14, extraction round 5): each rule on a short sentence
written for the test (CONSTRUCTED: synthetic organisations and figures; pure, no database).
에이씨엠이바이오 is the test gazetteer's Korean company, 빅제약 its American one; 누리테라퓨틱스
and 솔빛제약 are names no list holds."""

from __future__ import annotations

from dari.extraction.money import amounts
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
