"""English company names printed in capitals, as agreements and filings write their parties
("by and between ACME THERAPEUTICS, INC., a Delaware corporation, and KOREA DRUG CO., LTD."):
the name-finding rules expect "Acme Therapeutics, Inc." and take a capitalised defined term
("Products", "Licensed Compound") instead. A run of capitalised words ending in a corporate
suffix printed in capitals is a name; the words of the agreement's own heading before it ("BY
AND BETWEEN", "AGREEMENT") are not part of it. Each is a candidate only. Plain Python.
"""

from __future__ import annotations

import re

# a corporate suffix in capitals: ", INC.", " CO., LTD.", " LIMITED", " GMBH" ...
_SUFFIX = (
    r"(?:,?\s(?:INC\b\.?|INCORPORATED\b|CORP\b\.?|CORPORATION\b|CO\.,?\s?LTD\b\.?|"
    r"COMPANY,?\s(?:LIMITED|LTD)\b\.?|CO\b\.|LTD\b\.?|LIMITED\b|L\.?L\.?C\b\.?|GMBH\b|AG\b|"
    r"PLC\b|S\.A\.|N\.V\.|B\.V\.|K\.K\.|A/S\b|AB\b))"
)
_WORD = r"[A-Z0-9][A-Z0-9&'’-]*"
_CAPITALS = re.compile(rf"(?<![\w&'’-])((?:{_WORD}\s){{0,5}}{_WORD}){_SUFFIX}")
# no suffix, a drugmaker's ending in capitals: "J INTS BIO", "KOREA DRUG PHARM"; a name only
# where the text says it twice and writes in lower case around it (not a heading in capitals)
_ENDING = re.compile(
    rf"(?<![\w&'’-])((?:{_WORD}\s){{1,3}}(?:BIO|PHARM|PHARMA|PHARMACEUTICALS?|THERAPEUTICS|"
    rf"BIOTECH|BIOSCIENCES?|BIOLOGICS|BIOPHARMA|LABS?|HEALTHCARE))(?![\w&'’-])"
)
# one word in capitals the text describes as a company: "HIRONIC, a medical aesthetics device
# company"
_DESCRIBED = re.compile(
    r"(?<![\w&'’-])([A-Z][A-Z0-9&-]{3,})(?=,\s(?:a|an)\s(?:[\w-]+\s){0,4}(?:company|firm|"
    r"developer|maker|manufacturer|biotech|startup|drugmaker)\b)"
)
# a heading's or a clause's words before the name
_LEAD = set(
    "BY AND BETWEEN THE THIS WITH OF TO FROM FOR AMONG AGREEMENT LICENSE LICENCE EXCLUSIVE "
    "NON-EXCLUSIVE ASSIGNMENT DEVELOPMENT COLLABORATION SUPPLY DISTRIBUTION PURCHASE MERGER "
    "STOCK ASSET SHARE OPTION AMENDED RESTATED AMENDMENT NO NO. FIRST SECOND THIRD A AN IN ON "
    "AS IS BEING SUBSIDIARY CONFIDENTIAL EXHIBIT PARTY PARTIES ENTERED INTO MADE DATED "
    "EFFECTIVE WHEREAS NOW THEREFORE".split()
)


def spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each company name printed in capitals, its suffix included."""
    out: list[tuple[int, int]] = []
    for match in _CAPITALS.finditer(text):
        words = list(re.finditer(r"\S+", match.group(1)))
        keep = list(words)
        while keep and keep[0].group(0) in _LEAD:
            keep.pop(0)
        if not keep or not any(re.search(r"[A-Z]{2}", w.group(0)) for w in keep):
            continue
        if keep[-1].group(0) in _LEAD:
            continue  # "THE AGREEMENT CO." is no name
        start = match.start(1) + keep[0].start()
        out.append((start, match.end()))
    for match in _DESCRIBED.finditer(text):
        if match.group(1) not in _LEAD and not any(a <= match.start() < b for a, b in out):
            out.append(match.span(1))
    for match in _ENDING.finditer(text):
        words = list(re.finditer(r"\S+", match.group(1)))
        while words and words[0].group(0) in _LEAD:
            words.pop(0)
        if len(words) < 2 or any(a <= match.start() < b for a, b in out):
            continue
        name = match.group(1)[words[0].start() :]
        around = text[max(0, match.start() - 40) : match.end() + 40]
        if text.count(name) >= 2 and re.search(r"\b[a-z]{3,}\s[a-z]{3,}\b", around):
            out.append((match.start(1) + words[0].start(), match.end()))
    return out
