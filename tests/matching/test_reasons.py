"""Reasons are translatable without Django: a pluggable translator keyed by the English text."""

from __future__ import annotations

from collections.abc import Iterator
from string import Formatter

import pytest

from dari.matching import AssetProfile, DealRecord, FakeEmbedder, Index, OrgProfile
from dari.matching import reasons as rs

HISTORY = [
    DealRecord("onco-pharma", "lc", "adc", "oncology", ("TROP2",), 2023, licensor_name="LigaChem",
               licensor_name_ko="리가켐바이오", licensor_country="KR"),
    DealRecord("onco-pharma", "kelun", "adc", "oncology", ("TROP2",), 2022,
               licensor_name="Kelun", licensor_country="CN"),
]  # fmt: skip

TOY = {
    "{area}: in their stated interests": "{area}: 관심 분야로 밝힌 영역",
    "in-licensed {assets}{since}, e.g. from {examples}": "{since}{assets} 도입(예: {examples})",
    "in-licensed from {country} before: {deals}{since}, e.g. from {examples}": (
        "{country}에서 도입한 이력: {since}{deals}(예: {examples})"
    ),
    " since {year}": "{year}년 이후 ",
    "{count} deal": "거래 {count}건",
    "{count} {what} assets": "{what} 자산 {count}건",
    "oncology": "종양",
    "ADC": "항체-약물 접합체(ADC)",
    "Korea": "한국",
}


@pytest.fixture
def toy_korean() -> Iterator[list[str]]:
    asked: list[str] = []

    def translate(text: str) -> str:
        asked.append(text)
        return TOY.get(text, text)

    rs.set_translator(translate)
    yield asked
    rs.set_translator(None)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


def test_without_a_translator_everything_is_english() -> None:
    assert rs.render(rs.PARTNER_REASONS, "area_interest", area=rs.label("oncology")) == (
        "oncology: in their stated interests"
    )
    assert rs.counted(1, "deals") == "1 deal"
    assert rs.counted(2, "labelled_assets", what=rs.label("adc")) == "2 ADC assets"
    assert rs.since(2022) == " since 2022"
    assert rs.since(None) == ""
    assert rs.country_name("KR") == "Korea"
    assert rs.country_name("XX") == "XX"


def test_the_translator_sees_the_english_text_and_fills_the_same_fields(
    toy_korean: list[str],
) -> None:
    text = rs.render(rs.PARTNER_REASONS, "area_interest", area=rs.label("oncology"))
    assert text == "종양: 관심 분야로 밝힌 영역"
    assert toy_korean == ["oncology", "{area}: in their stated interests"]
    assert (
        rs.counted(2, "labelled_assets", what=rs.label("adc")) == "항체-약물 접합체(ADC) 자산 2건"
    )
    assert rs.since(2022) == "2022년 이후 "
    assert rs.label("made_up_value") == "made up value"  # unknown: shown as is, not looked up
    assert "made up value" not in toy_korean
    assert rs.english_label("oncology") == "oncology"  # indexed text is never translated


def test_recommendations_are_rendered_in_the_translators_language(
    orgs: list[OrgProfile], assets: list[AssetProfile]
) -> None:
    index = Index(orgs, assets, embedder=FakeEmbedder(dim=64), history=HISTORY)
    english = index.recommend_partners(assets[0])
    asked: list[str] = []

    def translate(text: str) -> str:
        asked.append(text)
        return TOY.get(text, text)

    rs.set_translator(translate)
    rs.set_name_chooser(lambda name, name_ko: name_ko or name)
    try:
        korean = index.recommend_partners(assets[0])
    finally:
        rs.set_translator(None)
        rs.set_name_chooser(None)
    # the same ranking and scores: only the words change (the indexed text stays English)
    assert [(r.id, r.score) for r in korean] == [(r.id, r.score) for r in english]
    assert "in-licensed 2 ADC assets since 2022, e.g. from LigaChem, Kelun" in english[0].reasons
    assert (
        "2022년 이후 항체-약물 접합체(ADC) 자산 2건 도입(예: 리가켐바이오, Kelun)"
        in korean[0].reasons
    )
    # a licensor is named in Korean where it has a Korean name, else as written
    assert "한국에서 도입한 이력: 2023년 이후 거래 1건(예: 리가켐바이오)" in korean[0].reasons
    assert set(asked) <= set(rs.catalogue())  # nothing reaches the translator uncatalogued


def test_the_catalogue_lists_every_string_once_with_consistent_fields() -> None:
    strings = rs.catalogue()
    assert len(strings) == len(set(strings))
    every = [
        *rs.PARTNER_REASONS.values(),
        *rs.ASSET_REASONS.values(),
        *rs.FRAGMENTS.values(),
        *rs.LABELS.values(),
    ]
    assert set(every) <= set(strings)
    for key in rs.FRAGMENTS:
        if key.endswith("_plural"):
            singular = key.removesuffix("_plural")
            assert _fields(rs.FRAGMENTS[key]) == _fields(rs.FRAGMENTS[singular])
    assert set(rs.PARTNER_REASONS) == set(rs.ASSET_REASONS)
    for key, text in rs.PARTNER_REASONS.items():
        assert _fields(text) == _fields(rs.ASSET_REASONS[key]), key


def test_a_target_in_words_goes_through_the_term_translator_a_symbol_does_not():
    previous = rs.set_term_translator(lambda text: f"<{text}>")
    try:
        shown = [rs.target_term(t) for t in ("HER2", "TNF-alpha", "PD-L1", "c-Met")]
        assert shown == ["HER2", "TNF-alpha", "PD-L1", "c-Met"]
        worded = [
            rs.target_term(t) for t in ("amylin receptor", "alpha-synuclein", "IL-6 receptor")
        ]
        assert worded == ["<amylin receptor>", "<alpha-synuclein>", "<IL-6 receptor>"]
    finally:
        rs.set_term_translator(previous)
