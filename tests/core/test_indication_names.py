"""Every indication of every bundled asset reads in Korean for a Korean reader: the glossary's
name for a whole term it knows, else the display table dari/data/labels/indications_ko.json
(`dari.core.names.term_name`, template filters `terms` / `term`); English readers see the
indication as written."""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.template import Context, Template
from django.utils import translation

from dari.core.names import INDICATIONS_KO, indications_ko, term_gist, term_name
from dari.matching.glossary import glossary
from dari.matching.text import has_hangul

DATA = Path("dari/data")

# A symbol that carries a digit (HER2, HPV16, L858R, KRAS G12C's G12C, SKL35501) is kept as written.
_SYMBOL = re.compile(r"\b[A-Z][A-Za-z]*\d[A-Za-z0-9]*\b")


def bundled_indications() -> dict[str, str]:
    """Each distinct indication of the bundled assets -> the first data file naming it."""
    found: dict[str, str] = {}
    for path in sorted(DATA.glob("*.json")):
        records = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(records, dict):
            continue
        for asset in records.get("assets") or []:
            for indication in asset.get("indications") or []:
                found.setdefault(indication, path.name)
    return found


def test_every_bundled_indication_reads_in_korean():
    indications = bundled_indications()
    assert len(indications) >= 700
    missing = sorted(
        f"{text!r} (in dari/data/{where})"
        for text, where in indications.items()
        if not has_hangul(term_name(text, "ko"))
    )
    assert not missing, (
        f"{len(missing)} bundled indication(s) have no Korean rendering: add each, keyed by the "
        f"exact English, to dari/data/labels/{INDICATIONS_KO.name}:\n" + "\n".join(missing)
    )


def test_the_table_holds_korean_keeping_figures_and_symbols():
    table = indications_ko()
    assert len(table) >= 400
    for english, korean in table.items():
        assert has_hangul(korean), english
        for number in re.findall(r"\d+", english):
            assert number in korean, (english, number)
        for symbol in _SYMBOL.findall(english):
            assert symbol in korean, (english, symbol)


def test_a_sample_reads_as_korean_clinicians_write_it():
    expected = {
        "moderate-to-severe atopic dermatitis": "중등도~중증 아토피피부염",
        "COVID-19 prevention": "코로나19 예방",
        "HR+/HER2- metastatic breast cancer": "HR+/HER2- 전이성 유방암",
        "relapsing forms of multiple sclerosis": "재발형 다발성 경화증",
        "KRAS G12C-mutated non-small cell lung cancer": "KRAS G12C 변이 비소세포폐암",
        "stroke prevention in non-valvular atrial fibrillation": "비판막성 심방세동의 뇌졸중 예방",
        "gastric cancer": "위암",  # the glossary's whole term first
    }
    for english, korean in expected.items():
        assert term_name(english, "ko") == korean
        assert term_gist(english, "ko") == korean  # a rendering before the gist
        assert term_name(english, "en") == english
        assert term_gist(english, "en") == english


def test_the_glossary_comes_first():
    """Where the glossary has the whole term its (checked) name is shown, not the table's."""
    for english in bundled_indications():
        known = glossary().korean(english)
        if known is not None:
            assert term_name(english, "ko") == known


def test_an_unknown_phrase_still_falls_back():
    phrase = "HER2-positive synthetic tumour of the left toe"
    assert term_name(phrase, "ko") == phrase
    gist = "HER2-positive metastatic breast cancer (second line)"
    assert term_gist(gist, "ko") == "HER2 양성 유방암"


def test_the_template_filters_read_the_table():
    template = Template('{% load dari_web %}{{ xs|terms|join:" / " }}|{{ x|term }}')
    context = Context(
        {"xs": ["COVID-19 prevention", "gastric cancer"], "x": "severe eosinophilic asthma"}
    )
    with translation.override("ko"):
        assert template.render(context) == "코로나19 예방 / 위암|중증 호산구성 천식"
    with translation.override("en"):
        assert template.render(context) == (
            "COVID-19 prevention / gastric cancer|severe eosinophilic asthma"
        )


def test_two_indications_of_one_rendering_are_listed_once():
    template = Template('{% load dari_web %}{{ xs|terms|join:", " }}')
    context = Context({"xs": ["obesity", "overweight", "type 2 diabetes"]})
    with translation.override("ko"):
        shown = template.render(context)
    assert shown.split(", ").count(term_name("obesity", "ko")) == 1
    with translation.override("en"):
        assert template.render(context) == "obesity, overweight, type 2 diabetes"
