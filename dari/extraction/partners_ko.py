"""Korean partners told by the sentence that announces the deal (issue 14, extraction round 4).

The bench's convention: when the release's announcing sentence (the first one that says
밝혔다, 발표했다, 공시했다 or 체결했다) tells a decision to develop or research together
("공동 개발하기로 했다", "함께 개발하기로"), a memorandum ("업무 협약", "MOU", "양해각서") or
an agreement ("합의서"), with no licence, no money and no purchase or investment in that
sentence, the two companies are `partner`s, though one brings the candidate, the other pays for
the trials or bought shares before. `flows_ko.directed` asks this first.
"""

from __future__ import annotations

import re

from dari.extraction.model import Mention

_DECIDED = re.compile(
    r"(?:공동\s?(?:개발|연구)|함께\s?개발)(?:하기로|키로)|업무\s?협약|\bMOU\b|양해\s?각서|"
    r"합의서"
)
_ANNOUNCES = re.compile(r"(?:밝혔|발표했|공시했|체결했)다")
# a licence, money, a purchase or an investment told in the same sentence
_ONE_WAY = re.compile(
    r"기술\s?이전|기술\s?수출|라이[선센]스|판권|판매권|실시권|\bL/O\b|도입|계약금|선급금|"
    r"업\s?프론트|마일스톤|기술료|로열티|인수|합병|투자|지분|매각|독점\S{0,4}공급|"
    r"\d\s?(?:조|억|만|천)?\s?(?:원|달러|엔|유로|위안|프랑|파운드)"
)
_SIDED = {"licensor", "licensee", "acquirer", "target", "partner"}


def announcing_sentence(text: str) -> str:
    """The first sentence that announces something, or ""."""
    from dari.extraction.flows_ko import sentence_spans

    for start, end in sentence_spans(text):
        said = text[start:end]
        if _ANNOUNCES.search(said):
            return said
    return ""


def announced(text: str, roled: list[tuple[Mention, str, float]]) -> bool:
    """Two sided parties of a deal announced as developing together or as a memorandum."""
    if len(roled) != 2 or any(r not in _SIDED for _, r, _ in roled):
        return False
    said = announcing_sentence(text)
    return (bool(_DECIDED.search(said)) and not _ONE_WAY.search(said)) or _sell_each_others(text)


# selling together, each the other's products: "각자 개발한 신약을 내세워 공동 영업·마케팅에
# 나서는", "양사가 각자의 제품을 상호 코프로모션하는" (not one company selling the other's
# product: "X의 ... 국내 공동판매 계약")
_CO_SELLING = re.compile(r"공동\s?(?:판매|영업|마케팅|프로모션)|코\s?프로모션")
_MUTUAL = re.compile(r"각자|상호|서로|쌍방")


def _sell_each_others(text: str) -> bool:
    from dari.extraction.flows_ko import sentence_spans

    return any(
        _CO_SELLING.search(text, start, end) and _MUTUAL.search(text, start, end)
        for start, end in sentence_spans(text)
    )
