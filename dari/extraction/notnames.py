"""Words a proposer took for a company that name none: a product named in quotes, a country,
a defined term of the contract, a word of the sentence.

Only proposed names (no graph id) are judged; a company the graph knows is never dropped here.
Plain Python over the mentions `pipeline.extract` found.
"""

from __future__ import annotations

import re

from babel import Locale

from dari.extraction.model import Mention
from dari.extraction.stopwords import KO_NOT_PARTIES

# A product, as Korean press names one: in quotes, with what it is or its ingredient in
# brackets ("'그로트로핀(성장호르몬제)'", "‘자이프렉사(성분이름 올란자핀)’"), or right after
# the kind of drug it is ("조현병 치료제 ‘자이프렉사’").
_PRODUCT_AFTER = re.compile(
    r"^[가-힣A-Za-z]{0,3}\s?[(（]\s?(?:성분|주성분|[^()（）]{0,15}?(?:제|치료제|백신|주사|정)\s?[)）])"
)
_PRODUCT_BEFORE = re.compile(
    r"(?:치료제|신약|의약품|항암제|주사제|백신|약물|제품|품목|\bdrug|\bproduct|\btreatment)\s?"
    r"[‘'\"“]$",
    re.I,
)
_QUOTE = re.compile(r"[‘'\"“]$")

# Whole names that are a place or a word of the sentence, not a company.
_EN_WORDS = {
    "agreement",
    "license",
    "licence",
    "the agreement",
    "the license",
    "company",
    "the company",
    "however",
    "meanwhile",
    "big pharma",
    "pharma",
    "biotech",
    "said",
}
_COUNTRIES = set(
    "iran iraq china japan india korea taiwan vietnam thailand indonesia malaysia singapore "
    "philippines russia turkey brazil mexico canada germany france italy spain britain "
    "switzerland israel egypt australia europe asia africa america".split()
) | {  # every country and region as CLDR names it, in English and in Korean
    name.lower()
    for language in ("en", "ko")
    for name in Locale(language).territories.values()
    if len(name) > 1
}
# a place or a kind of company said of a party, not its name: "Seoul-headquartered", "U.S.-based"
_SAID_OF = re.compile(r"-(?:headquartered|based|listed|registered)$", re.I)
# Korean words of the sentence: an amount of sales (매출액), the other party (계약상대방), a
# clause ending in a verb ("판매대행하던": "that it had been selling for", "않았"), a count
# ("8개국"), a kind of company ("유통사").
_KO_WORD = re.compile(
    r"(?:매출액|상대방|던|하는|되는|하고|았|었|했|겠)$|^\d+\s?(?:개국|개사|개|곳|건|명)$|"
    r"^(?:유통사|파트너사|제약사|협력사|고객사|자회사|계열사|관계사|이름|제3자|제삼자)$"
)


def not_a_name(text: str, m: Mention) -> bool:
    """The proposed name `m` is a product, a country or a word of the sentence."""
    if m.value[1]:
        return False
    name = m.text.strip()
    if name.lower() in _EN_WORDS or name.lower() in _COUNTRIES or _SAID_OF.search(name):
        return True
    if _KO_WORD.search(name) or name.split()[0] in KO_NOT_PARTIES:
        return True
    before = text[max(0, m.start - 12) : m.start]
    after = text[m.end : m.end + 30]
    if _QUOTE.search(before) and _PRODUCT_AFTER.match(after):
        return True
    return bool(_PRODUCT_BEFORE.search(before))


def drop(text: str, orgs: list[Mention]) -> list[Mention]:
    """`orgs` without the proposed names that name no company (every mention of a name once
    one of them shows it is a product)."""
    gone = {m.text for m in orgs if not_a_name(text, m)}
    return [m for m in orgs if m.value[1] or m.text not in gone]
