"""Fixtures of the trials tests: SYNTHETIC registry files written to a temporary folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def write_json(tmp_path: Path):
    def write(name: str, doc: Any) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        except UnicodeEncodeError:  # half a surrogate pair: only JSON's \u escape holds it
            path.write_text(json.dumps(doc), encoding="utf-8")
        return path

    return write


SITES = {
    "format": "dari-trial-sites/1",
    "sites": [
        {
            "id": "org-snuh-test",
            "kind": "hospital",
            "name_en": "Seoul National University Hospital",
            "name_ko": "서울대학교병원",
            "aliases": ["SNUH"],
            "city": "Seoul",
            "source_url": "https://example.org/synthetic-site-list",
            "phase1_unit": True,
        },
        {
            "id": "org-amc-test",
            "kind": "clinical_trial_center",
            "name_en": "Asan Medical Center",
            "name_ko": "서울아산병원",
            "aliases": ["AMC"],
            "city": "Seoul",
            "source_url": "https://example.org/synthetic-site-list",
        },
    ],
}
