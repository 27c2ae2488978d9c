"""What a reason may show as a "shared key term" (issue 15): never a stop-word or a
fragment. tests/directory/test_reason_terms.py checks every suggestion of the bundled data."""

from __future__ import annotations

import pytest

from dari.matching.keyterms import is_key_term


@pytest.mark.parametrize(
    "word", ["only", "built", "co", "activates", "the", "7", "x", "derived", "shelf", "moderate"]
)
def test_a_stopword_or_fragment_is_never_a_key_term(word: str) -> None:
    token = word.removesuffix("s") if word == "activates" else word
    assert is_key_term(token) is False


@pytest.mark.parametrize("word", ["her2", "pdl1", "glp1", "obesity", "conjugate", "위암"])
def test_a_concrete_term_is_a_key_term(word: str) -> None:
    assert is_key_term(word) is True


@pytest.mark.parametrize(
    "word", ["cell", "targeted", "subsidiary", "listed", "house", "university", "data", "weekly"]
)
def test_words_every_biomedical_profile_or_company_blurb_uses_are_not_key_terms(word: str) -> None:
    """Seen shared between real pairs ("cells", "in-house", "listed on KOSDAQ"): they say
    nothing of what the two have in common."""
    assert is_key_term(word) is False


def test_a_city_is_a_place_not_a_key_term() -> None:
    from dari.matching.features import PLACE_WORDS

    assert {"seoul", "incheon", "daejeon", "boston"} <= PLACE_WORDS
