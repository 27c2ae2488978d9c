"""Universities, hospitals and research institutes as deal parties (English): "SCM Lifescience
and the University of Utah announced a collaborative research agreement", "a technology
transfer contract between Samsung Medical Center and Acme", "an agreement with Zorvex
University". Such a body has no corporate suffix, so the company proposers miss it. One is a
candidate only where the text puts it in the deal's own phrase: named beside a company already
found ("A and B", "between A and B") or as the other side of an agreement ("an agreement with
B", "B has signed"); a professor's chair or a trial's site ("Professor X at Y University", "at
Y Hospital") is no party. Plain Python.
"""

from __future__ import annotations

import re

from dari.extraction.model import Mention

_CAP = r"[A-Z][\w'’&.-]*"
_BODY = re.compile(
    rf"\b((?:the\s)?University\sof\s(?:{_CAP}\s){{0,2}}{_CAP}|"
    rf"(?:{_CAP}\s){{1,4}}(?:University|Medical\sCent(?:er|re)|Cancer\sCent(?:er|re)|"
    rf"Hospital|Research\sInstitute|Institute\sof\s(?:{_CAP}\s){{0,2}}{_CAP}|"
    rf"Medical\sSchool|School\sof\sMedicine|Research\sCent(?:er|re)))\b"
)
# an institute known by its initials: "the KRICT will transfer all of the patents"
_ACRONYM = re.compile(r"(?<![\w&.-])(?:the\s)?([A-Z]{3,6})(?![\w&-])")
_NOT_ACRONYM = set(
    "FDA EMA MFDS CEO CFO CTO USD KRW EUR GBP JPY CNY RMB NASDAQ KOSDAQ KOSPI NYSE API GMP IND "
    "NDA BLA ADC CAR NK DNA RNA MRNA LLC INC LTD PLC USA EU UK WHO IPO MOU COVID NSCLC CEO R&D "
    "AND THE FOR".split()
)
_PAIRED_BEFORE = re.compile(r"(?:\band|\bbetween|&)\s(?:the\s)?$")
_PAIRED_AFTER = re.compile(r"^(?:\s\([^()]{1,20}\))?,?\s(?:and|&)\s")
_AGREEMENT_BEFORE = re.compile(
    r"\b(?:agreements?|contracts?|collaborations?|partnerships?|alliances?|deals?|licen[cs]e)\s"
    r"(?:\w+\s){0,2}?with\s(?:the\s)?$|\b(?:licensed|licenses|licensing|in-licensed)\s"
    r"(?:[\w-]+\s){0,4}?from\s(?:the\s)?$",
    re.I,
)
_ACTS_AFTER = re.compile(
    r"^(?:\s\([^()]{1,20}\))?,?\s(?:has\s|have\s|will\s)?(?:signed|entered|announced|agreed|"
    r"transfer(?:s|red)?|licen[cs]e[sd]?|grant(?:s|ed)?)\b"
)
_NOT_PARTY_BEFORE = re.compile(
    r"\b(?:at|in|from|of|professor|researchers?|scientists?|doctors?|hospitals?)\s(?:the\s)?$",
    re.I,
)
_LEAD = re.compile(r"^(?:(?:the|The|A|An|And|Between|With|At|In|Of)\s)+")
# a headline's title-case words after the name: "University of Utah Announce Multi-Year ..."
_TITLE_WORDS = re.compile(
    r"\s(?:Announces?|Signs?|Enters?|Inks?|Partners?|Collaborates?|Agrees?|Licenses?|To|For|"
    r"And|In|On|With|Launch(?:es)?|Forms?|Expands?)\b.*$"
)


def spans(text: str, known: list[Mention]) -> list[tuple[int, int]]:
    """(start, end) of each university, hospital or institute the deal's own phrase names."""
    out: list[tuple[int, int]] = []
    for match in _ACRONYM.finditer(text):
        start, end = match.span(1)
        name = match.group(1)
        if name in _NOT_ACRONYM or any(m.start <= start < m.end for m in known):
            continue
        if len(re.findall(rf"(?<![\w&.-]){name}(?![\w&-])", text)) < 2:
            continue
        # an institute is "the KRICT"; "(RPE)", "(“KDP”)" abbreviate a term or define a name
        if not match.group(0).startswith("the ") or re.search(rf"\([“\"']?{name}\b", text):
            continue
        before, after = text[max(0, start - 60) : start], text[end : end + 60]
        if _ACTS_AFTER.match(after) or re.search(r"\bwith\s(?:the\s)?$", before):
            out.append((start, end))
    for match in _BODY.finditer(text):
        start, end = match.span(1)
        cut = _TITLE_WORDS.search(match.group(1))
        end = start + cut.start() if cut else end
        lead = _LEAD.match(match.group(1))
        if lead:
            start += lead.end()
        if end - start < 6 or any(m.start <= start < m.end for m in known):
            continue
        before, after = text[max(0, start - 60) : start], text[end : end + 60]
        next_org = [m for m in known if m.start >= end and m.start - end <= 40]
        prev_org = [m for m in known if m.end <= start and start - m.end <= 40]
        paired = (prev_org and _PAIRED_BEFORE.search(before)) or (
            next_org and _PAIRED_AFTER.match(after)
        )
        if paired or _AGREEMENT_BEFORE.search(before) or _ACTS_AFTER.match(after):
            if not paired and _NOT_PARTY_BEFORE.search(before):
                continue
            out.append((start, end))
    return out
