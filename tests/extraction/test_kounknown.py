"""Korean companies no list knows, found from how the deal's sentence is written (issue 14,
the `--unknown-all` probe): `nouns_ko.name_shaped` and `subjects_ko` (CONSTRUCTED sentences in
the style of a Korean press release: 한솔벡, 루미젠, 켈보라, 노르벡스, 다온셀 and 카노벡스 are
names no list holds; no database)."""

from __future__ import annotations

from dari.extraction import nouns_ko, subjects_ko
from tests.extraction_support import deal, roles


def _names(text: str) -> list[str]:
    return sorted({text[a:b] for a, b in subjects_ko.spans(text)})


def test_a_name_the_dictionary_cuts_into_odd_pieces_is_name_shaped():
    assert nouns_ko.name_shaped("한독")  # 한 + 독: no word the dictionary has
    assert nouns_ko.name_shaped("다온셀")  # a word it lacks


def test_words_of_the_sentence_are_not_name_shaped():
    for word in ("규모", "제약사", "계약기간", "연구팀", "도입하", "이번에", "국내에서", "했다"):
        assert not nouns_ko.name_shaped(word), word


def test_a_subject_named_once_facing_the_other_side():
    text = (
        "지난 13일 장 마감 이후 다온셀은 미국의 바이오 회사인 노르벡스테라퓨틱스와 항암 "
        "후보물질을 기술 이전하는 계약을 체결했다고 공시했다."
    )
    assert "다온셀" in _names(text)
    text = "이번 계약에 따라 다온셀은 켈보라로부터 4000만달러의 계약금을 먼저 받게 된다."
    assert "다온셀" in _names(text)


def test_a_subject_named_once_facing_only_words_is_no_name():
    text = "이날 다온셀은 신약 후보물질에 대한 기술 수출 계약을 체결했다."
    assert _names(text) == []


def test_a_stock_code_between_the_name_and_its_particle():
    text = (
        "의료기기 전문업체 루미젠(123450)은 인도네시아 기업 ‘PT. KRV’에 혈액백 제조 기술 "
        "이전 계약을 체결했다고 14일 밝혔다."
    )
    assert "루미젠" in _names(text)


def test_a_subject_that_buys_or_sells_together():
    text = "한솔벡은 중국 제약회사 켈보라제약을 인수했다고 3일 밝혔다."
    assert "한솔벡" in _names(text)
    text = "다온셀과 카노벡스는 내년 1월부터 두 회사의 당뇨병 치료제를 공동 판매한다고 밝혔다."
    assert _names(text) == ["다온셀", "카노벡스"]


def test_the_contracts_english_name_in_brackets():
    text = (
        "다온셀은 켈보라와 수액제에 대한 ‘기술수출 및 공급 계약(Exclusive License and "
        "Distribution Agreement)’을 체결했다고 26일 공시했다. 다온셀은 계약금을 받는다."
    )
    assert "다온셀" in _names(text)


def test_both_unknown_sides_end_to_end():
    fields = deal(
        "이번 계약에 따라 다온셀은 켈보라로부터 반환의무가 없는 4000만달러의 계약금을 먼저 "
        "받게 된다. 켈보라는 한국을 제외한 세계 권리를 갖게 된다."
    )
    assert roles(fields) == {("다온셀", "licensor"), ("켈보라", "licensee")}


def test_a_two_word_name_does_not_swallow_the_subjects_particle():
    fields = deal(
        "신약개발 기업 다온셀은 켈보라와 공동 연구한 신약 후보물질을 글로벌 제약사 노르벡스에 "
        "기술 이전했다고 16일 밝혔다. 다온셀과 켈보라는 선급금으로 8000만달러를 수령할 예정이다."
    )
    names = {p["mentioned_as"] for p in fields["parties"]}
    assert "다온셀은 켈보라" not in names
    assert {"다온셀", "켈보라", "노르벡스"} <= names


def test_the_partner_after_a_date_and_sides_dividing_production_and_sales():
    text = "다온셀은 지난 18일 켈보라와 항체 신약에 대한 독점실시권 계약을 체결했다."
    assert _names(text) == ["다온셀", "켈보라"]
    text = (
        "이번 계약으로 다온셀은 완제품을 생산·공급하고 켈보라는 중남미 23개국에서 독점 판매를 "
        "담당한다."
    )
    assert _names(text) == ["다온셀", "켈보라"]


def test_a_company_that_is_sold():
    text = (
        "다온셀이 미국 사모펀드인 켈보라캐피탈에 매각된다. 다온셀은 16일 이사회를 통해 "
        "켈보라캐피탈을 대상으로 유상증자를 결의했다."
    )
    assert "다온셀" in _names(text)


def test_the_company_whose_spokesman_tells_of_the_contract():
    text = (
        "다온셀 관계자는 “프랑스 켈보라와 기술 이전 계약을 체결했다”며 “실적이 개선될 것”이라고 "
        "말했다. 다온셀 관계자는 로열티도 받게 된다고 설명했다."
    )
    assert "다온셀" in _names(text)
    assert _names("회사 관계자는 “기술 이전 계약을 체결했다”고 말했다. 회사 관계자는 웃었다.") == []


def test_a_latin_headed_name_at_the_end_of_a_sentence_loses_the_copula():
    from dari.extraction import proposers_ko
    from tests.extraction_support import GAZ

    text = "계약 상대방은 중국의 KRV테크놀로지다. 업프론트피는 11억원이다."
    names = {m.text for m in proposers_ko.propose_ko(GAZ, text, [])}
    assert "KRV테크놀로지" in names and "KRV테크놀로지다" not in names


def test_the_other_side_opening_a_sentence_whose_subject_is_left_out():
    text = (
        "다온셀은 2017년 설립된 ADC 전문 기업이다.\n\n켈보라와 ADC 치료제 개발을 위한 전략적 "
        "파트너십을 맺고 있으며, 지난해 권리 도입 계약을 체결했다."
    )
    assert "켈보라" in _names(text)
    assert _names("결과와 달리 계약을 체결했다.") == []


def test_a_subject_named_once_that_is_paid_under_the_contract():
    text = "조건을 달성할 때마다 다온셀은 마일스톤을 받게 된다."
    assert _names(text) == ["다온셀"]
