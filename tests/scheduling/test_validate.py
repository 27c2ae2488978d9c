"""Bad input: every problem is reported, precisely, with its JSON path."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from dari.scheduling import ScheduleInputError, load_instance, parse_json


def good() -> dict[str, Any]:
    return {
        "format": "partnering-schedule/1",
        "event": {"name": "t", "timezone": "Europe/London"},
        "slots": [
            {"id": "s1", "start": "2025-03-11T09:00:00Z", "minutes": 30},
            {"id": "s2", "start": "2025-03-11T09:30:00Z", "minutes": 30},
        ],
        "tables": 1,
        "participants": [
            {"id": "A", "available": ["s1", "s2"]},
            {"id": "B", "available": ["s1", "s2"]},
            {"id": "C", "available": ["s2"]},
        ],
        "meetings": [
            {"id": "m1", "participants": ["A", "B"], "weight": 2},
            {"id": "m2", "participants": ["A", "C"]},
        ],
    }


def errors_of(doc: Any) -> list[str]:
    with pytest.raises(ScheduleInputError) as exc:
        load_instance(doc)
    return exc.value.messages


def test_good_instance_loads() -> None:
    inst = load_instance(good())
    assert [m.id for m in inst.meetings] == ["m1", "m2"]
    assert inst.meetings[0].weight == 2.0 and inst.meetings[1].weight == 1.0
    assert inst.tables == 1
    assert inst.slots[0].start.utcoffset() is not None


def test_malformed_json_names_line_and_column() -> None:
    with pytest.raises(ScheduleInputError) as exc:
        parse_json('{\n  "format": "partnering-schedule/1",\n  "slots": [,]\n}', "x.json")
    (msg,) = exc.value.messages
    assert msg.startswith("x.json: malformed JSON at line 3, column")


def test_wrong_format() -> None:
    doc = good()
    doc["format"] = "partnering-schedule/2"
    assert errors_of(doc) == [
        "format: expected 'partnering-schedule/1', got 'partnering-schedule/2'"
    ]


def test_not_an_object() -> None:
    assert errors_of([1, 2]) == ["(document): expected a JSON object, got list"]


def test_schema_violations_have_json_paths_and_all_are_collected() -> None:
    doc = good()
    doc["meetings"][1]["participants"] = ["A"]
    doc["meetings"][0]["weight"] = 0
    doc["slots"][1]["minutes"] = "30"
    del doc["participants"][2]["available"]
    errs = errors_of(doc)
    assert any(e.startswith("meetings[1].participants: ") and "too short" in e for e in errs)
    assert any(e.startswith("meetings[0].weight: ") for e in errs)
    assert any(e.startswith("slots[1].minutes: ") for e in errs)
    assert any(e.startswith("participants[2]: 'available' is a required property") for e in errs)
    assert len(errs) >= 4


def test_too_many_participants() -> None:
    doc = good()
    doc["meetings"][0]["participants"] = ["A", "B", "C", "D", "E"]
    errs = errors_of(doc)
    assert any(e.startswith("meetings[0].participants: ") and "too long" in e for e in errs)


def test_unknown_participant() -> None:
    doc = good()
    doc["meetings"][1]["participants"] = ["A", "Z"]
    assert errors_of(doc) == [
        "meetings[1].participants[1]: meeting 'm2' names unknown participant 'Z'"
    ]


def test_unknown_available_slot() -> None:
    doc = good()
    doc["participants"][2]["available"] = ["s2", "s9"]
    assert errors_of(doc) == [
        "participants[2].available[1]: slot 's9' of participant 'C' does not exist"
    ]


def test_duplicate_ids() -> None:
    doc = good()
    doc["slots"].append(copy.deepcopy(doc["slots"][0]))
    doc["participants"].append({"id": "A", "available": []})
    doc["meetings"].append({"id": "m1", "participants": ["B", "C"]})
    errs = errors_of(doc)
    assert "slots[2].id: duplicate id 's1' (first used at slots[0])" in errs
    assert "participants[3].id: duplicate id 'A' (first used at participants[0])" in errs
    assert "meetings[2].id: duplicate id 'm1' (first used at meetings[0])" in errs


def test_locked_slot_unavailable_to_a_participant() -> None:
    doc = good()
    doc["meetings"][1]["locked_slot"] = "s1"
    assert errors_of(doc) == [
        "meetings[1].locked_slot: meeting 'm2' is locked to slot 's1', which is not "
        "available to participant 'C'"
    ]


def test_locked_slot_unknown() -> None:
    doc = good()
    doc["meetings"][1]["locked_slot"] = "nope"
    assert errors_of(doc) == [
        "meetings[1].locked_slot: meeting 'm2' is locked to unknown slot 'nope'"
    ]


def test_locked_meetings_clash_on_a_participant() -> None:
    doc = good()
    doc["tables"] = 5
    doc["meetings"][0]["locked_slot"] = "s2"
    doc["meetings"][1]["locked_slot"] = "s2"
    assert errors_of(doc) == [
        "meetings[1].locked_slot: locked meetings 'm1' (meetings[0]) and 'm2' both need "
        "participant 'A' in slot 's2'"
    ]


def test_more_locked_meetings_than_tables() -> None:
    doc = good()
    doc["participants"].append({"id": "D", "available": ["s1"]})
    doc["participants"].append({"id": "E", "available": ["s1"]})
    doc["meetings"].append({"id": "m3", "participants": ["D", "E"], "locked_slot": "s1"})
    doc["meetings"][0]["locked_slot"] = "s1"
    assert errors_of(doc) == [
        "meetings[2].locked_slot: 2 meetings are locked to slot 's1' ('m1', 'm3') but it has "
        "only 1 tables"
    ]


def test_bad_start_and_time_zone() -> None:
    doc = good()
    doc["slots"][0]["start"] = "2025-03-11 09:00"
    doc["participants"][0]["timezone"] = "Mars/Olympus"
    doc["event"]["timezone"] = "Nowhere/Else"
    errs = errors_of(doc)
    assert "event.timezone: unknown IANA time zone 'Nowhere/Else'" in errs
    assert "participants[0].timezone: unknown IANA time zone 'Mars/Olympus'" in errs
    assert any(e.startswith("slots[0].start: '2025-03-11 09:00' is not a date-time") for e in errs)


def test_many_errors_collected() -> None:
    doc = good()
    doc["meetings"][0]["participants"] = ["A", "Q"]
    doc["participants"][1]["available"] = ["zz"]
    doc["meetings"][1]["id"] = "m1"
    errs = errors_of(doc)
    assert len(errs) == 3
