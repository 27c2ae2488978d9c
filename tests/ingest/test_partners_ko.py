"""Issue 14, extraction round 4 (helper korole): the bench's `partner` convention for a Korean
text whose announcing sentence tells a decision to develop together, a memorandum or an
agreement with no licence, no money and no purchase in it. Every sentence here is CONSTRUCTED
for the test (test organisations and figures, no real deal); pure, no database."""

from __future__ import annotations

from dari.extraction import flows_ko
from dari.extraction.model import Mention


def _sides(text: str, *names: str, kinds: tuple[str, str] = ("licensor", "licensee")):
    orgs = []
    for name in names:
        at = text.find(name)
        while at >= 0:
            orgs.append(Mention(at, at + len(name), name, ("organization", name)))
            at = text.find(name, at + 1)
    orgs.sort(key=lambda m: m.start)
    first = {m.text: m for m in reversed(orgs)}
    roled = [(first[names[0]], kinds[0], 0.5), (first[names[1]], kinds[1], 0.5)]
    return orgs, roled


def _roles(text: str, kinds: tuple[str, str] = ("licensor", "licensee")) -> list[str]:
    orgs, roled = _sides(text, "갑바이오", "을제약", kinds=kinds)
    return [r for _, r, _ in flows_ko.directed(text, orgs, roled)]


def test_a_decision_to_develop_together_makes_partners_though_one_brings_the_candidate():
    text = (
        "갑바이오는 을제약에 위장약 후보물질을 제공하고 함께 개발하기로 했다고 3일 밝혔다. "
        "을제약은 갑바이오에 계약금을 주고 임상 비용을 책임진다."
    )
    assert _roles(text) == ["partner", "partner"]


def test_a_memorandum_announced_makes_partners_though_shares_are_bought_later():
    text = (
        "갑바이오는 을제약과 전략적 협력을 위한 업무 협약(MOU)을 체결했다고 2일 밝혔다. "
        "갑바이오는 지난달 을제약의 신주를 인수했다."
    )
    assert _roles(text, ("acquirer", "target")) == ["partner", "partner"]


def test_a_licence_in_the_announcing_sentence_keeps_the_direction():
    text = (
        "갑바이오는 을제약과 항암 신약의 공동개발 및 기술이전 업무협약을 체결했다고 밝혔다. "
        "을제약은 갑바이오에 계약금을 지급한다."
    )
    assert _roles(text) == ["licensor", "licensee"]


def test_money_in_the_announcing_sentence_keeps_the_direction():
    text = "갑바이오는 을제약에 100억원을 투자하고 신약을 공동 개발하기로 했다고 밝혔다."
    assert _roles(text) == ["licensor", "licensee"]


def test_two_companies_selling_each_others_products_are_partners():
    # issue 14, Korean round 6 (helper xko); constructed sentences
    text = (
        "갑바이오와 을제약은 내년부터 고혈압약과 위장약을 공동 판매한다고 20일 밝혔다. "
        "두 회사가 각자 개발한 신약을 내세워 공동 영업에 나선다."
    )
    assert _roles(text) == ["partner", "partner"]


def test_one_company_selling_the_others_product_keeps_the_direction():
    text = (
        "을제약은 갑바이오와 골다공증 치료제의 국내 공동판매 계약을 맺었다고 13일 밝혔다. "
        "을제약은 갑바이오에 판매 수수료를 받는다."
    )
    assert _roles(text) == ["licensor", "licensee"]


def test_a_memorandum_for_exclusive_supply_keeps_the_direction():
    text = (
        "갑바이오는 지난 20일 을제약과 독점상품공급을 위한 업무 협약을 체결했다고 22일 밝혔다. "
        "갑바이오는 을제약의 주사제 전 품목을 넘겨준다."
    )
    assert _roles(text) == ["licensor", "licensee"]
