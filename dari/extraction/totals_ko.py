"""The total a Korean text gives as this contract's own (issue 14, extraction round 4).

"이번 계약은 총 약 340억 원으로 ... 브라질(약 860억 원)과 멕시코(약 570억 원)을 포함해서 총
계약 규모는 1,770억원에 달한다": the amount the text calls this contract's ("이번 계약은",
"이번 계약 규모는", "이번 계약의 총 금액은") is the deal's total; a running total of several
contracts told beside it is not. `restated.tidy` asks this last.
"""

from __future__ import annotations

import re

from dari.extraction.model import Candidate
from dari.extraction.money import amounts

_THIS_CONTRACT = re.compile(
    r"이번\s?계약(?:은|의\s?(?:총\s?)?(?:규모는|금액은|규모가)|\s?규모는|\s?금액은)\s?"
    r"(?:총\s?)?(?:약\s?)?$"
)


def this_contract(text: str, cand: Candidate) -> None:
    """Put the amount called this contract's as the total, in the deal's currency."""
    if "이번" not in text:
        return
    for found in amounts(text):
        if not _THIS_CONTRACT.search(text[max(0, found.start - 30) : found.start]):
            continue
        value, currency = found.value
        if cand.fields.get("currency") not in (None, currency):
            return
        if cand.fields.get("total") != value:
            cand.put("total", value, found, confidence=0.8)
            cand.put("currency", currency, found, confidence=0.8)
        return
