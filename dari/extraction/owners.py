"""The direction of a deal no verb tells.

When no pattern of `roles.py` places the two parties, the rules fall back on the order the
text names them in (the first named licenses out). Two conventions of how deals are reported
say more than the order, and this module reads them:

- the asset belongs to its licensor: the company whose drug, candidate or technology it is
  ("Palatin's bremelanotide", "the treatment SCM Lifescience is developing", "developed by X",
  "X가 개발한", "X사가 미국에서 임상 2상 진행 중인 약물", "X의 신약 후보물질") gives the rights;
- rights for one country go to that country's company: in a text about Korean rights
  ("국내 판권", "국내 독점 판매권", "exclusive rights ... in Korea") the Korean party takes them
  from the foreign one.

And in an acquisition told with no buying verb the text's subject, named first, is the buyer.
Pure Python; `learned.py` reads the same cues as features.
"""

from __future__ import annotations

import re
from typing import Any

from dari.extraction.model import Mention

OWNER_AFTER = re.compile(
    r"^(?:\)\s?)?(?:['’]s?\s+(?:[\w-]+,?\s+){0,3}?(?:drug|candidate|asset|compound|molecule|"
    r"antibody|product|therapy|treatment|platform|technology|pipeline|program|vaccine|"
    r"biosimilar)s?\b|"
    # a drug's international name by its stem: "Palatin’s bremelanotide", "X's sotatercept"
    r"['’]s?\s+[a-z]+(?:mab|nib|tide|cept|stat|vir|parin|zole|sartan|pril|olol|gene|cel)\b|"
    r"\s(?:is|has been|was|had been) develop|"
    # "Researchers from X have developed", "X to contribute its drug candidate"
    r"\s(?:has|have|had)\s(?:[\w-]+\s)?developed\b|\s(?:to|will|would)\scontribute\s(?:its|their)\s|"
    r"\s?(?:이|가|사가)\s(?:[^.]{0,30}?\s)?(?:개발한|개발 중인|개발하고 있는|개발해 온|보유한|"
    r"진행 중인)|"
    r"\s?(?:\[\d{6}\]|\(\d{6}\))?의\s(?:[가-힣·]+\s){0,2}?(?:신약|후보\s?물질|파이프라인|치료제|플랫폼|"
    r"일반의약품|전문의약품|의약품|제품|품목))",
    re.I,
)
OWNER_BEFORE = re.compile(
    r"\b(?:developed|discovered|invented|originated|owned) by\s+(?:[\w’'.-]+\s+){0,2}$", re.I
)
DOMESTIC = re.compile(
    r"국내\s?(?:독점\s?)?(?:판권|판매권|라이선스|라이센스|상용화|영업|판매|유통|마케팅)|국내\s?독점|"
    r"(?:rights?|market(?:ing|s)?|sales|distribut\w*|commerciali[sz]\w*|sell\w*|promot\w*)\b"
    r"[^.]{0,120}?"
    r"\bin (?:South )?Korea\b|Korean (?:rights|market)",
    re.I,
)
# the one taking the rights, said of it where it is named: "X will be responsible for the
# distribution", "X has expanded its license rights", "X는 ... 국내 판매를 담당"
TAKER_AFTER = re.compile(
    r"^[^.⟦]{0,60}?\b(?:will be|is|are|would be) (?:solely |fully )?responsible for\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:distribut|commerciali|market|sales|sell)|"
    r"^(?:\s[^.]{0,50}?\bthat it)?(?:\s(?:has|have|had|will))?\s"
    r"(?:acquired|secured|obtained|gained|expanded|acquires|secures|obtains|gains|expands|"
    r"receive[sd]?|receive)\s(?:its\s|the\s|all\s)?(?:[\w-]+\s){0,2}?"
    r"(?:rights|license rights|licen[cs]e)\b|"
    r"^\)?(?:\([^()]{0,40}\))?\s?(?:은|는|이|가)\s[^.]{0,60}?(?:판매|유통|영업|상업화)(?:를|을)?\s?"
    r"(?:담당|전담|맡)|"
    # "X가 다음 달부터 Y의 일반의약품 9종을 독점 판매한다"
    r"^\)?(?:\([^()]{0,40}\))?\s?(?:은|는|이|가)\s[^.]{0,80}?독점\s?(?:판매|유통)(?:한다|하기로|하게|할)|"
    r"^\)?(?:\([^()]{0,40}\))?\s?(?:은|는|이|가)\s[^.]{0,60}?(?:판권|판매권|권리|전용실시권)(?:을|를)\s?"
    r"(?:확보|획득|갖|취득)",
    re.I,
)
# a company called foreign where it is named: "미국 제약사 ‘에스원바이오파마’", "the US firm X"
COUNTRY_KO = (
    r"미국|일본|중국|유럽|영국|독일|프랑스|스위스|캐나다|호주|이스라엘|인도|대만|스페인|이탈리아|"
    r"브라질|러시아|이란|베트남|싱가포르|벨기에|네덜란드|덴마크|스웨덴|핀란드|아일랜드|오스트리아"
)
_COUNTRY_EN = (
    r"U\.?S\.?|American|Japanese|Chinese|European|British|German|French|Swiss|Canadian|"
    r"Australian|Israeli|Indian|Taiwanese|Spanish|Italian|Brazilian|Russian|Iranian|"
    r"Vietnamese|Belgian|Dutch|Danish|Swedish|Finnish|Irish|Austrian"
)
FOREIGN_BEFORE = re.compile(
    rf"(?:{COUNTRY_KO})\s?(?:의\s)?(?:제약사|제약회사|제약\s?기업|바이오\s?기업|바이오텍|바이오사|"
    rf"기업|회사|업체)\s?['‘’\"“]?$|\b(?:{_COUNTRY_EN})(?:-based)?\s+(?:firm|company|drugmaker|"
    rf"drug maker|pharma\w*|biotech\w*)\s+$",
    re.I,
)


def owns(text: str, mentions: list[Mention]) -> bool:
    """Some mention of the company names it as the owner or developer of the asset."""
    return any(
        OWNER_AFTER.match(text[m.end : m.end + 60])
        or OWNER_BEFORE.search(text[max(0, m.start - 40) : m.start])
        for m in mentions
    )


def takes(text: str, mentions: list[Mention]) -> bool:
    """Some mention of the company says it takes the rights (it sells, distributes, secured
    them)."""
    return any(TAKER_AFTER.match(text[m.end : m.end + 120]) for m in mentions)


# a multinational's Korean unit, named after it: "한국화이자제약", "암젠코리아", "MSD Korea"
_KOREAN_UNIT = re.compile(
    r"^(?:한국\s?(?P<a>.+)|(?P<b>.+?)\s?(?:코리아|Korea)(?:\s?(?:Ltd|Inc)\.?)?)$", re.I
)


def foreign_unit(name: str, gazetteer: Any) -> bool:
    """The name is a foreign company's Korean unit ("한국화이자제약", "MSD Korea"): the deal's
    foreign side, whatever its address."""
    match = _KOREAN_UNIT.match(name.strip())
    if match is None:
        return False
    parent = (match.group("a") or match.group("b") or "").strip().lower()
    for form in (parent, re.sub(r"\s?(?:제약|주식회사)$", "", parent)):
        key = gazetteer.forms.get(form)
        if key and gazetteer.country(key) not in ("", "KR"):
            return True
    return False


def korean(text: str, mentions: list[Mention], country: str, gazetteer: Any = None) -> bool | None:
    """Whether the company is Korean: its country in the graph, else a foreign nationality
    stated where it is named (None: not known); a foreign company's Korean unit is not."""
    if gazetteer is not None and any(foreign_unit(m.text, gazetteer) for m in mentions):
        return False
    if country:
        return country == "KR"
    if any(FOREIGN_BEFORE.search(text[max(0, m.start - 30) : m.start]) for m in mentions):
        return False
    return None


def direct(
    text: str,
    orgs: list[Mention],
    roled: list[tuple[Mention, str, float]],
    gazetteer: Any,
    key: Any,
    bought: bool,
) -> list[tuple[Mention, str, float]]:
    """The rules' default direction of two parties (both placed at the lowest confidence, by
    the order they are named) turned where the conventions above say otherwise."""
    if len(roled) != 2 or any(c > 0.4 for _, _, c in roled):
        return roled
    if {r for _, r, _ in roled} != {"licensor", "licensee"}:
        return roled
    first, second = roled if roled[0][1] == "licensor" else roled[::-1]
    pair = (first[0], second[0])
    mentions = [[m for m in orgs if key(m) == key(p)] or [p] for p in pair]
    if bought:
        # "Daewoong Pharmaceutical said it will buy a 30.2% stake ... in HanAll": the buyer
        # is named first (the pipeline reads the licensee of an acquisition as its buyer)
        starts = [min(m.start for m in ms) for ms in mentions]
        buyer = 0 if starts[0] <= starts[1] else 1
        return [(pair[1 - buyer], "licensor", 0.45), (pair[buyer], "licensee", 0.45)]
    # the owner of the asset gives, the one said to take the rights takes; a company said
    # to be both is neither
    gives = [int(owns(text, ms)) - int(takes(text, ms)) for ms in mentions]
    if gives[0] != gives[1]:
        giver = 0 if gives[0] > gives[1] else 1
        return [(pair[giver], "licensor", 0.45), (pair[1 - giver], "licensee", 0.45)]
    if DOMESTIC.search(text):
        home = [
            korean(text, ms, gazetteer.country(p.value), gazetteer)
            for p, ms in zip(pair, mentions, strict=True)
        ]
        # a company the graph does not know, named beside a Korean one it knows, in an English
        # text about Korean rights: the foreign side
        if sorted(home, key=str) == [None, True] and not re.search("[가-힣]", text):
            home = [h is True for h in home]
        if home[0] is not None and home[1] is not None and home[0] != home[1]:
            taker = 0 if home[0] else 1
            return [(pair[1 - taker], "licensor", 0.45), (pair[taker], "licensee", 0.45)]
    return roled
