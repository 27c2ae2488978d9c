"""Parties the gazetteer does not know (helper unk): a made-up name placed by where it stands and
how it is written, never by a list. Every sentence is CONSTRUCTED for the test (다온셀 and
솔빛바이오 are names no list holds; 빅제약 is the test gazetteer's American company); pure, no
database."""

from __future__ import annotations

from dari.extraction import home_ko
from dari.extraction.model import Mention
from tests.extraction_support import GAZ, deal, roles

BIG = "빅제약"


def _m(text: str, name: str) -> Mention:
    at = text.index(name)
    return Mention(at, at + len(name), name, ("organization", None))


def test_a_chief_executive_or_stock_code_in_brackets_marks_a_korean_company():
    for written in ("다온셀(대표 홍길동)", "다온셀(대표이사 홍길동·김철수)", "다온셀(123456)"):
        text = f"{written}은 솔빛바이오와 항암제의 국내 독점 판매 계약을 체결했다."
        one, two = _m(text, "다온셀"), _m(text, "솔빛바이오")
        found = home_ko.taker(text, [(two, "licensor", 0.4), (one, "licensee", 0.4)], GAZ)
        assert found is not None and found[0].text == "다온셀", written


def test_an_unknown_company_beside_a_foreign_one_takes_rights_for_korea():
    fields = deal(
        f"다온셀은 {BIG}의 백신 8개 품목을 다음달부터 3년간 국내에서 판매·유통하기로 하는 "
        "계약을 체결했다고 1일 밝혔다."
    )
    assert roles(fields) == {("다온셀", "licensee"), (BIG, "licensor")}


def test_an_unknown_company_with_no_cue_beside_another_unknown_one_is_left_alone():
    text = "다온셀은 솔빛바이오와 항암제의 국내 독점 판매 계약을 체결했다."
    one, two = _m(text, "다온셀"), _m(text, "솔빛바이오")
    assert home_ko.taker(text, [(one, "licensor", 0.4), (two, "licensee", 0.4)], GAZ) is None


def test_the_one_company_a_korean_text_names_gives_when_its_partner_is_unnamed():
    # roles: the lone named company, unknown to the graph and not placed abroad, is Korean
    fields = deal(
        "다온셀은 중남미 8개국과 당뇨병 치료제 수출 계약을 체결했다. 다온셀은 14일 약 "
        "337억원의 수출계약을 맺어 총 1433억원 규모에 달한다고 밝혔다."
    )
    assert roles(fields) == {("다온셀", "licensor")}


def _proposed_en(text: str) -> set[str]:
    from dari.extraction import proposers_en

    return {m.text for m in proposers_en.propose(GAZ, text, list(GAZ.find(text)))}


def test_a_contract_places_a_party_by_its_incorporation_or_seat():
    # proposers_en._SEATED: "between X, a corporation organized ...", "X, of City, Country, and"
    assert "Velmora" in _proposed_en(
        "This Agreement is made by and between Velmora, a corporation organized and existing "
        "under the laws of the Republic of Korea, and the Licensee."
    )
    assert "Velmora" in _proposed_en(
        "Velmora, of Kyungkido, South Korea, and the licensee signed a supply agreement."
    )


def test_a_ticker_in_brackets_marks_a_listed_company():
    assert "Velmora" in _proposed_en(
        "The agreement grants the buyer rights to Velmora's (VLMR) caspase inhibitors."
    )
    assert "Velmora" in _proposed_en("Shares of Velmora (KRX: 123456) rose 3% on the news.")


def test_a_subject_that_has_been_doing_something_is_a_subject():
    # proposers_en._VERB: "X has been leading", the name written twice, once mid-sentence
    assert "Velmora" in _proposed_en(
        "Velmora has been leading the industry in antibiotics. The giant proposed a technology "
        "transfer to Velmora after the dispute."
    )


def test_a_name_defining_its_short_form_is_proposed_and_the_short_form_names_it():
    # proposers_en._SHORT_GIVEN, pipeline._aliases: "ONO" is Velmora, not a party of its own
    text = (
        "Velmora (Osaka, Japan; President, Kenji Sato; 'VLM') today announced that it has "
        "entered into an exclusive license agreement with Acme Bio for the development of "
        "acmetinib in Japan. Under the terms of the agreement, VLM will have exclusive rights "
        "to develop and commercialize acmetinib in Japan."
    )
    assert "Velmora" in _proposed_en(text)
    assert roles(deal(text)) == {("Velmora", "licensee"), ("Acme Bio", "licensor")}


def test_a_terms_own_initials_in_brackets_propose_no_company():
    assert "Primary Biliary Cholangitis" not in _proposed_en(
        "Primary Biliary Cholangitis (PBC), a rare liver disease, affects many."
    )


def test_a_foreign_partner_of_a_research_collaboration_signed_is_proposed():
    # proposers_ko._CONTRACT: "연구 협력 체결" is a deal signed, like "계약"
    from dari.extraction.proposers_ko import propose_ko

    text = "다온셀, 美솔빛바이오와 지질나노입자 연구 협력 체결\n다온셀이 협력사를 찾았다."
    assert "솔빛바이오" in {m.text for m in propose_ko(GAZ, text, [])}


def test_a_name_paired_with_a_proposed_one_is_proposed_and_a_quoted_share_price_marks_korea():
    # proposers_ko: "A와 B는 ... 계약" with A itself a name no list holds; home_ko: "A는 전
    # 거래일보다" tells a Korean listed company's share price, so A takes the rights for Korea
    text = (
        "이날 오전 9시 현재 다온셀은 전 거래일보다 5% 오른 1만원에 거래되고 있다. "
        "다온셀과 솔빛바이오는 2016년 7월 신약의 한국 내 임상 개발 및 독점 판매에 관한 "
        "라이센스 계약을 체결했다."
    )
    assert roles(deal(text)) == {("다온셀", "licensee"), ("솔빛바이오", "licensor")}


def test_a_second_subject_beside_a_proposed_first_one_is_proposed():
    # proposers_ko._SECOND_SUBJECT: the first subject need not be a company the graph knows
    from dari.extraction.proposers_ko import propose_ko

    text = (
        "이번 계약을 통해 다온셀은 완제품 생산 및 공급을 담당하고, 솔빛바이오는 미국 내 "
        "마케팅 및 영업 활동을 맡을 예정이다."
    )
    first = Mention(
        text.index("다온셀"), text.index("다온셀") + 3, "다온셀", ("organization", None)
    )
    assert "솔빛바이오" in {m.text for m in propose_ko(GAZ, text, [first])}
