"""The plain data the extraction engine returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Mention:
    """A span of the text and what it was read as."""

    start: int
    end: int
    text: str
    value: Any = None
    confidence: float = 1.0


def as_written(m: Mention) -> Any:
    """One key per company as the text names it: the graph entry it was matched to, else its
    words as written (`roles._key` also folds corporate endings)."""
    return m.value if m.value[1] else m.text


@dataclass
class Candidate:
    """One candidate record: `fields` as the review queue and the JSON output show them,
    `evidence` the text span behind each field, `confidence` 0..1 per field, `spans` the
    character offsets of each evidence (for highlighting), `suggested` the fields a local
    model filled or changed (`backend.py`; empty when the rules alone read the text)."""

    kind: str  # "deal" | "investment" | "asset" | "facility"
    fields: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    suggested: list[str] = field(default_factory=list)

    def put(self, name: str, value: Any, *mentions: Mention, confidence: float = 0.8) -> None:
        """Set a field with the mentions it rests on."""
        self.fields[name] = value
        if mentions:
            self.evidence[name] = " … ".join(m.text for m in mentions)
            self.spans[name] = [(m.start, m.end) for m in mentions]
        self.confidence[name] = round(confidence, 2)

    def as_json(self) -> dict[str, Any]:
        out = {
            "kind": self.kind,
            "fields": self.fields,
            "evidence": self.evidence,
            "confidence": self.confidence,
            "spans": {k: [list(s) for s in v] for k, v in self.spans.items()},
        }
        if self.suggested:  # only a model's reading has it: the rules' output is unchanged
            out["suggested"] = list(self.suggested)
        return out
