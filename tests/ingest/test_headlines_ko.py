"""Issue 14, extraction round 4 (helper korole): a Korean roundup's headline lists other
stories; a company named only in one of those lines, never in the body, is no party. Every
sentence here is CONSTRUCTED for the test (test organisations and figures, no real deal);
pure, no database."""

from __future__ import annotations

from dari.extraction import bystanders_ko
from dari.extraction.model import Mention

ROUNDUP = (
    "K-제약, 중동 진출 새바람\n\n"
    "갑바이오, 중동 을제약과 맞손…16개국 진출\n"
    "병제약, 사우디 공략…GCC 진출 목표\n"
    "정바이오, 필러 품목허가 신청…현지 유통사와 수출계약\n\n"
    "18일 업계에 따르면, 갑바이오는 뇌전증 신약을 앞세워 을제약과 기술수출 계약을 맺었다. "
    "을제약은 판매에 따른 로열티를 지급한다.\n"
)


def _orgs(text: str, *names: str) -> list[Mention]:
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


def test_a_company_named_only_in_a_roundups_headline_is_no_party():
    assert _dropped(ROUNDUP, "갑바이오", "을제약", "병제약", "정바이오") == ["병제약", "정바이오"]


def test_a_plain_headline_names_the_parties():
    text = (
        "갑바이오, 을제약에 항암 신약 기술수출\n\n"
        "정바이오와 공동 개발한 물질\n\n"
        "갑바이오는 을제약과 기술수출 계약을 맺었다고 밝혔다.\n"
    )
    assert _dropped(text, "갑바이오", "을제약", "정바이오") == []
