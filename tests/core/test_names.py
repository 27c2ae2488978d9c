"""Country and language names from CLDR in the active language, never the bare code: the helper
itself (tests/web/test_country_names.py checks the pages)."""

from __future__ import annotations

from django.utils import translation

from dari.core.names import (
    both_names,
    city_name,
    countries_by_name,
    country_name,
    language_name,
    local_name,
    other_name,
    recorded_city,
    region_name,
    term_gist,
    term_name,
)


def test_a_country_code_reads_as_its_name_in_each_language():
    assert (country_name("CH", "en"), country_name("CH", "ko")) == ("Switzerland", "스위스")
    assert (country_name("kr", "en"), country_name("KR", "ko")) == ("South Korea", "대한민국")
    with translation.override("ko"):
        assert country_name("US") == "미국"
    with translation.override("en"):
        assert country_name("US") == "United States"
    # Nothing to name, or a code CLDR does not know: shown as it is.
    assert (country_name("", "ko"), country_name(None), country_name("XQ", "ko")) == ("", "", "XQ")


def test_language_names_and_filter_options_sorted_by_name():
    assert (language_name("ko", "en"), language_name("en", "ko")) == ("Korean", "영어")
    assert countries_by_name(["US", "CH", "KR"], "en") == [
        ("KR", "South Korea"),
        ("CH", "Switzerland"),
        ("US", "United States"),
    ]
    assert countries_by_name(["US", "CH", "KR"], "ko") == [
        ("KR", "대한민국"),
        ("US", "미국"),
        ("CH", "스위스"),
    ]


def test_korean_cities_read_in_hangul_for_a_korean_reader():
    assert city_name("Seoul", "ko") == "서울"
    assert city_name("Incheon (Songdo)", "ko") == "인천(송도)"
    assert city_name("Cheongju (Osong)", "ko") == "청주(오송)"
    assert city_name("Seoul", "en") == "Seoul"
    assert city_name("Boston", "ko") == "Boston"  # not a Korean place: as recorded
    assert city_name("", "ko") == ""


def test_a_city_typed_in_korean_is_the_recorded_one():
    assert recorded_city("서울") == "Seoul"
    assert recorded_city("인천(송도)") == "Incheon (Songdo)"
    assert recorded_city("Seoul") == "Seoul"
    assert recorded_city("부에노스아이레스") == "부에노스아이레스"


def test_a_record_reads_in_the_readers_language_first_with_its_other_name_beside():
    """SYNTHETIC records: a Korean reader sees the Korean name first, an English reader the
    English one; a record with one name has no 'other' name."""

    class Rec:
        def __init__(self, name: str, name_ko: str = "") -> None:
            self.name, self.name_ko = name, name_ko

    both, english_only = Rec("Synthetic Bio", "신세틱바이오"), Rec("Synthetic Pharma")
    assert (local_name(both, "ko"), other_name(both, "ko")) == ("신세틱바이오", "Synthetic Bio")
    assert (local_name(both, "en"), other_name(both, "en")) == ("Synthetic Bio", "신세틱바이오")
    assert (local_name(english_only, "ko"), other_name(english_only, "ko")) == (
        "Synthetic Pharma",
        "",
    )
    with translation.override("ko"):
        assert other_name(Rec("Same", "Same")) == ""


def test_an_indication_reads_in_korean_where_the_glossary_knows_it():
    assert term_name("gastric cancer", "ko") == "위암"
    assert term_name("gastric cancer", "en") == "gastric cancer"
    # not a whole glossary term: kept as written
    assert term_name("HER2-positive synthetic tumour of the left toe", "ko") == (
        "HER2-positive synthetic tumour of the left toe"
    )


def test_a_longer_phrase_reads_by_its_gist_in_korean():
    """Where a reason or heading needs what a record's free text is about (term_gist)."""
    phrase = "HER2-positive metastatic breast cancer (second line)"
    assert term_gist(phrase, "ko") == "HER2 양성 유방암"
    assert term_gist(phrase, "en") == phrase
    assert term_gist("gastric cancer", "ko") == "위암"  # a whole term as term_name
    assert term_gist("stroke prevention in atrial fibrillation", "ko") == "뇌졸중, 심방세동"
    # nothing the glossary knows: as written
    assert term_gist("a synthetic phrase of no disease", "ko") == "a synthetic phrase of no disease"


def test_a_clusters_region_in_korean_whole_or_not_at_all():
    assert [
        region_name("North Gyeongsang (Andong)", "ko"),
        region_name("Incheon (Songdo, Incheon Free Economic Zone)", "ko"),
        region_name("Ulsan", "ko"),
        region_name("Gyeonggi (Somewhere New)", "ko"),
        region_name("North Gyeongsang (Andong)", "en"),
    ] == [
        "경북(안동)",
        "인천(송도, 인천경제자유구역)",
        "울산",
        "Gyeonggi (Somewhere New)",
        "North Gyeongsang (Andong)",
    ]


def test_both_names_put_the_readers_first():
    class Org:
        name, name_ko = "Celltrion", "셀트리온"

    class Foreign:
        name, name_ko = "Roche", ""

    assert both_names(Org(), "ko") == "셀트리온 · Celltrion"
    assert both_names(Org(), "en") == "Celltrion · 셀트리온"
    assert both_names(Foreign(), "ko") == "Roche"
