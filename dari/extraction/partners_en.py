"""Two English partners working together, told by the words for both of them: "the two
companies will ...", "both parties", "jointly", "a mutual cooperation agreement", "an MOU".

The bench labels such a deal `partner` for both sides when nothing is handed from one to the
other now. The words for a hand-over (a licence, rights, a sale, a payment, a purchase) are
read only in the sentences of this deal: a sentence that names a company other than the two
sides, or opens on an earlier year ("In 2020, A acquired ..."), tells another deal, and one
that speaks of plans or of later ("plans to license out ... after the trials") hands nothing
over now. Any money stated in the deal's own sentences is a flow (in a sentence
that names a side or speaks of a deal or a payment; not a market's size). Pure Python.
"""

from __future__ import annotations

import re

from dari.extraction.flows import BACKGROUND_EN, flowless, sentence_spans
from dari.extraction.model import Mention

# words for both sides at once
_RECIPROCAL = re.compile(
    r"\b(?:both|the two) (?:companies|firms|parties|sides|organi[sz]ations|institutions|"
    r"drugmakers|partners)\b|\bjointly\b|\bmutual(?:ly)?\b|"
    r"\bjoint (?:research|development|committee|steering)|"
    r"\b(?:cooperation|cooperative|collaboration|business) (?:agreement|accord|pact)\b|"
    r"\bMOU\b|\bmemorandum of understanding\b|\bco-?develop|\b(?:have|has) partnered\b",
    re.I,
)
# something handed from one side to the other, or bought
_HANDED = re.compile(
    r"licen[cs]|technology transfer|\brights?\b|\bupfront\b|\bmilestones?\b|\broyalt|"
    r"\bacquir(?:e|es|ed|ing)\b|\bacquisition of\b|\bpurchas|\bdistribut(?:e|es|ed|ing|ion "
    r"(?:rights|agreement|deal))\b|\bdistributor|\bsuppl(?:y|ies|ied)\b|\bsell\b|\bsales\b|"
    r"\bexclusive|commerciali[sz]ation (?:agreement|deal|rights)|"
    r"\b(?:co-)?promot\w*\s+⟦\d+⟧['’]s\b|"  # "to promote B's Ebixa": B's product
    r"\bprovid\w*\s+[^.⟦]{0,60}?\b(?:technolog|platform)",  # one side's technology
    re.I,
)
# the sentence speaks of plans or of later, not of what the deal hands over now
_NOT_NOW = re.compile(
    r"\bplans?\b|\bplanned\b|\bfuture\b|\bpotential(?:ly)?\b|\blater\b|\boption\b|"
    r"first negotiation|right of first|(?-i:\bmay\b)|\bcould\b|\bif\b|\bjointly own|"
    r"\bjoint[- ]venture\b",
    re.I,
)
# a hand-over from or to a company not among the sides: "received technology transfer from
# GCLTEC, a subsidiary of A"
_ELSEWHERE = re.compile(
    r"\b(?:received|obtained|acquired|licensed|in-licensed)\b[^⟦.]{0,80}?\bfrom\s+(?!⟦)[A-Z]"
)
_DEAL_MONEY = re.compile(
    r"agreement|\bdeal\b|contract|upfront|up-front|milestone|payment|royalt|\bfees?\b|invest|"
    r"\bpa(?:y|id|ys)\b|\bworth\b|valued",
    re.I,
)
_MONEY = re.compile(
    r"[$€£¥₩]|\b(?:USD|KRW|EUR|JPY|million|billion|trillion|won|yen|dollars?)\b", re.I
)


def reciprocal(text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]]) -> bool:
    """True when the two `roled` sides are partners: the text speaks of both of them at once,
    and its own sentences state no money and hand nothing over now (no flow between them)."""
    if len(roled) != 2 or not _RECIPROCAL.search(text):
        return False
    from dari.extraction import roles

    marked, parties = roles._placeholders(text, orgs)
    ids = roles.party_ids(roled, parties)
    if None in ids or ids[0] == ids[1]:
        return False
    sides = {f"⟦{i}⟧" for i in ids}
    own = []
    for start, end in sentence_spans(marked):
        sentence = marked[start:end]
        if set(re.findall(r"⟦\d+⟧", sentence)) - sides or BACKGROUND_EN.search(sentence.strip()):
            continue  # another deal's sentence
        own.append(sentence)
    if not any(_RECIPROCAL.search(s) for s in own):
        return False
    now = [s for s in own if not _NOT_NOW.search(s)]
    for sentence in own:
        if _MONEY.search(sentence) and ("⟦" in sentence or _DEAL_MONEY.search(sentence)):
            return False  # (not a market's size told apart: "a market which amounts to ...")
    for sentence in now:
        if _HANDED.search(sentence) and not _ELSEWHERE.search(sentence):
            return False
    return flowless("\n".join(now), [i for i in ids if i is not None])
