from dari.matching.text import has_hangul, kept_plurals, surface_forms, tokenize, tokenize_many


def test_english_tokens_are_lowercased_plural_stripped_and_stopworded() -> None:
    assert tokenize("The Antibodies and Inhibitors of cancers") == [
        "antibody",
        "inhibitor",
        "cancer",
    ]


def test_hyphenated_codes_are_joined_and_long_words_kept() -> None:
    assert tokenize("anti-PD-1, PD-L1, GLP-1, B7-H3, HER2-targeting, IL-17A") == [
        "anti",
        "pd1",
        "pdl1",
        "glp1",
        "b7h3",
        "her2",
        "targeting",
        "il17a",
    ]


def test_korean_text_gives_content_morphemes() -> None:
    tokens = tokenize("HER2 표적 항체약물접합체로 전이성 유방암을 치료합니다")
    assert tokens[0] == "her2"
    for expected in ("표적", "항체", "약물", "유방암", "치료"):
        assert expected in tokens
    # particles and endings are dropped
    assert "을" not in tokens and "로" not in tokens


def test_mixed_batch_matches_one_by_one() -> None:
    texts = ["비만 치료제 GLP-1 작용제", "obesity drugs", ""]
    assert tokenize_many(texts) == [tokenize(t) for t in texts]


def test_has_hangul_and_surface_forms() -> None:
    assert has_hangul("항체") and not has_hangul("antibody")
    assert surface_forms("Anti-PD-1 Antibodies") == {
        "anti": "anti",
        "pd1": "PD-1",
        "antibody": "antibodies",
    }


def test_a_plural_s_that_makes_another_term_is_kept() -> None:
    # MERS is not the plural of the target MER, nor AIDS of "aid", nor KRAS of "KRA".
    assert tokenize("MERS vaccine, MER kinase") == ["mers", "vaccine", "mer", "kinase"]
    assert tokenize("AIDS, first aid, KRAS, diabetes") == [
        "aids",
        "first",
        "aid",
        "kras",
        "diabetes",
    ]
    assert {"mers", "aids", "kras", "nras", "fsgs", "diabetes"} <= kept_plurals()
    # Real plurals still lose their s, glossary names among them (seizures = seizure).
    assert tokenize("ADCs, antibodies, seizures, wrinkles") == [
        "adc",
        "antibody",
        "seizure",
        "wrinkle",
    ]
    assert "seizures" not in kept_plurals() and "cancers" not in kept_plurals()
