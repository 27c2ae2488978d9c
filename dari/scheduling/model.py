"""Plain data classes of a partnering-schedule/1 problem and its solution.

Pure Python: no Django, no other dari package.  The event layer builds an :class:`Instance`
(directly or with :func:`dari.scheduling.validate.load_instance` from a JSON document), calls
:func:`dari.scheduling.solve.solve` and stores the :class:`Result`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

INSTANCE_FORMAT = "partnering-schedule/1"
RESULT_FORMAT = "partnering-schedule-result/1"


@dataclass(frozen=True)
class Slot:
    """A time interval (UTC, timezone-aware ``start``) in which meetings can take place."""

    id: str
    start: datetime
    minutes: int


@dataclass(frozen=True)
class Participant:
    """A person (or a team acting as one) with the slots it is available in."""

    id: str
    available: tuple[str, ...]
    organization: str | None = None
    timezone: str | None = None


@dataclass(frozen=True)
class Meeting:
    """A requested (accepted) meeting of 2 to 4 participants."""

    id: str
    participants: tuple[str, ...]
    weight: float = 1.0
    locked_slot: str | None = None


@dataclass(frozen=True)
class Instance:
    """One scheduling problem.  ``tables=None`` means no limit per slot (virtual event)."""

    slots: tuple[Slot, ...]
    participants: tuple[Participant, ...]
    meetings: tuple[Meeting, ...]
    tables: int | None = None
    event_name: str | None = None
    event_timezone: str | None = None


@dataclass(frozen=True)
class Assignment:
    meeting: str
    slot: str


@dataclass
class Result:
    """A solution: every meeting is either in ``assignments`` or in ``unscheduled``.

    ``stats`` holds at least ``weight`` (scheduled weight), ``bound`` (a proved upper bound on
    the best possible weight), ``gap`` ((bound - weight) / bound), ``seconds`` and ``method``.
    ``explanations`` maps each unscheduled meeting id to a sentence saying why, ``reasons`` to
    the same reason structured (a code and its parameters, see :mod:`dari.scheduling.explain`)
    for a reader in another language. The result file carries the sentences.
    """

    assignments: list[Assignment]
    unscheduled: list[str]
    stats: dict[str, Any] = field(default_factory=dict)
    explanations: dict[str, str] = field(default_factory=dict)
    reasons: dict[str, dict[str, Any]] = field(default_factory=dict)

    def slot_of(self) -> dict[str, str]:
        """Meeting id -> slot id of the scheduled meetings."""
        return {a.meeting: a.slot for a in self.assignments}


def result_to_dict(result: Result) -> dict[str, Any]:
    """The partnering-schedule-result/1 document of ``result`` (JSON-serialisable)."""
    doc: dict[str, Any] = {
        "format": RESULT_FORMAT,
        "assignments": [{"meeting": a.meeting, "slot": a.slot} for a in result.assignments],
        "unscheduled": list(result.unscheduled),
        "stats": dict(result.stats),
    }
    if result.explanations:
        doc["explanations"] = dict(result.explanations)
    return doc


def instance_to_dict(instance: Instance) -> dict[str, Any]:
    """The partnering-schedule/1 document of ``instance`` (JSON-serialisable)."""
    event: dict[str, Any] = {}
    if instance.event_name is not None:
        event["name"] = instance.event_name
    if instance.event_timezone is not None:
        event["timezone"] = instance.event_timezone
    doc: dict[str, Any] = {"format": INSTANCE_FORMAT}
    if event:
        doc["event"] = event
    doc["slots"] = [
        {
            "id": s.id,
            "start": s.start.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "minutes": s.minutes,
        }
        for s in instance.slots
    ]
    doc["tables"] = instance.tables
    parts: list[dict[str, Any]] = []
    for p in instance.participants:
        d: dict[str, Any] = {"id": p.id, "available": list(p.available)}
        if p.organization is not None:
            d["organization"] = p.organization
        if p.timezone is not None:
            d["timezone"] = p.timezone
        parts.append(d)
    doc["participants"] = parts
    meetings: list[dict[str, Any]] = []
    for m in instance.meetings:
        md: dict[str, Any] = {"id": m.id, "participants": list(m.participants)}
        if m.weight != 1.0:
            md["weight"] = m.weight
        if m.locked_slot is not None:
            md["locked_slot"] = m.locked_slot
        meetings.append(md)
    doc["meetings"] = meetings
    return doc
