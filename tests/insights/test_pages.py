"""Every insights page renders its charts as server-side SVG (vl-convert, nothing fetched),
with a table and a CSV per chart, in English and Korean."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from dari.directory.models import Cluster
from dari.insights.bundled import load_targets
from dari.insights.domain import network
from dari.insights.domain.targets import targets_progress
from dari.insights.forms import ObservationForm
from dari.web import insights_charts as charts

pytestmark = pytest.mark.django_db

NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


def assert_self_contained_svg(svg: str) -> None:
    assert svg.startswith("<svg")
    assert "viewBox" in svg and re.search(
        r'class="marks chart-svg( wide)?( broad)?" role="img"', svg
    )
    assert set(re.findall(r"https?://[^\"'\s)]+", svg)) <= NAMESPACES
    assert "<image" not in svg


def test_every_chart_kind_renders_a_self_contained_responsive_svg(world):
    load_targets()
    labels = {"baseline": "Baseline", "observed": "Observed", "target": "Target"}
    for p in targets_progress():
        assert_self_contained_svg(charts.target_chart(p, labels, p["target"].unit))
    rows = [{"label": "2023", "n": 2}, {"label": "2024", "n": 1}]
    assert_self_contained_svg(charts.bar_chart(rows, "label", "n", "Deals"))
    cells = [{"x": "Phase 1", "y": "A", "v": 3}, {"x": "Phase 2", "y": "B", "v": 1}]
    assert_self_contained_svg(charts.heatmap_chart(cells, "x", "y", "v", "Stage", "C", "Assets"))
    links = network.cluster_links()
    nodes = [
        {"key": "cl-a", "label": "Alpha", "total": 4},
        {"key": "cl-b", "label": "Beta", "total": 4},
    ]
    assert_self_contained_svg(charts.network_chart(nodes, links))
    assert charts.bar_chart([], "label", "n", "Deals") == ""
    assert charts.network_chart(nodes, []) == ""


@pytest.mark.parametrize(
    ("url", "svgs"),
    [
        # The world's meetings involve four organisations: the funnel and Korea's share are
        # held back (fewer than 3 account for each cell), so those two charts are not drawn.
        ("/insights/ecosystem/", 8),
        ("/insights/ecosystem/?year_from=2023&year_to=2023&cluster=cl-a&modality=antibody", 8),
        ("/insights/clusters/", 2),
        ("/insights/clusters/cl-a/", 3),
        ("/insights/capabilities/?q=GMP", 0),
        ("/insights/calls/", 0),
        ("/insights/calls/p-call/", 0),
    ],
)
def test_pages_render_for_anonymous_visitors(world, client, url, svgs):
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("<svg") == svgs


def test_filters_that_do_not_validate_are_named_and_ignored(world, client):
    html = client.get("/insights/ecosystem/?year_from=2025&year_to=2023").content.decode()
    assert "The first year comes after the last one." in html
    assert html.count("<svg") == 8


def test_csv_downloads_and_unknown_charts(world, client):
    response = client.get("/insights/ecosystem/?format=csv&chart=funnel")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode("utf-8-sig") == (
        "Stage,Meetings,Share of the stage before\r\n"
        "Meetings,fewer than 3 organisations,\r\nCDA signed,fewer than 3 organisations,\r\nTerm sheet,fewer than 3 organisations,\r\n"
        "Deal,fewer than 3 organisations,\r\n"
    )
    links = client.get("/insights/clusters/?format=csv&chart=links").content.decode("utf-8-sig")
    assert links == (
        "Cluster,Cluster,Deals,Meetings,Facilities,Total\r\n"
        "Alpha Cluster,Beta Cluster,2,fewer than 3 organisations,1,3\r\n"
    )
    assert client.get("/insights/ecosystem/?format=csv&chart=nope").status_code == 404
    assert client.get("/insights/clusters/cl-nope/").status_code == 404


def test_the_capability_finder_page_lists_shared_access_first(world, client):
    html = client.get("/insights/capabilities/?q=GMP+manufacturing+for+ADCs").content.decode()
    assert html.index("Beta ADC Plant") < html.index("Alpha Antibody Plant")
    assert "Beta Animal Lab" not in html


def test_pages_in_korean(world, client):
    load_targets()
    client.cookies["django_language"] = "ko"
    html = client.get("/insights/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert '<html lang="ko">' in html
    assert "의약품 수출" in html
    assert "한눈에 보는 가상 클러스터" in html
    eco = client.get("/insights/ecosystem/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "연도별 거래" in eco


@pytest.mark.parametrize("offset, passed", [(0, False), (1, True)])
def test_a_target_year_in_the_past_is_marked_as_passed(client, offset, passed):
    import datetime as dt

    import time_machine

    from dari.insights.models import Direction, NationalTarget

    load_targets()
    target = NationalTarget.objects.filter(direction=Direction.HIGHER).order_by("pk").first()
    NationalTarget.objects.exclude(pk=target.pk).delete()
    # Far from achieved, whatever the observations say.
    NationalTarget.objects.filter(pk=target.pk).update(target_value=10**12)
    day = dt.datetime(target.target_year + offset, 6, 1, 12, tzinfo=dt.UTC)
    with time_machine.travel(day, tick=False):
        html = client.get("/insights/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        korean = client.get("/insights/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert html.count("target year passed") == int(passed)
    assert korean.count("목표 연도 지남") == int(passed)


def test_cluster_and_target_menus_are_in_the_readers_language(world, client):
    load_targets()
    Cluster.objects.filter(pk="cl-a").update(name_ko="알파 클러스터")
    client.cookies["django_language"] = "ko"
    for page in ("/insights/ecosystem/", "/insights/capabilities/"):
        html = client.get(page, HTTP_ACCEPT_LANGUAGE="ko").content.decode()
        assert '<option value="cl-a">알파 클러스터</option>' in html
    form = ObservationForm()
    with translation.override("ko"):
        labels = [label for _, label in form.fields["target"].choices]
    assert "의약품 수출 (단위: 십억 달러)" in labels  # with the unit its value is entered in


def test_a_wide_chart_is_marked_to_scroll_on_a_phone_rather_than_shrink():
    """A heatmap of many columns (clusters by modality) is wider than a phone: marked
    "wide", it keeps its size in a scrolling panel; a narrow chart is not marked."""
    many = [{"x": f"Modality {i}", "y": "Cluster", "v": i} for i in range(20)]
    wide = charts.heatmap_chart(many, "x", "y", "v", "Modality", "Cluster", "Assets")
    # Wider than half a desktop page too: "broad" takes a whole row of the chart grid.
    assert 'class="marks chart-svg wide broad"' in wide
    narrow = charts.bar_chart([{"label": "2023", "n": 2}], "label", "n", "Deals")
    assert 'class="marks chart-svg" role="img"' in narrow


def test_a_figure_observed_in_the_baseline_year_is_not_printed_over_the_baseline(world):
    """Jobs: baseline 120,000 (2021) and an observation of 120,100 for 2021 were printed one
    over the other, unreadable; the newer figure is the one labelled."""
    load_targets()
    labels = {"baseline": "Baseline", "observed": "Observed", "target": "Target"}
    (jobs,) = [p for p in targets_progress() if p["target"].pk == "pharma-bio-jobs-2027"]
    assert jobs["target"].baseline_year == jobs["observations"][0].date.year
    svg = charts.target_chart(jobs, labels, "jobs")
    marks = svg.split("role-axis-label", 2)[-1]
    texts = re.findall(r"<text[^>]*>([^<]+)</text>", marks)
    assert [t for t in texts if t.startswith("120,")] == ["120,100"]


def test_the_capability_finder_shows_tags_in_the_readers_language(world, client):
    english = client.get("/insights/capabilities/?q=antibody").content.decode()
    assert ">mammalian cell culture</span>" in english
    client.cookies["django_language"] = "ko"
    korean = client.get("/insights/capabilities/?q=항체", HTTP_ACCEPT_LANGUAGE="ko")
    html = korean.content.decode()
    assert ">동물세포 배양</span>" in html
    assert "mammalian cell culture" not in html


def test_an_organisations_page_shows_its_facilities_tags_in_korean(world, client):
    client.cookies["django_language"] = "ko"
    html = client.get("/organizations/a1/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert ">GMP 생산</span>" in html
    assert ">GMP manufacturing</span>" not in html
    client.cookies["django_language"] = "en"
    english = client.get("/organizations/a1/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ">GMP manufacturing</span>" in english
