"""Partners that are a licensor and a licensee after all. A co-promotion told as one company
promoting the other's product: "Acme said it has agreed to promote BigPharma's Zorvamycin
jointly with the maker" (the bench labels such a deal a licence, the promoter the licensee and
the product's owner the licensor); a joint development whose lead names a technology transfer
and whose technology flows one way ("a ceremony for transferring the technology of A to B").
The rules read "the two companies will promote", "joint research" as partners; only a pair
they left as partners is turned. Plain Python.
"""

from __future__ import annotations

import re

from dari.extraction.flows import evidence
from dari.extraction.model import Mention

_TRANSFER = re.compile(r"technology transfer|licen[cs]e agreement|licensing agreement", re.I)

_PROMOTES = re.compile(
    r"⟦(\d+)⟧[^⟦.;]{0,90}?\b(?:co-?promot\w*|promot(?:e|es|ed|ing)|co-?market\w*)\s+"
    r"(?:the\s+)?⟦(\d+)⟧['’]s?\s"
)


def directed(
    text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]]
) -> list[tuple[Mention, str, float]]:
    """`roled` with two partners turned licensee (the promoter) and licensor (the owner)."""
    if len(roled) != 2 or any(r != "partner" for _, r, _ in roled):
        return roled
    from dari.extraction import roles  # roles reads sides, sides nothing of this module

    marked, parties = roles._placeholders(text, orgs)
    ids = roles.party_ids(roled, parties)
    for match in _PROMOTES.finditer(marked):
        promoter, owner = int(match.group(1)), int(match.group(2))
        if {promoter, owner} == set(ids) and promoter != owner:
            return [
                (m, "licensee" if i == promoter else "licensor", c)
                for (m, _, c), i in zip(roled, ids, strict=True)
            ]
    if None in ids or not _TRANSFER.search(text.strip()[:300]):
        return roled
    score = evidence(marked, ("money", "pay", "rights"))
    a, b = (score.get(i, 0.0) for i in ids if i is not None)
    if abs(a - b) >= 0.8:
        giver = 0 if a > b else 1
        return [
            (m, "licensor" if k == giver else "licensee", c) for k, (m, _, c) in enumerate(roled)
        ]
    return roled
