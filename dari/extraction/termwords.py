"""Words around an amount that rename the role its closest keyword gives it (`terms._role`):
- a share of a total ("총 규모의 55.6%에 달하는 1억 달러"): not the total;
- a whole that includes the milestones ("The total contract amount, including development
  stage milestone payments, could reach up to"), or the kinds listed then "포함해" ("계약금 및
  국가별 기술료, ... 금액을 포함해 10년간 X"): the total;
- more money due on later events ("up to an additional $48 million at the time of filing ...
  and if certain commercial milestones are achieved"), or a sum no word names due if goals are
  reached ("could go up to $1.37 billion if the partner firm reaches its target sales"): the
  milestones."""

from __future__ import annotations

import re

Ends = list[tuple[int, int, str]]  # the keywords before an amount: (start, end, role)

# a share of the total, not the total: "총 규모의 55.6%에 달하는 1억 달러", "10% of the total"
_SHARE_OF = re.compile(
    r"(?:총|total|전체)[^.%]{0,15}?\d+(?:\.\d+)?\s?(?:%|퍼센트|percent)\S{0,3}\s?"
    r"(?:에\s?달하는|에\s?해당하는|인|of)?\s*$",
    re.I,
)


def share_of_total(before: str, ends: Ends) -> Ends:
    """The keywords before an amount (start, end, role), less the total words of a whole the
    amount is a share of ("계약금 ... 총 규모의 55.6%에 달하는 1억 달러": the upfront)."""
    share = _SHARE_OF.search(before)
    if share is None:
        return ends
    return [e for e in ends if not (e[2] == "total" and e[0] >= share.start())]


# "including development stage milestone payments": the whole holds the milestones named
_INCLUDING = re.compile(r"\b(?:including|includes|incl\.)\s+(?:[\w-]+\s+){0,3}$", re.I)
# "계약금 및 국가별 기술료, 매출에 따른 로열티 ... 금액을 포함해 10년간 X": the kinds listed
# before one amount, then "including", name its whole
_INCLUDED = re.compile(r"(?:을|를)?\s?포함(?:해|하여|한|하면)[^,]{0,20}$")
_MORE = re.compile(r"\b(?:additional|further)\s*$", re.I)
_MILESTONE = re.compile(r"\bmilestones?\b", re.I)
# paid if goals are reached: "could go up to $1.37 billion if the partner firm reaches its
# target sales" (with no word before the amount naming it)
_ON_TARGETS = re.compile(
    r"\s*(?:if|when|once|as)\s+(?:[\w'’-]+\s+){0,5}?(?:reach|achiev|meet|hit)\w*\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:targets?|goals?|thresholds?)\b",
    re.I,
)


# the kind named far back in the sentence, then what it came to: "it was decided to receive
# milestones based on item approval, patent extension, and cumulative net sales of the
# product line, increased to $432 million"
_CAME_TO = re.compile(
    r"\b(?:increased|increasing|raised|rose|rising|grew|expanded|amounted|amounting|came)\s+"
    r"to\s+(?:about\s+|approximately\s+|around\s+)?$",
    re.I,
)
_KIND = re.compile(
    r"\b(?:milestones?|upfront|down payments?|total|worth|value)\b(?![^$€£¥₩\d]*[$€£¥₩\d])",
    re.I,
)


def reread(before: str, after: str, ends: Ends, wide: str = "") -> tuple[Ends, str | None]:
    """(the keywords that still name the amount, a role the words around it give it); `wide`
    is the longer stretch of the sentence before it."""
    ends = share_of_total(before, ends)
    if not ends and _CAME_TO.search(before):
        kind = _KIND.search(wide)  # the last kind named, no amount after it
        if kind and _MILESTONE.fullmatch(kind.group(0)):
            return ends, "milestones"
    if (
        ends
        and ends[-1][2] in ("milestones", "near_term")
        and any(e[2] == "total" for e in ends[:-1])
        and _INCLUDING.search(before[: ends[-1][0]])
    ):
        return ends, "total"
    kinds = {e[2] for e in ends}
    if {"upfront", "milestones"} <= kinds and _INCLUDED.search(before[ends[-1][1] :]):
        return ends, "total"
    if not ends and (
        (_MORE.search(before) and _MILESTONE.search(after)) or _ON_TARGETS.match(after)
    ):
        return ends, "milestones"
    return ends, None


def digits(value: float) -> int:
    """How precise a figure is: its significant digits (475000000 -> 3)."""
    return len(str(int(value)).rstrip("0"))


# an aside in brackets right after an amount, another amount in it ("$420.0 million (after an
# aggregate amount of $32.5 million paid for milestone events achieved ...) upon the
# achievement of certain regulatory and sales milestones"): the words after it name the first
_ASIDE = re.compile(r"\s*[(（][^()（）]{0,160}?\d[^()（）]{0,160}[)）]")


def past_aside(text: str, end: int) -> int:
    """Where the words that name an amount ending at `end` start: past a bracketed aside."""
    aside = _ASIDE.match(text, end)
    return aside.end() if aside and aside.end() - end > 42 else end


def ceiling(text: str, end: int, starts: list[int]) -> int:
    """Where the words after an amount stop: the next amount outside its bracketed aside."""
    at = past_aside(text, end)
    return next((s for s in starts if s >= at), len(text))


# an upfront word, then only list words up to the milestone word after it
_EN_LISTED = re.compile(
    r"(?:up[- ]?front|down[- ]payment|선급금|계약금)\s?(?:fees?|payments?)?"
    r"(?:\s?(?:,|and|&|및|과|와)\s?|\s(?:development|regulatory|clinical|commercial|sales|"
    r"potential|and|,)(?=[\s,]))*\s*$",
    re.I,
)
# the same in Korean: "계약금과 향후 임상개발, 허가승인 등을 포함한 마일스톤으로 최대", "라이선스
# FEE 및 누적 마일스톤으로": an upfront word joined to the list the milestone word ends
_KO_LISTED = re.compile(
    r"(?:선급금|계약금|라이[선센]스\s?(?:fee|피))\s?(?:과|와|및|,)[^.\d]{0,60}$", re.I
)


def listed(before: str) -> bool:
    """The words before a milestone word list the upfront with it: the amount after is the
    whole ("an upfront fee, development and commercial milestone payments that could reach")."""
    return bool(_EN_LISTED.search(before) or _KO_LISTED.search(before))
