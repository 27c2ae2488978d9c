"""Which way a Korean licence or purchase runs, from where its money and rights flow.

The counterpart of `flows.py` for Korean texts. Korean marks each party's part with a particle,
and a release tells the deal with a few verbs; each party named (the text rewritten with ⟦i⟧,
see `roles._placeholders`) gathers evidence of being the GIVER (+) or the TAKER (-):

- the subject (⟦i⟧은/는/이/가, "회사는", "당사는" for the one who announces) of a verb of
  giving gives: 기술수출, 라이선스 아웃, 기술이전(하다), 부여, 양도, 넘기다; of taking takes:
  도입, 기술도입, 라이선스 인, 이전받다, 권리·판권을 확보/획득/취득; the one who receives
  계약금·마일스톤·기술료 (받다, 수령) gives, the one who pays them (지급, 지불) takes;
- the party in the dative (⟦i⟧에/에게) of a verb of giving takes, of paying is paid; the party
  in the ablative (⟦i⟧로부터/에서) of a verb of taking gives, of receiving money pays;
- a purchase: the subject of 인수/매입/사들이다 buys, the object (⟦i⟧를 인수, ⟦i⟧ 지분 인수)
  is bought; ⟦i⟧에 인수되다 makes ⟦i⟧ the buyer;
- the asset's owner gives ("⟦i⟧의 신약 후보물질", "⟦i⟧가 개발한").

Evidence is summed per party over the sentences (a sentence about an earlier deal counts
half; per sentence each kind counts once for a party). `directed` turns the rules' pair where
the flows clearly say the other way; `partners` reads the bench's convention for two companies
developing together with no one-way flow. Pure Python, no morphological analyser: the
particles and a few verb stems are enough, and keep it fast.
"""

from __future__ import annotations

import re
from typing import Any

from dari.extraction import (
    control_ko,
    cues_ko,
    groups_ko,
    home_ko,
    leadpair_ko,
    partners_ko,
    units_ko,
)
from dari.extraction.flows import LICENCE, PURCHASE, _put, turned
from dari.extraction.model import Mention

P = r"⟦(\d+)⟧"
_PAREN = r"\)?(?:\s?[(（][^()（）]{1,40}[)）])?['’\"”]?"  # "⟦0⟧(대표 홍길동)은", "‘⟦1⟧’에"
_TOPIC = rf"{P}{_PAREN}\s?(?:사|측|社)?(?:은|는|이|가|도)(?=\s|,)"
_DATIVE = rf"{P}{_PAREN}\s?(?:사|측|社)?(?:에게|에|한테)(?=\s|,)"
_ABLATIVE = rf"{P}{_PAREN}\s?(?:사|측|社)?(?:으로부터|로부터|에게서|에서)(?=\s|,)"
_OBJECT = rf"{P}{_PAREN}\s?(?:사|측|社)?(?:을|를)(?=\s|,)"
# the company that announces, named again by a common noun
_ANNOUNCER = re.compile(r"(?<![가-힣])(?:이\s)?(?:회사|당사|동사|회사\s?측)(?:는|은|가|이)(?=\s)")

_MONEY = (
    r"(?:계약금|선급금|선수금|업\s?프론트|반환\s?의무가?\s?없는|마일스톤|기술료|로열티|이전료|"
    r"라이선스\s?비|대금|수수료|계약\s?금액|해당\s?금액|"
    r"\d\s?(?:조|억|만|천)?\s?(?:원|달러|엔|유로|위안|프랑|파운드))"
)
_RIGHTS = (
    r"(?:권리|권한|판권|판매권|독점권|실시권|사용권|개발권|상업화권|허가권|기술|물질|신약|"
    r"후보\s?물질|파이프라인|플랫폼|제품|치료제|백신|항체)"
)
_NO_SUBJECT = r"(?:(?!⟦)[^.\n])"  # within the sentence, no other party in between
_GAP = rf"{_NO_SUBJECT}{{0,80}}?"
# the clause's own words, its obliques ("⟦1⟧에") among them, up to the verb of the money (not
# "허가를 받다", "투자를 받다")
_SAID = r"(?:(?!승인|허가|지정|인정|평가|투자|보장|혜택|지원)[^.\n]){0,50}?"

# verbs of the subject: (pattern, sign for the subject, weight, kind)
_VERBS: list[tuple[re.Pattern[str], int, float, str]] = [
    # money in: "계약금 100억원을 받는다", "마일스톤을 수령", "기술료를 지급받게 된다"
    (
        re.compile(
            rf"{_MONEY}{_SAID}(?:받|수령|수취|지급\s?받|챙기|확보했|확보한다|확보하게|유입)"
        ),
        1,
        1.0,
        "money",
    ),
    # money out: "계약금을 지급한다", "대금을 지불"
    (
        re.compile(rf"{_MONEY}{_SAID}(?:지급|지불|납부|치르|내기로|낸다)(?!\s?받|받)"),
        -1,
        1.0,
        "pay",
    ),
    # rights out: "기술수출", "라이선스 아웃", "기술이전했다", "판권을 부여", "양도"
    (
        re.compile(
            r"기술\s?수출|라이[선센]스\s?아웃|아웃\s?라이[선센]싱|\bL/O\b|"
            r"(?:기술\s?)?이전(?:했|한다|하기로|키로|하는|하고|하며|할|해|한\s)|기술\s?이전$|"
            r"(?<!수)수출(?:\s?계약|했|한다|하기로|키로|하는|하게|할|하고|$)|"
            r"(?:권리|권한|판권|판매권|독점권|실시권|사용권|개발권|상업화권)\S{0,2}\s?(?:\S+\s)?"
            r"(?:부여|양도|넘기|넘겼|넘긴|이전(?!\s?받|받))|(?<!받는\s)양도(?:했|한다|하기로|키로)"
        ),
        1,
        1.0,
        "rights",
    ),
    # rights in: "도입했다", "라이선스 인", "이전받", "판권을 확보"
    (
        re.compile(
            r"도입(?:했|한다|하기로|키로|하는|하고|하며|할|해|하게|을 (?:결정|추진))|"
            r"라이[선센]스\s?인(?![가-힣])|인\s?라이[선센]스|"
            r"인-?라이[선센]싱|이전\s?받|이전을\s?받|넘겨\s?받|양수|"
            r"(?<!있는\s)(?:권리|권한|판권|판매권|독점권|실시권|사용권|개발권|상업화권)\S{0,3}\s?"
            r"(?:\S+\s){0,2}?(?:확보|획득|취득|갖게|갖는|가지게|보유하게|부여\s?받|얻|인수|넘겨\s?받)"
        ),
        -1,
        1.0,
        "rights",
    ),
    # the holder of an option to license takes the rights when it exercises it
    (re.compile(r"옵션(?:을|를)?\s?행사"), -1, 0.5, "rights"),
    # "도입 계약을 체결": the contract's name, which its partner may use too (weak)
    (re.compile(r"도입\s?계약|기술\s?도입"), -1, 0.5, "rights"),
    # who sells the product in its market takes it (weak: partners sell too)
    (
        re.compile(
            r"(?:판매|유통|상업화|마케팅|허가|영업)\S{0,2}\s?(?:\S+\s)?(?:담당|맡|전담|책임지)"
        ),
        -1,
        0.5,
        "role",
    ),
    # who provides the technology or the candidate gives it (weak: partners bring theirs too)
    (
        re.compile(
            r"(?:기술|물질|플랫폼|노하우|항체|데이터)(?:을|를|과|와|\s)\s?(?:\S+\s){0,2}?"
            r"(?:제공|공여)(?:하고|하며|한다|하기로|키로|할|했)"
        ),
        1,
        0.5,
        "role",
    ),
    # who makes and supplies the product gives it (weak)
    (
        re.compile(r"공급(?:하면|한다|하고|하며|하기로|키로|할|하게|을 맡|을 담당)"),
        1,
        0.5,
        "role",
    ),
]
# a purchase told by its buyer: "⟦0⟧는 ⟦1⟧를 인수했다", "⟦0⟧가 ⟦1⟧ 지분 51%를 취득"
_BUY = re.compile(
    r"(?<!허가\s)(?<!허가를\s)(?<!승인을\s)(?:인수|매입|사들|취득|합병)(?!\s?(?:제안|검토|의향|후보|인계))|"
    r"지배(?:하게|했|한다)"
)
# the unit a company buys through: "⟦0⟧는 ⟦1⟧를 통해 ⟦2⟧를 인수한다" (⟦1⟧ buys too)
_VIA = re.compile(
    rf"{P}{_PAREN}\s?(?:을|를)\s?통(?:해|하여)\s[^.\n]{{0,40}}?(?:인수|매입|합병|지배|사들|취득)"
)
_BOUGHT_BY = re.compile(r"인수(?:됐|된다|되|될)|피인수|매각(?:됐|된다|되)")
# the subject's thing sold off: "⟦0⟧는 ⟦1⟧에 파이프라인을 매각했다"
_SOLD = re.compile(r"매각(?:했|한다|하기로|키로|하는|하고|하며|을|에)")

# an oblique party and the verb after it: (pattern with the party in group 1, sign, kind)
_OBLIQUE: list[tuple[re.Pattern[str], int, float, str]] = [
    # "⟦1⟧에 기술수출", "⟦1⟧에게 판권을 부여", "⟦1⟧에 이전": the dative takes the rights
    (
        re.compile(
            rf"{_DATIVE}{_GAP}(?:기술\s?수출|라이[선센]스\s?아웃|이전(?!\s?받|받)|부여(?!\s?받|받)|"
            rf"양도|넘기|넘겼|넘긴|매각|수출)"
        ),
        -1,
        1.0,
        "rights",
    ),
    # "⟦1⟧에 계약금을 지급", "6억원을 ⟦1⟧에 지불": the dative is paid
    (
        re.compile(
            rf"{_DATIVE}(?:{_GAP}{_MONEY})?{_GAP}(?:지급|지불)(?!\s?받|받|하는\s(?:방식|구조))"
        ),
        1,
        1.0,
        "money",
    ),
    # "⟦0⟧로부터 계약금을 받는다": the ablative pays
    (
        re.compile(rf"{_ABLATIVE}{_GAP}{_MONEY}{_GAP}(?:받|수령|수취|지급\s?받|확보)"),
        -1,
        0.8,
        "money",
    ),
    # "⟦1⟧로부터 지급받는 금액": the ablative pays
    (
        re.compile(
            rf"{_ABLATIVE}\s?(?:지급\s?받|받)(?:는|을|은|게 될|게 되는)\s(?:\S+\s)?"
            r"(?:금액|대금|계약금|기술료|로열티|선급금|마일스톤|돈)"
        ),
        -1,
        0.8,
        "money",
    ),
    # "⟦0⟧로부터 도입", "⟦0⟧로부터 판권을 확보", "⟦0⟧로부터 이전받": the ablative gives
    (
        re.compile(
            rf"{_ABLATIVE}(?:(?!{_MONEY}|허가|승인|지정){_NO_SUBJECT}){{0,80}}?(?:도입|이전\s?받|이전을\s?받|"
            rf"넘겨\s?받|양수|라이[선센]스\s?인|확보|획득|취득|인수|사들|사 오|매입|부여\s?받|"
            rf"기술\s?이전)"
        ),
        1,
        0.8,
        "rights",
    ),
    # "⟦1⟧로부터 사업부를 인수": the seller
    (
        re.compile(rf"{_ABLATIVE}{_GAP}(?:인수|양수|매입|사들)"),
        1,
        1.0,
        "buy",
    ),
]
# the bought: "⟦1⟧를 인수", "⟦1⟧ 지분 51%를 취득", "⟦1⟧의 경영권을 인수", "⟦1⟧ 인수를 완료"
_TARGET = re.compile(
    rf"(?:{_OBJECT}(?!\s?통(?:해|하여))\s?(?:\S+\s){{0,2}}?(?:인수|매입|합병|사들|지배)|"
    rf"{P}{_PAREN}\s?(?:의\s)?(?:보통주\s?|주식\s?|지분\s?|경영권\s?|최대주주\s?지분\s?)"
    rf"[^.⟦\n]{{0,40}}?(?:인수|취득|매입|사들|확보|매수)|"
    rf"{P}{_PAREN}\s?(?:를|을)?\s?흡수\s?합병|"
    rf"{P}{_PAREN}\s?(?:의\s)?인수(?:를|에|로|가|\s?(?:계약|완료|작업|절차|건|규모|금액|가격)))"
)
# the asset's owner: "⟦0⟧의 신약 후보물질", "⟦0⟧가 개발한", "⟦0⟧가 보유한"
_OWNER = re.compile(
    rf"{P}{_PAREN}\s?(?:사|측)?의\s(?:[가-힣A-Za-z0-9'‘’\"-]+\s){{0,3}}?"
    rf"(?:신약|후보\s?물질|물질|파이프라인|플랫폼|기술|항체|치료제|백신|바이오시밀러|제품|"
    rf"복합제|의약품|항암제|개량신약|주사제|비만약|약물)|"
    rf"{P}{_PAREN}\s?(?:사)?(?:이|가)\s(?:[^.⟦\n]{{0,30}}?\s)?(?:자체\s?)?(?:개발한|개발 중인|"
    rf"개발하고 있는|개발해 온|보유한|보유하고 있는|발굴한|진행 중인)"
)
# a relative clause of a party that is not the sentence's subject: "⟦1⟧가 개발한 신약을",
# "⟦1⟧가 보유하고 있는 기술" (only 이/가: 은/는 marks no subject inside a relative clause)
_RELATIVE = re.compile(
    r"\s(?:[^\s⟦.]+\s){0,3}?(?:자체\s?|직접\s?)?(?:개발|보유|발굴|진행|생산|판매|소유|연구|제조|"
    r"출시|도출|설계|창출)\s?(?:한|하는|하던|했던|해\s?온|중인|하고\s있는|해\s?오던)\s"
)


def _relative(said: str, match: re.Match[str]) -> bool:
    return match.group(0)[-1] in "이가" and bool(_RELATIVE.match(said, match.end()))


# the two sides together, or someone else, as the subject: "양사는", "이들은"
_OTHER_TOPIC = re.compile(
    r"(?:양사|양측|양\s사|두\s회사|두\s기업|이들|3사|파트너사|상대\s?회사|제3자|"
    rf"{cues_ko.EITHER})(?:는|은|가|이|도)(?=\s)"
)
_BACKGROUND = re.compile(
    r"^\W*(?:앞서|이에 앞서|과거|(?:19|20)\d\d년(?:에는|엔))|지난\s?(?:19|20)\d\d년|지난해|"
    r"(?:한\s?바\s?있|체결한 바|맺은 바|체결했던|맺었던)"
)
# a flow only if something happens: "⟦0⟧이 사용할 경우 ⟦1⟧에 기술료를 지급"
_IF = re.compile(r"(?:ㄹ|할|을|는)\s?경우|(?:다|한|된)면\s")
# a licensee's own later licensing: "제3자에 기술수출할 경우"
_ONWARD = re.compile(r"제3자|제삼자|다른 (?:회사|기업|제약사)|재실시|서브\s?라이선스")


def sentence_spans(marked: str) -> list[tuple[int, int]]:
    """Korean sentences end on "다." often with no space after ("밝혔다.이들은")."""
    spans, start = [], 0
    for match in re.finditer(r"(?<=[.!?])(?:\s+|(?=[가-힣“\"'‘]))|\n+", marked):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(marked)))
    return spans


def _clauses(said: str, last: int | None) -> list[tuple[int | None, int, int]]:
    """The sentence cut at each new subject: (subject, start, end). The words before the first
    subject and a sentence with none belong to `last`."""
    cuts: list[tuple[int | None, int]] = [(last, 0)]
    for match in re.finditer(_TOPIC, said):
        if _relative(said, match):
            continue  # "⟦1⟧가 개발한 신약을": ⟦1⟧ is not the subject of what follows
        cuts.append((int(match.group(1)), match.end()))
    for match in _OTHER_TOPIC.finditer(said):
        cuts.append((None, match.end()))
    cuts.sort(key=lambda cut: cut[1])
    if len(cuts) == 1:
        # a headline names its subject with a comma: "⟦0⟧, ⟦1⟧에 기술수출"
        head = re.match(rf"\W*{P}{_PAREN}\s?,", said)
        if head:
            cuts.append((int(head.group(1)), head.end()))
    return [
        (subject, start, cuts[k + 1][1] if k + 1 < len(cuts) else len(said))
        for k, (subject, start) in enumerate(cuts)
    ]


def evidence(marked: str, kinds: tuple[str, ...] = LICENCE) -> dict[int, float]:
    """Per party index: giver (+) against taker (-) evidence over the whole text."""
    total: dict[int, float] = {}
    first = re.search(rf"{_TOPIC}|{P}{_PAREN}\s?(?:에 따르면|측은|,\s)", marked)
    announcer = next((int(g) for g in first.groups() if g), None) if first else None
    for start, end in sentence_spans(marked):
        said = marked[start:end]
        weight = 0.5 if _BACKGROUND.search(said.strip()) or _IF.search(said) else 1.0
        found: dict[tuple[int, str], float] = {}
        if announcer is not None:
            said = _ANNOUNCER.sub(f"⟦{announcer}⟧는", said)
        # a sentence with no subject tells of the one who announces ("계약금 100억원을 받는다")
        for subject, a, b in _clauses(said, announcer):
            if subject is not None:
                _subject_verbs(said[a:b], subject, found)
        for rx, sign, w, kind in _OBLIQUE:
            for match in rx.finditer(said):
                if kind == "rights" and _ONWARD.search(said, match.start(), match.end() + 40):
                    continue
                _put(found, (int(match.group(1)), kind), sign * w)
        for match in _TARGET.finditer(said):
            i = next(int(g) for g in match.groups() if g is not None)
            _put(found, (i, "buy"), 1.0)
        for match in _VIA.finditer(said):
            _put(found, (int(match.group(1)), "buy"), -1.0)
        for match in _OWNER.finditer(said):
            i = next(int(g) for g in match.groups() if g is not None)
            _put(found, (i, "owner"), 0.6)
        for i, kind, value in cues_ko.oblique(said):
            _put(found, (i, kind), value)
        for (i, kind), value in found.items():
            if kind in kinds:
                total[i] = total.get(i, 0.0) + weight * value
    return total


def _subject_verbs(part: str, subject: int, found: dict[tuple[int, str], float]) -> None:
    """The evidence a clause's verbs give its subject."""
    onward = bool(_ONWARD.search(part))
    for rx, sign, w, kind in (*_VERBS, *cues_ko.VERBS):
        if rx.search(part) and not (kind == "rights" and onward):
            _put(found, (subject, kind), sign * w)
    if _BOUGHT_BY.search(part):
        _put(found, (subject, "buy"), 1.0)
    elif _BUY.search(part):
        _put(found, (subject, "buy"), -1.0)
    if _SOLD.search(part):
        _put(found, (subject, "buy"), 1.0)


_AFTER_NAME = r"(?=(?:사|측)?(?:은|는|이|가|을|를|의|와|과|에|로|으로|도|\s|[,.)”\"’'])|$)"


def _marked(text: str, orgs: list[Mention]) -> tuple[str, list[Mention]]:
    """The text with its parties as ⟦i⟧ (`roles._placeholders`), and also where a party's name
    is written again but was not found there ("리겔은 … 받는다")."""
    from dari.extraction import roles

    marked, parties = roles._placeholders(text, orgs)
    for i in sorted(range(len(parties)), key=lambda i: -len(parties[i].text)):
        name = parties[i].text.strip()
        if len(name) >= 2 and not re.fullmatch(r"[A-Za-z]{1,2}|\d+", name):
            marked = re.sub(
                rf"(?<![가-힣A-Za-z0-9⟦]){re.escape(name)}{_AFTER_NAME}", f"⟦{i}⟧", marked
            )
    return marked, parties


def direction(
    marked: str, giver: int, taker: int, margin: float = 1.0, kinds: tuple[str, ...] = LICENCE
) -> bool | None:
    """True when the flows say the rules' giver and taker are the other way round (by at
    least `margin`), False when they agree, None when they say nothing clear."""
    return turned(evidence(marked, kinds), giver, taker, margin)


# an asset bought outright, not licensed: "자산 양수·양도 계약", "파이프라인 매각", "모든 권리를
# 인수", "주식양수도계약" (the bench's convention: a purchase, its buyer and its seller)
_ASSET_BOUGHT = re.compile(
    r"(?:자산|권리\s?일체|모든\s?권리|사업(?:부|권)?|영업|파이프라인|특허권?|후보\s?물질|신약\s?물질)"
    r"\S{0,3}\s?(?:\S+\s){0,3}?(?:양수|양도|매각|매입|인수)(?!\s?(?:옵션|검토|권|우선))|"
    r"양수\s?[·ㆍ,]?\s?양도|양수도|양수\s?계약"
)
# the rights of a territory handed on ("중국 권리를 양도") are a licence, not a purchase
_TERRITORY = re.compile(
    r"중국|일본|미국|한국|국내|해외|전\s?세계|아시아|유럽|중화권|북미|남미|지역"
)


# ... nor are the rights to sell a product handed on ("국내 판권 양수도 계약"), unless every right
# goes with them ("국내 판권 및 허가권 등 모든 권리를 인수")
_SALES_RIGHTS = re.compile(r"판권|판매권")
_EVERY_RIGHT = re.compile(r"모든|일체|전체|허가권")


def _asset_bought(text: str) -> bool:
    for m in _ASSET_BOUGHT.finditer(text):
        said = text[max(0, m.start() - 20) : m.end()]
        if "권리" in m.group() and _TERRITORY.search(m.group()):
            continue
        if _SALES_RIGHTS.search(said) and not _EVERY_RIGHT.search(said):
            continue
        return True
    return False


def directed(
    text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]], gazetteer: Any = None
) -> list[tuple[Mention, str, float]]:
    """The rules' licensor and licensee (or buyer and bought), turned where the flows clearly
    say the other way (a licence for Korea flowing into Korea, `home_ko`, among them); a group
    listed as taking part on one side (`groups_ko`), a unit acting for its parent (`units_ko`)."""
    sided = groups_ko.one_side(text, orgs, _directed(text, orgs, roled, gazetteer))
    return leadpair_ko.completed(text, orgs, units_ko.through(text, orgs, sided), gazetteer)


def _directed(
    text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]], gazetteer: Any
) -> list[tuple[Mention, str, float]]:
    if partners_ko.announced(text, roled):
        return [(m, "partner", c) for m, _, c in roled]
    kinds = {r for _, r, _ in roled}
    if kinds == {"partner"}:
        return control_ko.bought_partners(text, orgs, roled) or licensed(text, orgs, roled)
    if len(roled) != 2 or kinds not in ({"licensor", "licensee"}, {"acquirer", "target"}):
        return roled
    paid_with_bond = control_ko.bond_licence(text, orgs, roled)
    if paid_with_bond:
        return paid_with_bond
    from dari.extraction import roles  # roles reads flows, flows nothing of this module

    marked, parties = _marked(text, orgs)
    index = {roles._key(m): i for i, m in enumerate(parties)}
    give, take = ("licensor", "licensee") if "licensor" in kinds else ("target", "acquirer")
    giver, taker = roled if roled[0][1] == give else roled[::-1]
    g, t = index.get(roles._key(giver[0])), index.get(roles._key(taker[0]))
    cues = LICENCE if give == "licensor" else PURCHASE
    bought = give == "licensor" and _asset_bought(text)
    score = evidence(marked, cues)
    home = home_ko.taker(text, [giver, taker], gazetteer) if give == "licensor" else None
    for m, value in zip(home or (), (-0.5, 0.5), strict=False):  # the Korean taker, the giver
        i = index.get(roles._key(m))
        if i is not None:
            score[i] = score.get(i, 0.0) + value
    if g is not None and t is not None and g != t and turned(score, g, t, 1.0):
        giver, taker = (taker[0], give, 0.6), (giver[0], take, 0.6)
    elif not bought:
        return control_ko.through_sides(text, orgs, roled)
    if bought:
        giver, taker = (giver[0], "target", giver[2]), (taker[0], "acquirer", taker[2])
    return control_ko.through_sides(text, orgs, [giver, taker])


# two companies developing together, or founding a joint venture (합작법인, 합자법인, 합작투자회사)
_TOGETHER = re.compile(
    r"공동\s?(?:개발|연구|임상|발굴|사업화)|함께 개발|협력\s?개발|"
    r"(?:합작|합자)\s?(?:투자\s?)?(?:법인|회사|사)|조인트\s?벤처|\bJV\b"
)
_FOUNDED = re.compile(
    r"(?:(?:합작|합자)\s?(?:투자\s?)?(?:법인|회사|사)|조인트\s?벤처|\bJV\b)\S{0,2}\s?(?:\S+\s){0,2}?"
    r"(?:설립|세우|출범|만들)(?:한다|했|하기로|키로|하는|하고|하며|해|$)"
)
# a one-way licence or payment named: not (only) a collaboration of partners
_LICENSED = re.compile(
    r"기술\s?이전|기술\s?수출|라이[선센]스|판권|판매권|실시권|\bL/O\b|도입|"
    r"계약금|선급금|선수금|업\s?프론트|마일스톤|기술료|로열티"
)
_LATER = re.compile(rf"옵션|우선\s?협상|향후|추후|{cues_ko.EITHER_WAY}")
_BOTH_WAYS = re.compile(r"상호|반대로|서로|각자|각각")


def _sides(
    text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]]
) -> tuple[str, list[int]] | None:
    from dari.extraction import roles

    marked, parties = _marked(text, orgs)
    ids = roles.party_ids(roled, parties)
    if len(ids) != 2 or None in ids or ids[0] == ids[1]:
        return None
    return marked, [i for i in ids if i is not None]


def partners(text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]]) -> bool:
    """Bench convention for `partner` (as `together.partners`): the founders of a joint
    venture the text opens with, or two companies developing together when no money and no
    rights flow one way between them and no licence is named but for later."""
    lead = text.strip()[:300]
    if len(roled) != 2 or not _TOGETHER.search(lead):
        return False
    if _FOUNDED.search(lead) and not _BACKGROUND.search(lead):
        # its founders, not the venture (`leadpair_ko.completed` puts them in its place)
        return not any(leadpair_ko.venture(text, m) for m, _, _ in roled)
    sides = _sides(text, orgs, roled)
    if sides is None:
        return False
    marked, ids = sides
    score = evidence(marked, ("money", "pay", "rights"))
    if any(abs(score.get(i, 0.0)) >= 0.5 for i in ids):
        return False
    return not any(
        not _LATER.search(text, max(0, m.start() - 60), m.end() + 20)
        for m in _LICENSED.finditer(text)
    )


def licensed(
    text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]]
) -> list[tuple[Mention, str, float]]:
    """Two `partner`s between whom rights or money clearly flow one way (a licence named, no
    flow both ways, no joint venture): the giver is the licensor, the taker the licensee."""
    if len(roled) != 2 or any(r != "partner" for _, r, _ in roled):
        return roled
    if _BOTH_WAYS.search(text) or _FOUNDED.search(text) or not _LICENSED.search(text):
        return roled
    sides = _sides(text, orgs, roled)
    if sides is None:
        return roled
    marked, (a, b) = sides
    score = evidence(marked, ("money", "pay", "rights"))
    gap = score.get(a, 0.0) - score.get(b, 0.0)
    if abs(gap) < 1.0:
        return roled
    giver, taker = (roled[0][0], roled[1][0]) if gap > 0 else (roled[1][0], roled[0][0])
    return [(giver, "licensor", 0.5), (taker, "licensee", 0.5)]
