"""A curator proposes a national target's observation (a dated figure and its public source);
it waits in the review queue like an extracted record, and reaches the dashboard only when a
curator approves it (dari.curation.domain.review)."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from dari.curation.access import may_curate
from dari.curation.domain.errors import CurationError
from dari.curation.domain.ingest import check_source
from dari.curation.models import Candidate, CandidateKind, Document
from dari.extraction.text import language
from dari.insights.domain.errors import InsightsError
from dari.insights.domain.targets import add_observation, checked_target

MAX_NOTE = 4000


def observation_date(value: Any) -> dt.date:
    """A date given as a date or as YYYY-MM-DD; refused with the field named otherwise."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        raise CurationError(
            _("%(value)s is not a date (YYYY-MM-DD)") % {"value": repr(value)}, field="date"
        ) from None


def observation_value(value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number):
        raise CurationError(_("%(value)s is not a number") % {"value": repr(value)}, field="value")
    return number


@contextmanager
def insights_refusals() -> Iterator[None]:
    """The insights' own refusals (no such target, a date far from its years, a source that
    is not a web address) as curation errors on the same field."""
    try:
        yield
    except InsightsError as exc:
        raise CurationError(str(exc), field=exc.field, code=exc.code) from None


def observation_note(value: Any) -> str:
    """A note of at most MAX_NOTE characters, proposed or edited at approval alike."""
    note = str(value or "").replace("\x00", "").strip()
    if len(note) > MAX_NOTE:
        raise CurationError(
            _("the note is longer than %(max)s characters") % {"max": f"{MAX_NOTE:,}"},
            field="note",
        )
    return note


def approve_observation(candidate: Candidate, by: Any, fields: dict[str, Any]) -> str:
    """The approved observation on the dashboard (the curator may have corrected it)."""
    target_id = str(fields.get("target") or "").strip()
    day, number = observation_date(fields.get("date")), observation_value(fields.get("value"))
    note = observation_note(fields.get("note"))
    with insights_refusals():
        observation = add_observation(
            by, target_id, day, number, candidate.document.source_url, note
        )
    return str(observation.pk)


def propose_observation(
    by: Any, target_id: str, date: Any, value: Any, source: str, note: str = ""
) -> Candidate:
    """Queue an observation for review; nothing is shown on the dashboard until approved."""
    if not may_curate(by):
        raise CurationError(_("only curators propose observations"), code="forbidden")
    day, number = observation_date(date), observation_value(value)
    note = observation_note(note)
    check_source(source)
    with insights_refusals():
        checked_target(target_id, day, source)
    fields = {"target": target_id, "date": day.isoformat(), "value": number, "note": note}
    # The document is the proposal as a curator stated it: what the queue shows as its text.
    shown = str(int(number)) if number.is_integer() else repr(number)
    head = f"{target_id} · {day.isoformat()} · "
    statement = head + shown + (f"\n\n{note}" if note else "")
    digest = hashlib.sha256(f"observation\n{statement}\n{source}".encode()).hexdigest()
    try:
        with transaction.atomic():
            doc = Document.objects.create(
                text=statement,
                source_url=source,
                language=language(statement),
                digest=digest,
                created_by=by,
            )
            return Candidate.objects.create(
                document=doc,
                kind=CandidateKind.OBSERVATION,
                extracted=fields,
                evidence={"value": shown},
                confidence={"target": 1.0, "date": 1.0, "value": 1.0},
                spans={"value": [[len(head), len(head) + len(shown)]]},
            )
    except IntegrityError:
        # The digest is unique: the same proposal, made before or at the same moment.
        raise CurationError(_("this observation was already proposed"), code="duplicate") from None
