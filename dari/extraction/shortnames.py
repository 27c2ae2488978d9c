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
    r"tianjin|hangzhou|suzhou|shenzhen|wuhan|chongqing|nanjing|osaka|"
    r"swiss|german|french|british|australian|canadian|first|general|advanced)\s?)+$",
    re.I,
)


# a Korean name's last word that says what kind of company it is: "트리거 테라퓨틱스" is
# "트리거" named again (issue 14, extraction round 5)
_KO_DESCRIPTOR = re.compile(
    r"^(?:테라퓨틱스|파마슈티컬스?|바이오사이언스|바이오로직스|바이오텍|바이오|파마|제약|사이언스|"
    r"캐피탈|홀딩스|그룹|코리아|헬스케어|메디신스?|랩스?|테크놀로지스?)$"
)
_KO_PLACE = re.compile(r"^(?:한국|미국|중국|일본|독일|영국|프랑스|스위스|글로벌|국내|해외)$")
# the particle or the mark after a Korean name
_KO_AFTER = (
    r"(?=(?:사|측)?(?:은|는|이|가|을|를|의|와|과|에게|에|로부터|으로|로|도|\s|[,.)'’\"”])|$)"
)


def _ko_forms(name: str) -> list[str]:
    words = name.split()
    if len(words) < 2 or not _KO_DESCRIPTOR.match(words[-1]):
        return []
    short = " ".join(words[:-1])
    return [short] if len(short) >= 2 and not _KO_PLACE.match(short) else []


def _forms(name: str) -> list[str]:
    words = name.replace(",", " ").split()
    if re.search(r"[가-힣]", name):
        return _ko_forms(name)
    if len(words) < 2:
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
    # the name without the city or country it opens on: "Chemo Wanbang" of "Shanghai Chemo
    # Wanbang Biopharma"
    rest = list(head)
    while rest and _PLACE.match(rest[0]):
        rest.pop(0)
    if rest and len(rest) < len(head) and len(" ".join(rest)) >= 4 and rest[0][0].isupper():
        out.append(" ".join(rest))
    caps = [w for w in head if w == "&" or w[0].isupper()]
    initials = "".join("&" if w == "&" else w[0] for w in caps)
    if len(caps) >= 2 and len(initials.replace("&", "")) >= 2 and initials.isupper():
        out.append(initials)
    # the initials of the whole name, its ending and a word in capitals included: "JWP" of "JW
    # Pharmaceutical", "KRICT" of "Korea Research Institute of Chemical Technology"
    bare_words = _LEGAL.sub("", name).replace(",", " ").split()
    whole = "".join(w if w.isupper() else w[0] for w in bare_words if w[0].isupper())
    if len(whole) >= 3 and whole.isalpha() and whole.isupper() and whole not in out:
        out.append(whole)
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
        korean = bool(re.search(r"[가-힣]", form))
        around = (
            (r"(?<![가-힣A-Za-z0-9])", _KO_AFTER) if korean else (r"(?<![\w&-])", r"(?![\w&-])")
        )
        for hit in re.finditer(around[0] + re.escape(form) + around[1], text):
            if any(a < hit.end() and hit.start() < b for a, b in covered):
                continue
            if re.match(r"\s[A-Z]", text[hit.end() : hit.end() + 2]):
                continue  # part of a longer name: "Verdant" in "Verdant Group"
            more.append(Mention(hit.start(), hit.end(), named.text, named.value, 0.6))
            covered.append((hit.start(), hit.end()))
    return sorted(orgs + more, key=lambda m: m.start)
