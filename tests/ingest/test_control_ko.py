"""Issue 14, extraction round 4 (helper korole): a Korean purchase made through a unit
("⟦0⟧는 ⟦1⟧를 통해 ⟦2⟧를 지배한다"): the unit buys with its parent, the controlled company is
bought. Every sentence here is CONSTRUCTED for the test; pure, no database."""

from __future__ import annotations

from dari.extraction import flows_ko
from dari.extraction.flows import PURCHASE


def test_a_unit_through_which_a_company_is_bought_buys():
    score = flows_ko.evidence("⟦0⟧는 ⟦1⟧를 통해 ⟦2⟧를 인수했다.", PURCHASE)
    assert score[1] < 0 < score[2]
    assert score[0] < 0


def test_who_comes_to_control_a_company_through_a_unit_buys_it():
    score = flows_ko.evidence(
        "이번 합병 결과로 ⟦0⟧는 ⟦1⟧를 통해 ⟦2⟧를 완전히 지배하게 된다.", PURCHASE
    )
    assert score[0] < 0 and score[1] < 0 < score[2]


def test_the_company_buying_through_its_unit_takes_the_units_side():
    from dari.extraction.model import Mention

    text = "갑홀딩스의 자회사 갑USA가 을바이오를 인수했다. 갑홀딩스는 갑USA를 통해 을바이오를 지배한다."
    orgs = []
    for name in ("갑홀딩스", "갑USA", "을바이오"):
        at = text.find(name)
        while at >= 0:
            orgs.append(Mention(at, at + len(name), name, ("organization", None)))
            at = text.find(name, at + 1)
    orgs.sort(key=lambda m: m.start)
    first = {m.text: m for m in reversed(orgs)}
    roled = [(first["갑USA"], "acquirer", 0.5), (first["을바이오"], "target", 0.5)]
    out = flows_ko.directed(text, orgs[1:], roled)
    assert sorted((m.text, r) for m, r, _ in out) == [
        ("갑USA", "acquirer"),
        ("갑홀딩스", "acquirer"),
        ("을바이오", "target"),
    ]


def test_partners_of_old_whose_asset_is_bought_outright_are_buyer_and_seller():
    from dari.extraction.model import Mention

    text = (
        "신약은 갑제약이 을파마와 공동개발을 진행해왔던 에셋이다. 갑제약은 최근 을파마와 "
        "자산양수도계약을 체결해 신약의 전체 권리를 인수했다."
    )
    orgs = []
    for name in ("갑제약", "을파마"):
        at = text.find(name)
        while at >= 0:
            orgs.append(Mention(at, at + len(name), name, ("organization", None)))
            at = text.find(name, at + 1)
    orgs.sort(key=lambda m: m.start)
    first = {m.text: m for m in reversed(orgs)}
    roled = [(first["갑제약"], "partner", 0.5), (first["을파마"], "partner", 0.5)]
    out = flows_ko.directed(text, orgs, roled)
    assert sorted((m.text, r) for m, r, _ in out) == [("갑제약", "acquirer"), ("을파마", "target")]


def test_a_licence_paid_with_a_bond_bought_is_a_licence():
    from dari.extraction.model import Mention

    text = (
        "갑바이오는 을테크에 면역억제제 기술이전 계약을 맺으면서 계약금을 을테크 전환사채(CB)와 "
        "맞바꿨다. 을테크는 70억원 CB를 발행하고, 갑바이오가 이를 인수했다."
    )
    orgs = []
    for name in ("갑바이오", "을테크"):
        at = text.find(name)
        while at >= 0:
            orgs.append(Mention(at, at + len(name), name, ("organization", None)))
            at = text.find(name, at + 1)
    orgs.sort(key=lambda m: m.start)
    first = {m.text: m for m in reversed(orgs)}
    roled = [(first["갑바이오"], "acquirer", 0.5), (first["을테크"], "target", 0.5)]
    out = flows_ko.directed(text, orgs, roled)
    assert sorted((m.text, r) for m, r, _ in out) == [
        ("갑바이오", "licensor"),
        ("을테크", "licensee"),
    ]


def test_the_unit_a_licensee_develops_through_takes_the_licensees_side():
    from dari.extraction import control_ko
    from dari.extraction.model import Mention

    text = (
        "갑바이오는 을캐피탈에 신약을 기술이전했다. 을캐피탈은 자회사로 설립한 병테라퓨틱스"
        "(Byeong Therapeutics)를 통해 신약을 집중적으로 개발할 계획이다."
    )
    orgs = []
    for name in ("갑바이오", "을캐피탈", "병테라퓨틱스"):
        at = text.find(name)
        while at >= 0:
            orgs.append(Mention(at, at + len(name), name, ("organization", None)))
            at = text.find(name, at + 1)
    orgs.sort(key=lambda m: m.start)
    first = {m.text: m for m in reversed(orgs)}
    roled = [(first["갑바이오"], "licensor", 0.5), (first["을캐피탈"], "licensee", 0.5)]
    out = control_ko.through_sides(text, orgs, roled)
    assert sorted((m.text, r) for m, r, _ in out) == [
        ("갑바이오", "licensor"),
        ("병테라퓨틱스", "licensee"),
        ("을캐피탈", "licensee"),
    ]
