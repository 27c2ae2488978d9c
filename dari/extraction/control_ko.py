"""A Korean purchase made through a unit (issue 14, extraction round 4).

"에이치엘비는 에이치엘비USA를 통해 엘레바를 완전히 지배하게 된다", "A는 B를 통해 C를
인수한다": the company that buys through its unit stands on the unit's side (and the unit on
the company's), as the bench reads a buyer and the vehicle it buys with; so does the unit a
licensee develops the asset through ("터렛 캐피탈은 ... 이그렛 테라퓨틱스를 통해 ... 개발할
계획"). `flows_ko.directed`
asks this after turning the pair.
"""

from __future__ import annotations

import re

from dari.extraction.model import Mention, as_written

_THROUGH_AFTER = re.compile(
    r"^(?:\s?[(（][^()（）]{0,40}[)）])?\s?(?:을|를)\s?통(?:해|하여)\s[^.\n]{0,40}?"
    r"(?:(?P<buy>인수|매입|합병|지배|사들|취득)|개발|상업화|판매)"
)
_SUBJECT_AFTER = re.compile(r"^(?:\s?[(（][^()（）]{0,30}[)）])?\s?(?:은|는|이|가)\s")


def through_sides(
    text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]]
) -> list[tuple[Mention, str, float]]:
    """`roled` with the subject of "A는 B를 통해 ... 인수/지배" on B's buying side, or B on
    A's, when only one of them is placed."""
    placed = {as_written(m): r for m, r, _ in roled}
    more: list[tuple[Mention, str, float]] = []
    for b in orgs:
        through = _THROUGH_AFTER.match(text[b.end : b.end + 120])
        if through is None:
            continue
        # a purchase made through a unit, or the licensed asset developed through one
        side = "acquirer" if through.group("buy") else "licensee"
        start = max(text.rfind(".", 0, b.start), text.rfind("\n", 0, b.start)) + 1
        before = [o for o in orgs if start <= o.start and o.end <= b.start]
        if not before or not _SUBJECT_AFTER.match(text[before[-1].end : b.start]):
            continue
        a = before[-1]
        if (as_written(a) in placed) == (as_written(b) in placed):
            continue
        one, other = (a, b) if as_written(a) in placed else (b, a)
        if placed[as_written(one)] == side:
            placed[as_written(other)] = side
            more.append((other, side, 0.5))
    return roled + more


def bought_partners(
    text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]]
) -> list[tuple[Mention, str, float]] | None:
    """Two `partner`s (of an old joint development) when the text tells an asset bought
    outright ("자산양수도계약을 체결해 ... 전체 권리를 인수"): the buyer and the seller, by the
    flows of the purchase; None when the text tells no such sale or no clear way."""
    from dari.extraction import flows_ko, roles

    if len(roled) != 2 or not flows_ko._asset_bought(text):
        return None
    marked, parties = flows_ko._marked(text, orgs)
    a, b = roles.party_ids(roled, parties)
    if a is None or b is None or a == b:
        return None
    score = flows_ko.evidence(marked, ("buy",))
    gap = score.get(a, 0.0) - score.get(b, 0.0)
    if abs(gap) < 1.0:
        return None
    seller, buyer = (roled[0][0], roled[1][0]) if gap > 0 else (roled[1][0], roled[0][0])
    return [(buyer, "acquirer", 0.5), (seller, "target", 0.5)]


# a bond bought as the price of a licence: "계약금을 현금으로 받는대신 ... 전환사채(CB)와 맞바꿨다"
_BOND = re.compile(r"전환사채|\bCB\b|신주인수권부사채|\bBW\b")
_LICENCE = re.compile(r"기술\s?이전|기술\s?수출|라이[선센]스")


def bond_licence(
    text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]]
) -> list[tuple[Mention, str, float]] | None:
    """A buyer and a bought whose purchase is a bond paid for a licence the text names: the
    licensor and the licensee, by the flows of the licence; None otherwise."""
    from dari.extraction import flows_ko, roles

    kinds = {r for _, r, _ in roled}
    if kinds != {"acquirer", "target"} or len(roled) != 2:
        return None
    if not (_BOND.search(text) and _LICENCE.search(text)):
        return None
    marked, parties = flows_ko._marked(text, orgs)
    a, b = roles.party_ids(roled, parties)
    if a is None or b is None or a == b:
        return None
    score = flows_ko.evidence(marked, ("rights", "role"))
    gap = score.get(a, 0.0) - score.get(b, 0.0)
    if abs(gap) < 1.0:
        return None
    giver, taker = (roled[0][0], roled[1][0]) if gap > 0 else (roled[1][0], roled[0][0])
    return [(giver, "licensor", 0.5), (taker, "licensee", 0.5)]
