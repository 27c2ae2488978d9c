"""`extract(text, gazetteer)`: the candidate records of one text.

A deal is read when the text speaks of a licence, an option, a collaboration or an acquisition
(기술이전, 기술수출, 라이선스, 인수 ...); an investment when it speaks of a funding round (Series B,
투자 유치 ...). Parties come from the gazetteer (or are proposed), their roles from the verbs
around them (`roles.py`), amounts from the money mentions and the words before each.
"""

from __future__ import annotations

import re
from typing import Any

from dari.extraction import (
    bystanders,
    bystanders_ko,
    consortium,
    flows,
    flows_ko,
    learned,
    notnames,
    owners,
    proposers_en,
    restated,
    roles,
    stakes_ko,
    tagger,
    terms,
    together,
    units_en,
)
from dari.extraction.gazetteer import Gazetteer
from dari.extraction.model import Candidate, Mention
from dari.extraction.money import amounts
from dari.extraction.proposers import propose_extra
from dari.extraction.proposers_ko import propose_ko
from dari.extraction.shortnames import short_forms
from dari.extraction.sides import symmetric
from dari.extraction.text import dates, language, sentences, unwrapped, whole_words

_DEAL = re.compile(
    r"licen[cs]|option|collaborat|partnership|acquir|acquisition|merger|co-develop|\bdeal\b|"
    r"agreement|rights? to|up[- ]?front|contract|transfer|export|\bbuy|\bbought|purchas|stake|"
    r"alliance|joint[- ]venture|co-?promot|co-?market|exclusive distributor|"
    r"계약|선급금|기술료|파트너십|지분|판권|사들|매입|매각|(?<!종)합병|"
    r"기술\s?이전|기술\s?수출|기술\s?도입|라이선스|라이센스|공동\s?개발|공동\s?연구|인수|도입\s?계약|"
    r"제휴|협약|합작|공동\s?(?:판매|프로모션|마케팅)|"
    r"\bMOU\b|memorandum of understanding|\bpartnered\b",
    re.IGNORECASE,
)
_FUNDING = re.compile(
    r"series\s?[a-e]\b|seed round|pre-ipo|funding round|financing|raised|raises|"
    r"attract(?:s|ed|ing)?\s(?:[^.]|\.(?=\d)){0,60}?\binvestments?\b|"
    r"investment (?:round )?(?:led|co-led) by|"
    r"시리즈\s?[a-eA-E]|투자\s?유치|프리\s?IPO|펀딩",
    re.IGNORECASE,
)
# a strategic investment in a company, no round named: "made a strategic investment of ₩25
# billion in", "250억원 규모의 전략적 지분 투자", "제3자 배정 유상증자에 ... 참여"
_STAKE_FUNDING = re.compile(
    r"(?:strategic|equity) investment|"
    r"invest(?:s|ed|ing|ment of)?\s(?:[^.]|\.(?=\d)){0,30}?(?:[$₩€£]|won\b|million|billion)|"
    r"지분\s?투자|전략적\s?투자|유상\s?증자|제3자\s?배정|"
    r"억\s?원(?:을|를)?\s?(?:\S+\s)?투자(?:했|한다|하기로|해)",
    re.I,
)
# rights taken under a licence ("an option to acquire overseas rights"), not a company bought
_LICENCE_ACQUIRE = re.compile(
    r"invest\w*\b(?:[^.]|\.(?=\d)){0,80}?acquir\w*\s+[\d,.]+\s+(?:million\s+)?(?:new\s+)?shares|"
    r"acquir\w*\s+[\d,.]+\s+(?:million\s+)?new\s+shares|(?:option|right) to acquire\b|"
    r"acquir\w*\s+an?\s+(?:[\w-]+\s+){0,3}?(?:drug|candidate|compound|analog)\w*\b[^.]{0,80}?\bfrom\b|"
    r"acquir\w*\s+(?:(?:the\s+|a\s+)?(?:[\w-]+\s+)?technology|all\s+(?:the\s+)?(?:\w+\s+)?rights)\b|"
    r"acquir\w*\s+(?:the\s+|an?\s+)?(?-i:[A-Z][\w.-]*\s+){1,2}rights?\b|"  # "the European rights"
    # "acquires from Norvexa exclusive development rights" (not "all rights" to a product bought)
    r"acquir\w*\s+(?:from\s+(?-i:[A-Z][\w.-]*\s+){1,3})?(?:the\s+|an?\s+)?(?:exclusive|global|worldwide|"
    r"regional|development|commerciali\w+|overseas|sales|marketing|co-?development)\b"
    r"[\w\s,-]{0,60}?\brights?\b",
    re.I,
)
_ROUND = re.compile(r"(series\s?[a-e]\d?|pre-?ipo|seed|시리즈\s?[a-eA-E]\d?|프리\s?IPO)", re.I)
_UNDISCLOSED = re.compile(r"undisclosed|not disclosed|were not disclosed|비공개", re.I)
_ROYALTY = re.compile(r"royalt|로열티|경상\s?기술료", re.I)
_TIERED = re.compile(r"tiered|단계적|차등", re.I)
_STAGES = [
    ("phase3", re.compile(r"phase\s?(?:3|iii)\b|임상\s?3상", re.I)),
    ("phase2", re.compile(r"phase\s?(?:2|ii)\b|임상\s?2상", re.I)),
    ("phase1", re.compile(r"phase\s?(?:1|i)\b|임상\s?1상", re.I)),
    ("preclinical", re.compile(r"pre-?clinical|전임상|비임상", re.I)),
    ("discovery", re.compile(r"discovery|후보\s?물질\s?발굴|탐색", re.I)),
]
_TYPES = [
    (
        "acquisition",
        re.compile(
            r"\bacquir|acquisition|merger|\b(?:to|will) buy\b|bought by|인수|(?<!종)합병|매각", re.I
        ),
    ),
    ("option", re.compile(r"\boption|옵션", re.I)),
    ("platform", re.compile(r"platform|플랫폼", re.I)),
    ("co_development", re.compile(r"co-develop|joint(?:ly)? develop|공동\s?개발", re.I)),
    ("research_collaboration", re.compile(r"research collaboration|공동\s?연구", re.I)),
    ("license", re.compile(r"licens|라이선스|라이센스|기술\s?이전|기술\s?수출|기술\s?도입", re.I)),
]
_ACQUISITION = re.compile(
    r"\bacquir|acquisition|divest|merger|\b(?:to|will|would|agreed to) buy\b|인수|(?<!종)합병|매각|"
    r"\bsell\w*\s+(?:its\s+|the\s+|a\s+)?(?:[\w-]+\s+){0,3}?(?:plant|facility|factory)\b|"
    r"주식\s?매매\s?계약|(?:보유|보통)주(?:식)?\s?(?:\S+\s){0,3}?취득",  # existing shares bought
    re.I,
)
_LICENCE = re.compile(r"licen[cs]|라이선스|라이센스|기술\s?이전|기술\s?수출", re.I)

# a merger only thought of ("합병을 검토하고 있다", "is considering an acquisition"), or long past
_ACQUISITION_MAYBE = re.compile(
    r"(?:인수|합병)(?:을|를)?\s?(?:검토|논의|추진\s?(?:설|가능성)|가능성)|에\s?인수된\s?(?:후|뒤|이후)|"
    r"(?:consider|explor|discuss|rumou?r)\w*\s+(?:a\s+|an\s+|possible\s+)?(?:merger|acquisition)",
    re.I,
)


def _acquisition(text: str) -> bool:
    """The text tells of a company, a stake or an asset bought (not rights taken under a
    licence, "an option to acquire overseas sales rights", nor a merger only thought of)."""
    text = _ACQUISITION_MAYBE.sub(" ", _LICENCE_ACQUIRE.sub(" ", text))
    invested = _STAKE_FUNDING.search(text) or _FUNDING.search(text)  # money in for new shares
    return bool(_ACQUISITION.search(text)) or stakes_ko.bought_outright(text, bool(invested))


_WORLD = re.compile(r"worldwide|global(?:ly)?|all territories|전\s?세계|글로벌", re.I)
_EXCLUDING = re.compile(
    r"(?:excluding|except(?: for)?|outside(?: of)?|other than)\s+((?:the\s+)?[A-Z][\w ,.&-]{1,60}?)"
    r"(?=[),;.]|\s+(?:and|for|to|in)\b|$)|([가-힣 ,·]{2,30}?)\s?(?:을|를)?\s?제외한",
)
_REGION = re.compile(
    r"\b(?:in|for)\s+((?:Greater\s+)?China|Japan|Korea|South Korea|the U\.?S\.?|the United States|"
    r"Europe|Asia|North America|Latin America)\b"
)
_CODE = re.compile(r"\b([A-Z]{1,6}[- ]?\d{2,5}[A-Za-z]?)\b")


def _first(patterns: list[tuple[str, re.Pattern[str]]], text: str) -> tuple[str, Mention] | None:
    for value, rx in patterns:
        match = rx.search(text)
        if match:
            return value, Mention(match.start(), match.end(), match.group(0), value)
    return None


def _territory(text: str, cand: Candidate) -> None:
    excluded: list[Mention] = []
    for match in _EXCLUDING.finditer(text):
        place = (match.group(1) or match.group(2) or "").strip(" ,")
        if place:
            excluded.append(Mention(match.start(), match.end(), match.group(0), place))
    world = _WORLD.search(text)
    if world:
        cand.put(
            "territory",
            "worldwide",
            Mention(world.start(), world.end(), world.group(0)),
            confidence=0.7,
        )
    else:
        region = _REGION.search(text)
        if region:
            cand.put(
                "territory",
                region.group(1),
                Mention(region.start(), region.end(), region.group(0)),
                confidence=0.6,
            )
    if excluded:
        cand.put("territory_excluding", [m.value for m in excluded], *excluded, confidence=0.6)


def _common(text: str, cand: Candidate, found_dates: list[Mention]) -> None:
    if found_dates:
        cand.put("date", found_dates[0].value, found_dates[0], confidence=0.7)
    stage = _first(_STAGES, text)
    if stage:
        cand.put("stage_at_signing", stage[0], stage[1], confidence=0.5)
    undisclosed = _UNDISCLOSED.search(text)
    if undisclosed:
        cand.fields.setdefault("flags", []).append("undisclosed")
        cand.evidence["flags"] = undisclosed.group(0)


def _assets(text: str, gazetteer: Gazetteer, known: list[Mention]) -> list[Mention]:
    return [m for m in known if m.value[0] == "asset"]


# A short name given in brackets right after a name (or after its legal ending, "Roivant
# Sciences GmbH (“RSG”)"): "JW Pharmaceutical’s (JWP)",
# "Harbour BioMed (HBM)", "장쑤 한소 제약 그룹(..., 이하 한소제약)".
_ALIAS_AFTER = re.compile(
    r"^(?:,?\s(?:GmbH|Inc\.?|Ltd\.?|Co\.,?\s?Ltd\.?|Corp\.?|Corporation|AG|S\.?A\.?|plc|PLC|LLC|"
    r"B\.V\.|N\.V\.|Limited))?(?:['’]s)?\s?[(（]\s?(?:[^()（）]{0,160}?[,;]\s?)?(?:이하\s?|hereafter\s|hereinafter\s)?"
    r"([^()（）,;]{2,30}?)\s?[)）]"
)


def _aliases(text: str, orgs: list[Mention]) -> list[Mention]:
    """Mentions of a bracketed short name take the key of the name it stands for."""
    alias: dict[str, Mention] = {}
    for m in orgs:
        match = _ALIAS_AFTER.match(text[m.end : m.end + 80])
        short = match.group(1).strip().strip("\"'“”‘’") if match else ""
        if match and short.lower() != m.text.lower():
            alias.setdefault(short.lower(), m)
    covered = [(m.start, m.end) for m in orgs]
    more = []
    # "크리스탈지노믹스(크리스탈)": "크리스탈은 ..." names it too
    for short, named in alias.items():
        if len(short) < 2 or short.isdigit():
            continue
        edge = r"(?![A-Za-z0-9])" if not re.search(r"[가-힣]", short) else r"(?![가-힣]{2})"
        for hit in re.finditer(r"(?<![A-Za-z0-9가-힣])" + re.escape(short) + edge, text, re.I):
            if not any(a <= hit.start() < b for a, b in covered):
                more.append(Mention(hit.start(), hit.end(), named.text, named.value, 0.6))
                covered.append((hit.start(), hit.end()))
    orgs = sorted(orgs + more, key=lambda m: m.start)
    out = []  # "Hyundai Pharm Co. Ltd. (Hyundai)": the text's short name, not the graph's
    for m in orgs:
        full = alias.get(m.text.lower())
        if full and (full.value[1] or not m.value[1]):
            m = Mention(m.start, m.end, full.text, full.value, m.confidence)
        out.append(m)
    # "트리거테라퓨틱스(TRIGR Therapeutics)": the name the graph knows names both
    known = {k: o for k, o in alias.items() if o.value[1] is None}
    for short, full in known.items():
        graph = next((o for o in out if o.text.lower() == short and o.value[1]), None)
        if graph is not None:
            out = [
                Mention(o.start, o.end, o.text, graph.value, o.confidence)
                if o.text == full.text
                else o
                for o in out
            ]
    # "화동제약(Hangzhou Zhongmei Huadong Pharmaceutical Co., Ltd.)": a name the graph lacks
    # with its original bracketed after it is one party, called as the text first calls it
    for i, m in enumerate(out):
        inner = next((o for o in out[i + 1 :] if 0 < o.start - m.end <= 2), None)
        if (
            inner is not None
            and m.value[1] is None
            and inner.value[1] is None
            and text[m.end : inner.start].strip() in ("(", "（")
            and text[inner.end : inner.end + 1] in (")", "）")
        ):
            out = [
                Mention(o.start, o.end, m.text, m.value, o.confidence) if o is inner else o
                for o in out
            ]
    return out


# A sentence about deals at large: a year's or a company's running total.
_AGGREGATE = re.compile(
    r"누적|지금까지|역대|전체\s?기술\s?(?:수출|이전)|올해\s?(?:들어\s?)?(?:국내|전체|총)|"
    r"cumulative(?!\s+(?:net\s+)?sales)|so far (?:this|in)|to date|this year['’]s total|"
    r"시장\s?규모|market size|the market (?:is|was) (?:worth|valued)|"
    r"계약[^.]{0,20}?(?:합하면|합치면|합산하면)|combined (?:value|total|worth)|"
    r"together with the (?:earlier|previous|first)",
    re.I,
)
# A deal of a stated past year with a company that is no party: "케이캡정은 2015년 중국 뤄신과
# 9529만달러 규모에 기술수출 계약을 맺었고"
_DATED_DEAL = re.compile(
    r"(?:19|20)\d\d년\s?(?:\d{1,2}월\s?)?(?:\S+\s){0,3}?\S+(?:과|와)\s[^.]{0,60}?계약을?\s?(?:맺었|체결했)"
)
# A company's name, not a word the proposers took for one ("판매").
_COMPANYISH = re.compile(
    r"(?:inc|ltd|corp|co|llc|ag|plc|pharma\w*|therapeutics|bio\w*|sciences?|laboratories|"
    r"제약|약품|바이오|파마|테라퓨틱스|사이언스|양행|홀딩스|헬스케어|생명과학)\.?$",
    re.I,
)


_INVESTORISH = re.compile(
    r"(?:Investments?|Partners|Capital|Ventures?|Venture Fund|Asset Management|Securities|"
    r"인베스트먼트|인베트먼트|파트너스|벤처투자|벤처스|캐피탈|자산운용|증권|투자)\.?$",
    re.I,
)


_GOING_ON = re.compile(r"^\W*(?:이어|이후|그\s?뒤|그\s?후|then\b|later\b|subsequently\b)", re.I)


def _other_deals(text: str, orgs: list[Mention], parties: list[Mention]) -> list[Mention]:
    """Where amounts belong to other deals, in sentences naming no party of this one: after
    another company's name ("유한양행이 1조4000억원 규모의 기술수출 계약을 체결한 지 2주일
    만이다") or in a running total ("올해 ... 전체 기술수출 규모는 4조3000억원으로 커졌다").
    The spans returned run from there to the sentence's end."""
    keys = {m.value if m.value[1] else m.text for m in parties}
    spans = []
    earlier = False  # the sentence before told an earlier deal
    for start, end in sentences(text):
        said = text[start:end].strip()
        if earlier and _GOING_ON.match(said):
            spans.append(Mention(start, end, ""))  # "이어 지난 5월에는 ... 1차 마일스톤 200만 달러"
            continue
        earlier = bool(roles.BACKGROUND.search(said))
        inside = [m for m in orgs if start <= m.start < end]
        named = [(m.value if m.value[1] else m.text) in keys for m in inside]
        if any(named) and not all(named) and roles.BACKGROUND.search(text[start:end].strip()):
            spans.append(Mention(start, end, ""))  # "앞서 A는 C와 1천억원 규모의 계약을 ..."
            continue
        if any(named):
            continue
        if _AGGREGATE.search(text, start, end) or _DATED_DEAL.search(said):
            spans.append(Mention(start, end, ""))
            continue
        others = [m for m in inside if m.value[1] or _COMPANYISH.search(m.text)]
        if others:
            spans.append(Mention(others[0].start, end, others[0].text))
    return spans


_BUYS_SHARES = re.compile(
    r"\s*(?:\([^()]{0,30}\)\s*)?to (?:acquire|buy|purchase)\b[^.]{0,40}?\b(?:shares|stake)", re.I
)


# A company's sales or a market's size, not a deal's value: "generated sales of about 74
# billion won", "Iran's medical product market amounted to ...", "시장 규모는 ... 약 1200억원",
# "지난해 매출은 약 7억원" (unless deal terms come between: "royalties on net sales of")
_TERMS = (
    r"계약|deal|agreement|licen|upfront|up-front|milestone|royalt|total|마일스톤|로열티|기술료|"
    r"선급금|총"
)
_SIZE_BEFORE = re.compile(
    r"(?<!\bon )(?<!\bnet )(?:\bmarket\b(?:(?!" + _TERMS + r")[^.\n]){0,60}?"
    r"\b(?:size|worth|valued|amount\w*|estimated|expected|reach\w*|grow\w*|scale)|"
    r"\bsales of\b|\brevenues? of\b|시장\s?규모|시장(?:은|는)\s|매출(?:액)?(?:은|는|이|가)?\s)"
    r"(?:(?!" + _TERMS + r")[^.\n]){0,80}$",
    re.I,
)


def _market_or_sales(text: str, m: Mention) -> bool:
    """The amount `m` tells how big a market or a company's sales are."""
    start = max(text.rfind(". ", 0, m.start), text.rfind("\n", 0, m.start)) + 1
    return bool(_SIZE_BEFORE.search(text[max(start, m.start - 100) : m.start]))


def _deal_amounts(text: str, found: list[Mention]) -> list[Mention]:
    """`found` without the sizes of markets and sales (and their bracketed conversions)."""
    out: list[Mention] = []
    dropped: Mention | None = None
    for m in found:
        converted = dropped is not None and text[dropped.end : m.start].strip() in ("(", "（")
        if converted or _market_or_sales(text, m):
            dropped = m
            continue
        out.append(m)
    return out


# The holder a stake is bought from: "Biogen Inc.’s stake in", "바이오젠이 보유한 ... 지분"
_HOLDER_OF = re.compile(
    r"^(?:,?\s(?:Inc|Co|Ltd|Corp|AG|plc)\.?)?['’]s?\s+(?:\w+\s+){0,2}?(?:stake|shares|holding)|"
    r"^(?:이|가)\s?보유(?:한|하고 있는|하던|중인)\s"
)


def _holders(text: str, orgs: list[Mention]) -> list[Mention]:
    """The seller of the stake an acquisition buys: its sentences ("Biogen will receive $1
    billion in cash at closing") tell this deal's terms."""
    return [m for m in orgs if _HOLDER_OF.match(text[m.end : m.end + 40])]


def _near_investee(
    text: str, assigned: list[tuple[Mention, str]], found: list[Mention]
) -> Mention | None:
    """The amount stated in the sentence that first names the investee (the closest to it):
    "랜식이 pre-시리즈A로 12억원을 유치했다" after "3곳이 222억원을 유치했다"."""
    investee = next((m for m, r in assigned if r == "investee"), None)
    if investee is None:
        return None
    for start, end in sentences(text):
        if start <= investee.start < end:
            inside = [m for m in found if start <= m.start < end]
            if inside:
                return min(inside, key=lambda m: abs(m.start - investee.start))
    return None


def _party(gazetteer: Gazetteer, m: Mention, role: str) -> dict[str, Any]:
    key = m.value
    return {
        # "San Diego-based Avenzo": the place is no part of the name
        "name": gazetteer.name(key) or re.sub(r"^(?:[\w.]+\s)?[\w.-]+-based\s+", "", m.text),
        "mentioned_as": m.text,
        "role": role,
        "organization": key[1],
    }


def extract(text: str, gazetteer: Gazetteer, lang: str = "auto") -> list[Candidate]:
    """The candidate records of `text` (usually one deal or one investment)."""
    lang = language(text) if lang == "auto" else lang
    text = unwrapped(text)  # offsets kept: one character for one
    known = gazetteer.find(text)
    known = units_en.split(text, known, gazetteer) if lang == "en" else known
    orgs = [m for m in known if m.value[0] == "organization"]
    orgs += list(gazetteer.propose(text, known))
    orgs += list(gazetteer.propose_korean(text, known + orgs))
    orgs += list(gazetteer.propose_licensee_ko(text, known + orgs))
    orgs += list(gazetteer.propose_more(text, known + orgs))
    orgs += list(propose_extra(gazetteer, text, known + orgs))
    orgs += list(proposers_en.propose(gazetteer, text, known + orgs)) if lang == "en" else []
    orgs += list(propose_ko(gazetteer, text, known + orgs)) if lang == "ko" else []
    orgs = [  # a name inside a longer one ("Genexine" in "Kalbe Genexine Biologics")
        m
        for m in orgs
        if not any(
            o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
            for o in orgs
        )
    ]
    orgs = notnames.resolved(gazetteer, text, orgs)  # words dropped, foreign names linked
    units = bystanders.units(text, orgs)
    units += bystanders_ko.units(text, orgs, units) if lang == "ko" else []
    orgs = [
        m
        for m in orgs
        if not bystanders.not_a_party(text, m, orgs)
        and not (lang == "ko" and bystanders_ko.not_a_party(text, m, orgs))
    ]
    orgs.sort(key=lambda m: m.start)
    orgs = bystanders.in_body(text, short_forms(text, _aliases(text, orgs)))
    found_money, found_dates = list(amounts(text)), dates(text)
    out: list[Candidate] = []
    is_deal = bool(_DEAL.search(text))
    licence = re.search(
        r"licen[cs]|\boption\b|기술\s?이전|기술\s?수출|라이선스|기술\s?도입|도입\s?계약|옵션|"
        # rights to sell taken in, or a product brought in against fees: "독점판매권도
        # 획득", "X 도입과 관련한 계약금"
        r"판권|판매권|도입\S{0,3}\s(?:\S+\s){0,2}?(?:계약금|선급금|마일스톤|로열티|기술료)",
        text,
        re.I,
    )
    bought = _acquisition(text)
    lead = text.strip()[:300]
    is_funding = (
        not licence
        and (bool(_FUNDING.search(text)) or (bool(_STAKE_FUNDING.search(text)) and not bought))
        # a text that opens on a company bought is about the purchase, whatever it says of
        # money raised later ("HLB merges with Elevar ... Elevar raised")
        and not (bought and _acquisition(lead) and not _FUNDING.search(lead))
        and not (lang == "ko" and stakes_ko.partners_first(text))
        and not together.founded(text)  # a venture founded: its money is that deal's
    )
    if is_funding:
        cand = Candidate("investment")
        assigned = roles.investment_roles(text, orgs, lang)
        ctx = {"lang": lang, "family": "investment", "bought": bought}
        assigned = [
            (m, r)
            for m, r, _ in tagger.parties(
                text, orgs, [(m, r, 0.6) for m, r in assigned], ctx, gazetteer, found_money
            )
        ]
        cand.put(
            "parties",
            [_party(gazetteer, m, r) for m, r in assigned],
            *[m for m, _ in assigned],
            confidence=0.6,
        )
        round_ = _ROUND.search(text)
        if round_:
            cand.put(
                "round",
                re.sub(r"\s+", " ", round_.group(1)).title().replace("Ipo", "IPO"),
                Mention(round_.start(), round_.end(), round_.group(0)),
                confidence=0.8,
            )
        if found_money:
            biggest = max(found_money, key=lambda m: m.value[0] if m.value[1] != "KRW" else 0)
            first = found_money[0]
            main = first if first.value[1] == "KRW" or lang == "ko" else biggest
            near = _near_investee(text, assigned, found_money)
            main = near or main
            cand.put("currency", main.value[1], main, confidence=0.85)
            cand.put("amount", main.value[0], main, confidence=0.8)
        tagger.amounts(text, cand, found_money, [m for m, _ in assigned], lang)
        _common(text, cand, found_dates)
        out.append(cand)
    elif is_deal:
        cand = Candidate("deal")
        sides = orgs
        investorish = [m for m in orgs if _INVESTORISH.search(gazetteer.name(m.value) or m.text)]
        if not bought or len({m.text for m in investorish}) >= 3:
            # investors, brokers and analysts' firms named in a licensing text take no side
            sides = [m for m in orgs if not _INVESTORISH.search(gazetteer.name(m.value) or m.text)]
        roled = stakes_ko.allied_roles(text, sides or orgs, lang, gazetteer, roles.deal_roles)
        roled = owners.direct(
            text, sides or orgs, roled, gazetteer, roles._key, bought and not _LICENCE.search(text)
        )
        if lang == "en":
            roled = flows.directed(
                text, sides or orgs, together.between(text, sides or orgs, roled)
            )
        roled += bystanders.unit_sides(roled, units)
        if lang == "ko":
            roled += bystanders_ko.parent_sides(roled, sides or orgs)
            roled += bystanders_ko.together_sides(text, roled, sides or orgs)
        if len(roled) == 2 and (
            symmetric(text)
            or (lang == "en" and together.reciprocal(text, sides or orgs, roled))
            or (
                not bought
                and (together if lang == "en" else flows_ko).partners(text, sides or orgs, roled)
            )
        ):
            roled = [(m, "partner", c) for m, _, c in roled]
        if bought and not _LICENCE.search(text):
            # an acquisition told with licensing verbs ("sold ... to", "from"): buyer, seller
            swap = {"licensee": "acquirer", "licensor": "target"}
            roled = [(m, swap.get(r, r), c) for m, r, c in roled]
        elif (_LICENCE.search(text) or _LICENCE_ACQUIRE.search(text)) and not bought:
            # a licence told with buying verbs ("bought two candidates owned by B", "has
            # acquired the technology for a drug candidate")
            swap = {"acquirer": "licensee", "target": "licensor"}
            roled = [(m, swap.get(r, r), c) for m, r, c in roled]
        roled = learned.rerank(text, orgs, roled, lang, gazetteer)
        ctx = {"lang": lang, "family": tagger.family_of(roled), "bought": bought}
        roled = tagger.parties(text, orgs, roled, ctx, gazetteer, found_money)
        roled = tagger.refamily(text, roled, lang)
        if lang == "en":  # the flows have the last word on a licence's direction
            roled = consortium.co_buyers(text, orgs, flows.directed(text, sides or orgs, roled))
            roled = consortium.beside(text, orgs, sides or orgs, roled)
        else:
            roled = flows_ko.directed(text, sides or orgs, roled, gazetteer)
        cand.put(
            "parties",
            [_party(gazetteer, m, r) for m, r, _ in roled],
            *[m for m, _, _ in roled],
            confidence=min([c for _, _, c in roled] or [0.3]),
        )
        deal_type = _first(_TYPES, _LICENCE_ACQUIRE.sub(lambda m: "_" * len(m.group(0)), text))
        if deal_type:
            cand.put("deal_type", deal_type[0], deal_type[1], confidence=0.7)
        other = _other_deals(text, orgs, [m for m, _, _ in roled] + _holders(text, orgs))
        stated = [m for m in found_money if not any(o.start <= m.start < o.end for o in other)]
        stated = _deal_amounts(text, stated)
        terms.money(text, cand, stated)
        restated.tidy(text, cand)
        if (
            bought
            and not _LICENCE.search(text)
            and "total" not in cand.fields
            and "equity" in cand.fields
        ):
            # the price of the shares bought is what the acquisition is worth (not what an
            # investor once put in: "having invested 40 billion won in the company")
            # ... unless the money invested buys the shares: "invest KRW 14.3 billion (USD 10.8
            # million) to acquire 2,647,378 shares"
            start, end = cand.spans["equity"][0][0], cand.spans["equity"][0][1]
            said = text[max(0, start - 60) : start]
            buys = _BUYS_SHARES.match(text, end)
            if buys or not re.search(r"invest|투자", said, re.I):
                cand.put("total", cand.fields.pop("equity"), confidence=0.7)
        tagger.amounts(text, cand, found_money, [m for m, _, _ in roled], lang)
        if (
            lang == "en"
            and roled
            and all(r == "partner" for _, r, _ in roled)
            and together.founded(text)
            and "total" in cand.fields
            and not {"upfront", "milestones"} & set(cand.fields)
        ):
            # what a founder puts into a joint venture is its contribution, not a price
            put_in = cand.fields.pop("total")
            amount = int(put_in) if float(put_in).is_integer() else put_in
            cand.fields.setdefault("flags", []).append(f"jv_contribution:{amount}")
        royalty = _ROYALTY.search(text)
        if royalty:
            tiered = _TIERED.search(text[max(0, royalty.start() - 30) : royalty.end()])
            cand.put(
                "royalties",
                "tiered" if tiered else True,
                Mention(royalty.start(), royalty.end(), royalty.group(0)),
                confidence=0.7,
            )
        _territory(text, cand)
        assets = _assets(text, gazetteer, known)
        if assets:
            cand.put("asset", assets[0].value[1], assets[0], confidence=0.8)
        else:
            code = _CODE.search(text)
            if code:
                cand.put(
                    "asset_name",
                    code.group(1),
                    Mention(code.start(), code.end(), code.group(0)),
                    confidence=0.5,
                )
        _common(text, cand, found_dates)
        out.append(cand)
    return whole_words(text, out)
