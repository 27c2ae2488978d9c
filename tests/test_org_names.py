"""The bundled data makes no organisation of a person or a place: no directory organisation
file holds one (tools/list_suspect_orgs.py, ALLOWED lists genuine exceptions with why), and the
names the bundled trials give that the rule refuses are the ones it was written for."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "list_suspect_orgs", ROOT / "tools" / "list_suspect_orgs.py"
)
assert _spec and _spec.loader
suspects = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(suspects)


def test_no_bundled_organisation_is_named_like_a_person_or_a_place():
    bad = [
        (file, org_id, name, kind)
        for file, org_id, name in suspects.directory_orgs(suspects.DEFAULT)
        if (kind := suspects.kind_of(name)) and org_id not in suspects.ALLOWED
    ]
    assert bad == []


def test_the_tool_lists_the_bundled_trials_people_and_places(capsys):
    assert suspects.main([]) == 0
    out = capsys.readouterr().out
    assert "'Andover, MA'" in out
    assert "'MinYoung Kim, M.D.'" in out
    assert "Directory organisation files: 0 suspicious names" in out
