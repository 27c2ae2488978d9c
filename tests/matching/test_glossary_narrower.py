"""A narrower concept is its own glossary entry, not an alias of the broader one (a Korean
page would show it by the broader name); a different concept is never an alias."""

from __future__ import annotations

import pytest

from dari.matching.glossary import english_tokens, glossary, korean_key
from dari.matching.search import RecordText, document, parse_query
from dari.matching.text import has_hangul


@pytest.mark.parametrize(
    ("english", "korean", "broader"),
    [
        ("polycythemia vera", "진성적혈구증가증", "myeloproliferative neoplasm"),
        ("polycythaemia vera", "진성적혈구증가증", "myeloproliferative neoplasm"),
        (
            "macular edema after retinal vein occlusion",
            "망막정맥폐쇄에 의한 황반부종",
            "retinal vein occlusion",
        ),
        (
            "relapsed or refractory multiple myeloma",
            "재발 또는 불응성 다발골수종",
            "multiple myeloma",
        ),
        ("relapsed/refractory multiple myeloma", "재발 또는 불응성 다발골수종", "multiple myeloma"),
        (
            "metastatic castration-resistant prostate cancer",
            "전이성 거세저항성 전립선암",
            "prostate cancer",
        ),
        ("lupus nephritis", "루푸스신염", "systemic lupus erythematosus"),
        ("open-angle glaucoma", "개방각녹내장", "glaucoma"),
        ("pulmonary embolism", "폐색전증", "thrombosis"),
        ("major depressive disorder", "주요우울장애", "depression"),
        ("haemophilia B", "혈우병 B", "haemophilia"),
    ],
)
def test_a_narrower_concept_reads_by_its_own_name_and_sits_under_the_broader(
    english, korean, broader
):
    g = glossary()
    assert g.korean(english) == korean
    entry = g.concepts(english)[0]
    assert broader in [e.en for e in g.with_broader([entry])]


@pytest.mark.parametrize(
    ("english", "korean"),
    [
        ("primary sclerosing cholangitis", "원발성 경화성 담관염"),  # not biliary cholangitis
        ("progressive pulmonary fibrosis", "진행성 폐섬유증"),  # not idiopathic
        ("periorbital rhytids", "눈가주름"),  # not glabellar lines
        ("diabetic foot ulcer", "당뇨병성 족부궤양"),  # not wound healing
        ("IL-6 receptor", "인터루킨6수용체"),  # not the cytokine
        ("KRAS G12C", "KRAS 유전자"),  # a target, not a cancer
        ("hepatitis C", "C형간염"),  # a letter tells them apart
        ("chronic hepatitis B", "B형간염"),
        ("haemophilia A", "혈우병 A"),
    ],
)
def test_a_different_concept_is_not_read_as_another(english, korean):
    assert glossary().korean(english) == korean


def test_coagulation_factors_are_not_complement():
    g = glossary()
    for text in ("factor X", "factor Xa", "factor VIII", "nerve growth factor", "tissue factor"):
        assert "complement" not in [e.en for e in g.concepts(text)], text
    assert g.korean("factor X") == "제10인자"  # coagulation factor X (KCD: 제10인자)
    assert g.korean("factor IX") == "제9인자"
    assert g.concepts("fix the dose") == []
    assert g.korean("complement factor B") == "보체"


def test_a_letter_is_part_of_a_name_but_an_article_or_a_possessive_is_not():
    def tokens(text):
        return [t for t, _, _ in english_tokens(text, letters=True)]

    assert tokens("hepatitis B") == ["hepatitis", "b"]
    assert tokens("haemophilia A or B") == ["hemophilia", "a", "b"]  # one spelling
    assert tokens("a drug for Alzheimer's disease") == ["drug", "alzheimer", "disease"]
    assert tokens("treated with a bispecific") == ["treated", "bispecific"]
    # the search index keeps its tokens (no letters)
    assert [t for t, _, _ in english_tokens("hepatitis B")] == ["hepatitis"]
    g = glossary()
    assert [e.en for e in g.gist("haemophilia A or B with inhibitors")] == ["haemophilia"]
    assert [e.en for e in g.concepts("non-metastatic castration-resistant prostate cancer")] == [
        "non-metastatic castration-resistant prostate cancer"
    ]


def test_every_name_names_one_concept():
    """Two entries sharing a name (as matched: tokens, or Korean without spaces) would make
    one of them unreachable by it: "hepatitis b" and "hepatitis c" once read alike."""
    owner: dict[object, str] = {}
    clashes = []
    for entry in glossary():
        for name in entry.names:
            if has_hangul(name):
                key: object = korean_key(name)[0]
            else:
                key = tuple(t for t, _, _ in english_tokens(name, letters=True))
            if owner.setdefault(key, entry.en) != entry.en:
                clashes.append((name, owner[key], entry.en))
    assert clashes == []


@pytest.mark.parametrize(
    ("label", "query"),
    [
        ("polycythemia vera", "골수증식종양"),
        ("polycythemia vera", "진성적혈구증가증"),
        ("relapsed or refractory multiple myeloma", "다발골수종"),
        ("macular oedema after retinal vein occlusion", "망막정맥폐쇄"),
        ("haemophilia B", "혈우병"),
    ],
)
def test_a_record_of_a_narrower_concept_is_found_by_the_broader_query(label, query):
    doc = document(RecordText(name="X-1", labels=[label]))["terms"].split()
    (term,) = parse_query(query).terms
    assert any(all(token in doc for token in alt) for alt in term.alternatives), (label, query)
