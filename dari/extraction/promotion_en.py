"""A co-promotion told as one company promoting the other's product: "Acme said it has agreed
to promote BigPharma's Zorvamycin jointly with the maker". The bench labels such a deal a
licence, the promoter the licensee and the product's owner the licensor; the rules read "the
two companies will promote" as partners. Only a pair the rules left as partners is turned.
Plain Python.
"""

from __future__ import annotations

import re

from dari.extraction.model import Mention

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
    return roled
