"""Buyers beside the acquirer: the members of a consortium and the companies named with the
buyer in one buying phrase ("A consortium of A and B will acquire", "a consortium formed
with B", "agreed to be acquired by A and B", "A and B will acquire"). The rules place two
parties; an acquisition bought together has more. Plain Python over the mentions
`pipeline.extract` found and the roles the rules placed.
"""

from __future__ import annotations

import re

from dari.extraction import lone_en, promotion_en, unitsides_en
from dari.extraction.coordinated_en import coordinated
from dari.extraction.model import Mention, as_written

# what opens the list of a consortium's members
_CONSORTIUM = re.compile(
    r"\bconsortium\b[^.;]{0,40}?\b(?:of|composed of|comprising|consisting of|made up of|"
    r"formed with|with|including|led by|between)\s",
    re.I,
)
# a buying phrase before or after a pair: "acquired by A and B", "A and B will acquire"
_BOUGHT_BY = re.compile(
    r"\b(?:acquired|bought|purchased|taken over) by\s+(?:[\w.-]+\s+){0,3}$", re.I
)
_WILL_BUY = re.compile(
    r"^\s?(?:\([^()]{0,40}\)\s?)?(?:,\s)?"
    r"(?:(?:announced|said)\b[^.]{0,40}?\bthat\s(?:they|the\stwo)\s)?"  # "said that they have"
    r"(?:(?:will|would|to|have|had|has|agreed to|plan to|"
    r"plans to|are set to|jointly|together)\s){1,3}(?:acquire|buy|purchase|take over|"
    r"acquired|bought|purchased)\b",
    re.I,
)
_JOIN = re.compile(r"^(?:,\s|\s(?:and|&)\s|,\s(?:and|&)\s)(?:[\w.'’-]+\s){0,5}?$")


def co_buyers(
    text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]]
) -> list[tuple[Mention, str, float]]:
    """`roled` with the acquirer's fellow buyers added as acquirers."""
    placed = {as_written(m) for m, _, _ in roled}
    if not any(r == "acquirer" for _, r, _ in roled) or not any(r == "target" for _, r, _ in roled):
        return roled
    targets = {as_written(m) for m, r, _ in roled if r == "target"}
    more: list[tuple[Mention, str, float]] = []
    for match in _CONSORTIUM.finditer(text):
        stop = re.compile(r"[.;]\s|\n").search(text, match.end())
        end = stop.start() if stop else len(text)
        for o in orgs:
            if match.end() <= o.start < end and as_written(o) not in placed | targets:
                placed.add(as_written(o))
                more.append((o, "acquirer", 0.5))
    ordered = sorted(orgs, key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if (
            not _JOIN.match(text[a.end : b.start])
            or as_written(a) in targets
            or as_written(b) in targets
        ):
            continue
        before = text[max(0, a.start - 60) : a.start]
        if _BOUGHT_BY.search(before) or _WILL_BUY.match(text[b.end : b.end + 60]):
            for o in (a, b):
                if as_written(o) not in placed:
                    placed.add(as_written(o))
                    more.append((o, "acquirer", 0.5))
    return roled + more


# the deal's own phrase around a pair: "an agreement with A and B", "A and B are eligible to
# receive", "A and B will receive"
_DEAL_WITH = re.compile(
    r"\b(?:agreements?|deals?|partnerships?|collaborations?|contracts?|pacts?|alliances?)\s"
    r"with\s(?:the\s)?$",
    re.I,
)
_RECEIVE = re.compile(
    r"^\s(?:(?:are|were|will|would|also|each|both|jointly|be)\s){0,3}(?:eligible to receive|"
    r"entitled to receive|receive|share)\b",
    re.I,
)


def co_parties(
    text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]]
) -> list[tuple[Mention, str, float]]:
    """`roled` with a company named beside a party in the deal's own phrase ("an agreement
    with A and B", "A and B are eligible to receive milestone payments") on that party's side."""
    role = {as_written(m): r for m, r, _ in roled}
    if len(set(role.values())) < 2:
        return roled
    more: list[tuple[Mention, str, float]] = []
    ordered = sorted(orgs, key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if not re.match(r"^(?:,\s|,?\s(?:and|&)\s(?:[\w.'’-]+\s){0,4}?)$", text[a.end : b.start]):
            continue  # a list ("A, B and C"), not an apposition ("A, one of B's partners")
        if re.match(r"['’]s?\s", text[b.end : b.end + 3]):
            continue
        placed = [o for o in (a, b) if as_written(o) in role]
        if len(placed) != 1:
            continue
        head = _DEAL_WITH.search(text[max(0, a.start - 60) : a.start])
        if head is None and not _RECEIVE.match(text[b.end : b.end + 40]):
            continue
        other = b if placed[0] is a else a
        role[as_written(other)] = role[as_written(placed[0])]
        more.append((other, role[as_written(placed[0])], 0.45))
    return roled + more


# Sellers beside the target: the holder bought with it ("will acquire all outstanding shares
# of B, the current controlling shareholder of T"), the holder a buyer signs with over the
# target ("signed an agreement with B over its possible takeover of T")
_BUYS_HOLDER = re.compile(
    r"\b(?:acquire|buy|purchase|take over)\s+(?:all\s+)?(?:of\s+)?(?:the\s+|its\s+)?"
    r"(?:outstanding\s+|remaining\s+)?(?:shares|stake)\s+(?:of|in)\s+$",
    re.I,
)
_HOLDER_OF = re.compile(
    r"^(?:,?\s(?:Co|Inc|Ltd|Corp|LLC|plc)\.?|\s[A-Z][A-Z&]{1,4})?,\s(?:the\s|its\s)?"
    r"(?:current\s|existing\s)?"
    r"(?:controlling|largest|major|majority)\s(?:share|stake)holder\sof\s$",
    re.I,
)
_SIGNS_WITH = re.compile(
    r"\b(?:agreement|MOU|memorandum of understanding|deal|contract)\s+with\s+(?:the\s+)?$", re.I
)
_OVER_TAKEOVER = re.compile(
    r"^(?:,?\s(?:Co|Inc|Ltd|Corp|LLC|plc)\.?)?,?\s(?:over|on|for|regarding)\s(?:its|the|a)\s"
    r"(?:possible\s|potential\s|planned\s|proposed\s)?(?:takeover|acquisition|purchase|buyout)"
    r"\sof\s$",
    re.I,
)


# the owner's companies bought, named after it: "acquire Norvexa Inc. (NV) subsidiaries A and
# B", "buy Norvexa's units A and B"
_BUYS = re.compile(
    r"\b(?:acquire[sd]?|buy|buys|bought|purchase[sd]?|take over)\s+(?:the\s+)?$", re.I
)
_UNITS_OF = re.compile(
    r"^(?:\s?\([^()]{1,20}\))?(?:['’]s?)?\s(?:subsidiaries|units|affiliates|arms|companies)"
    r"(?:,)?\s(?:[\w-]+\s){0,2}?$"
)
# the seller a buyer signs with to buy a company's asset: "signed a deal with global drugmaker
# B to acquire the manufacturing facility of T"
_DEAL_WITH_SELLER = re.compile(
    r"\b(?:agreement|deal|contract)\s+with\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}$", re.I
)
_TO_BUY_OF = re.compile(
    r"^(?:,?\s(?:Co|Inc|Ltd|Corp|LLC|plc)\.?)?,?\s(?:to|that\swill)\s(?:acquire|buy|purchase)\s"
    r"(?:the\s|its\s|a\s)?(?:[\w-]+\s){0,4}?(?:of|from)\s(?:the\s)?$",
    re.I,
)
_AND = re.compile(r"^(?:,?\s(?:Co|Inc|Ltd|Corp|LLC|plc)\.?)?(?:,\s|,?\s(?:and|&)\s)$")


def co_targets(
    text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]]
) -> list[tuple[Mention, str, float]]:
    """`roled` with the target's seller beside it (or the target beside its seller), and the
    owner's companies bought with it, added as targets."""
    role = {as_written(m): r for m, r, _ in roled}
    if "acquirer" not in role.values():
        return roled
    more: list[tuple[Mention, str, float]] = []
    ordered = sorted(orgs, key=lambda m: m.start)
    units = False  # the last pair was an owner and its first company bought
    # a short name in brackets after its full name ("Norvexa Inc. (NV)"): the full one
    full: dict[int, Mention] = {}
    for a, b in zip(ordered, ordered[1:], strict=False):
        if as_written(a) == as_written(b) and re.fullmatch(r"\s?\(", text[a.end : b.start]):
            full[id(b)] = full.get(id(a), a)
    for a, b in zip(ordered, ordered[1:], strict=False):
        between, before = text[a.end : b.start], text[max(0, a.start - 80) : a.start]
        said = full.get(id(a), a)
        owner = _UNITS_OF.match(text[said.end : b.start]) and _BUYS.search(
            text[max(0, said.start - 20) : said.start]
        )
        listed = units and _AND.match(between)  # "... subsidiaries A and B": B too
        units = bool(owner or listed)
        if not (
            (_HOLDER_OF.match(between) and _BUYS_HOLDER.search(before))
            or (_OVER_TAKEOVER.match(between) and _SIGNS_WITH.search(before))
            or owner
            or listed
            or (_TO_BUY_OF.match(between) and _DEAL_WITH_SELLER.search(before))
        ):
            continue
        roles = [role.get(as_written(o)) for o in (a, b)]
        if "target" in roles and None in roles:
            other = (a, b)[roles.index(None)]
            role[as_written(other)] = "target"
            more.append((other, "target", 0.45))
    return roled + more


def beside(
    text: str, orgs: list[Mention], sides: list[Mention], roled: list[tuple[Mention, str, float]]
) -> list[tuple[Mention, str, float]]:
    """`roled` with the companies named beside a party in the deal's own phrase (of `sides`)
    and the sellers beside the target (of all `orgs`)."""
    roled = promotion_en.directed(text, sides, lone_en.directed(text, sides, roled))
    roled = coordinated(text, sides, co_parties(text, sides, roled))
    return co_targets(text, orgs, unitsides_en.joined(text, sides, roled))
