"""More names the graph lacks, from where they stand (issue 14, candidate recall).

The gazetteer's proposers (`Gazetteer.propose*`) miss names with a two-letter core ("SK
Inc.", "SK Holdings"), names without a corporate ending told by the slot they stand in
("SK pharmteco announced", "a French drug-maker called Yposkesi", "Iranian pharmaceutical
Rooyan Darou", "Center for Breakthrough Medicines"), and Korean names after the kind of
company they are ("미국 파트너사 스펙트럼에", "제약 유통사인 '아이콘'을", "계열사인
루미마이크로는"), before ㈜ ("SK㈜"), with an original in brackets ("이포스케시(Yposkesi)"),
or opening a sentence about a purchase or a stake ("베인캐피털은 ... 인수하기로"). Each is
only a candidate: the rules and the tagger decide whether it is a party.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from dari.extraction.gazetteer import _LATIN_COMPANY
from dari.extraction.model import Mention
from dari.extraction.slots_en import DEMONYM
from dari.extraction.stopwords import EN_STOP, KO_SUBJECT_STOP, NOT_NAMES, SURNAMES

# "SK Inc.", "SK Holdings", "CJ Cheiljedang Corp.": a short capitalised core before an ending
_EN_SHORT_CORE = re.compile(
    r"(?<![\w.&-])((?:[A-Z][\w&-]*\s){0,2}[A-Z]{2,3})\s?,?\s"
    r"(?:Inc\.|Inc\b|Holdings|Corp\.|Corporation|Co\.,? Ltd\.?|Group)(?![\w-])"
)
_EN_ENDING = re.compile(r"(?<![\w.&-])((?:[A-Z][\w&-]*\s){0,3}[A-Z][\w&-]*\sHoldings)(?![\w-])")
# "SK pharmteco announced", "CJ Cheiljedang which is", "SK Holdings revealed"
_EN_TOKEN = r"(?:[A-Z][\w&-]*|(?<=[A-Z]{2}\s)[a-z]{5,})"
_EN_ACTOR = re.compile(
    r"(?:^|(?<=[.!?\n]\s)|(?<=\n)|(?<=[.!?][\"”]\s)|(?<=,\s)|(?<=\bconglomerate\s)|"
    r"(?<=\bgroup\s)|(?<=\bcompany\s)|(?<=\bfirm\s)|(?<=\bmaker\s)|(?<=\bdrugmaker\s)|"
    # the subject after a dateline: "BOSTON, May 3, 2024 /PRNewswire/ -- X today announced"
    r"(?<=--)|(?<=--\s)|(?<=—)|(?<=—\s)|(?<=\s–\s))"
    r"((?:[A-Z][\w&-]*\s){0,2}" + _EN_TOKEN + r")"
    r"(?=,?\s(?:today\s)?(?:announced|revealed|said|signed|entered|agreed|struck|is set to|"
    r"is taking|"
    r"will (?:acquire|buy|invest|take)|has (?:acquired|bought|invested|completed|agreed)|"
    r"acquired|bought|invested|completed|plans|intends|which is|"
    # a deal's own verbs: "Biohaven is paying", "Nuvo will receive", "Ardent licensed"
    r"is paying|will pay|pays|paid|will receive|receives|received|will gain|gains|gained|"
    r"will obtain|obtains|obtained|in-licensed|out-licensed|licensed|licenses|inks|inked|"
    r"grants|granted)\b)"
)
# a listed company by its ticker: "GENFIT (GNFT)", "Biohaven Ltd. (NYSE: BHVN)" (not an
# abbreviation of the words before it: "Primary Biliary Cholangitis (PBC)")
_EN_TICKER = re.compile(
    r"(?<![\w.&-])((?:[A-Z][\w&-]*\s){0,2}[A-Z][\w&-]*)(?:,?\s(?:Inc|Ltd|Corp|Co|PLC|plc|SA|AG|"
    r"N\.V|S\.A)\.?)?\s\((?:((?:NASDAQ|NYSE|LSE|AMEX|TSX|ASX|OTC\w*|KOSDAQ|KOSPI|KRX|TSE|HKEX|"
    r"SSE|SZSE|Euronext(?: Paris)?|SIX)(?:/[A-Z]+)*\s?:\s?)|(?=[A-Z]{2,6}\)))"
    r"([A-Z]{2,6})(?:\.[A-Z]{1,2})?\)"
)
# "a French drug-maker called Yposkesi", "Iranian pharmaceutical Rooyan Darou", "to purchase
# Yposkesi", "buy Batavia"
_EN_KIND_CALLED = re.compile(
    r"\b(?:pharmaceutical|drug-?maker|drug maker|biotech|company|firm|manufacturer|developer|"
    r"CDMO|CMO|conglomerate|distributor|startup|affiliate|subsidiary)\s(?:called\s|named\s)?"
    r"((?:[A-Z][\w&-]+\s){0,2}[A-Z][a-z][\w&-]*)(?![\w-])"
)
# "biotech company twoXAR", "the firm uniQure": a name opening in lower case after its kind
# (not "mRNA", "siRNA")
_EN_KIND_LOWER = re.compile(
    r"\b(?:company|firm|biotech|startup|developer|drugmaker|maker|biopharma)\s(?:called\s|named\s)?"
    r"((?![a-z]+(?:RNA|DNA|Abs?)\b)[a-z]{2,5}[A-Z][A-Za-z0-9]*)(?![\w-])"
)
_EN_BOUGHT = re.compile(
    r"\b(?:purchase|buy|acquire|acquiring|acquired|stake in|interest in|investment in|"
    r"invest in|invested in)\s((?:[A-Z][\w&-]+\s){0,2}[A-Z][a-z][\w&-]*)(?![\w-])"
)
# "Velmora, based in Lyon, France," "X, headquartered in Basel,"
_EN_BASED_IN = re.compile(
    r"(?<![\w&.-])((?:[A-Z][\w&-]*\s){0,2}[A-Z][\w&-]*[a-z][\w&-]*)"
    r"(?=(?:\s?\([^()]{1,40}\))?,\s(?:(?:which|that) is\s)?"
    r"(?:headquartered|based|located)\sin\s[A-Z])"
)
# a name the text defines a short form for: "Quintara Lifesystems (“Quintara”)", "Quintara
# Lifesystems, Inc. (the “Company”)" (not "Drug Conjugate (“ADC”)": the short form is the
# name's first word or what a company is called)
_EN_DEFINED = re.compile(
    r"(?<![\w&.-])((?:[A-Z][\w&.-]*,?\s){0,4}[A-Z][\w&.-]*)\s?\(\s?(?:hereinafter\s)?"
    r"(?:the\s)?[\"“‘']([A-Z][\w&-]+)[\"”’']"
)
_DEFINED_AS = {"company", "licensor", "licensee", "buyer", "purchaser", "seller", "acquirer"}
# a headline that names a deal's companies: "A and B Enter into ...", "A Signs ... with B",
# "A to Acquire B"
_HEAD_NAME = r"((?:[A-Z][\w&.'’-]*|&)(?:\s(?:[A-Z][\w&.'’-]*|&)){0,3}?)"
_HEAD_END = r"(?=\s(?:for|to|on|in|of|at|as|For|To|On|In|Of|At|As|[-–—])\s|\s*$|[,:;])"
_HEAD_VERB = (
    r"(?:Enters?|Signs?|Announces?|Inks?|Forms?|Agrees?|Expands?|Extends?|Strikes?|Establish"
    r"(?:es)?|Partners?|Collaborates?|Teams?|Completes?|Closes?|Executes?|Concludes?|Reach(?:es)?)"
)
_HEAD_LEAD = r"^\s*(?:[A-Z][\w ]{0,20}:\s)?"  # "Deal Watch: "
_EN_HEADLINE = [
    re.compile(
        _HEAD_LEAD + _HEAD_NAME + r"\s(?:Licenses|Out-Licenses|Grants|Sells|Transfers)\b[^\n]*"
        r"\s[Tt]o\s" + _HEAD_NAME + r"(?=\s*$|\s(?:for|in|on|For|In|On)\s)"
    ),
    re.compile(
        _HEAD_LEAD + _HEAD_NAME + r"\s(?:and|&)\s" + _HEAD_NAME + r"\s" + _HEAD_VERB + r"\b"
    ),
    re.compile(
        _HEAD_LEAD
        + _HEAD_NAME
        + r"\s"
        + _HEAD_VERB
        + r"\b[^\n]{0,80}?\s[Ww]ith\s"
        + _HEAD_NAME
        + _HEAD_END
    ),
    re.compile(
        _HEAD_LEAD + _HEAD_NAME + r"\s(?:to Acquire|Acquires|Agrees to Acquire|Will Acquire|to Buy|"
        r"Buys|Completes Acquisition of|Closes Acquisition of)\s" + _HEAD_NAME + _HEAD_END
    ),
]
_HEAD_NOT = {"agreement", "license", "licence", "exclusive", "global", "strategic", "new"}
_HEAD_NOT |= {"rights", "stake", "assets", "shares", "majority", "remaining", "portfolio"}
_HEAD_NOT |= {"program", "programs", "business", "drug", "antibody", "candidate"}
_HEAD_PREPOSITION = {"from", "with", "for", "to", "of", "in", "on", "at", "by", "into", "under"}
# a word no company's name in a headline has: a verb, a kind of companies
_HEAD_WORD_NOT = re.compile(
    _HEAD_VERB + r"|Agreements?|Deals?|Firms?|Compan(?:y|ies)|Biotechs|Startups?|Makers?|"
    r"Drugmakers?|Players|SMEs|Scrambles?|Seeks?|Looks?|Plans?|Eyes?|Aims?|Foreign|Koreans?|"
    r"Global|Local|Domestic"
)


def _headline(text: str) -> Iterator[tuple[int, int]]:
    """The spans of the companies the first line names, where it tells a deal."""
    end = text.find("\n")
    if end <= 0 or end > 250:
        return
    for rx in _EN_HEADLINE:
        match = rx.match(text, 0, end)
        if match:
            for g in (1, 2):
                name = match.group(g)
                words = {w.lower() for w in name.split()}
                if (
                    _en_ok(name)
                    and name.split()[0].lower() not in _HEAD_NOT | NOT_NAMES
                    and not words & _HEAD_PREPOSITION
                    and not any(_HEAD_WORD_NOT.fullmatch(w) for w in name.split())
                ):
                    yield match.span(g)
            return


_EN_INSTITUTE = re.compile(
    r"\b((?:The\s)?(?:Center|Centre|Institute|Foundation)\s(?:for|of)\s"
    r"(?:[A-Z][\w-]+\s){0,3}[A-Z][\w-]+)"
)

_KO_PARTICLE = r"(?:에게|에|와|과|를|을|으로부터|로부터|의|은|는|이|가|도|측은|측과|측의)"
# "미국 파트너사 스펙트럼에", "제약 유통사인 '아이콘'을", "계열사인 루미마이크로는",
# "미국 자회사 에이치엘비USA와", "CMO 이포스케시(Yposkesi)"
_KO_AFTER_KIND = re.compile(
    r"(?:파트너사|유통사|계열사|자회사|손자회사|관계사|모회사|지주사|지주회사|투자사|운용사|"
    r"사모펀드|제조사|개발사|판매사|제약사|바이오텍|CMO|CDMO|CRO)(?:인|의)?\s['‘\"“]?"
    r"([가-힣A-Za-z][가-힣A-Za-z0-9&]{1,16})"
)
_KO_TRAILING = re.compile(
    r"(?:으로부터|로부터|에게|측은|측과|측의|에서|으로|로|은|는|이|가|와|과|를|을|에|의|도)$"
)
# "SK㈜", "SK(주)"
_KO_LATIN_CORP = re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Za-z0-9&]{1,12})\s?(?:㈜|\(주\))")
# "이포스케시(Yposkesi)", "CBM(The Center for Breakthrough Medicines)"
_KO_ORIGINAL = re.compile(
    r"(?<![가-힣A-Za-z0-9])([가-힣]{2,12}|[A-Z]{2,6})\((?:The\s)?([A-Z][a-z][A-Za-z]+"
    r"(?:\s(?:for\s|of\s)?[A-Z][A-Za-z]+){0,4})\)"
)
# a sentence opened by a company about a purchase, a stake or a merger: "베인캐피털은 또
# 휴젤의 ... 지분도 ... 인수하기로", "20일 한국콜마는 이사회를 열고 ... 인수하기로"
_KO_OPENER = re.compile(
    r"(?:^|(?<=[.!?\n\]])\s*|(?<=다\.)\s|(?<=\d일\s)|(?<=[”\"]\s))['‘\"“]?"
    r"([가-힣A-Za-z][가-힣A-Za-z0-9]{1,11})['’\"”]?(?:은|는|이|가)\s"
    r"(?=[^.\n]{0,160}?(?:인수|합병|지분|매입|취득|사들))"
)
# "동양에이치씨 지분도", "CBM의 2대주주": the company a stake is in
_KO_STAKE_IN = re.compile(
    r"(?<![가-힣A-Za-z0-9])([가-힣A-Za-z][가-힣A-Za-z0-9]{2,11})(?:의)?\s(?=지분\s?(?:\d|도|을|를|약|전량|일부))"
)
# "A와 ... 보유한 엘레바의 합병": the company merged with
_KO_MERGED = re.compile(
    r"(?<=\s)([가-힣A-Za-z][가-힣A-Za-z0-9]{1,11})(?:의|간의?)\s(?=(?:삼각)?합병)"
)
# a list of names: "Hanvit Investment, NAU IB Captial, Magna Investment, ID Ventures, and
# eBest Investment", "브레인자산운용·타임폴리오·DS자산운용 등으로부터"
_EN_MEMBER = r"(?:[A-Z]|[a-z](?=[A-Z]))[\w&.-]*(?:\s[A-Z][\w&.-]*){0,4}"
_EN_LIST = re.compile(
    r"(?<![\w&.-])"
    + _EN_MEMBER
    + r"(?:,\s"
    + _EN_MEMBER
    + r"){2,}(?:,?\s(?:and|&)\s"
    + _EN_MEMBER
    + r")?"
)
_KO_MEMBER = r"[가-힣A-Za-z0-9&]{2,15}"
_KO_LIST = re.compile(
    r"(?<![가-힣A-Za-z0-9&])" + _KO_MEMBER + r"(?:\s?[·ㆍ,]\s?" + _KO_MEMBER + r")+"
    r"(?=\s?(?:등|이|가|으로부터|로부터|와|과|은|는|을|를|에서|의|\s))"
)
_KO_COMPANY_END = re.compile(
    r"(?:바이오|제약|약품|파마|인베스트먼트|파트너스|벤처투자|벤처스|캐피탈|캐피털|자산운용|증권|"
    r"홀딩스|헬스케어|테라퓨틱스|사이언스|투자|은행|PE|VC)$"
)
# a known Korean name with a Latin tail: "에이치엘비USA"
_KO_LATIN_TAIL = re.compile(
    r"([가-힣]{2,10}(?:USA|US|America|Europe|Japan|China|Korea))(?![A-Za-z])"
)
_KO_BAD_END = re.compile(
    r"(?:로|를|을|은|는|도|의|에|에서|에게|하고|하며|으며|이며|했다|한다|된다|이다)$"
)


def _en_ok(name: str) -> bool:
    words = name.split()
    return bool(
        words
        and name not in EN_STOP
        and words[0] not in EN_STOP
        and words[-1] not in EN_STOP
        and words[0] not in SURNAMES
        and not DEMONYM.match(words[0])
        and not name.endswith("-based")
    )


_KO_NOT_NAMES = {
    "양사",
    "양사간",
    "회사간",
    "특수관계인",
    "최대주주",
    "대주주",
    "주주",
    "관계인",
    "경영권",
    "보유",
    "전체",
}


def _ko_ok(name: str) -> bool:
    return (
        name not in KO_SUBJECT_STOP and name not in _KO_NOT_NAMES and not _KO_BAD_END.search(name)
    )


def propose_extra(gazetteer: Any, text: str, known: list[Mention]) -> Iterator[Mention]:
    """Candidates the other proposers miss; value ("organization", id or None)."""
    spans: list[tuple[int, int]] = []
    for rx in (_EN_SHORT_CORE, _EN_ENDING):
        for match in rx.finditer(text):
            start = match.start(1)
            lead = re.match(r"(?:The|the|South|Korean|Korea['’]s)\s", match.group(1))
            spans.append((start + (lead.end() if lead else 0), match.end()))
    for match in _EN_TICKER.finditer(text):
        # with no exchange named, only a one-word name: "Center for Breakthrough Medicines
        # (CBM)", "Antibody-Drug Conjugate (ADC)" abbreviate their words
        single = " " not in match.group(1).strip()
        if _en_ok(match.group(1)) and (match.group(2) or single):
            spans.append(match.span(1))
    for rx in (_EN_ACTOR, _EN_KIND_CALLED, _EN_KIND_LOWER, _EN_BOUGHT, _EN_INSTITUTE, _EN_BASED_IN):
        for match in rx.finditer(text):
            if _en_ok(match.group(1)):
                spans.append(match.span(1))
    for match in _EN_DEFINED.finditer(text):
        name, short = match.group(1).rstrip(","), match.group(2)
        if short.lower() in _DEFINED_AS or short.lower() == name.split()[0].lower():
            if _en_ok(name) and " " in name:
                spans.append((match.start(1), match.start(1) + len(name)))
    spans += list(_headline(text))
    for match in _KO_AFTER_KIND.finditer(text):
        name = _KO_TRAILING.sub("", match.group(1))
        if len(name) >= 2 and name not in KO_SUBJECT_STOP and name not in _KO_NOT_NAMES:
            spans.append((match.start(1), match.start(1) + len(name)))
    for rx in (_KO_OPENER, _KO_STAKE_IN, _KO_MERGED):
        for match in rx.finditer(text):
            if _ko_ok(match.group(1)):
                spans.append(match.span(1))
    for match in _KO_LATIN_CORP.finditer(text):
        spans.append((match.start(1), match.end()))
    for match in _KO_ORIGINAL.finditer(text):
        latin = match.group(2)
        if _ko_ok(match.group(1)) and (" " not in latin or _LATIN_COMPANY.search(latin)):
            spans.append(match.span(1))
            spans.append(match.span(2))
    taken = list(known)
    # a known Korean name with a Latin tail names a unit of its own ("에이치엘비USA")
    for match in _KO_LATIN_TAIL.finditer(text):
        inside = [m for m in taken if match.start() <= m.start < match.end()]
        if inside:
            taken = [m for m in taken if m not in inside]
            spans.append(match.span(1))
    for span in sorted(set(spans)):
        mention = gazetteer._new(text, span, taken)
        if mention is not None:
            taken.append(mention)
            yield mention
    # the other members of a list of companies
    more: list[tuple[int, int]] = []
    for match in _EN_LIST.finditer(text):
        members = [
            (m.start() + match.start(), m.end() + match.start())
            for m in re.finditer(
                r"(?:^|(?<=,\s)|(?<=\sand\s)|(?<=&\s))(" + _EN_MEMBER + r")", match.group(0)
            )
        ]
        members = [(a + (4 if text.startswith("and ", a) else 0), b) for a, b in members]
        named = [sp for sp in members if any(m.start <= sp[0] < m.end for m in taken)]
        if len(named) >= 2:
            more += [sp for sp in members if sp not in named and _en_ok(text[sp[0] : sp[1]])]
    for match in _KO_LIST.finditer(text):
        members = [
            (m.start() + match.start(), m.end() + match.start())
            for m in re.finditer(_KO_MEMBER, match.group(0))
        ]
        names = [text[a:b] for a, b in members]
        named = [sp for sp in members if any(m.start <= sp[0] < m.end for m in taken)]
        if len(named) + sum(bool(_KO_COMPANY_END.search(n)) for n in names) >= 2:
            more += [
                sp
                for sp, n in zip(members, names, strict=True)
                if sp not in named and _ko_ok(n) and not _KO_COMPANY_END.fullmatch(n)
            ]
    for span in sorted(set(more)):
        mention = gazetteer._new(text, span, taken)
        if mention is not None:
            taken.append(mention)
            yield mention
    # a name proposed here, named again elsewhere
    for name in {m.text for m in taken if m.value[1] is None and len(m.text) >= 3}:
        edge = r"(?![A-Za-z0-9])" if re.search(r"[A-Za-z0-9]$", name) else ""
        for match in re.finditer(r"(?<![A-Za-z0-9])" + re.escape(name) + edge, text):
            if not any(m.start <= match.start() < m.end for m in taken):
                mention = Mention(match.start(), match.end(), name, ("organization", None), 0.55)
                taken.append(mention)
                yield mention
