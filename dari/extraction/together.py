"""Who the two sides of an English deal are when the text tells them together: the
founders of a joint venture or two companies developing together are `partner`s (the bench's
labelling convention: no money and no rights flow one way between them), and "an agreement
between A and B" in a release's lead names the two sides whoever announces it. Reads the
flows of `flows.py`. Pure Python.
"""

from __future__ import annotations

import re

from dari.extraction.flows import flowless, sentence_spans
from dari.extraction.model import Mention
from dari.extraction.partners_en import reciprocal as reciprocal
from dari.extraction.signing_en import put_in, signed

P = r"⟦(\d+)⟧"

# the deal's two sides named by the one who announces it: "TissueGene announced an agreement
# between Mitsubishi Tanabe and TissueGene's Asia licensee, Kolon Life Science"
_BETWEEN = re.compile(
    rf"\b(?:agreement|deal|contract|partnership|collaboration|alliance|transaction)\s+"
    rf"between\s+(?:[\w’'.,-]+\s+){{0,3}}?{P}[^⟦.]{{0,80}}?\s(?:and|&)\s+"
    rf"(?:⟦\d+⟧['’]s\s+)?(?:[\w’'.,-]+\s+){{0,4}}?{P}",
    re.I,
)


def between(
    text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]]
) -> list[tuple[Mention, str, float]]:
    """The two sides of the lead's "agreement between A and B", then of the text's signing
    sentences ("A signed ... agreement with B", `signing_en`), in the rules' places."""
    return signed(text, orgs, _between(text, orgs, roled))


def _between(
    text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]]
) -> list[tuple[Mention, str, float]]:
    """The two sides a text's lead names as "an agreement between A and B": a third company
    the rules placed (the announcer, a licensor's licensor) gives its place to the one left
    out."""
    if len(roled) != 2:
        return roled
    from dari.extraction import roles

    marked, parties = roles._placeholders(text, orgs)
    match = _BETWEEN.search(marked[:700])
    if match is None or match.group(1) == match.group(2):
        return roled
    return put_in(roled, parties, {int(match.group(1)), int(match.group(2))})


# a deal of two partners: developing together or founding a joint venture together
_TOGETHER = re.compile(
    r"co-?develop|co-?research|joint(?:ly)? (?:develop|research|discover|stud)\w*|"
    r"(?:research|development) (?:collaboration|partnership|cooperation)|collaborative research|"
    r"collaborat\w* to (?:jointly )?(?:develop|research|discover|explore|study)|"
    r"strategic alliance|work(?:s|ed|ing)? together|joint[- ]venture|\bJV\b|"
    r"jointly (?:establish|set up|found|form)",
    re.I,
)
_FOUNDED = re.compile(
    r"(?:form|establish|set(?:ting)? up|launch|creat|found|build)\w*\s+(?:an?\s+|the\s+)?"
    r"(?:[\w:-]+\s+){0,3}?(?:joint[- ]venture|JV)\b|"
    r"(?:joint[- ]venture|JV)\s+(?:company\s+|firm\s+)?(?:between|with)\b|"
    r"\b50[:-]50\s+(?:joint[- ]venture|JV)\b|"
    r"\b(?:in|through|via|into)\s+(?:a|an|the)\s+(?:new\s+)?(?:joint[- ]venture|JV)\b|"
    # "A and B have jointly established a new company dedicated to ..."
    r"\bjointly\s+(?:establish|set up|found|launch|creat|form)\w*\s+(?:a|an)\s+(?:new\s+)?"
    r"(?:company|firm|entity|venture|corporation)\b",
    re.I,
)
_LICENSED = re.compile(r"(?<!sub)licen[cs]|technology transfer|\brights\b", re.I)
_LATER = re.compile(
    r"first negotiation|right of first|\boption\b|\bJV\b|joint[- ]venture|venture|"
    r"\bif either\b|\beither (?:company|party)\b|\b(?:the|whichever) (?:party|company) that\b|"
    r"\bpriority rights?\b",  # rights to no named side: "if either company licenses in"
    re.I,
)


_EARLIER = re.compile(r"\b(?:builds? on|a series of|follows?|previous(?:ly)?|earlier)\b", re.I)
_PRIORITY = re.compile(r"\bpriority rights?\b", re.I)
_PAST = re.compile(r"\b(?:previous|former|earlier|exited|prior|existing)\b", re.I)


def founded(text: str) -> bool:
    """The text opens on a joint venture founded (not an earlier one named in passing)."""
    lead = text.strip()[:400]
    return any(
        _FOUNDED.search(lead, start, end) and not _PAST.search(lead, start, end)
        for start, end in sentence_spans(lead)
    )


def partners(text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]]) -> bool:
    """Bench convention for `partner`: the founders of a joint venture, or two companies
    developing together when no money and no rights flow one way between them (a licence
    only for later, "an option to license", "if either company licenses in", or to the joint
    venture, is no flow; nor is a sublicence to a third party). Partners told by words for
    both sides (`reciprocal`, re-exported here) the pipeline asks first, even after a
    purchase told in the background."""
    if len(roled) != 2 or not _TOGETHER.search(text):
        return False
    if founded(text):  # the deal the text opens with, no earlier one
        return True
    from dari.extraction import roles

    marked, parties = roles._placeholders(text, orgs)
    ids = roles.party_ids(roled, parties)
    marked = _PRIORITY.sub("priority", marked)  # a first pick, no rights handed over
    if None in ids or not flowless(marked, [i for i in ids if i is not None]):
        return False
    for match in _LICENSED.finditer(text):
        start = max(text.rfind(". ", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
        if _EARLIER.search(text, start, match.start()):
            continue  # "This research builds on a series of A's partnerships, including the
            # in-licensing of a compound": an earlier deal's licence
        if not _LATER.search(text, max(0, match.start() - 100), match.end() + 40):
            return False
    return True
