"""Korean companies the graph lacks, found from where they stand in a deal's sentence
(`subjects_ko`): short sentences written for the test (CONSTRUCTED: 다온셀, 켈보라, 노르벡스,
카노벡스 and 소렌벡제약 are names no list holds; no database)."""

from __future__ import annotations

from dari.extraction import subjects_ko
from tests.extraction_support import deal


def _names(text: str) -> list[str]:
    return sorted({text[a:b] for a, b in subjects_ko.spans(text)})


def test_the_recurring_subject_that_signs_the_contract():
    text = (
        "이날 다온셀은 켈보라와 신약 후보물질에 대한 기술 수출 계약을 체결했다. "
        "다온셀의 주가는 급등했다."
    )
    assert "다온셀" in _names(text)


def test_a_subject_named_once_or_a_known_word_is_no_name():
    # named once: a word of the sentence as likely as a company
    assert "다온셀" not in _names("이날 다온셀은 신약 후보물질에 대한 기술 수출 계약을 체결했다.")
    # a word the dictionary knows, however often
    text = "회사는 신약에 대한 기술 수출 계약을 체결했다. 회사는 주가가 올랐다. 회사의 매출."
    assert _names(text) == []


def test_a_subject_whose_sentence_signs_nothing_is_no_name():
    text = "다온셀은 주가가 올랐다. 다온셀의 시가총액은 3천억원이다."
    assert _names(text) == []


def test_the_subject_paid_under_the_contract():
    text = (
        "이번 계약에 따라 다온셀은 노르벡스로부터 4000만달러의 계약금을 먼저 받게 된다. "
        "다온셀은 로열티도 받는다."
    )
    assert _names(text) == ["노르벡스", "다온셀"]


def test_the_partner_right_after_the_subject():
    text = "소렌벡제약은 카노벡스와 당뇨병 신약에 대해 공동 프로모션을 진행하기로 최종 합의했다."
    assert "카노벡스" in _names(text)


def test_two_sides_named_together_as_the_subject():
    text = "카노벡스와 다온셀은 당뇨병 치료제의 국내 마케팅에 대한 전략적 제휴를 체결했다고 밝혔다."
    assert _names(text) == ["다온셀", "카노벡스"]
    # without a contract they are only named together
    assert _names("카노벡스와 다온셀은 같은 건물에 있다.") == []


def test_the_partner_after_the_subject_is_a_party_end_to_end():
    fields = deal(
        "소렌벡제약은 카노벡스와 당뇨병 신약 '제미글로'에 대해 향후 10년간 공동 프로모션을 "
        "진행하기로 최종 합의했다고 9일 밝혔다. 제미글로는 카노벡스가 개발한 신약이다."
    )
    assert "카노벡스" in {p["mentioned_as"] for p in fields["parties"]}


def test_two_sides_dividing_the_work_of_their_contract():
    text = (
        "이번 계약을 통해 다온셀은 제품 생산 및 공급을 담당하고, 켈보라는 미국 내 마케팅 및 "
        "영업 활동을 맡을 예정이다."
    )
    assert _names(text) == ["다온셀", "켈보라"]
    assert _names("다온셀은 생산을 담당하고, 켈보라는 판매를 맡는다.") == []  # no contract


def test_a_subject_granting_its_rights():
    text = (
        "다온셀은 글로벌 제약사 한 곳에 자사 원천기술을 이용할 수 있는 권리를 승인했다고 "
        "공시했다. 다온셀에 따르면 마일스톤은 최대 3억 달러다."
    )
    assert _names(text) == ["다온셀"]


def test_a_company_after_its_kind_with_its_corporate_mark():
    from dari.extraction import proposers_ko

    text = "솔빛아산병원이 줄기세포 배양 기술을 바이오 기업 다온셀㈜에 이전했다고 밝혔다."
    assert proposers_ko._AFTER_KIND.search(text).group(1) == "다온셀"


def test_the_partner_whose_products_the_subject_signs_for_but_not_a_place():
    text = (
        "소렌벡제약은 켈보라의 백신 8개 품목을 3년간 국내에서 판매하기로 하는 계약을 "
        "체결했다고 밝혔다."
    )
    assert "켈보라" in _names(text)
    text = "다온셀은 영국의 신약 후보물질에 대한 기술 수출 계약을 체결했다."
    assert "영국" not in _names(text)


def test_each_mention_of_a_recurring_subject():
    text = "다온셀은 켈보라와 기술 수출 계약을 체결했다. 다온셀의 주가는 올랐다."
    spans = [text[a:b] for a, b in subjects_ko.spans(text)]
    assert spans.count("다온셀") == 2


def test_a_company_after_big_pharma():
    from dari.extraction import proposers_ko

    text = "다온셀은 영국 글로벌 빅파마인 켈보라에 기술이전했다."
    assert proposers_ko._AFTER_KIND.search(text).group(1) == "켈보라"
