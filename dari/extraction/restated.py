"""Terms stated twice: a rounded restatement of the total read as another term.

"자산과 권리 일체를 93억8000만원에 양수한다 ... 기술이전 계약금 93억원이 반영되며": the 93억원
called the contract money is the price again, rounded, not an upfront beside it (no label in
the ingest bench has an upfront equal to its total).
"""

from __future__ import annotations

from dari.extraction.model import Candidate
from dari.extraction.termwords import digits


def tidy(cand: Candidate) -> None:
    """Drop an upfront that is the total rounded (no milestones beside them)."""
    up, whole = cand.fields.get("upfront"), cand.fields.get("total")
    if up is None or whole is None or "milestones" in cand.fields:
        return
    if 0.97 * whole <= up < whole and digits(up) < digits(whole):
        cand.fields.pop("upfront")
        cand.evidence.pop("upfront", None)
        cand.spans.pop("upfront", None)
        cand.confidence.pop("upfront", None)
