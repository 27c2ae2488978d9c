"""Terms stated twice or only approached, read as terms of their own.

- "자산과 권리 일체를 93억8000만원에 양수한다 ... 기술이전 계약금 93억원이 반영되며": the 93억원
  called the contract money is the price again, rounded, not an upfront beside it (no label in
  the ingest bench has an upfront equal to its total).
- "4조원에 육박하는 기술이전 계약 ... 계약금 585억원 ... 3조7487억원의 마일스톤": a round figure
  the deal nears, beside the parts it rounds, states no total (a field the text does not give
  is null, even when arithmetic could fill it).
"""

from __future__ import annotations

import re

from dari.extraction import totals_ko
from dari.extraction.model import Candidate
from dari.extraction.termwords import digits

_NEARING_BEFORE = re.compile(r"(?:nearing|close to|almost|nearly|approaching)\s*$", re.I)
_NEARING_AFTER = re.compile(r"\s*(?:에|으로|로)?\s?(?:육박|가까운|근접)")


def _drop(cand: Candidate, name: str) -> None:
    for store in (cand.fields, cand.evidence, cand.spans, cand.confidence):
        store.pop(name, None)


def tidy(text: str, cand: Candidate) -> None:
    """Drop an upfront that is the total rounded (no milestones beside them), and a total
    the deal only nears when its upfront and milestones are stated."""
    up, later, whole = (cand.fields.get(k) for k in ("upfront", "milestones", "total"))
    if up is not None and whole is not None and later is None:
        if 0.97 * whole <= up < whole and digits(up) < digits(whole):
            _drop(cand, "upfront")
    if up is not None and later is not None and whole is not None and up + later < whole:
        start, end = cand.spans["total"][0]
        if _NEARING_BEFORE.search(text[max(0, start - 25) : start]) or _NEARING_AFTER.match(
            text, end
        ):
            _drop(cand, "total")
    totals_ko.this_contract(text, cand)
