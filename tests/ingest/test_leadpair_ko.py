"""Issue 14, Korean round 6 (helper xko): the two sides of a Korean deal as its signing sentence
names them (`leadpair_ko`), goods shipped or income hoped for that are no term of the deal
(`notterms.not_term`), 선지급금 as the upfront. Every sentence here is CONSTRUCTED for the test
(test organisations and figures, no real deal); pure, no database."""

from __future__ import annotations

from dari.extraction import leadpair_ko, notterms
from dari.extraction.model import Mention


def _orgs(text: str, *names: str) -> list[Mention]:
    orgs = []
    for given in names:  # "?name": a name the graph lacks
        name = given.lstrip("?")
        key = None if given.startswith("?") else name
        at = text.find(name)
        while at >= 0:
            orgs.append(Mention(at, at + len(name), name, ("organization", key)))
            at = text.find(name, at + 1)
    return sorted(orgs, key=lambda m: m.start)


def _first(orgs: list[Mention], name: str) -> Mention:
    return next(m for m in orgs if m.text == name)


def _completed(text: str, orgs: list[Mention], *roled: tuple[str, str]) -> list[tuple[str, str]]:
    pairs = [(_first(orgs, n), r, 0.5) for n, r in roled]
    return [(m.text, r) for m, r, _ in leadpair_ko.completed(text, orgs, pairs)]


def test_a_company_of_a_background_deal_gives_way_to_the_signing_sentences_partner():
    text = (
        "갑제약(대표 홍길동)은 3일 일본 을파마사와 항생제 라이선스 계약을 맺었다고 밝혔다. "
        "이 외에도 갑제약은 일본의 병약품사와 패치제에 대한 판권 계약을 체결하는 등 사업을 넓히고 있다."
    )
    orgs = _orgs(text, "갑제약", "을파마", "병약품")
    got = _completed(text, orgs, ("병약품", "licensor"), ("갑제약", "licensee"))
    assert got == [("을파마", "licensor"), ("갑제약", "licensee")]


def test_a_lone_side_is_joined_by_its_partner_past_an_event_named_on_the_way():
    text = (
        "갑바이오는 10일 미국에서 열린 '정모건 헬스케어 콘퍼런스'에서 영국 제약사 을제약과 "
        "면역항암제 공동연구 계약을 체결했다고 11일 밝혔다."
    )
    orgs = _orgs(text, "갑바이오", "정모건", "을제약")
    assert _completed(text, orgs, ("갑바이오", "partner")) == [
        ("갑바이오", "partner"),
        ("을제약", "partner"),
    ]


def test_a_name_the_graph_lacks_is_read_from_its_slot_when_its_form_says_company():
    text = (
        "[가상일보]갑약품(대표 홍길동)은 최근 인도네시아 제약그룹인 ‘무덱’과 위장약 독점공급 "
        "양해각서를 체결했다고 10일 밝혔다."
    )
    orgs = _orgs(text, "갑약품")
    assert _completed(text, orgs, ("갑약품", "licensor")) == [
        ("갑약품", "licensor"),
        ("무덱", "licensee"),
    ]


def test_a_product_or_a_company_in_its_own_part_is_no_partner():
    product = (
        "갑바이오는 6일 ‘GB-510’과 관련해 계약금 8천만 달러의 기술수출 계약을 체결했다고 밝혔다."
    )
    orgs = _orgs(product, "갑바이오")
    assert _completed(product, orgs, ("갑바이오", "licensor")) == [("갑바이오", "licensor")]
    fee = "갑제약은 6일 을사로부터 2500만달러의 기술 권리금과 로열티를 받는 조건으로 기술이전 계약을 체결했다."
    orgs = _orgs(fee, "갑제약", "을사로부터", "?권리금")
    got = _completed(fee, orgs, ("갑제약", "licensor"), ("을사로부터", "licensee"))
    assert got == [("갑제약", "licensor"), ("을사로부터", "licensee")]


def test_an_earlier_deal_is_no_signing_sentence():
    text = "갑제약은 지난달 호주 제약사 Bepa과 독점판매권 계약을 맺은 바가 있다. 을제약은 갑제약에 기술료를 준다."
    orgs = _orgs(text, "갑제약", "Bepa", "을제약")
    got = _completed(text, orgs, ("갑제약", "licensor"), ("을제약", "licensee"))
    assert got == [("갑제약", "licensor"), ("을제약", "licensee")]


def test_the_same_company_named_another_way_is_kept():
    text = (
        "갑을중외그룹은 전날 미국 제약사인 병스터와 독점 라이선스 수출 계약을 체결했다고 밝혔다. "
        "기술료는 갑을중외홀딩스가 받는다."
    )
    orgs = _orgs(text, "갑을중외그룹", "병스터", "갑을중외홀딩스")
    got = _completed(text, orgs, ("갑을중외홀딩스", "licensor"), ("병스터", "licensee"))
    assert got == [("갑을중외홀딩스", "licensor"), ("병스터", "licensee")]


def test_goods_shipped_or_income_hoped_for_are_no_term():
    for after in (
        "어치를 공급할 예정이다",
        " 규모의 원료 수출이 예상된다",
        "에 달하는 원료를 수출하게 된다",
        "의 수출을 목표로 하고 있다",
        "의 수익이 기대된다고 밝혔다",
    ):
        assert notterms.not_term(after, "갑제약은 10년간 "), after
    for after in (
        " 규모의 기술수출 계약을 체결",
        " 규모의 수출 계약을 맺었다",
        " 규모의 제품 공급 및 라이선스 계약",
    ):
        assert not notterms.not_term(after, "갑제약은 "), after
    # the terms counted in: the deal's total
    assert not notterms.not_term(" 규모의 수출이 가능하다", "기술료를 포함해 5년간 ")


def test_an_upfront_paid_first_is_the_upfront():
    from dari.extraction import extract
    from dari.extraction.gazetteer import Gazetteer

    text = (
        "갑제약은 을바이오에 위장약의 중국 판권을 이전하는 라이선스 계약을 체결했다고 1일 밝혔다. "
        "갑제약은 이번 계약을 통해 선지급금 350만달러를 받는다."
    )
    cands = extract(text, Gazetteer([]))
    assert cands and cands[0].fields.get("upfront") == 3500000


def test_a_contract_to_bring_a_drug_in_makes_the_subject_the_licensee():
    text = (
        "갑약품은 지난 16일 서울에서 일본의 을조키제약사와 신장질환치료제 ‘GB003’ 도입을 위한 "
        "라이센스계약을 체결했다고 18일 밝혔다."
    )
    orgs = _orgs(text, "갑약품", "을조키제약")
    got = _completed(text, orgs, ("갑약품", "licensor"), ("을조키제약", "licensee"))
    assert got == [("갑약품", "licensee"), ("을조키제약", "licensor")]


def test_rights_in_the_partners_own_country_go_to_the_partner():
    text = (
        "[가상경제]갑약품은 중국 을보텍 그룹과 5000만달러 규모의 거담제 '가상 캡슐'의 중국 내 "
        "라이선스 및 공급계약을 체결했다고 10일 밝혔다."
    )
    orgs = _orgs(text, "갑약품", "을보텍")
    got = _completed(text, orgs, ("을보텍", "licensor"), ("갑약품", "licensee"))
    assert got == [("을보텍", "licensee"), ("갑약품", "licensor")]


def test_a_research_collaboration_joined_to_a_lone_side_makes_partners():
    text = (
        "갑바이오, 美을러스와 지질나노입자 연구 협력 체결\n"
        "을러스는 4일(현지시간) 갑바이오와 LNP 제제 연구 협력(Research Collaboration)을 "
        "체결했다고 밝혔다."
    )
    orgs = _orgs(text, "갑바이오")
    got = _completed(text, orgs, ("갑바이오", "licensor"))
    assert got == [("갑바이오", "partner"), ("을러스", "partner")]


def test_a_lone_company_with_its_partner_kept_back_gives_its_technology():
    text = (
        "갑바이오는 전일 유럽소재 글로벌 제약사와 주사제 개발 관련 연구협력 계약을 체결했다고 "
        "공시했다. 갑바이오는 자사 플랫폼에 대한 옵션을 부여했다."
    )
    orgs = _orgs(text, "갑바이오")
    assert _completed(text, orgs, ("갑바이오", "licensee")) == [("갑바이오", "licensor")]
    taken = "갑바이오는 글로벌 제약사와 계약을 맺고 항암 신약을 국내에 도입한다고 밝혔다."
    orgs = _orgs(taken, "갑바이오")
    assert _completed(taken, orgs, ("갑바이오", "licensee")) == [("갑바이오", "licensee")]


def test_a_second_subject_that_takes_on_marketing_is_proposed():
    from dari.extraction.gazetteer import Gazetteer
    from dari.extraction.proposers_ko import propose_ko

    text = (
        "이번 계약을 통해 갑바이오에피스는 생산 및 공급을 담당하고, 을바는 미국 내 마케팅 및 "
        "영업 활동을 맡을 예정이다."
    )
    at = text.find("갑바이오에피스")
    known = [Mention(at, at + 7, "갑바이오에피스", ("organization", "gab"))]
    assert "을바" in [m.text for m in propose_ko(Gazetteer([]), text, known)]


def test_what_a_treatment_costs_is_no_term():
    assert notterms.not_term(" 달러(약 7억6000만원)에 이르는", "미국에서 연평균 투약 금액은 약 ")


def test_the_company_of_this_contract_outranks_one_only_background_names():
    from dari.extraction import thisdeal_ko

    text = (
        "갑제약은 ‘GA-1229’를 올 2월 중국 Bepa 제약집단과 라이센싱 아웃계약을 체결한 데 이어 "
        "이번 인도 제약사와의 계약을 통해 다시 인정받게 됐다. 이번 계약으로 Calkem사는 인도와 "
        "네팔 지역에서 ‘GA-1229’의 개발과 판매를 전적으로 담당하게 된다. 갑제약은 계약금을 받는다."
    )
    orgs = _orgs(text, "갑제약", "Bepa")
    roled = [(_first(orgs, "갑제약"), "licensor", 0.5), (_first(orgs, "Bepa"), "licensee", 0.5)]
    got = [(m.text, r) for m, r, _ in thisdeal_ko.in_place(text, orgs, roled, None)]
    assert got == [("갑제약", "licensor"), ("Calkem", "licensee")]
    # a company this deal's sentences name too keeps its place
    told = text + " Bepa는 이번 계약에서 원료를 공급한다."
    orgs = _orgs(told, "갑제약", "Bepa")
    roled = [(_first(orgs, "갑제약"), "licensor", 0.5), (_first(orgs, "Bepa"), "licensee", 0.5)]
    got = [(m.text, r) for m, r, _ in thisdeal_ko.in_place(told, orgs, roled, None)]
    assert got == [("갑제약", "licensor"), ("Bepa", "licensee")]


def test_an_event_or_a_words_english_is_no_party():
    from dari.extraction import bystanders_ko

    text = "갑바이오는 10일 열린 '정모건 헬스케어 콘퍼런스'에서 을제약과 계약을 체결했다."
    event = _orgs(text, "?정모건")[0]
    assert bystanders_ko.not_a_party(text, event, [event])
    text = "순매출액에 따른 경상기술료(Royalty)도 추가로 수령하게 된다."
    gloss = _orgs(text, "?Royalty")[0]
    assert bystanders_ko.not_a_party(text, gloss, [gloss])
    text = "갑넥신은 중국 병순의 자회사(Shanghai Gamma Biopharma)에 판권을 이전했다."
    named = _orgs(text, "?Shanghai Gamma Biopharma")[0]
    assert not bystanders_ko.not_a_party(text, named, [named])


def test_both_sides_of_a_research_collaboration_sharing_its_fruits_are_partners():
    text = (
        "갑바이오는 10일 영국 제약사 을제약과 면역항암제 공동연구 계약을 체결했다고 11일 "
        "발표했다. 연구로 얻은 특허는 양사가 공동 소유하며 양사가 전용실시권을 사용한다."
    )
    orgs = _orgs(text, "갑바이오", "을제약")
    got = _completed(text, orgs, ("을제약", "licensor"), ("갑바이오", "licensee"))
    assert got == [("을제약", "partner"), ("갑바이오", "partner")]
    paid = text + " 을제약은 갑바이오에 계약금을 지급한다."
    orgs = _orgs(paid, "갑바이오", "을제약")
    got = _completed(paid, orgs, ("을제약", "licensor"), ("갑바이오", "licensee"))
    assert got == [("을제약", "licensor"), ("갑바이오", "licensee")]


def test_a_kind_before_a_new_name_and_a_short_form_of_a_side_are_tidied():
    text = "갑제약이 1일 러시아 제약기업 을신테즈(JSC Ulsyntez)와 수출 계약을 체결했다고 밝혔다."
    orgs = _orgs(text, "갑제약", "?제약기업 을신테즈")
    got = _completed(text, orgs, ("갑제약", "licensor"), ("제약기업 을신테즈", "licensee"))
    assert got == [("갑제약", "licensor"), ("을신테즈", "licensee")]
    text = "갑바이오에피스가 중국에 진출한다. 갑바이오는 병바이오와 판권 계약에 관한 파트너십을 맺었다."
    orgs = _orgs(text, "갑바이오에피스", "?갑바이오는", "?병바이오")
    orgs = [
        m if m.text != "갑바이오는" else Mention(m.start, m.end - 1, "갑바이오", m.value)
        for m in orgs
    ]
    roled = [("갑바이오에피스", "licensor"), ("갑바이오", "licensor"), ("병바이오", "licensee")]
    assert _completed(text, orgs, *roled) == [
        ("갑바이오에피스", "licensor"),
        ("병바이오", "licensee"),
    ]


def test_the_founders_of_a_joint_venture_are_partners_and_the_venture_no_side():
    text = (
        "갑젠이 중국 작물 유전자 교정 기업 을노보바이오와 합자 법인 병스톰을 설립하는 협약을 "
        "체결했다고 24일 밝혔다. 갑젠은 기술을 병스톰에 이전하기로 했다."
    )
    orgs = _orgs(text, "갑젠", "을노보바이오", "병스톰")
    got = _completed(text, orgs, ("갑젠", "licensor"), ("병스톰", "licensee"))
    assert got == [("갑젠", "partner"), ("을노보바이오", "partner")]


def test_a_lone_company_taking_sales_rights_stays_the_licensee():
    text = "갑제약은 다국적 제약사와 고혈압 신약의 국내 판권 계약을 맺고 독점 판매권을 확보했다고 밝혔다."
    orgs = _orgs(text, "갑제약")
    assert _completed(text, orgs, ("갑제약", "licensee")) == [("갑제약", "licensee")]
