"""A party named again by a shorter form of its name: "Dong Wha" for "Dong Wha Pharmaceutical
Ind Co", "Jazz" for "Jazz Pharmaceuticals", "P&G" for "Procter & Gamble".

The short forms are the words before the corporate descriptors (Pharmaceutical, Inc., Co. ...)
and the initials of a name of two or more capitalised words. A short form that is a place or a
common word ("Korea" of "Korea Pharma", "Global") names nothing. Plain Python, no Django.
"""

from __future__ import annotations

import re

from dari.extraction.model import Mention

_DESCRIPTOR = re.compile(
    r"^(?:inc\.?|incorporated|co\.?,?|ltd\.?|limited|corporation|corp\.?|llc|ag|gmbh|plc|s\.a\.|"
    r"n\.v\.|holdings?|group|pharmaceuticals?|pharma|pharm|therapeutics|biosciences?|"
    r"biotherapeutics|biopharmaceuticals?|biopharma|biologics|biotech|bio|life|sciences?|ind\.?|"
    r"industries|industrial|laboratories|labs?|company|medicine|medical|"
    # "Basilea Pharmaceutica", "Pharmbio Korea": an ending in another language, the country
    # a company's unit serves
    r"pharmaceutica|farmaceutica|farma|healthcare|biotechnology|biomedical|diagnostics|"
    r"korea|usa|america|europe|japan|china)$",
    re.I,
)
_LEGAL = re.compile(
    r"(?:,?\s+(?:inc\.?|co\.,?\s*ltd\.?|co\.|ltd\.?|limited|corp\.?|corporation|llc|ag|gmbh|plc|"
    r"s\.a\.|n\.v\.|a/s|ab))+$",
    re.I,
)
_PLACE = re.compile(
    r"^(?:(?:south|north|the|new|global|international|united|greater|korea|korean|china|chinese|"
    r"japan|japanese|asia|asian|europe|european|america|american|us|u\.s\.|uk|india|indian|"
    r"shanghai|beijing|seoul|tokyo|hong|kong|jiangsu|zhejiang|guangzhou|shandong|sichuan|taiwan|"
    r"swiss|german|french|british|australian|canadian|first|general|advanced)\s?)+$",
    re.I,
)


def _forms(name: str) -> list[str]:
    words = name.replace(",", " ").split()
    if len(words) < 2 or re.search(r"[가-힣]", name):
        return []
    head: list[str] = []
    for w in words:
        if _DESCRIPTOR.match(w) or (w[0].islower() and w != "&"):
            break
        head.append(w)
    out = []
    # the name without its legal suffix: "Hanbit Bio" of "Hanbit Bio Co., Ltd."
    bare = _LEGAL.sub("", name).strip(" ,")
    if bare != name and len(bare.split()) >= 2:
        out.append(bare)
    short = " ".join(head)
    if 0 < len(head) < len(words) and len(short) >= 4 and not _PLACE.match(short):
        out.append(short)
    caps = [w for w in head if w == "&" or w[0].isupper()]
    initials = "".join("&" if w == "&" else w[0] for w in caps)
    if len(caps) >= 2 and len(initials.replace("&", "")) >= 2 and initials.isupper():
        out.append(initials)
    return out


def short_forms(text: str, orgs: list[Mention]) -> list[Mention]:
    """`orgs` with the other mentions of each party's short forms added (the party's key)."""
    covered = [(m.start, m.end) for m in orgs]
    keys: dict[str, Mention] = {}
    for m in orgs:
        for form in _forms(m.text):
            keys.setdefault(form, m)
    # a short form already proposed as a name of its own names the longer one
    orgs = [
        Mention(m.start, m.end, keys[m.text].text, keys[m.text].value, m.confidence)
        if m.value[1] is None and m.text in keys and keys[m.text].value[1] is None
        else m
        for m in orgs
    ]
    more = []
    for form, named in keys.items():
        for hit in re.finditer(r"(?<![\w&-])" + re.escape(form) + r"(?![\w&-])", text):
            if any(a < hit.end() and hit.start() < b for a, b in covered):
                continue
            if re.match(r"\s[A-Z]", text[hit.end() : hit.end() + 2]):
                continue  # part of a longer name: "Verdant" in "Verdant Group"
            more.append(Mention(hit.start(), hit.end(), named.text, named.value, 0.6))
            covered.append((hit.start(), hit.end()))
    return sorted(orgs + more, key=lambda m: m.start)
