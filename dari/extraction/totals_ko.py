"""The total a Korean text gives as this contract's own (issue 14, extraction round 4).

"이번 계약은 총 약 340억 원으로 ... 브라질(약 860억 원)과 멕시코(약 570억 원)을 포함해서 총
계약 규모는 1,770억원에 달한다": the amount the text calls this contract's ("이번 계약은",
"이번 계약 규모는", "이번 계약의 총 금액은") is the deal's total; a running total of several
contracts told beside it is not. Failing that, a sum whose parts the text lists next ("총 4220만
달러로 이중 올해 선급금 220만달러") is the total, not the milestones. `restated.tidy` asks
this last.
"""

from __future__ import annotations

import re

from dari.extraction.model import Candidate
from dari.extraction.money import amounts

_THIS_CONTRACT = re.compile(
    r"이번\s?계약(?:은|의\s?(?:총\s?)?(?:규모는|금액은|규모가)|\s?규모는|\s?금액은)\s?"
    r"(?:총\s?)?(?:약\s?)?$"
)


# a sum whose parts follow: "총 4220만 달러로 이중 올해 선급금 220만달러", "4억1050만 달러(한화
# 4872억원)이고 이중 반환의무가 없는", "최대 7920억9900만 원이며, 이 가운데"
_PARTS_AFTER = re.compile(
    r"^\s?(?:[(（][^()（）]{0,20}[)）])?\s?(?:으로|로|이고|이며|인데),?\s?"
    r"(?:이\s?중|그\s?중|이 가운데|그 가운데)"
)


def _whole(text: str, cand: Candidate) -> None:
    """Put the sum whose parts the text lists next as the total (not the milestones)."""
    for found in amounts(text):
        if not _PARTS_AFTER.match(text[found.end : found.end + 30]):
            continue
        value, currency = found.value
        if cand.fields.get("currency") not in (None, currency):
            return
        if cand.fields.get("milestones") == value:
            for store in (cand.fields, cand.evidence, cand.spans, cand.confidence):
                store.pop("milestones", None)
        if cand.fields.get("total") is None:
            cand.put("total", value, found, confidence=0.7)
            cand.put("currency", currency, found, confidence=0.7)
        return


def this_contract(text: str, cand: Candidate) -> None:
    """Put the amount called this contract's as the total, in the deal's currency, else the
    sum whose parts follow."""
    for found in amounts(text) if "이번" in text else ():
        if not _THIS_CONTRACT.search(text[max(0, found.start - 30) : found.start]):
            continue
        value, currency = found.value
        if cand.fields.get("currency") not in (None, currency):
            return
        if cand.fields.get("total") != value:
            cand.put("total", value, found, confidence=0.8)
            cand.put("currency", currency, found, confidence=0.8)
        return
    _whole(text, cand)
