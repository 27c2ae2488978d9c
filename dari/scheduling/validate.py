"""Reading and validating partnering-schedule/1 documents.

Every problem found is collected (not only the first) and reported as one
:class:`ScheduleInputError` whose ``messages`` each name what is wrong and where, by JSON path
(``meetings[3].participants: ...``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jsonschema import Draft202012Validator

from .model import INSTANCE_FORMAT, RESULT_FORMAT, Instance, Meeting, Participant, Slot


class ScheduleInputError(ValueError):
    """The input is not a valid partnering-schedule/1 problem; ``messages`` lists every error."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


@lru_cache(maxsize=4)
def load_schema(name: str) -> dict[str, Any]:
    """A JSON schema shipped in ``dari/scheduling/schemas`` (``instance`` or ``result``)."""
    filename = {
        "instance": "schedule-instance.schema.json",
        "result": "schedule-result.schema.json",
    }[name]
    text = resources.files("dari.scheduling").joinpath("schemas", filename).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def json_path(parts: Iterable[str | int]) -> str:
    """``["meetings", 3, "participants"]`` -> ``meetings[3].participants``."""
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            out += f".{p}" if out else str(p)
    return out or "(document)"


def parse_json(text: str, source: str = "input") -> Any:
    """Parse JSON text; a syntax error becomes a ScheduleInputError naming line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScheduleInputError(
            [f"{source}: malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"]
        ) from None


def _schema_errors(data: Any, schema_name: str) -> list[str]:
    validator = Draft202012Validator(load_schema(schema_name))
    errors = sorted(
        validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message)
    )
    out: list[str] = []
    for err in errors:
        path = json_path(err.absolute_path)
        if path == "format" and err.validator == "const":
            expected = INSTANCE_FORMAT if schema_name == "instance" else RESULT_FORMAT
            msg = f"format: expected {expected!r}, got {err.instance!r}"
        else:
            msg = f"{path}: {err.message}"
        out.append(msg)
    return out


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _opt_str(d: dict[str, Any], key: str) -> bool:
    return key not in d or isinstance(d[key], str)


def _fast_schema_ok(data: dict[str, Any]) -> bool:
    """A quick check of the common valid case; when it says no, jsonschema finds the errors.
    (It never says yes for a document the schema rejects.)"""
    if data.get("format") != INSTANCE_FORMAT:
        return False
    ev = data.get("event")
    if "event" in data and not (
        isinstance(ev, dict) and _opt_str(ev, "name") and _opt_str(ev, "timezone")
    ):
        return False
    tables = data.get("tables")
    if tables is not None and not (_is_int(tables) and tables >= 0):
        return False
    slots, parts, meets = data.get("slots"), data.get("participants"), data.get("meetings")
    if not (isinstance(slots, list) and isinstance(parts, list) and isinstance(meets, list)):
        return False
    for sl in slots:
        if not (
            isinstance(sl, dict)
            and isinstance(sl.get("id"), str)
            and isinstance(sl.get("start"), str)
            and _is_int(sl.get("minutes"))
            and sl["minutes"] >= 1
        ):
            return False
    for p in parts:
        if not (isinstance(p, dict) and isinstance(p.get("id"), str)):
            return False
        av = p.get("available")
        if not (isinstance(av, list) and all(isinstance(x, str) for x in av)):
            return False
        if len(set(av)) != len(av) or not (_opt_str(p, "organization") and _opt_str(p, "timezone")):
            return False
    for m in meets:
        if not (isinstance(m, dict) and isinstance(m.get("id"), str)):
            return False
        ps = m.get("participants")
        if not (isinstance(ps, list) and 2 <= len(ps) <= 4):
            return False
        if not all(isinstance(x, str) for x in ps) or len(set(ps)) != len(ps):
            return False
        if "weight" in m:
            w = m["weight"]
            if isinstance(w, bool) or not isinstance(w, int | float) or not w > 0:
                return False
        if (
            "locked_slot" in m
            and m["locked_slot"] is not None
            and not isinstance(m["locked_slot"], str)
        ):
            return False
    return True


def _parse_start(value: str) -> datetime | None:
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return None
    if dt.tzinfo is None:
        return None
    return dt.astimezone(UTC)


def _valid_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _duplicates(items: list[Any], kind: str, errors: list[str]) -> None:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        ident = item["id"]
        if ident in seen:
            errors.append(
                f"{kind}[{i}].id: duplicate id {ident!r} (first used at {kind}[{seen[ident]}])"
            )
        else:
            seen[ident] = i


def _dicts(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return value if isinstance(value, list) else []


def load_instance(data: Any) -> Instance:
    """Validate a partnering-schedule/1 document (already parsed JSON) and build an Instance.

    Raises ScheduleInputError listing every problem: schema violations by JSON path, duplicate
    ids, unknown participants or slots, bad date-times or time zones, locked meetings in a slot
    unavailable to a participant, and locked meetings that clash with each other or exceed the
    tables of their slot.
    """
    if not isinstance(data, dict):
        raise ScheduleInputError([f"(document): expected a JSON object, got {type(data).__name__}"])
    errors = [] if _fast_schema_ok(data) else _schema_errors(data, "instance")
    slots_raw = _dicts(data, "slots")
    parts_raw = _dicts(data, "participants")
    meets_raw = _dicts(data, "meetings")
    _duplicates(slots_raw, "slots", errors)
    _duplicates(parts_raw, "participants", errors)
    _duplicates(meets_raw, "meetings", errors)

    event = data.get("event")
    if isinstance(event, dict) and isinstance(event.get("timezone"), str):
        if not _valid_zone(event["timezone"]):
            errors.append(f"event.timezone: unknown IANA time zone {event['timezone']!r}")

    slot_ids: set[str] = set()
    starts: dict[str, datetime] = {}
    for i, s in enumerate(slots_raw):
        if not isinstance(s, dict) or not isinstance(s.get("id"), str):
            continue
        slot_ids.add(s["id"])
        if isinstance(s.get("start"), str):
            dt = _parse_start(s["start"])
            if dt is None:
                errors.append(
                    f"slots[{i}].start: {s['start']!r} is not a date-time with a time zone "
                    "(RFC 3339, e.g. 2025-03-11T09:00:00Z)"
                )
            else:
                starts[s["id"]] = dt

    avail: dict[str, set[str]] = {}
    for i, p in enumerate(parts_raw):
        if not isinstance(p, dict) or not isinstance(p.get("id"), str):
            continue
        av = p.get("available")
        good: set[str] = set()
        if isinstance(av, list):
            for j, sid in enumerate(av):
                if not isinstance(sid, str):
                    continue
                if sid not in slot_ids:
                    errors.append(
                        f"participants[{i}].available[{j}]: slot {sid!r} of participant "
                        f"{p['id']!r} does not exist"
                    )
                else:
                    good.add(sid)
        avail.setdefault(p["id"], good)
        tz = p.get("timezone")
        if isinstance(tz, str) and not _valid_zone(tz):
            errors.append(f"participants[{i}].timezone: unknown IANA time zone {tz!r}")

    tables = data.get("tables")
    locked_by_slot: dict[str, list[tuple[int, str]]] = defaultdict(list)
    locked_busy: dict[tuple[str, str], tuple[int, str]] = {}
    for i, m in enumerate(meets_raw):
        if not isinstance(m, dict) or not isinstance(m.get("id"), str):
            continue
        mid = m["id"]
        plist = m.get("participants")
        plist = [x for x in plist if isinstance(x, str)] if isinstance(plist, list) else []
        for j, pid in enumerate(plist):
            if pid not in avail:
                errors.append(
                    f"meetings[{i}].participants[{j}]: meeting {mid!r} names unknown "
                    f"participant {pid!r}"
                )
        locked = m.get("locked_slot")
        if not isinstance(locked, str):
            continue
        if locked not in slot_ids:
            errors.append(
                f"meetings[{i}].locked_slot: meeting {mid!r} is locked to unknown slot {locked!r}"
            )
            continue
        for pid in plist:
            if pid in avail and locked not in avail[pid]:
                errors.append(
                    f"meetings[{i}].locked_slot: meeting {mid!r} is locked to slot {locked!r}, "
                    f"which is not available to participant {pid!r}"
                )
        for pid in plist:
            key = (pid, locked)
            if key in locked_busy:
                oi, oid = locked_busy[key]
                errors.append(
                    f"meetings[{i}].locked_slot: locked meetings {oid!r} (meetings[{oi}]) and "
                    f"{mid!r} both need participant {pid!r} in slot {locked!r}"
                )
            else:
                locked_busy[key] = (i, mid)
        locked_by_slot[locked].append((i, mid))
    if isinstance(tables, int) and not isinstance(tables, bool):
        for sid, lst in locked_by_slot.items():
            if len(lst) > tables:
                names = ", ".join(repr(mid) for _, mid in lst)
                errors.append(
                    f"meetings[{lst[tables][0]}].locked_slot: {len(lst)} meetings are locked to "
                    f"slot {sid!r} ({names}) but it has only {tables} tables"
                )

    if errors:
        raise ScheduleInputError(errors)

    slots = tuple(Slot(s["id"], starts[s["id"]], int(s["minutes"])) for s in slots_raw)
    participants = tuple(
        Participant(
            p["id"],
            tuple(p["available"]),
            p.get("organization"),
            p.get("timezone"),
        )
        for p in parts_raw
    )
    meetings = tuple(
        Meeting(
            m["id"],
            tuple(m["participants"]),
            float(m.get("weight", 1.0)),
            m.get("locked_slot"),
        )
        for m in meets_raw
    )
    ev = event if isinstance(event, dict) else {}
    return Instance(
        slots=slots,
        participants=participants,
        meetings=meetings,
        tables=tables if isinstance(tables, int) else None,
        event_name=ev.get("name"),
        event_timezone=ev.get("timezone"),
    )


def check_instance(instance: Instance) -> None:
    """Validate an Instance built in code (same checks as load_instance)."""
    from .model import instance_to_dict

    load_instance(instance_to_dict(instance))


def validate_result_dict(doc: Any) -> list[str]:
    """Schema errors of a partnering-schedule-result/1 document (empty list: valid)."""
    return _schema_errors(doc, "result")


__all__ = [
    "ScheduleInputError",
    "check_instance",
    "json_path",
    "load_instance",
    "load_schema",
    "parse_json",
    "validate_result_dict",
    "Meeting",
    "Participant",
    "Slot",
]
