"""Korean companies a deal text names beside the deal, and Korean units on their parent's side
(issue 14, extraction round 3b).

`bystanders.py` reads these cues in English and in a few Korean forms; here are the Korean
forms it misses: a parent named without 의 to place its unit ("비보존 계열사인 루미마이크로는"),
a unit named to say who signs for its parent ("SK㈜ 자회사인 SK팜테코를 통해 인수한다",
"아스트라제네카의 ... 자회사 메드이뮨과 ... 계약"), the makers of a product the deal is about
("다이이찌산쿄와 아스트라제네카가 공동개발한 ADC"), a shareholder whose stock moved
("에이비온의 주식 ... 보유한 텔콘RF제약(+29.85%)"), and a company the deal is compared with
or follows ("X와 달리", "X에 이어", "X 등에 ... 성과를 거둔", "지난해 X와 ... 계약을 체결한").
Each cue drops one mention only: a company that acts elsewhere in the text stays a party.
"""

from __future__ import annotations

import re

from dari.extraction import headlines_ko
from dari.extraction.model import Mention, as_written

_PLACE = (
    r"(?:미국|중국|일본|유럽|독일|영국|프랑스|스위스|홍콩|싱가포르|캐나다|호주|인도|한국|"
    r"국내|현지|해외)"
)
# "X 자회사인 Y", "X의 미국 자회사 Y", "X 계열사인 Y", "X의 바이오 연구개발 부문 자회사 Y",
# "X의 의약품 사업부인 Y"
_UNIT_AFTER = re.compile(
    r"^(?:\s?[(（][^()（）]{0,30}[)）])?\s?(?:의\s?)?"
    r"(?!(?:이|가|은|는|을|를|와|과|에|도|에서|에게|로부터|으로부터)\s)(?:[가-힣A-Za-z]{1,6}\s){0,3}?"
    r"(?:" + _PLACE + r"\s?)?(?:자회사|손자회사|계열사|관계사|자회사이자|사업부|부문\s?회사|법인)"
    r"(?:인|이자|로|으로)?\s['‘\"“]?$"
)
# the sentence of the unit tells the deal it signs: a purchase, a contract, "through"
_SIGNS = re.compile(
    r"인수|합병|계약|기술\s?이전|기술\s?수출|라이선스|라이센스|도입|통해|주체|지분|권리|판권"
)
# a stock quoted beside a name: "텔콘RF제약(+29.85%)", "(-3.2%)"
_STOCK_MOVE = re.compile(r"^\s?[(（]\s?[+\-−]\s?\d+(?:\.\d+)?\s?%\s?[)）]")
# "에이비온의 주식 약 105만 주를 보유한 텔콘RF제약": a shareholder, before its name
_SHAREHOLDER_BEFORE = re.compile(r"(?:주식|지분)\s[^.]{0,30}?보유(?:한|하고 있는|중인)\s$")
# the makers of a product: "다이이찌산쿄와 아스트라제네카가 공동개발한 ADC 치료제다"
_MAKER_AFTER = re.compile(
    r"^(?:이|가)\s(?:[^\s.]+\s){0,2}?(?:공동\s?(?:으로\s)?(?:개발|설립|조성)|조성|설립)(?:한|했던|해온)\s"
)
# a comparison or a deal before this one: "X와 달리", "X에 이어", "X처럼"
_COMPARED_AFTER = re.compile(
    r"^(?:와|과|에)\s?(?:는\s)?(?:달리|마찬가지로|비교해|비교하면|다른\s)|^(?:에\s?이어|처럼)\s|"
    r"^(?:[(（][^()（）]{0,20}[)）])?(?:와|과)는\s다른|"
    r"^의\s(?:행보|사례|전례|선례)(?:를|와|과|처럼|에)"  # "펩트론의 행보를 떠올리게 했다"
)
# a product named after what it is made of, not its maker: "HA 필러", "DNA 백신"
_PRODUCT_AFTER = re.compile(
    r"^\s?(?:필러|백신|치료제|주사제?|제제|톡신|플랫폼|제형|신약|항체|기술)(?!원|자)"
)
# "올해 아스트라제네카 자회사 등에 2조원에 육박하는 기술수출 성과를 거둔 알테오젠이"
_PAST_RECORD_AFTER = re.compile(
    r"^(?:\s[가-힣]{2,4})?\s?등(?:에|과|와)?\s[^.]{0,40}?(?:성과를|실적을)\s(?:거둔|올린|낸)\s"
)
# "지난해 10월 일라이 릴리와 약 14개월 기간으로 ... 계약을 체결하고": an earlier year's deal
_EARLIER_BEFORE = re.compile(r"(?:지난해|작년|재작년|앞서)\s(?:\d{1,2}월\s)?(?:에는?\s)?$")
_EARLIER_AFTER = re.compile(r"^(?:와|과|에)\s[^.]{0,60}?(?:계약|협약)(?:을|를)?\s(?:체결|맺)")

# an adviser, a broker or a market, not a side: "법무법인 광장", "삼성증권이 주관한",
# "한국거래소", "KPMG 회계법인이 자문을 맡았다"
_ADVISER = re.compile(r"(?:증권|투자증권|법무법인|회계법인|거래소|신용평가)$")
_ADVISER_BEFORE = re.compile(r"(?:법무법인|회계법인|증권사|법률\s?자문사?|자문사)\s?(?:인\s)?$")
_ADVISES_AFTER = re.compile(
    r"^(?:이|가|은|는|도)?\s(?:[^\s.]+\s){0,2}?(?:자문|주관|매각\s?주관|법률\s?자문)(?:을|를|사|사로|사를)?\s"
)
# the reporting outlet in its byline or credit: "[뉴스토마토 동지훈 기자]", "(서울=연합뉴스)",
# "|스마트투데이=김세형 기자|", "ⓒ 뉴스핌"
_BYLINE_AFTER = re.compile(
    r"^\s?(?:=\s?[가-힣]{2,4}\s?(?:기자|특파원)|[가-힣]{2,4}\s(?:기자|특파원)\b)"
)
_BYLINE_BEFORE = re.compile(r"(?:[가-힣]{2}=\s?|ⓒ\s?|©\s?|\[|\|)$")
_BYLINE_CLOSE = re.compile(r"^\s?(?:[)\]|]|=|\s?[가-힣]{2,4}\s?기자)")


def _unit_at(text: str, m: Mention, orgs: list[Mention]) -> Mention | None:
    """The unit named right after `m` as its subsidiary, arm or local entity, if any."""
    for o in orgs:
        if 0 < o.start - m.end <= 40 and _UNIT_AFTER.match(text[m.end : o.start]):
            return o
    return None


def units(
    text: str, orgs: list[Mention], paired: list[tuple[Mention, Mention]]
) -> list[tuple[Mention, Mention]]:
    """(parent, unit) where a unit named after its parent signs or buys for it (a parent
    mention `paired` already is left alone)."""
    out = []
    for m in orgs:
        if any(m == parent for parent, _ in paired):
            continue
        unit = _unit_at(text, m, orgs)
        if unit is None or unit.text == m.text or (unit.value[1] and unit.value == m.value):
            continue
        start = max(text.rfind(".", 0, m.start), text.rfind("\n", 0, m.start)) + 1
        stop = min(
            (i for i in (text.find(".", unit.end), text.find("\n", unit.end)) if i > 0),
            default=len(text),
        )
        if _SIGNS.search(text, start, stop):
            out.append((m, unit))
    return out


def not_a_party(text: str, m: Mention, orgs: list[Mention]) -> bool:
    """This mention of `m` stands beside the deal (the company may act elsewhere)."""
    after = text[m.end : m.end + 80]
    before = text[max(0, m.start - 40) : m.start]
    if _ADVISER.search(m.text) or _ADVISER_BEFORE.search(before) or _ADVISES_AFTER.match(after):
        return True
    if _BYLINE_AFTER.match(after) or (_BYLINE_BEFORE.search(before) and _BYLINE_CLOSE.match(after)):
        return True
    if _unit_at(text, m, orgs) is not None or headlines_ko.headline_only(text, m, orgs):
        return True
    if _STOCK_MOVE.match(after) or _SHAREHOLDER_BEFORE.search(before):
        return True
    if re.fullmatch(r"[A-Z]{2,4}", m.text) and not m.value[1] and _PRODUCT_AFTER.match(after):
        return True
    if _COMPARED_AFTER.match(after) or _PAST_RECORD_AFTER.match(after):
        return True
    if _MAKER_AFTER.match(after) and re.search(r"(?:와|과)\s$", before):
        return True  # "A와 B가 공동개발한 ADC": both made it before this deal
    maker_pair = re.match(r"^(?:와|과)\s", after)
    if maker_pair:
        nxt = next((o for o in orgs if 0 <= o.start - m.end - maker_pair.end() <= 1), None)
        if nxt is not None and _MAKER_AFTER.match(text[nxt.end : nxt.end + 80]):
            return True
    if _EVENT_AFTER.match(after) or _gloss(text, m, orgs):
        return True
    return bool(_EARLIER_BEFORE.search(before) and _EARLIER_AFTER.match(after))


# an event named after a company: "'JP모건 헬스케어 콘퍼런스'에서", "바이오USA 전시회"
_EVENT_AFTER = re.compile(
    r"^\s?(?:[가-힣A-Za-z]+\s){0,2}?(?:콘퍼런스|컨퍼런스|포럼|박람회|전시회|심포지엄|학회)"
)


def _gloss(text: str, m: Mention, orgs: list[Mention]) -> bool:
    """A Latin word in brackets after a Korean word no company stands on: the word's English,
    not a name ("경상기술료(Royalty)")."""
    if m.value[1] or not re.fullmatch(r"[A-Za-z][A-Za-z&-]*", m.text):
        return False  # one word: "자회사(Shanghai ChemoWanbang Biopharma)" names a company
    opened = re.search(r"[가-힣]{2,}(?<!사)\s?[(（]$", text[max(0, m.start - 12) : m.start])
    if not opened or not re.match(r"\s?[)）]", text[m.end : m.end + 2]):
        return False
    word_end = m.start - len(opened.group(0)) + len(opened.group(0).rstrip("(（ "))
    return not any(o.end == word_end for o in orgs)


_LOCAL_ENTITY = re.compile(r"^(.+?)\s?" + _PLACE + r"\s?법인$")


def parent_sides(
    roled: list[tuple[Mention, str, float]], orgs: list[Mention]
) -> list[tuple[Mention, str, float]]:
    """A company and its local entity take one side ("셀트리온 미국법인은 ... 인수 계약을
    체결했다": 셀트리온 buys too): the one placed on no side takes the other's."""

    placed = {as_written(m): r for m, r, _ in roled}
    more = []
    for m in orgs:
        local = _LOCAL_ENTITY.match(m.text)
        parent = next((o for o in orgs if local and o.text == local.group(1)), None)
        if parent is None or (as_written(m) in placed) == (as_written(parent) in placed):
            continue
        placed_one, other = (m, parent) if as_written(m) in placed else (parent, m)
        placed[as_written(other)] = placed[as_written(placed_one)]
        more.append((other, placed[as_written(placed_one)], 0.5))
    return more


# "GC셀은 GC(녹십자홀딩스)와 함께 ... 바이오센트릭의 지분 100%를 인수한다"
_TOGETHER_AFTER = re.compile(r"^\s?(?:\((?:[^()]|\([^()]*\))*\))?(?:와|과)\s함께\s")


def together_sides(
    text: str, roled: list[tuple[Mention, str, float]], orgs: list[Mention]
) -> list[tuple[Mention, str, float]]:
    """A company the subject acts together with, on a third company, takes the subject's
    side ("A는 B와 함께 C를 인수한다": B buys too; "A는 B와 함께 ... 계약을 체결했다" leaves B
    the counterparty)."""

    placed = {as_written(m): (m, r) for m, r, _ in roled}
    more = []
    for b in orgs:
        together = _TOGETHER_AFTER.match(text[b.end : b.end + 60])
        if together is None or as_written(b) in placed:
            continue
        start = max(text.rfind(". ", 0, b.start), text.rfind("\n", 0, b.start)) + 1
        at = b.end + together.end()
        ends = (text.find(". ", at), text.find("\n", at))
        stop = min((i for i in ends if i > 0), default=len(text))
        subject = next(
            (
                placed[as_written(a)][1]
                for a in orgs
                if start <= a.start < b.start
                and as_written(a) in placed
                and re.match(r"(?:은|는|이|가)\s", text[a.end : a.end + 2])
            ),
            None,
        )
        third = any(
            at <= c.start < stop and as_written(c) in placed and as_written(c) != as_written(b)
            for c in orgs
        )
        if subject is not None and third:
            placed[as_written(b)] = (b, subject)
            more.append((b, subject, 0.5))
    return more
