"""Ingest a text: extract its candidate records (dari.extraction) against a gazetteer of the
graph and store them, pending review. Nothing reaches the directory here."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from dari.curation.domain.errors import CurationError
from dari.curation.models import Candidate, Document
from dari.directory.models import Asset, Organization
from dari.directory.sourcehosts import source_host_problem
from dari.directory.vocab import Visibility
from dari.extraction import Candidate as Extracted
from dari.extraction import ExtractionModel, extract_with
from dari.extraction.chat import ChatModel
from dari.extraction.gazetteer import Entry, Gazetteer
from dari.extraction.text import language
from dari.trials.vocab import REGISTRY_PREFIX

MAX_TEXT = 200_000
LANGUAGES = ("auto", "en", "ko")


def gazetteer() -> Gazetteer:
    """Every organisation of the graph (those a trial registry's import made give way to a
    curated one of the same name) and every PUBLIC asset (a curator who is not a vetted
    member must not learn a members-only asset's name from a match)."""
    entries = [
        Entry(
            "organization",
            pk,
            name,
            country or "",
            tuple(n for n in (name_ko,) if n),
            curated=not pk.startswith(REGISTRY_PREFIX),
        )
        for pk, name, name_ko, country in Organization.objects.values_list(
            "pk", "name", "name_ko", "country"
        )
    ]
    entries += [
        Entry("asset", pk, name)
        for pk, name in Asset.objects.filter(visibility=Visibility.PUBLIC).values_list("pk", "name")
    ]
    return Gazetteer(entries)


@lru_cache(maxsize=4)
def _chat_model(url: str, name: str, timeout: float, key: str) -> ChatModel:
    # One client per configuration: it remembers a server that takes no JSON schema.
    return ChatModel(url, name, timeout, key)


def extraction_model() -> ExtractionModel | None:
    """The local model the site configured (settings.EXTRACTION_MODEL_URL), else None: the
    rules alone read the text."""
    if not settings.EXTRACTION_MODEL_URL:
        return None
    return _chat_model(
        settings.EXTRACTION_MODEL_URL,
        settings.EXTRACTION_MODEL_NAME,
        settings.EXTRACTION_MODEL_TIMEOUT,
        settings.EXTRACTION_MODEL_KEY,
    )


def read(text: str, gaz: Gazetteer, lang: str = "auto") -> list[Extracted]:
    """The candidate records of a text: the rules', with what the configured local model
    suggests where it passes the checks (dari.extraction.backend)."""
    return extract_with(text, gaz, lang, extraction_model())


MAX_SOURCE = Document._meta.get_field("source_url").max_length or 2000


def check_source(url: str) -> None:
    if not url:
        raise CurationError(_("give the address the text was published at"), field="source")
    if len(url) > MAX_SOURCE:
        raise CurationError(
            _("the source address is longer than %(max)s characters") % {"max": f"{MAX_SOURCE:,}"},
            field="source",
            code="too_long",
        )
    problem = source_host_problem(url)
    if problem:
        raise CurationError(
            _("this source cannot be used: %(problem)s") % {"problem": _(problem)},
            field="source",
            code="source_refused",
        )


@dataclass(frozen=True)
class Reading:
    """A text checked and read (by the rules and the configured model), not yet stored."""

    text: str
    source_url: str
    language: str
    digest: str
    found: list[Extracted]


def _duplicate(digest: str) -> None:
    existing = Document.objects.filter(digest=digest).first()
    if existing is not None:
        raise CurationError(
            _("this text was already ingested (document %(id)s)") % {"id": existing.pk},
            field="text",
            code="duplicate",
        )


def prepare(
    text: str, source_url: str, lang: str = "auto", gaz: Gazetteer | None = None
) -> Reading:
    """Check a text and read it, writing nothing: the slow part (a local model may take its
    time) runs before any transaction opens, so no lock is held while it thinks."""
    text = (text or "").replace("\x00", "").strip()
    if not text:
        raise CurationError(_("the text is empty"), field="text", code="empty")
    if len(text) > MAX_TEXT:
        raise CurationError(
            _("the text is longer than %(max)s characters") % {"max": f"{MAX_TEXT:,}"},
            field="text",
            code="too_long",
        )
    if lang not in LANGUAGES:
        raise CurationError(
            _("%(lang)s is not one of %(choices)s")
            % {"lang": repr(lang), "choices": ", ".join(LANGUAGES)},
            field="lang",
        )
    check_source(source_url)
    digest = hashlib.sha256(text.encode()).hexdigest()
    _duplicate(digest)
    found = read(text, gaz or gazetteer(), lang)
    return Reading(text, source_url, language(text) if lang == "auto" else lang, digest, found)


def store(reading: Reading, by: Any = None) -> Document:
    """Store a prepared text and its candidates in one transaction (inside the caller's, when
    several texts go in all or none); the same text twice is refused."""
    with transaction.atomic():
        _duplicate(reading.digest)  # again: it may have come in since it was read
        doc = Document.objects.create(
            text=reading.text,
            source_url=reading.source_url,
            language=reading.language,
            digest=reading.digest,
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        Candidate.objects.bulk_create(
            Candidate(
                document=doc,
                kind=c.kind,
                extracted=c.fields,
                evidence=c.evidence,
                confidence=c.confidence,
                spans={k: [list(s) for s in v] for k, v in c.spans.items()},
                suggested=c.suggested,
            )
            for c in reading.found
        )
    return doc


def ingest_text(
    text: str, source_url: str, lang: str = "auto", by: Any = None, gaz: Gazetteer | None = None
) -> Document:
    """Check, read and store one text (`prepare`, then `store`)."""
    return store(prepare(text, source_url, lang, gaz), by)
