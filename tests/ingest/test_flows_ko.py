"""Issue 14, extraction round 3 (helper koflow): a Korean licence's or purchase's direction
from where its money and rights flow, and the bench's `partner` convention. Every sentence here
is CONSTRUCTED for the test (test organisations and figures, no real deal); pure, no database."""

from __future__ import annotations

from dari.extraction import flows_ko
from dari.extraction.flows import PURCHASE
from dari.extraction.model import Mention
from tests.extraction_support import deal, roles


def test_the_exporter_gives_and_the_dative_takes():
    score = flows_ko.evidence("⟦0⟧는 ⟦1⟧에 항암 신약 후보물질을 기술수출했다고 밝혔다.")
    assert score == {0: 1.0, 1: -1.0}


def test_who_brings_rights_in_from_another_takes_them():
    score = flows_ko.evidence("⟦0⟧는 ⟦1⟧로부터 항체 신약의 국내 판권을 도입했다.")
    assert score == {0: -1.0, 1: 0.8}


def test_money_from_a_company_makes_it_the_payer():
    score = flows_ko.evidence("⟦0⟧는 ⟦1⟧로부터 계약금 100억원을 받는다.")
    assert score == {0: 1.0, 1: -0.8}


def test_the_payer_takes_and_the_one_paid_gives():
    score = flows_ko.evidence("⟦1⟧는 ⟦0⟧에 계약금 50억원을 지급한다.")
    assert score == {0: 1.0, 1: -1.0}


def test_a_relative_clause_subject_owns_the_asset_and_takes_nothing():
    # "⟦1⟧가 개발한 항체": ⟦1⟧ is the subject of 개발한 only; ⟦0⟧ brings the antibody in
    score = flows_ko.evidence("⟦0⟧는 ⟦1⟧가 개발한 항체를 도입했다.")
    assert score == {0: -1.0, 1: 0.6}


def test_the_company_named_by_a_common_noun_is_the_announcer():
    score = flows_ko.evidence(
        "⟦0⟧는 ⟦1⟧와 라이선스 계약을 체결했다고 밝혔다. 회사는 계약금 30억원을 받는다."
    )
    assert score == {0: 1.0}


def test_a_sentence_with_no_subject_is_the_announcers():
    score = flows_ko.evidence("⟦0⟧는 ⟦1⟧에 판권을 넘겼다. 계약금은 20억원을 받는다.")
    assert score == {0: 2.0, 1: -1.0}


def test_both_sides_as_subject_give_no_one_a_direction():
    score = flows_ko.evidence("⟦0⟧는 ⟦1⟧와 계약을 맺었다. 양사는 로열티를 상호 지급하게 된다.")
    assert score == {}


def test_a_right_to_receive_money_is_no_right_taken():
    score = flows_ko.evidence("⟦0⟧는 마일스톤을 받을 수 있는 권리를 확보하게 된다.")
    assert score == {0: 1.0}


def test_an_approval_received_is_no_money():
    assert flows_ko.evidence("⟦0⟧는 100억원 규모 임상 3상의 허가를 받았다.") == {}


def test_an_earlier_deal_counts_half():
    score = flows_ko.evidence("앞서 ⟦0⟧는 ⟦1⟧에 다른 신약을 기술수출한 바 있다.")
    assert score == {0: 0.5, 1: -0.5}


def test_a_flow_only_if_something_happens_counts_half():
    score = flows_ko.evidence("⟦0⟧가 항체를 사용할 경우 ⟦1⟧에 기술료를 지급한다.")
    assert score == {0: -0.5, 1: 0.5}


def test_the_buyer_and_the_company_bought():
    score = flows_ko.evidence("⟦0⟧는 ⟦1⟧ 지분 51%를 350억원에 인수했다.", PURCHASE)
    assert score == {0: -1.0, 1: 1.0}


def test_the_licensee_paying_through_the_announcer_is_turned_round():
    # the rules read the Korean party as the licensor of a 기술이전; the company pays
    fields = deal(
        "에이씨엠이바이오는 빅제약과 항체 신약에 대한 기술이전 계약을 체결했다고 밝혔다. "
        "회사는 빅제약에 계약금 50억원을 지급하고 국내 독점 판권을 갖는다."
    )
    assert roles(fields) == {("에이씨엠이바이오", "licensee"), ("빅제약", "licensor")}


def test_rights_secured_under_the_deal_make_the_licensee():
    fields = deal(
        "에이씨엠이바이오, 빅제약과 기술이전 계약\n\n"
        "에이씨엠이바이오는 미국 빅제약과 항체 신약의 기술이전 계약을 맺었다고 밝혔다. "
        "이번 계약으로 에이씨엠이바이오는 국내 개발 및 판매 권리를 확보했다."
    )
    assert roles(fields) == {("에이씨엠이바이오", "licensee"), ("빅제약", "licensor")}


def test_an_asset_bought_outright_is_a_purchase():
    fields = deal(
        "에이씨엠이바이오는 빅제약과 항체 신약 파이프라인에 대한 자산 양수도 계약을 "
        "체결했다고 밝혔다. 에이씨엠이바이오는 빅제약으로부터 파이프라인을 200억원에 양수한다."
    )
    assert roles(fields) == {("에이씨엠이바이오", "acquirer"), ("빅제약", "target")}


def _sides(text: str, *names: str) -> tuple[list[Mention], list[tuple[Mention, str, float]]]:
    """The mentions of `names` in `text` (each at every place it is written), and the two
    sides as the rules might have placed them (the first named the licensor)."""
    orgs = []
    for name in names:
        at = text.find(name)
        while at >= 0:
            orgs.append(Mention(at, at + len(name), name, ("organization", name)))
            at = text.find(name, at + 1)
    orgs.sort(key=lambda m: m.start)
    first = {m.text: m for m in reversed(orgs)}
    roled = [(first[names[0]], "licensor", 0.5), (first[names[1]], "licensee", 0.5)]
    return orgs, roled


def test_developing_together_with_no_flow_makes_partners():
    text = "갑바이오는 을제약과 항암 신약을 공동 개발하기로 했다. 양사는 임상을 함께 진행한다."
    orgs, roled = _sides(text, "갑바이오", "을제약")
    assert flows_ko.partners(text, orgs, roled) is True


def test_founders_of_a_joint_venture_are_partners():
    text = "갑바이오와 을제약이 합작법인을 설립한다. 양사는 각각 100억원을 출자한다."
    orgs, roled = _sides(text, "갑바이오", "을제약")
    assert flows_ko.partners(text, orgs, roled) is True


def test_a_licence_named_with_the_development_is_no_partnership():
    text = "갑바이오는 을제약과 공동개발 및 기술이전 계약을 체결했다. 을제약은 판권을 확보했다."
    orgs, roled = _sides(text, "갑바이오", "을제약")
    assert flows_ko.partners(text, orgs, roled) is False


def test_partners_between_whom_rights_flow_one_way_are_licensor_and_licensee():
    text = (
        "갑바이오는 을제약과 공동개발 계약을 맺었다. 을제약은 갑바이오로부터 국내 판권을 도입했다."
    )
    orgs, roled = _sides(text, "갑바이오", "을제약")
    partners = [(m, "partner", c) for m, _, c in roled]
    assert [(m.text, r) for m, r, _ in flows_ko.directed(text, orgs, partners)] == [
        ("갑바이오", "licensor"),
        ("을제약", "licensee"),
    ]


def test_the_rules_pair_is_turned_where_the_flows_say_the_other_way():
    text = "갑바이오는 을제약과 라이선스 계약을 체결했다. 갑바이오는 을제약에 계약금을 지급한다."
    orgs, roled = _sides(text, "갑바이오", "을제약")
    assert [(m.text, r) for m, r, _ in flows_ko.directed(text, orgs, roled)] == [
        ("을제약", "licensor"),
        ("갑바이오", "licensee"),
    ]


def test_a_name_written_again_but_not_found_is_read_as_the_party():
    text = "갑바이오는 을제약에 신약을 기술수출했다. 을제약은 계약금을 지급한다."
    orgs, _ = _sides(text, "갑바이오", "을제약")
    marked, _ = flows_ko._marked(text, orgs[:2])  # the second 을제약 was not found
    assert marked == "⟦0⟧는 ⟦1⟧에 신약을 기술수출했다. ⟦1⟧은 계약금을 지급한다."
