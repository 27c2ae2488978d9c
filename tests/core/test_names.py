"""Country and language names from CLDR in the active language, never the bare code: the helper
itself (tests/web/test_country_names.py checks the pages)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.utils import translation

from dari.core.names import (
    both_names,
    city_name,
    countries_by_name,
    country_name,
    language_name,
    local_name,
    name_in_korean,
    names_ko,
    other_name,
    recorded_city,
    region_name,
    term_gist,
    term_name,
    text_hash,
    utc_offset,
    zone_label,
)
from dari.matching.text import has_hangul


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
    # a narrower concept by its own name, not its broader one's (골수증식종양, 보체)
    assert term_name("polycythemia vera", "ko") == "진성적혈구증가증"
    assert term_name("factor X", "ko") == "제10인자"
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


def test_a_zone_label_is_its_id_and_its_offset_from_utc_on_the_day():
    """`zone_label`: where a table names a zone beside a country ("Asia/Seoul (UTC+9)"), the
    offset on the day given (an event's first day), now without one."""
    winter, summer = dt.date(2026, 12, 18), dt.date(2026, 7, 1)
    assert zone_label("Asia/Seoul", winter) == "Asia/Seoul (UTC+9)"
    assert zone_label("Europe/London", winter) == "Europe/London (UTC+0)"
    assert zone_label("Europe/London", summer) == "Europe/London (UTC+1)"
    assert zone_label("America/New_York", winter) == "America/New_York (UTC-5)"
    assert zone_label("Asia/Kolkata", winter) == "Asia/Kolkata (UTC+5:30)"
    assert zone_label("America/St_Johns", winter) == "America/St_Johns (UTC-3:30)"
    assert utc_offset("Europe/London", dt.datetime(2026, 7, 1, 12, tzinfo=dt.UTC)) == "UTC+1"
    assert zone_label("Asia/Seoul") == "Asia/Seoul (UTC+9)"  # no daylight saving time
    # an id the tz database does not know, or none: as it is
    assert (zone_label("Mars/Olympus_Mons"), zone_label(""), zone_label(None)) == (
        "Mars/Olympus_Mons",
        "",
        "",
    )


def test_a_bundled_facility_reads_by_its_korean_name_while_its_english_is_the_rendered_one():
    """dari/data/labels/names_ko.json: facilities have no name_ko field; a Korean reader reads
    the rendering of the bundled name, an English reader the name; a renamed facility (its
    English no longer the one rendered) and one of no entry keep their own name."""

    class Facility:
        def __init__(self, pk: str, name: str) -> None:
            self.pk, self.name = pk, name

    plant = Facility("fac-gc-ochang", "GC Biopharma Ochang plant")
    assert (local_name(plant, "ko"), other_name(plant, "ko")) == (
        "GC녹십자 오창 공장",
        "GC Biopharma Ochang plant",
    )
    assert (local_name(plant, "en"), other_name(plant, "en")) == (
        "GC Biopharma Ochang plant",
        "GC녹십자 오창 공장",
    )
    renamed = Facility("fac-gc-ochang", "GC Biopharma Ochang plant (renamed)")
    assert (local_name(renamed, "ko"), other_name(renamed, "ko")) == (renamed.name, "")
    assert name_in_korean(Facility("fac-synthetic", "SYNTHETIC plant")) == ""


def test_every_bundled_name_rendering_renders_a_bundled_records_name():
    """Each entry of names_ko.json names a bundled record and the fingerprint of its current
    English name (a rendering whose English changed would be silently dropped)."""
    bundled = json.loads(
        (Path(__file__).resolve().parents[2] / "dari/data/facilities_programs.json").read_text(
            encoding="utf-8"
        )
    )
    for kind, key in (("facility", "facilities"), ("program", "programs")):
        names = {f["id"]: f["name"] for f in bundled[key]}
        renderings = names_ko()[kind]
        assert set(renderings) == set(names), kind
        assert {k: r.source for k, r in renderings.items()} == {
            k: text_hash(n) for k, n in names.items()
        }
        assert all(has_hangul(r.text) for r in renderings.values())
