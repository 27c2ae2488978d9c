"""`dari schedule` entry point, called as a function with temporary files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dari.scheduling.cli import main
from dari.scheduling.validate import validate_result_dict


def instance() -> dict[str, Any]:
    return {
        "format": "partnering-schedule/1",
        "event": {"name": "cli", "timezone": "Asia/Seoul"},
        "slots": [
            {"id": f"s{i}", "start": f"2025-03-11T0{i}:00:00Z", "minutes": 30} for i in range(4)
        ],
        "tables": 2,
        "participants": [
            {"id": x, "available": ["s0", "s1", "s2", "s3"]} for x in ["A", "B", "C", "D"]
        ]
        + [{"id": "E", "available": ["s0"]}, {"id": "F", "available": ["s3"]}],
        "meetings": [
            {"id": "m1", "participants": ["A", "B"], "weight": 2},
            {"id": "m2", "participants": ["A", "C", "D"], "locked_slot": "s1"},
            {"id": "m3", "participants": ["B", "C"]},
            {"id": "m4", "participants": ["E", "F"]},
        ],
    }


def write(tmp_path: Path, doc: Any, name: str = "in.json") -> Path:
    p = tmp_path / name
    p.write_text(doc if isinstance(doc, str) else json.dumps(doc), "utf-8")
    return p


def test_solves_and_writes_a_valid_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path, instance())
    out = tmp_path / "out.json"
    assert main([str(src), "-o", str(out), "--time-limit", "5", "--seed", "3", "--explain"]) == 0
    doc = json.loads(out.read_text("utf-8"))
    assert validate_result_dict(doc) == []
    assert {a["meeting"] for a in doc["assignments"]} == {"m1", "m2", "m3"}
    assert doc["unscheduled"] == ["m4"]
    assert {"m2": "s1"}.items() <= {a["meeting"]: a["slot"] for a in doc["assignments"]}.items()
    assert doc["explanations"]["m4"] == "no slot in which E and F are both available"
    for key in ("weight", "bound", "gap", "seconds", "method"):
        assert key in doc["stats"]
    printed = capsys.readouterr().out
    assert "scheduled 3/4 meetings, weight 4, bound 4, gap 0.00%" in printed
    assert "m4: no slot in which E and F are both available" in printed


def test_switches_and_previous(tmp_path: Path) -> None:
    src = write(tmp_path, instance())
    out1 = tmp_path / "a.json"
    out2 = tmp_path / "b.json"
    assert main([str(src), "-o", str(out1), "-q"]) == 0
    args = [str(src), "-o", str(out2), "--previous", str(out1), "--compact", "--fairness", "-q"]
    assert main([*args, "--exact", "never", "--no-explanations"]) == 0
    a = json.loads(out1.read_text("utf-8"))
    b = json.loads(out2.read_text("utf-8"))
    assert a["assignments"] == b["assignments"]
    assert "explanations" not in b


def test_malformed_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path, '{"format": "partnering-schedule/1",\n "slots": [}')
    assert main([str(src), "-o", str(tmp_path / "o.json")]) == 2
    err = capsys.readouterr().err
    assert "malformed JSON at line 2, column 12" in err
    assert "Traceback" not in err
    assert not (tmp_path / "o.json").exists()


def test_all_errors_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = instance()
    doc["meetings"][0]["participants"] = ["A", "Z"]
    doc["meetings"][2]["participants"] = ["B"]
    doc["participants"][4]["available"] = ["s0", "s7"]
    doc["meetings"][3]["locked_slot"] = "s1"
    src = write(tmp_path, doc)
    assert main([str(src), "-o", str(tmp_path / "o.json")]) == 2
    err = capsys.readouterr().err
    assert "5 error(s) in the input" in err
    assert "meetings[0].participants[1]: meeting 'm1' names unknown participant 'Z'" in err
    assert "meetings[2].participants: ['B'] is too short" in err
    assert "participants[4].available[1]: slot 's7' of participant 'E' does not exist" in err
    assert (
        "meetings[3].locked_slot: meeting 'm4' is locked to slot 's1', which is not "
        "available to participant 'E'" in err
    )
    assert "not available to participant 'F'" in err


def test_missing_file_and_bad_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "nope.json"), "-o", str(tmp_path / "o.json")]) == 2
    assert "cannot read instance" in capsys.readouterr().err
    assert main(["only-one-arg"]) == 2
    src = write(tmp_path, instance())
    assert main([str(src), "-o", str(tmp_path / "o.json"), "--time-limit", "0"]) == 2
    assert main([str(src), "-o", str(tmp_path / "o.json"), "--workers", "0"]) == 2
    assert (
        capsys.readouterr().err.splitlines()[-1] == "dari schedule: --workers: must be at least 1"
    )
    assert not (tmp_path / "o.json").exists()
