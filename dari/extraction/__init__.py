"""Extraction: a press release, disclosure or news article (English or Korean) becomes
candidate records (deals, investments, assets) with every field's evidence span and confidence.

A pure engine: plain Python (rapidfuzz for fuzzy names), nothing of Django or of dari. The
caller passes a `Gazetteer` of the graph's organisations and assets; the review queue
(`dari.curation`) stores what `extract()` returns until a curator approves it. Where a site
configures a local model, `extract_with()` lets it suggest fields beside the rules
(`backend.py`, `chat.py`); without one it is `extract()`.
"""

from dari.extraction.backend import ExtractionModel, ModelError, Suggestion, extract_with
from dari.extraction.model import Candidate, Mention
from dari.extraction.pipeline import extract

__all__ = [
    "Candidate",
    "ExtractionModel",
    "Mention",
    "ModelError",
    "Suggestion",
    "extract",
    "extract_with",
]
