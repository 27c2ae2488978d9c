"""Who takes a licence for Korea (issue 14, extraction round 5): a Korean company and a foreign
one sign for the Korean market, and the Korean company takes the rights.

"삼일제약과 갈메드는 아람콜의 한국 내 임상 개발 및 독점 판매에 관한 라이센스 계약을 체결했다",
"솔빛제약은 미국 누리테라퓨틱스와 국내 독점 판매 계약을 맺었다": rights to develop or sell in
Korea flow into Korea. `flows_ko.directed` adds this as evidence beside the text's own flows
(it decides alone only where the flows say nothing clear). A company is Korean when the graph
says so or the text calls it so ("국내 바이오벤처 X"), foreign when the graph says so or the
text names its country ("미국 X", "美 X"); a Korean company's name ending (제약, 약품) counts as
Korean. Pure Python.
"""

from __future__ import annotations

import re
from typing import Any

from dari.extraction.model import Mention

# rights in Korea: "국내 독점 판매", "한국 내 임상 개발", "국내 판권", "한국 시장 독점 공급권"
_DOMESTIC = re.compile(
    r"(?:국내|한국)\s?(?:내\s?|에서의?\s|시장\s?(?:의\s|에서의?\s|내\s)?|지역\s?(?:의\s|내\s)?)?(?:의\s)?"
    r"(?:독점\s?|독점적\s|임상\s?|공동\s?)?(?:개발|판매|판권|상업화|유통|공급|독점|권리|라이[선센]스|허가|"
    r"영업|마케팅|도입|프로모션|코프로모션)"
)
# "한국을 제외한", "국내를 제외한 전 세계", "한국 외": Korea is kept back, not handed over
_EXCEPT = re.compile(r"^\S{0,3}\s?(?:제외|외\s|밖)")
# rights for more than Korea, or for elsewhere, in the same text: a Korean licensor's deal
_ABROAD = re.compile(
    r"(?:전\s?세계|글로벌|해외|미국|유럽|중국|일본|북미|중남미|동남아)\S{0,3}\s?(?:\S+\s){0,2}?"
    r"(?:독점\S{0,2}\s?)?(?:개발|판매|판권|상업화|권리|라이[선센]스)|기술\s?수출|라이[선센]스\s?아웃|"
    r"(?:한국|국내)(?:을|를)?\s?제외"
)
_FOREIGN_BEFORE = re.compile(
    r"(?:[美中日獨英佛獨伊]|미국|중국|일본|독일|영국|프랑스|스위스|캐나다|호주|이탈리아|스페인|벨기에|"
    r"덴마크|스웨덴|네덜란드|이스라엘|인도|대만|홍콩|싱가포르|아일랜드|오스트리아|핀란드|노르웨이|"
    r"글로벌|다국적|외국|해외)(?:의|계)?\s?(?:\S+\s){0,2}?$"
)
_KOREAN_BEFORE = re.compile(r"(?:국내|한국|토종)(?:의)?\s?(?:\S+\s){0,2}?$")
_KOREAN_NAME = re.compile(r"(?:제약|약품|팜|양행)$")
# how the Korean press writes a listed Korean company: "X(대표 홍길동)", "X(대표이사 A·B)",
# "X(000230)", "X 183490 | 코스닥", "(주)X", "X(주)"
_KOREAN_AFTER = re.compile(
    r"^\s?(?:\((?:대표|대표이사|회장|사장)\s|\(\d{6}\)|\d{6}\s?\||\(주\)|㈜)|"
    r"^(?:은|는|의)\s(?:[^.\n]{0,24}?\s)?(?:전\s?거래일|주가가?\s|상한가|하한가)"
)
_KOREAN_MARK = re.compile(r"(?:\(주\)|㈜)\s?$")


def _home(text: str, m: Mention, gazetteer: Any) -> str:
    """ "KR", "abroad" or "" (unknown) for one company."""
    country = gazetteer.country(m.value) if gazetteer is not None else ""
    if country:
        return "KR" if country == "KR" else "abroad"
    before = text[max(0, m.start - 16) : m.start]
    if _FOREIGN_BEFORE.search(before):
        return "abroad"
    if _KOREAN_BEFORE.search(before) or _KOREAN_NAME.search(m.text.strip()):
        return "KR"
    return "KR" if _korean_form(text, m.text.strip()) else ""


def _korean_form(text: str, name: str) -> bool:
    """The name written anywhere in the text as the press writes a Korean company: its
    chief executive or its six-digit stock code in brackets after it, "(주)" with it, its
    share price told ("X는 전 거래일보다 5% 오른")."""
    if len(name) < 2:
        return False
    for at in (x.start() for x in re.finditer(re.escape(name), text)):
        after = text[at + len(name) : at + len(name) + 40]
        if _KOREAN_AFTER.match(after) or _KOREAN_MARK.search(text[max(0, at - 4) : at]):
            return True
    return False


def lone_korean(text: str, m: Mention, lang: str, gazetteer: Any) -> bool:
    """The one company a deal text names is Korean: the graph says so, or a Korean text names
    one the graph does not know and does not place abroad (a Korean paper's own company)."""
    country = gazetteer.country(m.value) if gazetteer is not None else ""
    return country == "KR" or (lang == "ko" and not country and _home(text, m, None) != "abroad")


def domestic(text: str) -> bool:
    """The text hands over rights in Korea, and no rights abroad."""
    if _ABROAD.search(text):
        return False
    return any(not _EXCEPT.match(text, m.end()) for m in _DOMESTIC.finditer(text))


def taker(
    text: str, roled: list[tuple[Mention, str, float]], gazetteer: Any
) -> tuple[Mention, Mention] | None:
    """(the Korean taker, the foreign giver) of a licence for Korea, or None."""
    if len(roled) != 2 or not domestic(text):
        return None
    homes = [_home(text, m, gazetteer) for m, _, _ in roled]
    if sorted(homes) not in (["KR", "abroad"], ["", "KR"], ["", "abroad"]):
        return None
    # a company the graph does not know, beside a foreign one, taking rights for Korea in a
    # Korean text: the Korean side
    korean = 0 if homes[0] == "KR" or homes[1] == "abroad" else 1
    if homes[1 - korean] == "" and _KOREAN_NAME.search(roled[1 - korean][0].text.strip()):
        return None
    return roled[korean][0], roled[1 - korean][0]
