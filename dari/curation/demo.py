"""The demo's review queue: a few real excerpts (dari/curation/demo_texts.json, from the
extraction benchmark) ingested once, so that a curator or organiser has candidates to review.
Their records reach the directory only if someone approves them."""

from __future__ import annotations

import json
from pathlib import Path

from dari.curation.domain.ingest import gazetteer, ingest_text
from dari.curation.models import Document

TEXTS = Path(__file__).resolve().parent / "demo_texts.json"


def seed_review_queue() -> int:
    """Ingest the demo texts not ingested yet; returns how many documents the queue holds."""
    texts = json.loads(TEXTS.read_text(encoding="utf-8"))["texts"]
    known = set(Document.objects.values_list("source_url", flat=True))
    gaz = None
    for t in texts:
        if t["source"] not in known:
            gaz = gaz or gazetteer()
            ingest_text(t["text"], t["source"], t["lang"], None, gaz)
    return Document.objects.count()
