"""Issue 14, extraction round 3b (helper koparty): who is a party in a Korean deal text, by
general cues: a unit on its parent's side, a local entity, a Latin-headed Korean name, a
company named beside a known one, and companies named beside the deal (a product's makers, a
shareholder, a comparison, an earlier deal, an adviser, the outlet). Every sentence here is
CONSTRUCTED for the test (test organisations and figures, no real deal); pure, no database."""

from __future__ import annotations

from dari.extraction import bystanders_ko
from dari.extraction.model import Mention
from dari.extraction.proposers_ko import propose_ko
from tests.extraction_support import GAZ, deal, roles


def _orgs(text: str, *names: str) -> list[Mention]:
    """The mentions of `names` in `text`, each at every place it is written."""
    out = []
    for name in names:
        at = text.find(name)
        while at >= 0:
            out.append(Mention(at, at + len(name), name, ("organization", None)))
            at = text.find(name, at + 1)
    return sorted(out, key=lambda m: m.start)


def _dropped(text: str, *names: str) -> list[str]:
    orgs = _orgs(text, *names)
    return [m.text for m in orgs if bystanders_ko.not_a_party(text, m, orgs)]


def test_a_unit_that_buys_for_its_parent_takes_its_side():
    text = "인수는 페어런트 자회사인 유닛바이오를 통해 이뤄진다."
    orgs = _orgs(text, "페어런트", "유닛바이오")
    pairs = bystanders_ko.units(text, orgs, [])
    assert [(p.text, u.text) for p, u in pairs] == [("페어런트", "유닛바이오")]


def test_a_unit_named_as_the_subject_beside_its_parent_is_no_unit_of_it():
    # "페어런트가 ... 자회사 유닛바이오로부터": the parent is the subject, the unit its partner
    text = "페어런트가 연구개발 전문 자회사 유닛바이오로부터 후보물질을 기술이전 받았다."
    assert bystanders_ko.units(text, _orgs(text, "페어런트", "유닛바이오"), []) == []


def test_the_parent_named_to_place_its_unit_is_no_party_there():
    text = "페어런트 계열사인 유닛바이오는 타깃제약 인수 계약을 체결했다."
    assert _dropped(text, "페어런트", "유닛바이오", "타깃제약") == ["페어런트"]


def test_the_unit_on_its_parents_side_in_a_whole_deal():
    fields = deal(
        "에이씨엠이바이오는 빅제약과 항체 신약의 라이선스 계약을 체결했다고 밝혔다. "
        "계약은 빅제약의 연구개발 부문 자회사 빅유닛과 맺었다."
    )
    assert roles(fields) == {
        ("에이씨엠이바이오", "licensor"),
        ("빅제약", "licensee"),
        ("빅유닛", "licensee"),
    }


def test_a_local_entity_and_its_parent_both_buy():
    fields = deal(
        "빅제약이 에이씨엠이바이오의 미국 공장을 인수한다. "
        "빅제약 미국법인은 에이씨엠이바이오의 생산 공장 인수 계약을 300억원에 체결했다고 밝혔다."
    )
    assert roles(fields) == {
        ("빅제약", "acquirer"),
        ("빅제약 미국법인", "acquirer"),
        ("에이씨엠이바이오", "target"),
    }


def test_a_latin_head_on_a_korean_word_is_one_name():
    text = "JW이노베이션이 신약 개발사 지분을 인수한다."
    known = GAZ.find(text)
    found = [m.text for m in propose_ko(GAZ, text, known)]
    assert found == ["JW이노베이션"]


def test_a_latin_head_on_a_product_word_is_no_name():
    text = "에이씨엠이바이오는 DNA백신 기술을 빅제약에 이전했다."
    assert [m.text for m in propose_ko(GAZ, text, GAZ.find(text))] == []


def test_a_company_beside_a_known_one_in_a_contract_is_proposed():
    text = "에이씨엠이바이오와 갈라메드는 2016년 라이선스 계약을 체결했다."
    assert [m.text for m in propose_ko(GAZ, text, GAZ.find(text))] == ["갈라메드"]


def test_a_company_beside_a_known_one_outside_a_contract_is_not():
    text = "에이씨엠이바이오와 갈라메드는 같은 날 상장했다."
    assert [m.text for m in propose_ko(GAZ, text, GAZ.find(text))] == []


def test_the_makers_of_the_product_are_beside_the_deal():
    text = "이번 품목은 메이커제약과 코메이커가 공동개발한 ADC 치료제다."
    assert _dropped(text, "메이커제약", "코메이커") == ["메이커제약", "코메이커"]


def test_one_maker_of_the_product_stays_a_party():
    text = "메이커제약이 개발한 신약을 빅제약에 기술수출했다."
    assert _dropped(text, "메이커제약", "빅제약") == []


def test_a_shareholder_whose_stock_moved_is_beside_the_deal():
    text = "에이씨엠이바이오의 주식 약 10만 주를 보유한 홀더제약(+29.85%)도 상한가다."
    assert _dropped(text, "에이씨엠이바이오", "홀더제약") == ["홀더제약"]


def test_a_company_compared_with_or_followed_is_beside_the_deal():
    text = "선급금이 1억달러를 넘은 것은 앞선제약에 이어 두 번째다. 비교바이오와 달리 공개했다."
    assert _dropped(text, "앞선제약", "비교바이오") == ["앞선제약", "비교바이오"]


def test_last_years_partner_is_beside_this_deal():
    text = "회사는 지난해 10월 빅제약과 평가 계약을 체결한 바 있다."
    assert _dropped(text, "빅제약") == ["빅제약"]


def test_this_months_partner_stays_a_party():
    text = "회사는 지난 15일 빅제약과 평가 계약을 체결했다."
    assert _dropped(text, "빅제약") == []


def test_an_adviser_and_the_outlet_are_beside_the_deal():
    text = (
        "[바이오뉴스 김기자 기자] 인수 자문은 한국증권이 맡았고 법무법인 태평이 법률 자문을 했다."
    )
    assert _dropped(text, "바이오뉴스", "한국증권", "태평") == [
        "바이오뉴스",
        "한국증권",
        "태평",
    ]


def test_a_company_said_to_be_another_or_whose_path_is_recalled_is_beside_the_deal():
    text = "미국 비교제약(한국 BCP)과는 다른 회사다. 앞선바이오의 행보를 떠올리게 했다."
    assert _dropped(text, "비교제약", "앞선바이오") == ["비교제약", "앞선바이오"]


def test_a_latin_abbreviation_before_a_product_word_is_no_party():
    text = "에이씨엠이바이오는 HA 필러를 빅제약에 공급한다."
    assert _dropped(text, "HA") == ["HA"]


def test_a_name_after_the_kind_of_company_it_is_is_proposed():
    text = "에이씨엠이바이오는 미국 바이오기업 카덴트바이오와 라이선스 계약을 맺었다."
    assert [m.text for m in propose_ko(GAZ, text, GAZ.find(text))] == ["카덴트바이오"]


def test_a_second_subject_that_takes_a_share_of_the_contract_is_proposed():
    text = "에이씨엠이바이오는 완제품을 생산·공급하고 스텐다는 중남미에서 독점 판매를 담당한다."
    assert [m.text for m in propose_ko(GAZ, text, GAZ.find(text))] == ["스텐다"]


def test_a_company_acting_with_the_buyer_on_a_third_buys_too():
    fields = deal(
        "에이씨엠이바이오는 JW홀딩스와 함께 미국 위탁생산 기업 빅제약의 지분 100%를 "
        "인수한다고 밝혔다."
    )
    assert roles(fields) == {
        ("에이씨엠이바이오", "acquirer"),
        ("JW홀딩스", "acquirer"),
        ("빅제약", "target"),
    }


def test_a_company_the_subject_signs_with_stays_the_counterparty():
    fields = deal("에이씨엠이바이오는 빅제약과 함께 항체 신약의 공동 판매 계약을 체결했다.")
    # no third company: 빅제약 is not put on the subject's side (the direction is flows_ko's)
    assert dict(roles(fields)) == {"에이씨엠이바이오": "licensor", "빅제약": "licensee"}
