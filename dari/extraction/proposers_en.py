"""English names the graph lacks, from the slots a party stands in (issue 14, unknown
companies): the subject of a deal's verb wherever a clause opens ("[Byline] Norvexa announced
on the 2nd", "Norvexa will transfer", "Norvexa is due to acquire"), a company placed by its
country ("South Korea's Norvexa and its U.S. affiliate"), the other half of a pair with a
company already found ("acquired by Norvexa and SJL Partners"), a name the text defines as
itself ("with Norvexa (“Norvexa”)").

A subject is only taken when the text treats it as a proper name: it comes back at least
twice, and at least once where a common word would be written in lower case (not opening a
sentence or a line). Each is a candidate only: the rules and the tagger decide the parties.
Plain Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from dari.extraction import academic_en, capitals_en, defined_en
from dari.extraction.model import Mention
from dari.extraction.proposers import _en_ok
from dari.extraction.slots_en import EN_NAME

_COUNTRY = (
    r"(?:South\sKorea|Korea|Japan|China|India|Germany|France|Switzerland|Israel|Britain|Italy|"
    r"Spain|Taiwan|Sweden|Denmark|Belgium|the\sNetherlands|America|Australia|Canada|Brazil|"
    r"Russia|Singapore|Ireland|Hungary|Poland|Turkey|Mexico|Argentina|Chile|Colombia|Vietnam|"
    r"Thailand|Indonesia|Malaysia|the\sPhilippines|Egypt|Austria|Finland|Norway|Portugal|Greece|"
    r"Hong\sKong|New\sZealand|South\sAfrica|Saudi\sArabia|the\sU\.?S\.?|the\sU\.?K\.?)"
)
_OPENS = (
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=\n)|(?<=\]\s)|(?<=[”\"’]\s)|(?<=--\s)|(?<=\s-\s)|"
    r"(?<=\bthat\s)|(?<=\bafter\s)|(?<=\bwhen\s)|(?<=\bwhile\s)|(?<=\bas\s)|(?<=\bsince\s)|"
    r"(?<=\bbecause\s)|(?<=\band\s)|(?<=\bbut\s)|(?<=,\s))"
)
_VERB = (
    r"(?:announced|said|says|signed|signs|inked|inks|entered|enters|agreed|agrees|reached|"
    r"reaches|struck|secured|secures|obtained|obtains|acquired|acquires|bought|buys|"
    r"transferred|transfers|reported|received|receives|paid|pays|gained|gains|completed|"
    r"decided|licensed|licenses|exported|exports|sold|sells|"
    r"(?:will|would|is\sto|is\s(?:due|set|scheduled|expected|poised|slated)\sto|plans\sto|"
    r"intends\sto|aims\sto|agreed\sto|has\sagreed\sto)\s(?!be\b|have\sbeen\b)[a-z]+|"
    r"(?:has|have|had)\s(?!been\b)[a-z]+ed\b|(?:has|have)\sbeen\s[a-z]{3,}ing\b)"
)
# what may stand between a subject and its verb: its Hangul spelling, a ticker or former
# name in brackets, "of Korea", an appositive ("Norvexa, a Korean biosimilar maker,"), an adverb
_BETWEEN = (
    r"(?:\s?[가-힣][가-힣A-Za-z]{0,10})?"  # the name in Hangul too: "Norvexa 노벡사 signed"
    r"(?:\s?\([^()]{1,40}\)){0,2}"
    r"(?:,\s(?:of|in)\s[A-Z][\w\s,.]{0,40}?,|,\s(?:a|an|the)\s[^,.;()]{3,60},)?,?\s+"
    r"(?:today\s|also\s|[a-z]{3,}ly\s)?"
)
_SUBJECT = re.compile(
    _OPENS + r"(?:(?:" + _COUNTRY + r")['’]s\s+)?" + EN_NAME + r"(?=" + _BETWEEN + _VERB + r")"
)
# "TissueGene's Asia licensee, Norvexa of Korea", "its American half parent Norvexa"
_ROLE_NOUN = re.compile(
    r"\b(?:licensee|licensor|partner|distributor|acquirer|buyer|parent|joint\sventure|"
    r"affiliate|subsidiary)s?,?\s+(?:company\s)?"
    + EN_NAME
    + r"(?=\s(?:of|in|from)\s[A-Z]|\s?\(|,|\s(?:and|has|have|had|is|was|will|would|signed|"
    r"agreed|announced|entered|under|which|that)\b)"
)
# "South Korea's Norvexa and its U.S. affiliate", "Japan's Norvexa (KRX: 001060)"
_PLACED = re.compile(
    r"\b" + _COUNTRY + r"['’]s\s+" + EN_NAME + r"(?=\s(?:and|has|have|had|is|was|will|would|in|to|"
    r"for)\b|"
    r"\s?\(|,)"
)
# a party as a contract or a filing places it: "between Norvexa, a corporation organized and
# existing under the laws of ...", "Norvexa, of Kyungkido, South Korea, and", a listed company's
# ticker after it ("Norvexa (KRX: 001060)", "Norvexa's (NVXA) inhibitors")
_SEATED = re.compile(
    r"\b"
    + EN_NAME
    + r"(?=,\s(?:a|an)\s(?:[\w-]+\s){0,3}?(?:corporation|company)\s(?:duly\s)?(?:organi[sz]ed|"
    r"incorporated|existing)\b|,\s(?:of|in)\s[A-Z][\w-]*(?:\s[A-Z][\w-]*)?,\s(?:the\sRepublic\sof\s"
    r"Korea|" + _COUNTRY + r")\b|(?:['’]s)?\s?\((?:KRX|KOSDAQ|KOSPI|KQ|KS|NASDAQ|Nasdaq|NYSE|TSE|"
    r"SEHK|HKEX|SSE|SZSE|TWSE|ASX|LSE|SIX)\s?:\s?[A-Z0-9.]{2,8}\)|['’]s\s\([A-Z]{3,5}\))"
)
# a name opening a clause and defining its short form in brackets: "Norvexa (HBM), a global
# ...", "Norvexa (Osaka, Japan; President, ...; 'ONO') today announced", "Norvexa (“RSG”)"
_SHORT_GIVEN = re.compile(
    _OPENS
    + EN_NAME
    + r"\s?\((?:[^()]{0,160}?[;,]\s?)?[\"“‘']?([A-Z][A-Z0-9&-]{1,5})[\"”’']?\)(?=,|\s[a-z])"
)
_PAIR = re.compile(
    r"\b(?:by|between|with|from|of)\s+(?:the\s)?"
    + EN_NAME
    + r"(?:\s\([^()]{1,30}\))?\s(?:and|&)\s(?:the\s)?"
    + EN_NAME
    + r"(?![\w-])"
)
# an industry ending the gazetteer's corporate endings lack: "Quintara Technologies",
# "Norvexa Biotech", "Daon Chemicals", "Velmora Medicines" (not a body's name running on:
# "European Medicines Agency", "Korea Health Industry Development Institute")
_ENDING = re.compile(
    r"(?<![\w&.-])((?:[A-Z][\w&'-]*\s){1,2}(?:Technologies|Biotech|Biotechnology|Chemicals?|"
    r"Medicines|Biosolutions|Biomedical|Diagnostics|Genetics|Biosystems|Biologika|Healthcare))"
    r"(?![\w-])(?!,?\s(?:Agency|Association|Institute|Council|Society|Federation|Industry|"
    r"Foundation|Forum|Service|Ministry|[A-Z]))"
)
# a pair that opens a clause: "Samsung Biologics and Norvexa are reportedly dissolving",
# "Norvexa and BigPharma announced"
_PAIR_OPENS = re.compile(
    _OPENS
    + EN_NAME
    # "Norvexa and its U.S. partner BigPharma have licensed"
    + r"\s(?:and|&)\s(?:its\s(?:[\w.-]+\s){0,2}?(?:partner|subsidiary|affiliate|unit)\s)?"
    + EN_NAME
    + r"(?=(?:\s?\([^()]{1,40}\))?,?\s+(?:(?:are|were|have|has|jointly|together|today|"
    r"reportedly|[a-z]{3,}ly)\s)?(?:" + _VERB + r"|are\b|were\b|have\b))"
)
# a pair named after its kind: "Korean firms Norvexa and SCM Life science announced"
_KIND_PAIR = re.compile(
    r"\b(?:firms|companies|biotechs|drugmakers|pharmaceutical\scompanies|partners)\s+"
    + EN_NAME
    + r"\s(?:and|&)\s"
    + EN_NAME
    + r"(?![\w-])"
)
_DEFINED = re.compile(r"\b([A-Z][\w&-]{2,})\s\(\s?(?:the\s)?[\"“‘']([A-Z][\w&-]{2,})[\"”’']\s?\)")
# a drug, not a company: "Rivoceranib will", "Fexuprazan was"
_DRUG = re.compile(
    r"(?:mab|nib|lib|parib|stat|vir|tide|cept|pril|sartan|olol|azole|prazan|mide|mycin|cillin|"
    r"vec|leucel|umab|ximab|zumab|tinib|ciclib|glutide|gliflozin|gliptin)$",
    re.I,
)


def _proper(text: str, name: str) -> bool:
    """The text writes the name as a name: twice or more, once at least mid-sentence."""
    # (its Hangul spelling may follow it unspaced: "Norvexa노벡사")
    spots = [
        m.start() for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![A-Za-z0-9_-])", text)
    ]
    mid = [
        at
        for at in spots
        if at > 0 and not re.search(r"(?:^|[.!?:\n\]\"“”]\s*)$", text[max(0, at - 3) : at])
    ]
    return len(spots) >= 2 and bool(mid)


def _ok(name: str) -> bool:
    return len(name) >= 3 and _en_ok(name) and not (" " not in name and _DRUG.search(name))


def propose(gazetteer: Any, text: str, known: list[Mention]) -> Iterator[Mention]:
    """Candidates from the slots above; value ("organization", id or None)."""
    spans: list[tuple[int, int]] = []
    for match in _SUBJECT.finditer(text):
        name = match.group(1)
        # a name given with a ticker or a former name in brackets is a name even once
        bracketed = text.startswith("(", match.end(1)) or text.startswith(" (", match.end(1))
        if _ok(name) and (_proper(text, name) or bracketed):
            spans.append(match.span(1))
    for match in _ENDING.finditer(text):
        words = match.group(1).split()
        if _en_ok(" ".join(words[:-1])) and words[0] not in ("The", "A", "An", "Its", "Our"):
            spans.append(match.span(1))
    for match in _ROLE_NOUN.finditer(text):
        if _ok(match.group(1)):
            spans.append(match.span(1))
    for match in [*_PLACED.finditer(text), *_SEATED.finditer(text)]:
        if _ok(match.group(1)):
            spans.append(match.span(1))
    for match in _KIND_PAIR.finditer(text):
        spans += [sp for sp in (match.span(1), match.span(2)) if _ok(text[sp[0] : sp[1]])]
    for match in [*_PAIR.finditer(text), *_PAIR_OPENS.finditer(text)]:
        one, two = match.span(1), match.span(2)
        found = [any(m.start <= sp[0] < m.end for m in known) for sp in (one, two)]
        for sp, other_found in ((one, found[1]), (two, found[0])):
            if other_found and not any(m.start <= sp[0] < m.end for m in known):
                if _ok(text[sp[0] : sp[1]]):
                    spans.append(sp)
    for match in _SHORT_GIVEN.finditer(text):
        initials = "".join(w[0] for w in re.split(r"[\s-]+", match.group(1)) if w).upper()
        if _ok(match.group(1)) and not initials.startswith(match.group(2)[:2]):
            spans.append(match.span(1))  # not a term's own initials: "Antibody Drug (AD)"
    for match in _DEFINED.finditer(text):
        if match.group(1) == match.group(2) and _ok(match.group(1)):
            spans.append(match.span(1))
    spans += capitals_en.spans(text)  # "ACME THERAPEUTICS, INC." as agreements print it
    spans += academic_en.spans(text, known)  # "A and the University of Utah announced"
    taken = list(known)
    new: list[Mention] = []
    for span in sorted(set(spans)):
        based = re.match(r"[\w.-]+-based\s", text[span[0] : span[1]])  # "Japan-based X"
        span = (span[0] + based.end(), span[1]) if based else span
        mention = gazetteer._new(text, span, taken)
        if mention is not None:
            taken.append(mention)
            new.append(mention)
            yield mention
    for name in {m.text for m in new if m.value[1] is None}:
        for match in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
            if not any(m.start <= match.start() < m.end for m in taken):
                mention = Mention(match.start(), match.end(), name, ("organization", None), 0.55)
                taken.append(mention)
                yield mention
    # "RX3 PHARMACEUTICALS, INC., a California corporation, ... (“Rx3”)": "Rx3" names it
    yield from defined_en.mentions(text, taken)
