"""Country and language names from CLDR in the active language, never the bare code: the helper
itself (tests/web/test_country_names.py checks the pages)."""

from __future__ import annotations

from django.utils import translation

from dari.core.names import countries_by_name, country_name, language_name


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
