"""Deal directions no verb tells (`dari.extraction.owners`) and proposed names that name no
company (`dari.extraction.notnames`), on made-up sentences (SYNTHETIC: test organisations)."""

from __future__ import annotations

from dari.extraction import learned, notnames
from dari.extraction.model import Mention
from tests.extraction_support import deal, roles


def _roles(text: str) -> set[tuple[str, str]]:
    with learned.using(None):
        return roles(deal(text))


def test_the_assets_owner_licenses_out_whoever_is_named_first():
    text = (
        "Acme Bio signed a license agreement with BigPharma covering the antibody "
        "BigPharma is developing."
    )
    assert _roles(text) == {("Acme Bio", "licensee"), ("BigPharma", "licensor")}


def test_the_korean_party_takes_rights_for_korea():
    text = "Acme Bio signed a license agreement with BigPharma for exclusive rights in Korea."
    assert _roles(text) == {("Acme Bio", "licensee"), ("BigPharma", "licensor")}


def test_without_a_convention_the_first_named_still_licenses_out():
    text = "Acme Bio signed a license agreement with BigPharma."
    assert _roles(text) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}


def test_an_acquisition_with_no_buying_pattern_has_its_subject_buy():
    text = (
        "Acme Bio said it will buy a 30% stake, equal to 2 million shares, in its rival "
        "ParentCo for $90 million."
    )
    assert _roles(text) == {("Acme Bio", "acquirer"), ("ParentCo", "target")}


def test_a_partnership_no_verb_directs_has_two_partners():
    text = "에이씨엠이바이오는 빅제약과 합작법인 설립을 위한 파트너십 계약을 체결했다고 밝혔다."
    assert _roles(text) == {("에이씨엠이바이오", "partner"), ("빅제약", "partner")}


def test_a_partnership_to_sell_a_product_is_no_symmetric_deal():
    text = "에이씨엠이바이오는 빅제약과 미국 판매 관련 파트너십 계약을 체결했다고 밝혔다."
    assert ("빅제약", "partner") not in _roles(text)


def _proposed(text: str, name: str) -> Mention:
    at = text.index(name)
    return Mention(at, at + len(name), name, ("organization", None))


def test_a_quoted_product_with_its_ingredient_is_no_company():
    text = "빅제약은 조현병 치료제 ‘졸로프렉사(성분이름 졸로핀)’에 관한 계약을 체결했다."
    assert notnames.not_a_name(text, _proposed(text, "졸로프렉"))
    text = "이전 품목은 '그로토핀(성장호르몬제)'이다."
    assert notnames.not_a_name(text, _proposed(text, "그로토핀"))


def test_countries_and_defined_terms_are_no_company_but_a_graph_name_always_is():
    text = 'the license agreement (the "Agreement") with Rooyan in Iran'
    assert notnames.not_a_name(text, _proposed(text, "Agreement"))
    assert notnames.not_a_name(text, _proposed(text, "Iran"))
    assert not notnames.not_a_name(text, _proposed(text, "Rooyan"))
    known = Mention(0, 4, "Iran", ("organization", "iran-co"))
    assert not notnames.not_a_name(text, known)


def test_every_mention_of_a_product_goes_once_one_shows_it():
    text = "치료제 ‘졸로프렉사(성분이름 졸로핀)’ ... 졸로프렉사는 1996년 출시됐다."
    first = _proposed(text, "졸로프렉")
    at = text.rindex("졸로프렉")
    second = Mention(at, at + 4, "졸로프렉", ("organization", None))
    assert notnames.drop(text, [first, second]) == []
