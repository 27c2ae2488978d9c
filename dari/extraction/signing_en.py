"""The two sides of an English deal named by its signing sentence: "A (announced that it) has
signed an exclusive licence agreement with B", "A and B entered into a collaboration".

A sentence that tells a signing names both sides of a deal. When the text's signing
sentences all name the same two companies, and the rules placed only one of them (the other
place taken by a company of the background: a rival, the maker of the drug, a parent), the
one left out takes the other's place and role. A sentence that opens on an earlier time ("In
2013, ...", "Previously"), or dates its signing to a year while another signing sentence does
not, tells another deal. Pure Python.
"""

from __future__ import annotations

import re

from dari.extraction.flows import BACKGROUND_EN, sentence_spans
from dari.extraction.model import Mention

P = r"⟦(\d+)⟧"
_SIGNED = r"(?:signed|entered(?:\s+into)?|inked|concluded|struck|sealed|reached|clinched|executed)"
_DEAL = r"(?:agreement|deal|contract|pact|partnership|alliance|collaboration|accord|MOU)"
_SIGNING = re.compile(
    # "A ... has signed a global license agreement with (U.S.-based company) B"
    rf"{P}[^⟦.;]{{0,120}}?\b{_SIGNED}\s+(?:an?|the|its|two|new)?\s*[^⟦.;]{{0,80}}?\b{_DEAL}s?"
    rf"\b[^⟦.;]{{0,60}}?\bwith\s+(?:[^⟦.;]{{0,60}}?\s)?{P}|"
    # "A and B (have) signed / entered into a ... agreement"
    rf"{P}\s+and\s+{P}[^⟦.;]{{0,40}}?\b{_SIGNED}\b[^⟦.;]{{0,80}}?\b{_DEAL}",
    re.I,
)
# an earlier signing: "B had previously signed a contract with C", "In October, A signed"
_EARLIER = re.compile(
    rf"\b(?:previously|earlier|formerly|once)\s+(?:\w+\s+)?{_SIGNED}\b|"
    rf"\bhad\s+(?:previously|earlier|already|once)\s+{_SIGNED}\b|"
    r"^\W*In\s+(?:early\s+|late\s+|mid-)?(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b",
    re.I,
)
_HELD = re.compile(r"\bown(?:s|ed|er)?\b|\bstake\b|\bshares\b|takeover|\bacquir|\bpurchas", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def pair(marked: str) -> set[int] | None:
    """The two parties every signing sentence of `marked` names, or None (no such sentence,
    or sentences naming different pairs)."""
    found: list[tuple[set[int], bool]] = []
    for start, end in sentence_spans(marked):
        sentence = marked[start:end]
        if BACKGROUND_EN.search(sentence.strip()) or _EARLIER.search(sentence):
            continue  # an earlier deal's sentence
        for match in _SIGNING.finditer(sentence):
            a, b = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
            if "⟦" in sentence[match.end() :] and _HELD.search(sentence):
                continue  # signed with the holder of a third company: "... that owns C"
            if a != b:
                found.append(({int(a), int(b)}, bool(_YEAR.search(sentence))))
    if any(not dated for _, dated in found):
        found = [f for f in found if not f[1]]
    pairs = {frozenset(p) for p, _ in found}
    return set(next(iter(pairs))) if len(pairs) == 1 else None


def signed(
    text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]]
) -> list[tuple[Mention, str, float]]:
    """`roled` with the one side its signing sentences name and the rules left out put in
    the place of the side they name nowhere."""
    if len(roled) != 2:
        return roled
    from dari.extraction import roles

    marked, parties = roles._placeholders(text, orgs)
    sides = pair(marked)
    return roled if sides is None else put_in(roled, parties, sides)


def put_in(
    roled: list[tuple[Mention, str, float]], parties: list[Mention], sides: set[int]
) -> list[tuple[Mention, str, float]]:
    """`roled` with the one of the two `sides` (indexes of `parties`, the placeholders'
    companies) that the rules left out put in the place of the company outside them, when
    the rules placed exactly one of the sides; otherwise `roled` as it is."""
    from dari.extraction import roles

    placed = roles.party_ids(roled, parties)
    inside = [i for i in placed if i in sides]
    if len(inside) != 1:
        return roled
    (missing,) = sides - set(inside)
    return [
        (m, r, c) if i in sides else (parties[missing], r, 0.5)
        for (m, r, c), i in zip(roled, placed, strict=True)
    ]
