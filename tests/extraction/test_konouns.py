"""Korean dictionary words proposed as companies (`nouns_ko`): short sentences written for the
test (CONSTRUCTED: 누리바이오, 누리테라퓨틱스, 솔빛라파, 한빛메디 and 듀노 are names no list
holds; no database)."""

from __future__ import annotations

from dari.extraction.nouns_ko import common_noun, marked_as_name, not_a_company
from tests.extraction_support import deal, roles


def test_a_dictionary_common_noun_is_not_a_company():
    for word in ("배양액", "합작사", "복제약", "제조사", "입찰"):
        assert common_noun(word), word


def test_a_name_the_dictionary_lacks_or_knows_as_proper_is_kept():
    # unknown words (most new company names) and several words are left alone
    for word in ("솔빛라파", "누리테라퓨틱스", "한빛메디", "보건의료교육청", "동아제약"):
        assert not common_noun(word), word
    assert not common_noun("LFB테크놀로지스")  # not Hangul only


def test_a_word_the_text_marks_as_a_name_is_kept():
    # a loanword can be a company's name: quoted, 사 after it, its kind before it
    assert marked_as_name("누리테라퓨틱스가 유통사인 '아이콘'을 인수했다.", "아이콘")
    assert marked_as_name("누리테라퓨틱스는 미국 알레그로사에 투자했다.", "알레그로")
    assert marked_as_name("안과 벤처기업인 알레그로와 계약을 맺었다.", "알레그로")
    assert not not_a_company("안과 벤처기업인 알레그로와 계약을 맺었다.", "알레그로")
    # a gloss in brackets marks a word, not a name
    assert not_a_company("입찰(Tender) 중심의 시장에서도 판매한다.", "입찰")


def test_the_slot_goes_to_the_unknown_name_not_the_noun():
    # the headline's noun took the taker's slot before
    fields = deal(
        "누리바이오, 배양액 기술 이전 잔금 12억 수령 완료\n\n"
        "[아시아경제 김기자 기자]누리바이오는 솔빛라파로부터 배양액조성기술 이전에 따른 잔금 "
        "12억을 수령했다고 15일 밝혔다. 지난 해 11월 누리바이오는 솔빛라파와 '세포배양액 조성 "
        "및 제조기술 이전'에 대한 계약을 체결한 바 있으며 올해 1월에는 기술 이전을 최종 완료해 "
        "세포배양액 대량 생산을 위한 준비를 마친 상태다."
    )
    assert roles(fields) == {("누리바이오", "licensor"), ("솔빛라파", "licensee")}


def test_a_short_name_proposed_once_is_found_again():
    # a two-syllable name the dictionary lacks ("듀폰"-like) is named again wherever it stands
    fields = deal(
        "듀노는 세계적인 화학 회사로, 다양한 분야에서 사업을 전개하고 있는 글로벌 기업이다.\n"
        "누리바이오는 지난 5월 듀노와 식품안전검사 분야 제품개발 계약을 체결한 바 있으며, 이번에 "
        "기술 이전 계약까지 추가로 체결하게 됨으로써 양사는 기술 파트너로서 협력관계를 유지해 "
        "나갈 전망이다. 또 듀노의 해외 네트워크를 기반으로 시장의 범위를 확대할 수 있다.\n"
        "누리바이오의 유전자 검사 기술은 차세대 분자진단 기술이다. 누리바이오는 다수의 글로벌 "
        "기업을 대상으로 기술이전 사업을 추진하고 있다."
    )
    assert ("듀노", "licensee") in roles(fields)


def test_a_foreign_company_written_as_a_dictionary_word_keeps_its_graph_id():
    # "스펙트럼" is a dictionary word and Spectrum's Korean name: the sound link comes first
    from dari.extraction import notnames
    from dari.extraction.gazetteer import Entry, Gazetteer
    from dari.extraction.model import Mention

    gaz = Gazetteer([Entry("organization", "spectrum", "Spectrum Pharmaceuticals", "US")])
    text = "누리제약은 미국 파트너사 스펙트럼에 지분 투자를 했다. 배양액 기술도 이전했다."
    spectrum = Mention(14, 18, "스펙트럼", ("organization", None), 0.55)
    word = Mention(
        text.index("배양액"), text.index("배양액") + 3, "배양액", ("organization", None), 0.55
    )
    kept = notnames.resolved(gaz, text, [spectrum, word])
    assert [(m.text, m.value[1]) for m in kept] == [("스펙트럼", "spectrum")]
