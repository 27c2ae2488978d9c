"""The two sides of a Korean deal as its signing sentence names them (issue 14, Korean round 6).

A release states its deal once in one sentence: "A(은/는/이/가) ... B(와/과) ... 계약을 체결했다
(맺었다)", or "A와 B는 ... 계약을 체결했다". When the rules' parties keep one of the two and put
a company the signing sentence does not name in the other's place (a deal told in the background,
"이 외에도 중외제약은 일본의 유토쿠사와 ... 계약을 체결하는 등"; a group or an event named around
it, "JP모건 헬스케어 콘퍼런스"), or find only one side, the signing sentence's other side takes
that place with the role the pair needs. A name the graph and the proposers miss is read from its
slot when its form says it is a company: after a kind or a country ("인도네시아 제약그룹인
‘덱사’와", "美온코러스와"), with 사/社 ("메이지사와"), or as the subject opening the sentence
("온코러스는 4일 대웅제약과 ... 체결했다고 밝혔다").

The same sentence says which way a licence runs when it says so plainly ("'HD003' 도입을 위한
라이센스계약": the subject takes; "수출 계약": it gives; "중국 노보텍 그룹과 ... 중국 내 라이선스":
the partner from China takes), and makes partners of a research collaboration whose fruits the
two share; a joint venture founded is no side, its founders are partners. A lone side whose
partner the text keeps back ("글로벌 제약사와") gives its own technology unless it says it takes
rights in (all 15 such Korean training deals are licences out). Learned from the training
splits' errors only (issue 14); pure Python.
"""

from __future__ import annotations

import re
from typing import Any

from dari.extraction import thisdeal_ko
from dari.extraction.model import Mention, as_written
from dari.extraction.owners import COUNTRY_KO
from dari.extraction.stopwords import KO_SUBJECT_STOP

# the deal signed: "라이센싱 계약을 맺고", "연구 협력(Research Collaboration)을 체결했다",
# "업무 협약을 체결", "계약연장 조인식을 가졌다", "양해각서를 체결했다"
_SIGNED = re.compile(
    r"(?:계약|협약|양해\s?각서|\bMOU\b|파트너십|제휴|협력)[가-힣]{0,4}\s?(?:\([^()]{0,40}\)\s?)?"
    r"(?:을|를|도|식을)?\s?(?:체결|맺|조인식|갖|가졌)|손을\s?잡"
)
# a joint venture named: "합자 법인 젠스톰을 설립", "합작투자회사 '이뮨온시아 유한회사' 설립"
_VENTURE = re.compile(r"(?:합작|합자)\s?(?:투자\s?)?(?:법인|회사|사)(?:인|로)?\s?['‘\"“]?$")
_PAREN = r"(?:\s?[(（][^()（）]{1,40}[)）])?"
_QUOTE = r"['‘’\"“”]"
_WORD = r"[가-힣A-Za-z][가-힣A-Za-z0-9&·\-]{0,14}"
# the partner: "일본 메이지사와", "제약그룹인 ‘덱사’와", "'애보트 글로벌 헬스케어 그룹'과" (a
# quoted name may have spaces), not "‘CKD-510’과 관련해"
_WITH = re.compile(
    rf"(?:({_QUOTE})([^'‘’\"“”]{{2,30}}){_QUOTE}|(?<![가-힣A-Za-z0-9])({_WORD}))"
    rf"{_PAREN}(?:\s그룹)?\s?(사|社)?\s?(?:와의?|과의?|측과)\s(?!관련|함께|같|달리|비교|동일|유사|이의)"
)
# the subject: "중외제약(대표 이경하)은", "온코러스는"
_SUBJECT = re.compile(rf"(?<![가-힣A-Za-z0-9])({_WORD}){_PAREN}\s?(?:은|는|이|가)\s")
# a company's kind or country before its name
_KIND_BEFORE = re.compile(
    rf"(?:(?:{COUNTRY_KO}|홍콩|美|日|中|英|獨|佛)(?:의)?|기업(?:인)?|제약사(?:인)?|"
    r"업체(?:인)?|회사(?:인)?|그룹(?:인)?|제약(?:사)?(?:인)?|스타트업(?:인)?)\s?$"
)
_NOT_NAME = re.compile(
    r"(?:기업|업체|회사|그룹|제약사|바이오사|정부|대학|병원|재단|센터|협회|기관|양사|자회사인?|들|"
    r"파트너|계약|협약|기술|제품|품목|치료제|신약|물질|의약품|주사제|약|금|비|료)$"
)
# the company spoken of, or people, by a common word: "동사는", "본사는", "우리는", "연구진은"
_NOT_SUBJECT = {"동사", "본사", "우리", "저희", "그", "연구진", "연구팀", "임상", "앞서", "해당사"}
_CASE = re.compile(
    r"[)）]?\s?(?:사|社|측)?(?:으로부터|로부터|에게|에서|에|을|를|와|과|은|는|이|가)\s"
)
_PARTICLE_IN = re.compile(r"(?:사|社)?(?:으로부터|로부터|에게|에서)$")  # "RMX사로부터" taken whole
_CODE = re.compile(r"[A-Za-z]{1,6}[- ]?\d[\w-]*")  # "VRN14", "CKD-510": a candidate, no company
_LICENCE = {"licensor", "licensee", "partner"}  # a purchase's sides are read apart
_COMPLEMENT = {
    "licensor": "licensee",
    "licensee": "licensor",
    "acquirer": "target",
    "target": "acquirer",
    "partner": "partner",
}


def _sentences(text: str) -> list[tuple[int, int]]:
    from dari.extraction.flows_ko import sentence_spans

    return sentence_spans(text)


def _ending_at(orgs: list[Mention], start: int, end: int) -> Mention | None:
    """The company mention that ends the name slot text[start:end]."""
    found = [m for m in orgs if m.end == end and start <= m.start and m.value[0] == "organization"]
    return min(found, key=lambda m: m.start, default=None)


def _unknown(gazetteer: Any, text: str, start: int, end: int, why: bool) -> Mention | None:
    """A name the graph may lack at text[start:end], when `why` (its form) says it is one."""
    from dari.extraction.gazetteer import _generic

    name = text[start:end].strip()
    if not why or len(name) < 2 or name in KO_SUBJECT_STOP or _NOT_NAME.search(name):
        return None
    if name in _NOT_SUBJECT:
        return None
    if _generic(name) or _CODE.fullmatch(name) or name[0].isdigit():
        return None
    key = gazetteer.forms.get(name.lower()) if gazetteer is not None else None
    return Mention(start, end, name, key or ("organization", None), 0.5)


def signing_pair(
    text: str, orgs: list[Mention], gazetteer: Any
) -> tuple[Mention, Mention, tuple[int, int]] | None:
    """(subject, partner, the sentence's span) of the first sentence that signs a deal now (not
    one told as earlier: "계약을 맺은 바가 있다"), each side a company mention."""
    from dari.extraction.roles import BACKGROUND

    for start, end in _sentences(text):
        said = text[start:end]
        signed = _SIGNED.search(said)
        if not signed or BACKGROUND.search(said):
            continue
        pair = _pair(text, start, said[: signed.start()], orgs, gazetteer)
        if pair is not None:
            return pair[0], pair[1], (start, end)
    return None


def _pair(
    text: str, start: int, head: str, orgs: list[Mention], gazetteer: Any
) -> tuple[Mention, Mention] | None:
    subject = _SUBJECT.search(head)
    withs = list(_WITH.finditer(head))
    if subject is None or not withs:
        return None

    def slot(match: re.Match[str]) -> tuple[int, int]:
        group = 2 if match.group(2) else 3
        at, end = start + match.start(group), start + match.end(group)
        if text[end - 1] in "사社" and _ending_at(orgs, at, end - 1):  # "메이지사와"
            end -= 1
        return at, end

    first = withs[0]
    if first.start() < subject.start() and not head[: first.start()].strip(" ‘'\"“"):
        # "A와 B는 ... 체결": both named before the subject particle
        a = _ending_at(orgs, *slot(first))
        b = _ending_at(orgs, start + subject.start(1), start + subject.end(1))
        return (
            (a, b) if a is not None and b is not None and as_written(a) != as_written(b) else None
        )
    later = [w for w in withs if w.start() >= subject.end()]
    if not later:
        return None
    with_ = later[0]
    a_span, b_span = (start + subject.start(1), start + subject.end(1)), slot(with_)
    a, b = _ending_at(orgs, *a_span), _ending_at(orgs, *b_span)
    sides = {as_written(m) for m in (a, b) if m is not None}
    between = [m for m in orgs if a_span[1] <= m.start < b_span[0] and as_written(m) not in sides]
    if any(_CASE.match(text, m.end) or _PARTICLE_IN.search(m.text) for m in between):
        return None  # another company in a part of its own: "RMX사로부터 ... 권리금과"
    if a is None and subject.start() == 0 and b is not None and b.value[1]:
        a = _unknown(gazetteer, text, *a_span, True)  # "온코러스는 4일 대웅제약과"
    if b is None and a is not None:
        before = head[max(0, with_.start() - 12) : with_.start()]
        formed = bool(with_.group(1) or with_.group(4) or _KIND_BEFORE.search(before))
        b = _unknown(gazetteer, text, *b_span, formed)
    if (
        a is None
        or b is None
        or as_written(a) == as_written(b)
        or any(_CODE.fullmatch(m.text) for m in (a, b))
    ):
        return None
    return a, b


def venture(text: str, m: Mention) -> bool:
    """`m` is the joint venture the text says is founded ("합자 법인 젠스톰을 설립")."""
    return bool(_VENTURE.search(text[max(0, m.start - 16) : m.start]))


def completed(
    text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]], gazetteer: Any = None
) -> list[tuple[Mention, str, float]]:
    """`roled` with the signing sentence's other side in place of a company it does not name,
    or beside a lone side."""
    roled = _tidied(roled)
    if not roled or len(roled) > 2 or any(r not in _LICENCE for _, r, _ in roled):
        return roled
    if len(roled) == 1 and roled[0][1] == "licensee" and not _brings_in(text, roled[0][0]):
        # one side named, the other kept back ("글로벌 제약사와", "유럽 소재 빅파마와"): the
        # named company brings its own technology (unless it says it takes one in)
        roled = [(roled[0][0], "licensor", roled[0][2])]
    roled = thisdeal_ko.in_place(text, orgs, roled, gazetteer)
    found = signing_pair(text, orgs, gazetteer)
    if found is None:
        return roled
    ventures = {as_written(m) for m in orgs if venture(text, m)}
    founders = {as_written(m) for m in found[:2]}
    if any(as_written(m) in ventures for m, _, _ in roled) and not founders & ventures:
        # the venture founded is no side; its founders are partners
        return [(found[0], "partner", 0.5), (found[1], "partner", 0.5)]
    pair, (start, end) = found[:2], found[2]
    keys = [as_written(m) for m, _, _ in roled]
    inside = [m for m in pair if as_written(m) in keys]
    if len(inside) == 2:
        if _together(text, pair[1].end, end) and not _one_way(text):
            return [(m, "partner", c) for m, _, c in roled]
        return _directed(text, pair, (start, end), roled)
    if len(inside) != 1:
        return roled
    kept = next(x for x in roled if as_written(x[0]) == as_written(inside[0]))
    missing = next(m for m in pair if as_written(m) != as_written(inside[0]))
    others = [x for x in roled if x is not kept]
    if not others:
        if _together(text, pair[1].end, end):
            return [(kept[0], "partner", kept[2]), (missing, "partner", 0.5)]
        joined = [kept, (missing, _COMPLEMENT[kept[1]], 0.5)]
        return _directed(text, pair, (start, end), joined)
    other = others[0]
    named = any(start <= m.start < end and as_written(m) == as_written(other[0]) for m in orgs)
    if named or other[1] != _COMPLEMENT[kept[1]] or _related(other[0], missing):
        return roled
    return [x if x is not other else (missing, other[1], other[2]) for x in roled]


# what the contract signed with the partner is: "'HD003' 도입을 위한 라이센스계약" (the subject
# takes), "기술수출 계약", "라이선스 아웃 계약" (the subject gives), "중국 내 라이선스" with a
# partner from China (the partner takes)
_TAKES = re.compile(r"도입|라이[선센]스\s?인(?![가-힣])|인\s?라이[선센]싱")
_GIVES = re.compile(r"수출|라이[선센]스\s?아웃|아웃\s?라이[선센]싱")
_TOGETHER = re.compile(r"협력|공동\s?(?:연구|개발)")
_ONE_WAY = re.compile(r"라이[선센]|기술\s?(?:이전|수출|도입)|판권|판매|공급|도입|인수|투자|\d")
_COUNTRY = re.compile(rf"({COUNTRY_KO})(?:의)?\s?(?:\S+\s){{0,2}}?$")


def _together(text: str, start: int, end: int) -> bool:
    """What is signed with the partner (from its name on) is a collaboration, one way in nothing."""
    signed = _SIGNED.search(text, start, end)
    said = text[start : signed.end() if signed else end]
    return bool(_TOGETHER.search(said)) and not _ONE_WAY.search(said)


# a licence, its rights or its fees named anywhere in the text
_LICENSED = re.compile(
    r"기술\s?이전|기술\s?수출|라이[선센]스|판권|판매권|실시권|도입|계약금|선급금|마일스톤|기술료|로열티"
)


def _one_way(text: str) -> bool:
    """A licence, its rights or fees named in a sentence that shares nothing between the two
    ("양사가 전용실시권을 사용한다" shares)."""
    return any(
        _LICENSED.search(text, s, e) and not re.search(r"양사|공동|상호|서로|함께", text[s:e])
        for s, e in _sentences(text)
    )


def _directed(
    text: str, pair: tuple[Mention, Mention], span: tuple[int, int], roled: list[Any]
) -> list[tuple[Mention, str, float]]:
    """`roled` turned where the signing sentence says plainly which way the licence runs."""
    subject, partner = pair
    if {r for _, r, _ in roled} != {"licensor", "licensee"} or len(roled) != 2:
        return roled
    if subject.start > partner.start:
        return roled  # "A와 B는 ... 체결": no subject apart
    signed = _SIGNED.search(text, partner.end, span[1])
    if signed is None:
        return roled
    what = text[partner.end : signed.end()]
    gives = None
    if _TAKES.search(what) and not _GIVES.search(what):
        gives = False
    elif _GIVES.search(what) and not _TAKES.search(what):
        gives = True
    else:
        country = _COUNTRY.search(text[max(0, partner.start - 16) : partner.start])
        if country and re.search(re.escape(country.group(1)) + r"\s?(?:내|시장|지역|판권)", what):
            gives = True  # the partner's own country's rights: it takes them
    if gives is None:
        return roled
    role = {as_written(subject): "licensor" if gives else "licensee"}
    role[as_written(partner)] = _COMPLEMENT[role[as_written(subject)]]
    return [(m, role.get(as_written(m), r), c) for m, r, c in roled]


_BRINGS_IN = re.compile(
    r"도입|들여|라이[선센]스\s?인(?![가-힣])|인\s?라이[선센]싱|"
    r"(?:권리|판권|판매권|독점권|사용권|실시권)(?:을|를)?\s?(?:\S+\s)?(?:확보|획득|취득|이전받|부여받)"
)


def _brings_in(text: str, m: Mention) -> bool:
    """A sentence where `m` is the subject says it takes rights in."""
    for start, end in _sentences(text):
        said = text[start:end]
        subject = re.search(re.escape(m.text) + _PAREN + r"\s?(?:은|는|이|가)\s", said)
        if subject and _BRINGS_IN.search(said, subject.end()):
            return True
    return False


# a company's kind taken into a name the graph lacks: "제약기업 파마신테즈", "바이오기업인 X"
_KIND_HEAD = re.compile(r"^[가-힣]{0,4}(?:기업|회사|업체|제약사|바이오사)(?:인)?\s+(?=\S{2})")


def _tidied(roled: list[tuple[Mention, str, float]]) -> list[tuple[Mention, str, float]]:
    """Names the graph lacks without a kind before them; a side named by the start of another
    side's name with the same role ("삼성바이오" beside "삼성바이오에피스") is that side."""
    out = []
    for m, r, c in roled:
        head = _KIND_HEAD.match(m.text) if not m.value[1] else None
        if head:
            m = Mention(m.start + head.end(), m.end, m.text[head.end() :], m.value, m.confidence)
        out.append((m, r, c))
    if len(out) != 3:
        return out  # (a group's companies listed: "갑홀딩스, 갑홀딩스셀" are two)
    return [
        (m, r, c)
        for m, r, c in out
        if m.value[1]
        or len(m.text) < 4
        or not any(o.value[1] and o.text.startswith(m.text) and q == r for o, q, _ in out)
    ]


def _related(other: Mention, missing: Mention) -> bool:
    """`other` may be the missing side named another way: they share three Korean letters in a
    row or a Latin word ("시오노기제약" and "핑안시오노기", "JW중외그룹" and "JW홀딩스")."""
    a, b = other.text, missing.text
    if any(a[i : i + 3] in b for i in range(len(a) - 2) if re.match(r"[가-힣]{3}", a[i : i + 3])):
        return True
    return bool(set(re.findall(r"[A-Za-z]{2,}", a)) & set(re.findall(r"[A-Za-z]{2,}", b)))
