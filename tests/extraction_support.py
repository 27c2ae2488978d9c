"""What the extraction tests share: a small SYNTHETIC gazetteer and two readers of a deal."""

from __future__ import annotations

from dari.extraction import extract
from dari.extraction.gazetteer import Entry, Gazetteer

GAZ = Gazetteer(
    [
        Entry("organization", "acme-bio", "Acme Bio", "KR", ("에이씨엠이바이오",)),
        Entry("organization", "bigpharma", "BigPharma", "US", ("빅제약",)),
        Entry("organization", "jw", "JW Pharmaceutical", "KR", ("JW중외제약",)),
        Entry("organization", "parentco", "ParentCo", "US", ("페어런트",)),
    ],
    aliases={},
)


def deal(text: str) -> dict:
    """The fields of the first candidate of `text`, which must be a deal."""
    cands = extract(text, GAZ)
    assert cands and cands[0].kind == "deal"
    return cands[0].fields


def roles(fields: dict) -> set[tuple[str, str]]:
    return {(p["mentioned_as"], p["role"]) for p in fields["parties"]}
