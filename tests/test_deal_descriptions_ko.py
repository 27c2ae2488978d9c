"""Korean renderings of bundled deal and investment descriptions
(dari/data/labels/deal_descriptions_ko.json, {"deal": {id: entry}, "investment": {id: entry}}):
each entry carries the first 12 hex digits of the SHA-1 of the English description it renders, so
an entry whose English has since been edited is found here, and every rendering is Korean text for
a deal or investment the bundle holds."""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from dari.directory.bundled import DATA_DIR, bundled_files

LABELS = DATA_DIR / "labels" / "deal_descriptions_ko.json"
KEYS = {"deal": "deals", "investment": "investments"}


def english_descriptions(kind: str) -> dict[str, str]:
    texts: dict[str, str] = {}
    for path in bundled_files():
        records = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(records, dict):
            for record in records.get(KEYS[kind]) or []:
                texts[record["id"]] = (record.get("description") or "").strip()
    return texts


def sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def renderings() -> dict[str, dict[str, dict[str, str]]]:
    return json.loads(LABELS.read_text(encoding="utf-8"))


def test_the_file_holds_the_two_kinds_each_sorted_by_id():
    entries = renderings()
    assert set(entries) == set(KEYS)
    for kind in KEYS:
        assert list(entries[kind]) == sorted(entries[kind])


@pytest.mark.parametrize("kind", sorted(KEYS))
def test_every_rendering_is_of_a_bundled_record_and_of_its_current_english(kind):
    english = english_descriptions(kind)
    entries = renderings()[kind]
    assert sorted(set(entries) - set(english)) == []
    stale = [rid for rid, entry in entries.items() if entry["sha"] != sha(english[rid])]
    assert stale == []


@pytest.mark.parametrize("kind", sorted(KEYS))
def test_every_rendering_is_korean(kind):
    for rid, entry in renderings()[kind].items():
        assert set(entry) == {"sha", "ko"}, rid
        assert entry["ko"].strip(), rid
        assert len(re.findall("[가-힣]", entry["ko"])) >= 10, rid


@pytest.mark.parametrize("kind", sorted(KEYS))
def test_every_described_record_is_rendered(kind):
    described = {rid for rid, text in english_descriptions(kind).items() if text}
    assert len(described) >= {"deal": 280, "investment": 22}[kind]
    assert sorted(described - set(renderings()[kind])) == []


def test_drug_codes_and_amounts_are_kept():
    english = english_descriptions("deal")
    entries = renderings()["deal"]
    assert "ABL301" in entries["dl-abl-bio-sanofi-2022"]["ko"]
    assert "7,500만 달러" in entries["dl-abl-bio-sanofi-2022"]["ko"]
    assert "$75M upfront" in english["dl-abl-bio-sanofi-2022"]
    assert "1,200억 원" in entries["dl-aribio-newco-pharma-2024"]["ko"]
    assert "120 billion won" in english["dl-aribio-newco-pharma-2024"]
