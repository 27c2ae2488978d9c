"""A Korean purchase made through a unit (issue 14, extraction round 4).

"에이치엘비는 에이치엘비USA를 통해 엘레바를 완전히 지배하게 된다", "A는 B를 통해 C를
인수한다": the company that buys through its unit stands on the unit's side (and the unit on
the company's), as the bench reads a buyer and the vehicle it buys with. `flows_ko.directed`
asks this after turning the pair.
"""

from __future__ import annotations

import re

from dari.extraction.model import Mention

_THROUGH_AFTER = re.compile(
    r"^\s?(?:을|를)\s?통(?:해|하여)\s[^.\n]{0,40}?(?:인수|매입|합병|지배|사들|취득)"
)
_SUBJECT_AFTER = re.compile(r"^(?:\s?[(（][^()（）]{0,30}[)）])?\s?(?:은|는|이|가)\s")


def _key(m: Mention) -> object:
    return m.value if m.value[1] else m.text


def through_sides(
    text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]]
) -> list[tuple[Mention, str, float]]:
    """`roled` with the subject of "A는 B를 통해 ... 인수/지배" on B's buying side, or B on
    A's, when only one of them is placed."""
    placed = {_key(m): r for m, r, _ in roled}
    more: list[tuple[Mention, str, float]] = []
    for b in orgs:
        if not _THROUGH_AFTER.match(text[b.end : b.end + 80]):
            continue
        start = max(text.rfind(".", 0, b.start), text.rfind("\n", 0, b.start)) + 1
        before = [o for o in orgs if start <= o.start and o.end <= b.start]
        if not before or not _SUBJECT_AFTER.match(text[before[-1].end : b.start]):
            continue
        a = before[-1]
        if (_key(a) in placed) == (_key(b) in placed):
            continue
        one, other = (a, b) if _key(a) in placed else (b, a)
        if placed[_key(one)] == "acquirer":
            placed[_key(other)] = "acquirer"
            more.append((other, "acquirer", 0.5))
    return roled + more
