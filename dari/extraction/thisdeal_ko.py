"""A company named as a side of "this contract" outranks one named only in background sentences
(issue 14, Korean round 6).

"이번 계약으로 Alkem사는 인도와 네팔 지역에서 ... 판매를 전적으로 담당하게 된다", "계약에 따라
X는": the company after these words is a party of the deal the text tells (80 of the training
texts' 80 such phrases name a party, but for 양사). When the rules chose instead a company that
only sentences about earlier deals name ("올 2월 중국 Luye 제약집단과 라이센싱 아웃계약을 체결한 데
이어"), the company of this contract takes its place and its role. Pure Python.
"""

from __future__ import annotations

import re
from typing import Any

from dari.extraction.model import Mention, as_written

_THIS_DEAL = re.compile(
    r"(?<![가-힣])(?:이번|이|해당)\s?계약(?:으로|에\s?따라|을\s?통해|으로써)\s?,?\s?"
    r"([가-힣A-Za-z][가-힣A-Za-z0-9&]{1,15}?)(?:\s?[(（][^()（）]{1,40}[)）])?\s?(?:사|社)?"
    r"(?:은|는|이|가)\s"
)


def _named(text: str, orgs: list[Mention], gazetteer: Any) -> Mention | None:
    """The company named as a side of this contract, a mention or one read from its slot."""
    from dari.extraction.leadpair_ko import _unknown

    match = _THIS_DEAL.search(text)
    if match is None:
        return None
    start, end = match.span(1)
    found = next((m for m in orgs if m.start == start and m.end <= end + 1), None)
    return found or _unknown(gazetteer, text, start, end, True)


def in_place(
    text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]], gazetteer: Any
) -> list[tuple[Mention, str, float]]:
    """`roled` with the company of this contract in place of one only background names."""
    from dari.extraction.flows_ko import sentence_spans
    from dari.extraction.roles import BACKGROUND

    named = _named(text, orgs, gazetteer)
    if named is None or any(as_written(m) == as_written(named) for m, _, _ in roled):
        return roled
    spans = sentence_spans(text)

    def background_only(party: Mention) -> bool:
        said = [
            text[s:e]
            for s, e in spans
            if any(s <= m.start < e and as_written(m) == as_written(party) for m in orgs + [party])
        ]
        return bool(said) and all(BACKGROUND.search(x) for x in said)

    behind = [x for x in roled if background_only(x[0])]
    if len(behind) != 1:
        return roled
    return [(named, x[1], x[2]) if x is behind[0] else x for x in roled]
