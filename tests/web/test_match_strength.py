"""Recommendation scores (an asset's likely partners, an organisation's assets to look at, an
event's suggested meetings) come from rankers of different scales (0.5-0.63 on one, 4.5-7 on
another): each row shows one labelled presentation instead, its match strength as a bar out of
10 relative to the best match of the list, with a legend and a tooltip in the reader's language;
the order of the rows is the ranking, unchanged."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from dari.web.templatetags.dari_web import strength
from tests.factories import AssetFactory, OrganizationFactory


@pytest.mark.parametrize(
    ("score", "top", "expected"),
    [
        (0.63, 0.63, 10),
        (0.5, 0.63, 8),
        (7.0, 7.0, 10),
        (4.5, 7.0, 6),
        (0.001, 7.0, 1),  # a match shown is never an empty bar
        (0.5, 0.0, 0),
        (None, 7.0, 0),
    ],
)
def test_strength_is_out_of_ten_relative_to_the_best(score, top, expected):
    assert strength(score, top) == expected


@pytest.fixture
def market(leak_world):
    seeker = OrganizationFactory(
        id="org-seeker",
        name="Seeker Pharma",
        kind="pharma",
        country="US",
        interest_therapeutic_areas=["oncology"],
        interest_modalities=["antibody", "adc"],
        interest_stages=["phase1", "phase2"],
        interest_deal_types=["license"],
        interest_description="We in-license oncology antibodies in early clinical stages.",
    )
    AssetFactory(
        id="as-open",
        organization=leak_world["orgs"][3],
        name="Openmab",
        description="oncology antibody",
    )
    return seeker


LEGEND = {
    "en": "Match strength: the bar compares each match with the best one in this list.",
    "ko": "매칭 강도: 막대는 각 항목을 이 목록에서 가장 잘 맞는 항목과 비교합니다.",
}


def _bars(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'class="strength-bar strength-(\d+)"', page)]


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(
    "url", ["/assets/as-public/partners", "/organizations/org-seeker/recommended-assets"]
)
def test_both_lists_show_a_labelled_strength_not_a_raw_score(market, client, url, lang):
    with translation.override(None):
        page = client.get(url, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    bars = _bars(page)
    assert bars, page
    assert bars[0] == 10
    assert bars == sorted(bars, reverse=True)  # the ranking's order, unchanged
    assert LEGEND[lang] in page
    assert 'class="score"' not in page
    labels = re.findall(r'<span class="visually-hidden">([^<]+)</span>', page)
    expected = "Match strength {n} of 10" if lang == "en" else "매칭 강도 10점 만점에 {n}점"
    assert labels[: len(bars)] == [expected.format(n=n) for n in bars]
