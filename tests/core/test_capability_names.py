"""Facility capability tags in Korean: one data file (dari/data/labels/capabilities_ko.json)
read by `capability_name` and the `capability` template filter."""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.template import Context, Template
from django.utils import translation

from dari.core.names import capabilities_ko, capability_name

DATA = Path("dari/data")


def bundled_tags() -> set[str]:
    tags: set[str] = set()
    for path in sorted(DATA.rglob("*.json")):
        records = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(records, dict):
            continue
        for facility in records.get("facilities") or []:
            tags.update(facility.get("capabilities") or [])
    return tags


def test_every_bundled_capability_tag_has_a_korean_rendering():
    tags = bundled_tags()
    assert len(tags) >= 90
    assert sorted(tags - set(capabilities_ko())) == []


def test_each_korean_rendering_is_korean_and_keeps_its_figures():
    for english, korean in capabilities_ko().items():
        assert re.search("[가-힣]", korean) or korean == english == "mRNA", english
        assert re.findall(r"\d[\d,]*", korean) == re.findall(r"\d[\d,]*", english), english


def test_a_tag_reads_in_korean_for_a_korean_reader_only():
    assert capability_name("aseptic filling", "ko") == "무균 충전"
    assert capability_name("180,000 L bioreactor capacity", "ko") == "생물반응기 180,000 L 용량"
    assert capability_name("aseptic filling", "en") == "aseptic filling"
    # A tag without a Korean rendering (typed by a user) is shown as recorded.
    assert capability_name("rodent studies", "ko") == "rodent studies"
    assert capability_name("", "ko") == ""


def test_the_template_filter_follows_the_active_language():
    template = Template("{% load dari_web %}{{ tag|capability }}")
    context = Context({"tag": "drug product fill and finish"})
    with translation.override("ko"):
        assert template.render(context) == "완제의약품 충전·마감"
    with translation.override("en"):
        assert template.render(context) == "drug product fill and finish"


def test_every_cluster_focus_tag_has_a_korean_rendering():
    clusters = json.loads((DATA / "clusters.json").read_text(encoding="utf-8"))["clusters"]
    tags = {tag for cluster in clusters for tag in cluster.get("focus") or []}
    assert len(tags) >= 60
    assert sorted(tags - set(capabilities_ko())) == []
    assert capability_name("biosimilars", "ko") == "바이오시밀러"
    assert capability_name("biosimilars", "en") == "biosimilars"
