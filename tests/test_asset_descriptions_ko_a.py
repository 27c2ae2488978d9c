"""Korean renderings of bundled asset descriptions, first share
(dari/data/labels/asset_descriptions_ko_a.json): each entry carries the first 12 hex digits of
the SHA-1 of the English description it renders, so an entry whose English has since been
edited is found here, and every rendering is Korean text for an asset the bundle holds."""

from __future__ import annotations

import hashlib
import json
import re

from dari.directory.bundled import DATA_DIR, bundled_files

LABELS = DATA_DIR / "labels" / "asset_descriptions_ko_a.json"
SHARE = [f"assets_korea_2026{suffix}.json" for suffix in ("", "b", "c", "d", "e")]


def english_descriptions() -> dict[str, str]:
    texts: dict[str, str] = {}
    for path in bundled_files():
        records = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(records, dict):
            for asset in records.get("assets") or []:
                texts[asset["id"]] = (asset.get("description") or "").strip()
    return texts


def sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def renderings() -> dict[str, dict[str, str]]:
    return json.loads(LABELS.read_text(encoding="utf-8"))


def test_every_rendering_is_of_a_bundled_asset_and_of_its_current_english():
    english = english_descriptions()
    entries = renderings()
    assert sorted(set(entries) - set(english)) == []
    stale = [aid for aid, entry in entries.items() if entry["sha"] != sha(english[aid])]
    assert stale == []


def test_every_rendering_is_korean():
    for aid, entry in renderings().items():
        assert set(entry) == {"sha", "ko"}, aid
        assert entry["ko"].strip(), aid
        assert len(re.findall("[가-힣]", entry["ko"])) >= 10, aid


def test_the_share_is_covered_and_the_file_is_sorted_by_id():
    entries = renderings()
    share = set()
    for name in SHARE:
        records = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
        share.update(a["id"] for a in records["assets"] if a.get("description"))
    assert len(share) >= 400
    assert sorted(share - set(entries)) == []
    assert list(entries) == sorted(entries)
