"""A Korean company the graph lacks, as the subject of its deal (issue 14, unknown parties).

Korean deal news names its company first, with a subject or topic particle, in the sentence
that says it signed: "다온셀은 노르벡스와 ... 기술이전 계약을 체결했다고 24일 밝혔다",
"다온셀이 일본 제약사 켈보라에 4천억원 규모 기술 수출 계약을 체결했다". Where no list holds
that name, the place tells it: the first word of the clause with 은/는/이/가, whose sentence
signs a contract, that the text names again elsewhere (a company is named more than once, a
word of the sentence seldom is), and that the dictionary lacks (a new company's name is an
unknown word, "유비프로텐"; "회사는", "양사는", "정부가" are words it knows).
Each is only a candidate: the rules and the tagger decide whether it is a party.
"""

from __future__ import annotations

import re

from dari.extraction import nouns_ko
from dari.extraction.owners import COUNTRY_KO
from dari.extraction.stopwords import KO_SUBJECT_STOP

# a word with a subject or topic particle
# (a stock code or a short name in brackets may come between: "다온셀(142280)은",
# "다온셀[142280]이", "다온셀(다온)은")
_SUBJECT = re.compile(
    r"(?<![가-힣A-Za-z0-9&·])([가-힣]{2,8}?)(?:\s?[(\[][^()\[\]\n]{1,30}[)\]])?(?:은|는|이|가)\s"
)
# paid under a contract: "계약금을 먼저 받게 된다", "마일스톤을 수령한다"
_PAID = r"(?:계약금|선급금|선수금|마일스톤|기술료)\S{0,3}\s?(?:\S+\s){0,3}?(?:받|수령)"
# the sentence signs (or has signed) a contract
_SIGNS = re.compile(
    r"(?:계약|협약|제휴|라이선스|라이센스|파트너십|기술\s?수출|기술\s?이전)(?:\([^()\n]{0,80}\))?"
    r"\S{0,4}\s?(?:\S+\s){0,3}?(?:체결|맺|성사|수출|이전|승인)|"
    # or hands on, buys, is sold, sells together or founds a venture: "기술수출했다",
    # "인수했다고", "매각된다", "공동 판매한다고", "합작법인 설립 조인식을 가졌다", "손을 잡았다"
    r"기술\s?(?:수출|이전)(?:했|한다|하기로|키로)|"
    r"(?:인수|매입|매각)(?:했|한다|하기로|키로|를 확정)|매각(?:된|됐|되기로)|"
    r"공동\s?(?:판매|프로모션|마케팅)(?:한다|하기로|키로|했)|합작\s?법인\S{0,3}\s?설립|손(?:을\s)?잡|"
    # or is paid under it: "계약금을 먼저 받게 된다"
    rf"{_PAID}|"
    r"(?:공동\s?프로모션|공동\s?판매|공동\s?개발)\S{0,4}\s?(?:\S+\s){0,3}?합의|"
    # or grants its rights: "원천기술을 이용할 수 있는 권리를 승인했다"
    r"권리\S{0,2}\s(?:\S+\s){0,2}?(?:승인|부여|허여)"
)
# two sides dividing the work of their contract: "이번 계약을 통해 다온셀은 생산 및 공급을
# 담당하고, 노르벡스는 미국 내 마케팅 및 영업 활동을 맡을 예정이다", "다온셀은 완제품을
# 생산·공급하고 노르벡스는 판매를 담당한다"
_DIVIDED = re.compile(
    r"(?<![가-힣A-Za-z0-9&·])([가-힣]{2,10}?)(?:은|는|이|가)\s[^.\n]{0,80}?"
    r"(?:담당|맡|생산|공급|제조|판매|개발)\S*"
    r"(?:하고|하며|고|며),?\s([가-힣]{2,10}?)(?:은|는|이|가)\s[^.\n]{0,80}?"
    r"(?:담당|맡|갖|보유|확보)"
)
_DEAL = re.compile(r"계약|협약|제휴|파트너십|라이선스|라이센스")
# the other side, right after the subject: "다온셀은 노르벡스와", "다온셀은 노르벡스로부터",
# "다온셀은 노르벡스의 백신 8개 품목을 ... 판매하기로 하는 계약을 체결했다", "다온셀은 지난
# 18일 노르벡스와"
_PARTNER = re.compile(
    r"(?:(?:지난|오는)\s?(?:\d{1,2}월\s?)?\d{1,2}일\s)?([가-힣]{2,10}?)(?:와|과|으로부터|로부터|의)\s"
)
# the other side opening a sentence whose subject is left out (the company the text is about):
# "노르벡스와 ADC 치료제 개발을 위한 전략적 파트너십을 맺고 있으며, ..."
_OPENING_PARTNER = re.compile(r"(?:^|(?<=[.\n])|(?<=다\.)\s)\s*([가-힣]{2,10}?)(?:와|과)\s", re.M)
# the other side in the subject's clause (with 와/과, 로부터, 에게, 에, 을/를)
_FACING = re.compile(r"(\S+?)(?:와|과|으로부터|로부터|에게|에|을|를)\s")
# a name written in Latin letters, quoted or bracketed: "‘PT. MGH’에", "Zorevi와"
_SET_APART = re.compile(r"[A-Za-z]|[)’'\"”]$")
_COMPANY_END = re.compile(r"(?:제약|약품|바이오|파마|테라퓨틱스|사이언스|홀딩스|헬스케어|그룹)$")
# two sides as the subject: "노르벡스와 다온셀은 ... 제휴를 체결했다", "노르벡스와 켈보라
# 계열사 다온셀이 ..."
_PAIR = re.compile(
    r"(?<![가-힣A-Za-z0-9&·])([가-힣]{2,10}?)(?:와|과)\s(?:[가-힣A-Za-z]+\s){0,2}?"
    r"([가-힣]{2,10}?)(?:은|는|이|가)\s"
)
# the name again elsewhere, with a particle or an ending of its own
_AGAIN = r"(?<![가-힣A-Za-z0-9])%s(?=은|는|이|가|의|와|과|에|을|를|로|으로|도|\s|,|\()"


# a full stop ends a sentence, not one after a Latin letter ("PT. MGH", "Co., Ltd.")
_STOP = re.compile(r"(?<![A-Za-z])\. |다\.|\n")


def _sentence(text: str, at: int) -> tuple[int, int]:
    start = max((m.start() for m in _STOP.finditer(text, 0, at)), default=-1)
    end = _STOP.search(text, at)
    return start + 1, end.start() if end else len(text)


def spans(text: str) -> list[tuple[int, int]]:
    """Spans of subjects that sign their sentence's contract and recur in the text."""
    out: list[tuple[int, int]] = []
    seen: set[int] = set()
    for match in _SUBJECT.finditer(text):
        start, end = _sentence(text, match.start())
        name = match.group(1)
        if start in seen:
            continue  # the first subject of a sentence only ...
        if name not in KO_SUBJECT_STOP:
            seen.add(start)  # ... after "두 회사가", "양사는"
        if name in KO_SUBJECT_STOP or not _SIGNS.search(text, match.end(), end):
            continue
        again = list(re.finditer(_AGAIN % re.escape(name), text))
        # named again, or named once facing the other side: "다온셀은 (미국 바이오 기업인)
        # 노르벡스와 ...", "다온셀은 노르벡스로부터 ... 계약금을 받는다"
        facing = _facing(text, match.end(), min(end, match.end() + 100)) or bool(
            re.match(_PAID, text[match.end() : end])  # "버보밴은 마일스톤을 받게 된다"
        )
        if (len(again) >= 2 or facing) and nouns_ko.name_shaped(name):
            out += [m.span() for m in again]  # each time the text names it
    return out + _spoken_for(text) + _partners(text)


# the company's spokesman tells of its contract: "다온셀 관계자는 “... 기술 이전 계약을
# 체결했다”며", "다온셀 측은"
_SPOKESMAN = re.compile(r"(?<![가-힣A-Za-z0-9&·])([가-힣]{2,10}?)\s?(?:관계자|측)(?:은|는|이|가)\s")


def _spoken_for(text: str) -> list[tuple[int, int]]:
    """Each mention of a company whose spokesman tells of the contract it signed, where the
    text names it more than once."""
    out: list[tuple[int, int]] = []
    for match in _SPOKESMAN.finditer(text):
        name = match.group(1)
        start, end = _sentence(text, match.start())
        if name in KO_SUBJECT_STOP or not _SIGNS.search(text, match.end(), end):
            continue
        again = list(re.finditer(_AGAIN % re.escape(name), text))
        if len(again) >= 2 and nouns_ko.name_shaped(name):
            out += [m.span() for m in again]
    return out


def _facing(text: str, start: int, end: int) -> bool:
    """The clause names the other side: a word with 와/과, 로부터, 에게, 에 or 을/를 that is
    set apart as a name, or is one ("켈보라와"; not "후보물질에", "계약을")."""
    for match in _FACING.finditer(text, start, end):
        word = match.group(1).lstrip("‘'\"“(")
        if _SET_APART.search(word) or _COMPANY_END.search(word) or _name(word):
            return True
    return False


def _partners(text: str) -> list[tuple[int, int]]:
    """The other side of a signing subject, two sides dividing their contract's work, and
    two sides named together as the subject (a known company there is the gazetteer's
    already)."""
    out: list[tuple[int, int]] = []
    for match in _SUBJECT.finditer(text):
        partner = _PARTNER.match(text, match.end())
        start, end = _sentence(text, match.start())
        if partner and _SIGNS.search(text, match.end(), end) and _name(partner.group(1)):
            out.append(partner.span(1))
    for match in _OPENING_PARTNER.finditer(text):
        start, end = _sentence(text, match.start(1))
        opens = not text[start : match.start(1)].strip(" .")
        if opens and _SIGNS.search(text, match.end(), end) and _name(match.group(1)):
            out.append(match.span(1))
    for match in _DIVIDED.finditer(text):
        start, end = _sentence(text, match.start())
        if _DEAL.search(text, start, end):
            out += [match.span(i) for i in (1, 2) if _name(match.group(i))]
    for match in _PAIR.finditer(text):
        start, end = _sentence(text, match.start())
        if _SIGNS.search(text, match.end(), end):
            out += [match.span(i) for i in (1, 2) if _name(match.group(i))]
    return out


def _name(word: str) -> bool:
    """Not a stop word, and a word the dictionary lacks or one with a proper part (the slot
    marks it: kiwi splits many new names, "도소" + "루")."""
    return (
        word not in KO_SUBJECT_STOP
        and not re.fullmatch(COUNTRY_KO, word)
        and nouns_ko.name_shaped(word)
    )
