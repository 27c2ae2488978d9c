"""Issue 14, extraction round 4 (helper korole): the companies a Korean text lists as one
group taking part ("A, B, C 등 그룹사 5개 법인이 참여한다") stand on one side. Every sentence
here is CONSTRUCTED for the test; pure, no database."""

from __future__ import annotations

from dari.extraction import flows_ko
from dari.extraction.model import Mention


def _orgs(text: str, *names: str) -> list[Mention]:
    out = []
    for name in names:
        at = text.find(name)
        while at >= 0:
            out.append(Mention(at, at + len(name), name, ("organization", None)))
            at = text.find(name, at + 1)
    return sorted(out, key=lambda m: m.start)


def test_a_group_listed_as_taking_part_buys_together():
    text = (
        "병테크는 갑홀딩스 컨소시엄과 유상증자를 통해 경영권을 양도하기로 했다. 유상증자에는 "
        "갑홀딩스, 을사이언스, 갑제약, 갑셀 등 그룹사 4개 법인이 참여한다."
    )
    orgs = _orgs(text, "병테크", "갑홀딩스", "을사이언스", "갑제약", "갑셀")
    first = {m.text: m for m in reversed(orgs)}
    roled = [
        (first["갑홀딩스"], "acquirer", 0.5),
        (first["병테크"], "target", 0.5),
        (first["을사이언스"], "target", 0.5),
    ]
    out = flows_ko.directed(text, orgs, roled)
    assert sorted((m.text, r) for m, r, _ in out) == [
        ("갑셀", "acquirer"),
        ("갑제약", "acquirer"),
        ("갑홀딩스", "acquirer"),
        ("병테크", "target"),
        ("을사이언스", "acquirer"),
    ]


def test_a_listed_name_read_inside_a_longer_one_is_the_longer_company():
    text = (
        "병테크는 갑홀딩스와 경영권 양도 계약을 맺었다. 유상증자에는 "
        "갑홀딩스, 을사이언스, 갑홀딩스셀 등 그룹사 3개 법인이 참여한다."
    )
    orgs = _orgs(text, "병테크", "갑홀딩스", "을사이언스")
    first = {m.text: m for m in reversed(orgs)}
    roled = [(first["갑홀딩스"], "acquirer", 0.5), (first["병테크"], "target", 0.5)]
    out = flows_ko.directed(text, orgs, roled)
    assert sorted((m.text, r) for m, r, _ in out) == [
        ("갑홀딩스", "acquirer"),
        ("갑홀딩스셀", "acquirer"),
        ("병테크", "target"),
        ("을사이언스", "acquirer"),
    ]


def test_two_companies_named_as_one_consortium_buy_together():
    text = "갑센서와 을파트너스 컨소시엄은 이날 병바이오를 인수하는 합병계약을 체결했다고 발표했다."
    orgs = _orgs(text, "갑센서", "을파트너스", "병바이오")
    first = {m.text: m for m in reversed(orgs)}
    roled = [(first["을파트너스"], "acquirer", 0.5), (first["병바이오"], "target", 0.5)]
    out = flows_ko.directed(text, orgs, roled)
    assert sorted((m.text, r) for m, r, _ in out) == [
        ("갑센서", "acquirer"),
        ("병바이오", "target"),
        ("을파트너스", "acquirer"),
    ]
