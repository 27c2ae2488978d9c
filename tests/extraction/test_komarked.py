"""Korean names the text marks as companies' (`marked_ko`, `gazetteer`) and a listed company
kept from the foreign names it sounds like (`transliterate`): short sentences written for the
test (CONSTRUCTED: 누리바이오, 솔빛라파, 한빛메디, 토노, 토피노바, 솔빛아산병원, 솔빛제약 and 쿠촨완허중국의약품
are names no list holds; no database)."""

from __future__ import annotations

from dari.extraction import marked_ko, transliterate
from dari.extraction.gazetteer import Entry, Gazetteer
from dari.extraction.model import Mention
from tests.extraction_support import deal, roles


def _names(text: str) -> list[str]:
    return [text[a:b] for a, b in marked_ko.spans(text)]


def test_a_name_with_its_exchange_code():
    assert _names("솔빛라파(123450)는 한빛메디 지분을 취득한다고 공시했다.") == ["솔빛라파"]


def test_an_unknown_word_with_sa_but_not_a_word_ending_in_sa():
    assert "토피노바" in _names("누리바이오는 이스라엘 토피노바사, 재단과 함께 협약식을 가졌다.")
    assert _names("누리바이오는 제약회사, 병원과 함께 협약식을 가졌다.") == []
    assert _names("누리바이오는 약제내성검사, 혈액검사를 한다.") == []


def test_an_unknown_word_after_the_kind_of_company():
    assert "한빛메디" in _names("솔빛라파는 단백질의약품개발 업체 한빛메디 지분을 취득한다.")
    # a known word or a place is no name; a word with its particle is left to the others
    assert _names("솔빛라파는 바이오 기업 미국 업체 제약사 아스트라제네카의 지분을 샀다.") == []


def test_the_buyer_named_by_its_code_takes_its_side():
    fields = deal(
        "[이데일리 김기자 기자] 솔빛라파(123450)는 단백질의약품개발 업체 한빛메디 지분 "
        "52.96%를 26억2500만원에 취득한다고 21일 공시했다. 이는 자기자본의 3.68%에 해당한다."
    )
    assert roles(fields) == {("솔빛라파", "acquirer"), ("한빛메디", "target")}


def test_a_listed_name_is_not_a_foreign_company_it_sounds_like():
    gaz = Gazetteer([Entry("organization", "solbit", "Solbitrapa Inc", "US")], aliases={})
    text = "솔빛라파(123450)는 지분을 취득한다."
    m = Mention(0, 4, "솔빛라파", ("organization", None), 0.6)
    assert transliterate.resolve(gaz, [m], text)[0].value[1] is None
    assert transliterate.resolve(gaz, [m], "솔빛라파는 지분을 취득한다.")[0].value[1] == "solbit"


def test_a_code_in_square_brackets():
    assert _names("바이오 기업 솔빛라파[123450]는 한빛메디와 계약했다.") == ["솔빛라파"]


def test_an_institution_by_its_own_name_not_a_kind_of_one():
    assert _names("솔빛아산병원이 줄기세포 배양 기술을 한빛메디에 이전했다.") == ["솔빛아산병원"]
    assert _names("종합병원에 공급하는 계약을 맺었다.") == []


def test_a_hospital_giving_its_technology_is_the_licensor():
    fields = deal(
        "[하이뉴스] 솔빛아산병원이 난치성 면역질환 치료를 위한 줄기세포 배양 기술을 바이오 기업 "
        "빅제약㈜에 이전했다고 밝혔다.\n병원은 특허 기술을 단일 공정으로 구현해 상용화 단계로 "
        "이전 계약을 체결했다. 이번 계약으로 빅제약은 국내외에서 기술을 활용할 수 있는 "
        "전용실시권을 확보했다."
    )
    assert roles(fields) == {("솔빛아산병원", "licensor"), ("빅제약", "licensee")}


def test_a_foreign_company_named_with_sa_after_its_country():
    # "일본 이신사로부터": the company is the name before 사
    fields = deal(
        "누리바이오, 日 토노사로부터 마일스톤 50만달러 수령\n누리바이오는 일본 토노사로부터 "
        "50만달러의 기술료(마일스톤)를 받았다고 1일 밝혔다. 앞서 누리바이오는 지난해 7월 일본 "
        "토노사와 줄기세포치료제의 라이선스계약을 체결한 바 있다."
    )
    assert ("토노", "licensee") in roles(fields)
    assert "토노사" not in {name for name, _ in roles(fields)}


def test_a_company_name_in_quotes_before_its_particle():
    # "일본 ''카켄제약''의 오리지널 항진균제": the quotes do not hide the name
    fields = deal(
        "누리바이오가 일본 ''솔빛제약''의 오리지널 항진균제 ‘누리핀’의 국내 공급·독점 판매에 대한 "
        "라이센스 계약을 체결했습니다."
    )
    assert "솔빛제약" in {name for name, _ in roles(fields)}


def test_an_unknown_name_after_its_kind_may_end_as_a_thing_does():
    # "중국제약 기업 쓰촨완허중국의약품과": 의약품 ends the name of a company the text presents
    fields = deal(
        "누리바이오, 中 수출 '누리코프' 정리 수순 돌입\n\n2013년 중국제약 기업 쿠촨완허중국의약품과 계약 "
        "체결\n\n23일 누리바이오에 따르면 계약체결자인 중국제약 기업인 쿠촨완허중국의약품에 계약 해지를 "
        "요청했다.\n\n앞서 2013년 5월 쿠촨완허중국의약품과 기침억제제 신약 '누리코프'를 중국 내에 "
        "독점 공급하는 라이선싱 계약을 체결한 바 있다."
    )
    assert ("쿠촨완허중국의약품", "licensee") in roles(fields)
