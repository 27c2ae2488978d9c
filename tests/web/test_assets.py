"""The asset list: search (Korean too), filters, facet counts, sorting, pages, htmx."""

from __future__ import annotations

import pytest

from dari.directory.models import Asset
from tests.web.conftest import make_asset
from tests.web.html import asset_ids, text


def ids(client, query=""):
    return asset_ids(client.get("/assets/" + query))


def facet_counts(response):
    """{facet: {value: count}} for the values with a count, as offered to the user."""
    return {f.name: {v: n for v, _, n in f.options if n} for f in response.context["facets"]}


def test_korean_search_finds_the_korean_description(client, directory):
    assert ids(client, "?q=위암") == ["as-gastric"]


def test_english_search_matches_targets_and_descriptions(client, directory):
    assert ids(client, "?q=lung") == ["as-lung"]
    assert ids(client, "?q=cldn18.2") == ["as-gastric"]
    assert ids(client, "?q=한빛바이오") == ["as-gastric", "as-lung"]  # by the organisation
    assert ids(client, "?q=nothing-like-this") == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["as-gastric", "as-lung", "as-neuro"]),
        ("?therapeutic_area=neurology", ["as-neuro"]),
        ("?modality=small_molecule", ["as-lung"]),
        ("?stage=phase2", ["as-gastric"]),
        ("?cluster=cl-osong", ["as-gastric", "as-lung"]),
        ("?country=us", ["as-neuro"]),
        ("?seeking=co_development", ["as-gastric"]),
        ("?seeking=license&modality=antibody", ["as-gastric"]),
    ],
)
def test_filters(client, directory, query, expected):
    assert ids(client, query) == expected


def test_sorting(client, directory):
    def names(query):
        return [a.name for a in client.get("/assets/" + query).context["page"]]

    assert names("") == ["GP-7", "HB-101", "HB-202"]
    assert names("?sort=-name") == ["HB-202", "HB-101", "GP-7"]
    # Development order: preclinical, phase 1, phase 2.
    assert names("?sort=stage") == ["HB-202", "GP-7", "HB-101"]
    assert names("?sort=-stage") == ["HB-101", "GP-7", "HB-202"]


def test_facet_counts_ignore_their_own_filter(client, directory):
    response = client.get("/assets/?therapeutic_area=oncology")
    assert facet_counts(response) == {
        "therapeutic_area": {"oncology": 2, "neurology": 1},
        "modality": {"antibody": 1, "small_molecule": 1},
        "stage": {"phase2": 1, "preclinical": 1},
        "seeking": {"license": 2, "co_development": 1},
        "cluster": {"cl-osong": 2},
        "country": {"KR": 2},
    }
    assert "Oncology (2)" in text(response)


def test_pages_of_25(client, directory):
    for n in range(30):
        make_asset(id=f"as-bulk-{n:02}", name=f"Bulk {n:02}", organization=directory["pharma"])
    first = client.get("/assets/?q=bulk")
    second = client.get("/assets/?q=bulk&page=2")
    assert (first.context["page"].paginator.count, len(first.context["page"])) == (30, 25)
    assert asset_ids(second) == [f"as-bulk-{n:02}" for n in range(25, 30)]
    assert 'href="?q=bulk&amp;page=2"' in text(first)


def test_invalid_filter_is_a_clear_400(client, directory):
    response = client.get("/assets/?stage=phase9")
    assert response.status_code == 400
    assert "stage: &#x27;phase9&#x27; is not one of discovery" in text(response)
    assert asset_ids(response) == []


def test_htmx_gets_the_partial(client, directory):
    response = client.get("/assets/?stage=phase2", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "web/assets/_results.html"
    assert asset_ids(response) == ["as-gastric"]
    assert '<div id="facets" class="facets" hx-swap-oob="true">' in text(response)
    assert "<html" not in text(response)
    assert response["Vary"] == "HX-Request, Accept-Language, Cookie"


def test_htmx_invalid_filter_is_a_400_partial_with_the_message(client, directory):
    response = client.get("/assets/?seeking=gift", HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert [t.name for t in response.templates][0] == "web/assets/_results.html"
    assert "seeking: &#x27;gift&#x27; is not one of" in text(response)


def test_full_page_is_wired_for_htmx(client, directory):
    page = text(client.get("/assets/"))
    assert 'hx-get="/assets/" hx-target="#results" hx-push-url="true"' in page
    assert '<script src="/static/django_htmx/htmx-2.min.js" defer>' in page


def test_asset_detail_shows_labels_and_deals(client, directory):
    response = client.get("/assets/as-gastric/")
    page = text(response)
    assert "Phase 2" in page and "Co-development" in page
    assert [d.pk for d in response.context["deals"]] == ["dl-hanbit-global"]


def test_missing_asset_is_404(client, directory):
    assert client.get("/assets/as-nope/").status_code == 404


def test_asset_detail_says_how_territories_steer_the_partners(client, directory):
    asset = Asset.objects.get(pk="as-gastric")
    asset.territories = []
    asset.save()
    assert "No territories on offer are stated" in text(client.get("/assets/as-gastric/"))
    asset.territories = ["Greater China"]
    asset.save()
    page = text(client.get("/assets/as-gastric/"))
    assert "Only organisations based in the territories on offer (Greater China) rank high." in page
    korean = text(client.get("/assets/as-gastric/", HTTP_ACCEPT_LANGUAGE="ko"))
    assert "제공 가능 지역(Greater China)에 소재한 기관만 상위에 오릅니다." in korean


def test_every_territory_to_try_is_one_the_matcher_reads():
    from dari.matching.features import unknown_territories
    from dari.web.views import TERRITORY_CHOICES

    assert unknown_territories([value for value, _label in TERRITORY_CHOICES]) == []


def test_a_search_that_finds_nothing_says_so(client, directory):
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        body = client.get("/assets/?q=xyzzyqqq", **headers).content.decode()
        assert "0 assets" in body and "No assets match. Try another term or fewer filters." in body
