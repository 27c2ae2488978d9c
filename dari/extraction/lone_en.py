"""The side of a lone party: an English text that names one company of a licence and not the
other ("we entered into a sublicense agreement with Acme (“Acme”) ... Acme has been granted an
exclusive right", a filing's "the Company entered into a licensing agreement with Acme under
which Acme will commercialize the Company's product"). The rules give a lone company the
licensor's side by default (a Korean company's release about its own export); the flows
(`flows.evidence`: who is granted, who pays, who receives) say which side it takes when they
are clear. Plain Python.
"""

from __future__ import annotations

from dari.extraction.flows import evidence
from dari.extraction.model import Mention

# a lone party has no rival for the other side: a cue of either way, even in a dated sentence
# ("In January 2012, ... Acme will commercialize the Company’s product"), says it
_MARGIN = 0.25


def directed(
    text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]]
) -> list[tuple[Mention, str, float]]:
    """`roled` with a lone licensor or licensee turned where the flows clearly say the other
    side."""
    if len(roled) != 1 or roled[0][1] not in ("licensor", "licensee"):
        return roled
    from dari.extraction import roles  # roles reads sides, sides nothing of this module

    marked, parties = roles._placeholders(text, orgs)
    index = {roles._key(m): i for i, m in enumerate(parties)}
    i = index.get(roles._key(roled[0][0]))
    if i is None:
        return roled
    score = evidence(marked).get(i, 0.0)
    if score <= -_MARGIN:
        return [(roled[0][0], "licensee", roled[0][2])]
    if score >= _MARGIN:
        return [(roled[0][0], "licensor", roled[0][2])]
    return roled
