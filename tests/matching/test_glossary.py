"""The Korean-English glossary: every entry well-formed and sourced, names found both ways."""

from __future__ import annotations

import pytest

from dari.matching.glossary import KINDS, glossary

SOURCES = ("KCD", "NCC", "KDCA", "KAMJE", "MFDS", "HGNC")


def test_every_entry_has_a_kind_both_names_and_a_known_source():
    g = glossary()
    assert len(g) >= 400
    for entry in g:
        assert entry.kind in KINDS, entry
        assert entry.en and entry.ko, entry
        parts = [part.strip() for part in entry.source.split(";")]
        assert all(part.split()[0] in SOURCES for part in parts), entry


def test_keys_are_unique_and_parents_exist():
    g = glossary()
    assert len({e.key for e in g}) == len(g)
    assert [e.en for e in g if e.parent and g.get(e.parent) is None] == []


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("위암", "gastric cancer"),
        ("전이성 위암 치료제", "gastric cancer"),
        ("비소세포폐암", "non-small cell lung cancer"),
        ("비소세포 폐암", "non-small cell lung cancer"),
        ("알츠하이머", "alzheimer's disease"),
        ("이중항체", "bispecific antibody"),
        ("항체약물접합체", "antibody-drug conjugate"),
        ("stomach cancer", "gastric cancer"),
        ("NSCLC", "non-small cell lung cancer"),
        ("acute myeloid leukemia", "acute myeloid leukaemia"),
        ("Alzheimers disease", "alzheimer's disease"),
        ("an ADC against TROP2", "antibody-drug conjugate"),
        ("c-Met", "c-met"),
    ],
)
def test_a_name_in_either_language_finds_its_concept(text, concept):
    assert glossary().concepts(text)[0].en == concept


def test_the_longest_name_wins_and_words_are_respected():
    g = glossary()
    assert [e.en for e in g.concepts("HER2 양성 위암")] == ["her2-positive gastric cancer"]
    assert g.concepts("시간 암세포") == []  # 간암 does not start a word here
    assert g.concepts("the study met its endpoint") == []  # "met" is not c-Met
    # A plural "s" that makes another term is no plural: the target MER is not MERS.
    assert [e.en for e in g.concepts("Axl, Mer and CSF1R kinases")] == ["kinase"]
    assert [e.en for e in g.concepts("MERS-CoV DNA vaccine")] == ["mers", "vaccine"]
    assert g.concepts("a first aid kit") == []  # not AIDS


def test_broader_concepts_and_translations():
    g = glossary()
    nsclc = g.concepts("NSCLC")
    assert [e.en for e in g.with_broader(nsclc)] == [
        "non-small cell lung cancer",
        "lung cancer",
        "solid tumour",
    ]
    assert g.korean("gastric cancer") == "위암"
    assert g.english("비소세포 폐암") == "non-small cell lung cancer"
    assert g.korean("no such thing") is None


@pytest.mark.parametrize(
    ("text", "gist"),
    [
        # the most specific disease named, qualifiers and broader concepts left out
        (
            "HER2 tyrosine kinase domain-mutant non-squamous non-small cell lung cancer",
            ["non-small cell lung cancer"],
        ),
        ("type 1 diabetes with severe hypoglycaemic events", ["type 1 diabetes"]),
        (
            "stroke and systemic embolism prevention in nonvalvular atrial fibrillation",
            ["stroke", "atrial fibrillation"],
        ),
        # no disease: the target, else the modality, else another technical term
        ("amylin receptor agonist", ["amylin receptor"]),
        ("tumour imaging (companion to SKL35501)", ["imaging"]),
        # an area alone says less than the phrase: nothing
        ("cancers in general", []),
    ],
)
def test_the_gist_of_a_phrase_is_its_most_specific_concepts(text, gist):
    assert [e.en for e in glossary().gist(text)] == gist


def test_technical_terms_a_reason_shows_have_korean_names():
    g = glossary()
    assert [g.korean(t) for t in ("payload", "inhibitor", "blood-brain barrier")] == [
        "페이로드",
        "억제제",
        "혈액뇌장벽",
    ]
    # a part of a drug is no kind of drug: a record naming a payload is not thereby an ADC
    payload = g.concepts("a cytotoxic payload")
    assert [e.en for e in g.with_broader(payload)] == ["payload"]
