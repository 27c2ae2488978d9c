"""`extract(text, gazetteer)`: the candidate records of one text.

A deal is read when the text speaks of a licence, an option, a collaboration or an acquisition
(기술이전, 기술수출, 라이선스, 인수 ...); an investment when it speaks of a funding round
(Series B, 투자 유치 ...). Parties come from the gazetteer (or are proposed as new
organisations), their roles from the verbs around them (`roles.py`), amounts from the money
mentions and the words before each (upfront, milestones, total, 계약금, 마일스톤, 총 ...).
"""

from __future__ import annotations

import re
from typing import Any

from dari.extraction import roles
from dari.extraction.gazetteer import Gazetteer
from dari.extraction.model import Candidate, Mention
from dari.extraction.money import amounts
from dari.extraction.text import dates, language

_DEAL = re.compile(
    r"licens|option|collaborat|partnership|acquir|acquisition|merger|co-develop|\bdeal\b|"
    r"agreement|rights? to|upfront|contract|transferr|export|계약|선급금|"
    r"기술\s?이전|기술\s?수출|기술\s?도입|라이선스|라이센스|공동\s?개발|공동\s?연구|인수|도입\s?계약",
    re.IGNORECASE,
)
_FUNDING = re.compile(
    r"series\s?[a-e]\b|seed round|pre-ipo|funding round|financing|raised|raises|"
    r"시리즈\s?[a-eA-E]|투자\s?유치|프리\s?IPO|펀딩",
    re.IGNORECASE,
)
_ROUND = re.compile(r"(series\s?[a-e]\d?|pre-?ipo|seed|시리즈\s?[a-eA-E]\d?|프리\s?IPO)", re.I)
# What the words just before an amount make of it (the closest one wins).
_AMOUNT_ROLES: list[tuple[str, re.Pattern[str]]] = [
    ("near_term", re.compile(r"near[- ]term|단기\s?마일스톤", re.I)),
    (
        "upfront",
        re.compile(
            r"up[- ]?front|signing|initial payment|down payment|선급금|계약금(?!액)|반환\s?의무",
            re.I,
        ),
    ),
    (
        "milestones",
        re.compile(r"milestone|마일스톤|단계별|개발\W{0,3}(?:\w+\W{0,3}){0,3}상업화에 따라", re.I),
    ),
    ("equity", re.compile(r"equity|지분", re.I)),
    (
        "total",
        re.compile(
            r"total|worth|valued|aggregate|deal value|amounts? to|amounting to|"
            r"총|규모|전체|계약\s?금액|달하",
            re.I,
        ),
    ),
]
# What the words right after an amount make of it ("$40 million upfront", "in milestones").
_AFTER_ROLES: list[tuple[str, re.Pattern[str]]] = [
    (
        "upfront",
        re.compile(
            r"\s*(?:in\s+)?(?:up[- ]?front|signing|initial)|\s*(?:의\s?)?(?:계약금|선급금)", re.I
        ),
    ),
    ("near_term", re.compile(r"\s*(?:in\s+)?near[- ]term", re.I)),
    (
        "milestones",
        re.compile(
            r"\s*(?:in|of|as|if|upon|on|for|tied to|linked to|based on|contingent on)\s+"
            r"(?:[\w,-]+\s+){0,8}?milestone|\s*(?:의\s?)?(?:마일스톤|단계별)",
            re.I,
        ),
    ),
    ("total", re.compile(r"\s*(?:in total|in all|total)", re.I)),
    ("equity", re.compile(r"\s*(?:in\s+)?equity|\s*(?:의\s?)?지분", re.I)),
]
_UP_TO = re.compile(r"up to|as much as|최대", re.I)
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
    ("acquisition", re.compile(r"\bacquir|acquisition|merger|인수|합병", re.I)),
    ("option", re.compile(r"\boption|옵션", re.I)),
    ("platform", re.compile(r"platform|플랫폼", re.I)),
    ("co_development", re.compile(r"co-develop|joint(?:ly)? develop|공동\s?개발", re.I)),
    ("research_collaboration", re.compile(r"research collaboration|공동\s?연구", re.I)),
    ("license", re.compile(r"licens|라이선스|라이센스|기술\s?이전|기술\s?수출|기술\s?도입", re.I)),
]
_ACQUISITION = re.compile(r"\bacquir|acquisition|divest|merger|인수|합병", re.I)
_LICENCE = re.compile(r"licen[cs]|라이선스|라이센스|기술\s?이전|기술\s?수출", re.I)
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


def _before(text: str, mention: Mention, floor: int, width: int = 70) -> str:
    """The words just before an amount: within its sentence, after the previous amount."""
    start = max(floor, mention.start - width)
    before = text[start : mention.start]
    cut = max(before.rfind(". "), before.rfind("\n"))
    return before[cut + 1 :] if cut >= 0 else before


def _after(text: str, mention: Mention, ceiling: int) -> str:
    """The words right after an amount, a bracketed conversion skipped ("$100 million
    upfront", "£2.075 billion ($2.66 billion) in research ... milestones")."""
    after = text[mention.end : min(ceiling, mention.end + 110)]
    after = re.sub(r"^\s*[(（][^)）]{0,40}[)）]", "", after)
    return re.split(r"(?<!\d)[.;](?!\d)", after, maxsplit=1)[0]


def _amount_role(text: str, m: Mention, floor: int, ceiling: int) -> str | None:
    """The role the words right after an amount give it ("$40 million upfront"), else the
    keyword closest before it ("... and up to $1.2 billion")."""
    after = _after(text, m, ceiling)
    role = next((r for r, rx in _AFTER_ROLES if rx.match(after)), None)
    if role is None:
        before = _before(text, m, floor)
        ends: list[tuple[int, int, str]] = []
        for name, rx in _AMOUNT_ROLES:
            ends += [(match.start(), match.end(), name) for match in rx.finditer(before)]
        ends.sort(key=lambda e: (e[1], e[1] - e[0]))  # the closest; on a tie, the longest
        if ends:
            role = ends[-1][2]
            # "선급금은 총 950만 달러", "upfront payment totalling": the role word, not "total"
            if role == "total" and len(ends) > 1 and ends[-1][0] - ends[-2][1] <= 6:
                role = ends[-2][2]
    return role


def _equivalents(text: str, found: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """Split amounts into those stated and their conversions in brackets ("$15 million
    (207억원)", "4098억원(3억6350만 달러)"): a conversion is another currency's figure for the
    amount just before it."""
    stated: list[Mention] = []
    converted: list[Mention] = []
    for i, m in enumerate(found):
        prev = found[i - 1] if i else None
        between = text[prev.end : m.start] if prev else ""
        if (
            prev is not None
            and prev in stated
            and prev.value[1] != m.value[1]
            and re.fullmatch(r"\s*[(（]\s*(?:약|about|approx\.?|around|roughly|US)?\s*", between)
        ):
            converted.append(m)
        else:
            stated.append(m)
    return stated, converted


def _money(text: str, cand: Candidate, found: list[Mention]) -> None:
    stated, converted = _equivalents(text, found)
    if not stated:
        return
    currency = stated[0].value[1]  # the currency the text states first
    mine = [m for m in stated if m.value[1] == currency]
    labelled: dict[str, Mention] = {}
    plain: list[Mention] = []
    for i, m in enumerate(mine):
        floor = mine[i - 1].end if i else 0
        ceiling = mine[i + 1].start if i + 1 < len(mine) else len(text)
        role = _amount_role(text, m, floor, ceiling)
        if role is None:
            plain.append(m)
        elif role not in labelled or (
            role in ("milestones", "total") and m.value[0] > labelled[role].value[0]
        ):
            labelled[role] = m  # the first upfront; the largest milestones or total
    if "total" not in labelled and plain:
        biggest = max(plain, key=lambda m: m.value[0])
        if not labelled or biggest.value[0] > max(m.value[0] for m in labelled.values()):
            labelled["total"] = biggest
    main = labelled.get("total") or labelled.get("upfront") or next(iter(labelled.values()), None)
    if main is None:
        return
    cand.put("currency", currency, main, confidence=0.9)
    for role in ("upfront", "near_term", "milestones", "total", "equity"):
        amount = labelled.get(role)
        if amount is not None:
            cand.put(role, amount.value[0], amount, confidence=0.85 if role != "total" else 0.8)
    others = converted + [m for m in stated if m.value[1] != currency]
    if others:
        cand.put("original_amounts", [list(m.value) for m in others], *others, confidence=0.7)
    total = labelled.get("total")
    if total is not None and _UP_TO.search(text[max(0, total.start - 30) : total.start]):
        cand.fields.setdefault("flags", []).append("up_to")


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


def _party(gazetteer: Gazetteer, m: Mention, role: str) -> dict[str, Any]:
    key = m.value
    return {
        "name": gazetteer.name(key) or m.text,
        "mentioned_as": m.text,
        "role": role,
        "organization": key[1],
    }


def extract(text: str, gazetteer: Gazetteer, lang: str = "auto") -> list[Candidate]:
    """The candidate records of `text` (usually one deal or one investment)."""
    lang = language(text) if lang == "auto" else lang
    known = gazetteer.find(text)
    orgs = [m for m in known if m.value[0] == "organization"]
    orgs += list(gazetteer.propose(text, known))
    orgs += list(gazetteer.propose_korean(text, known + orgs))
    orgs += list(gazetteer.propose_licensee_ko(text, known + orgs))
    orgs.sort(key=lambda m: m.start)
    found_money = list(amounts(text))
    found_dates = dates(text)
    out: list[Candidate] = []
    is_deal = bool(_DEAL.search(text))
    is_funding = bool(_FUNDING.search(text)) and not re.search(
        r"licens|기술\s?이전|기술\s?수출|라이선스", text, re.I
    )
    if is_funding:
        cand = Candidate("investment")
        assigned = roles.investment_roles(text, orgs, lang)
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
            cand.put("currency", main.value[1], main, confidence=0.85)
            cand.put("amount", main.value[0], main, confidence=0.8)
        _common(text, cand, found_dates)
        out.append(cand)
    elif is_deal:
        cand = Candidate("deal")
        roled = roles.deal_roles(text, orgs, lang, gazetteer)
        if _ACQUISITION.search(text) and not _LICENCE.search(text):
            # an acquisition told with licensing verbs ("sold ... to", "from"): the buyer
            # and the seller
            swap = {"licensee": "acquirer", "licensor": "target"}
            roled = [(m, swap.get(r, r), c) for m, r, c in roled]
        cand.put(
            "parties",
            [_party(gazetteer, m, r) for m, r, _ in roled],
            *[m for m, _, _ in roled],
            confidence=min([c for _, _, c in roled] or [0.3]),
        )
        deal_type = _first(_TYPES, text)
        if deal_type:
            cand.put("deal_type", deal_type[0], deal_type[1], confidence=0.7)
        _money(text, cand, found_money)
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
    return out
