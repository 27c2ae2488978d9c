"""The Korean renderings in dari/data/labels/asset_descriptions_ko_b.json belong to bundled
assets and to their current English description: each entry names an asset that exists, its sha
is that of the asset's English description as bundled now (so an edited English text shows as
stale), and its Korean is not empty and is written in Hangul."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "dari" / "data"
LABELS = DATA / "labels" / "asset_descriptions_ko_b.json"
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _bundled_descriptions() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted(DATA.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            continue
        for asset in data.get("assets") or []:
            if isinstance(asset, dict) and "id" in asset:
                found.setdefault(asset["id"], asset.get("description") or "")
    return found


def _sha(text: str) -> str:
    return hashlib.sha1(text.strip().encode("utf-8")).hexdigest()[:12]


def _entries() -> dict[str, dict[str, str]]:
    return json.loads(LABELS.read_text(encoding="utf-8"))


def test_every_entry_names_a_bundled_asset():
    bundled = _bundled_descriptions()
    entries = _entries()
    assert entries
    assert [i for i in entries if i not in bundled] == []


def test_every_sha_matches_the_current_english_description():
    bundled = _bundled_descriptions()
    stale = [i for i, e in _entries().items() if i in bundled and e["sha"] != _sha(bundled[i])]
    assert stale == []


def test_every_rendering_is_korean_and_not_empty():
    bad = [
        i
        for i, e in _entries().items()
        if set(e) != {"sha", "ko"} or not e["ko"].strip() or not HANGUL.search(e["ko"])
    ]
    assert bad == []


def test_the_file_is_sorted_by_asset_id():
    ids = list(_entries())
    assert ids == sorted(ids)
