"""A parent and its unit on one side of an English deal: "HLB USA, a subsidiary of HLB, clinched
a deal to acquire Elevar", "Celltrion USA will be the acquiring entity". The rules place one
company per side; when the text ties a unit to its parent in a sentence that tells the deal,
the one of the two the rules left out joins the other's side. Plain Python over the mentions
`pipeline.extract` found and the roles the rules placed.
"""

from __future__ import annotations

import re

from dari.extraction.model import Mention, as_written

_KIND = r"(?:subsidiary|unit|affiliate|arm|division)"
# "U, a wholly owned subsidiary of P"
_UNIT_OF = re.compile(
    rf"^(?:\s\([^()]{{1,30}}\))?,\s(?:a|an|the|its)\s(?:[\w-]+\s){{0,3}}?{_KIND}\sof\s"
    r"(?:the\s)?$",
    re.I,
)
# the same with the parent's name read off the text (its mention there may have been dropped as
# no party: "subsidiary of P" names an owner)
_UNIT_OF_NAMED = re.compile(
    rf"(?:\s\([^()]{{1,30}}\))?,\s(?:a|an|the|its)\s(?:[\w-]+\s){{0,3}}?{_KIND}\sof\s"
    r"(?:the\s)?([A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,3})(?=,)",
    re.I,
)
# what the unit does in the deal
_DEAL = re.compile(
    r"\b(?:deal|agreement|contract|acquir\w*|buy|bought|purchas\w*|licen[cs]\w*|pay|paid|"
    r"pays|rights|upfront|milestone)",
    re.I,
)
# "U will be the acquiring entity", "U will be the licensee"
_ENTITY = re.compile(
    r"^,?\s(?:will|would|is to|shall)\sbe\sthe\s(?:(acquiring|buying|purchasing)\s"
    r"(?:entity|company|vehicle|party)|(licensee|licensing entity))\b",
    re.I,
)


def _sentence_has_deal(text: str, at: int) -> bool:
    start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
    stop = re.compile(r"\.\s|\n").search(text, at)
    return bool(_DEAL.search(text, start, stop.start() if stop else len(text)))


def joined(
    text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]]
) -> list[tuple[Mention, str, float]]:
    """`roled` with the parent or the unit the rules left out on the other's side."""
    role = {as_written(m): r for m, r, _ in roled}
    if len(set(role.values())) < 2:
        return roled
    more: list[tuple[Mention, str, float]] = []
    ordered = sorted(orgs, key=lambda m: m.start)

    def put(m: Mention, r: str) -> None:
        if as_written(m) not in role:
            role[as_written(m)] = r
            more.append((m, r, 0.45))

    for a, b in zip(ordered, ordered[1:], strict=False):
        between = text[a.end : b.start]
        if as_written(a) == as_written(b) or not _UNIT_OF.match(between):
            continue  # (not "an agreement with P's affiliate, U": U alone signs, or signs another)
        if not _sentence_has_deal(text, b.end):
            continue
        placed = [o for o in (a, b) if as_written(o) in role]
        if len(placed) == 1:
            put(b if placed[0] is a else a, role[as_written(placed[0])])
    for m in ordered:
        named = _UNIT_OF_NAMED.match(text, m.end)
        if named and _sentence_has_deal(text, named.end()):
            parent = next((o for o in ordered if o.text == named.group(1)), None)
            if parent is not None and as_written(parent) != as_written(m):
                if as_written(m) in role:
                    put(parent, role[as_written(m)])
                elif as_written(parent) in role:
                    put(m, role[as_written(parent)])
    for m in ordered:
        entity = _ENTITY.match(text[m.end : m.end + 60])
        if entity is None:
            continue
        wanted = "acquirer" if entity.group(1) else "licensee"
        if wanted in role.values():
            put(m, wanted)
    return roled + more
