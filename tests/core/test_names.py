"""Country and language names from CLDR in the active language, never the bare code: the helper
itself (tests/web/test_country_names.py checks the pages)."""

from __future__ import annotations

from django.utils import translation

from dari.core.names import (
    city_name,
    countries_by_name,
    country_name,
    language_name,
    recorded_city,
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
