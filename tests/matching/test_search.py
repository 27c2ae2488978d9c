"""The pure part of search: queries through the glossary, documents, rank fusion."""

from __future__ import annotations

from dari.matching.search import RecordText, document, fuse, parse_query


def alternatives(text):
    return [term.alternatives for term in parse_query(text).terms]


def test_a_glossary_name_becomes_its_concept_or_the_words_typed():
    assert alternatives("위암") == [(("zcgastriccancer",), ("위암",))]
    assert alternatives("gastric cancer") == [(("zcgastriccancer",), ("gastric", "cancer"))]
    assert alternatives("stomach cancer")[0][0] == ("zcgastriccancer",)


def test_other_words_are_terms_and_generic_words_are_dropped():
    assert alternatives("위암 치료제") == [(("zcgastriccancer",), ("위암",))]
    assert alternatives("Hanmi obesity drug") == [
        (("zcobesity",), ("obesity",)),
        (("hanmi",),),
    ]
    assert alternatives("치료제") == [(("치료제",),)]  # nothing else left: kept
    assert alternatives("   ") == []


def test_a_document_holds_concepts_in_both_languages_with_broader_ones():
    doc = document(
        RecordText(
            name="HB-1",
            description="A bispecific antibody",
            labels=["non-small cell lung cancer", "EGFR", "oncology"],
            owner=["Hanbit Bio", "한빛바이오"],
        )
    )
    terms = doc["terms"].split()
    for token in (
        "zcnonsmallcelllungcancer",
        "비소세포폐암",
        "zclungcancer",
        "zcegfr",
        "zconcology",
    ):
        assert token in terms
    assert terms.count("zcnonsmallcelllungcancer") == 2  # the main value counts twice
    assert "zcbispecificantibody" in doc["body"].split()
    assert doc["name"] == "hb1"  # a code is one token, as typed: HB-1, hb1
    assert doc["org"].split()[:2] == ["hanbit", "bio"]


def test_reciprocal_rank_fusion():
    assert fuse([["a", "b"], ["b", "a"]]) == ["a", "b"]  # a tie keeps the first order
    assert fuse([["a", "b", "c"], ["c", "a"]]) == ["a", "c", "b"]
    assert fuse([]) == []
