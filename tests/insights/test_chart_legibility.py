"""Charts a reader can read: counts get whole ticks and the Korean unit stays level; the
network's names keep a line each and start clear of their dots."""

from __future__ import annotations

import re

import pytest

from dari.insights.bundled import load_targets
from dari.insights.domain.targets import targets_progress
from dari.web import insights_charts as charts

pytestmark = pytest.mark.django_db

LABELS = {"baseline": "기준값", "observed": "관측값", "target": "목표"}


def texts_of(svg: str, role: str) -> list[str]:
    groups = re.findall(rf'<g class="mark-text role-{role}[^"]*".*?</g>', svg, re.S)
    return [t for g in groups for t in re.findall(r"<text[^>]*>([^<]+)</text>", g)]


def test_a_count_of_drugs_has_whole_ticks_and_a_level_unit(world):
    """Blockbuster drugs: 0 (2022), 0 (2024), target 2 (2027) were ticked 0, 0.5, 1.0, 1.5,
    2.0 ("half a drug"), the unit 개 turned on its side."""
    load_targets()
    (drugs,) = [p for p in targets_progress() if p["target"].pk == "blockbuster-drugs-2027"]
    svg = charts.target_chart(drugs, LABELS, "개")
    ticks = texts_of(svg, "axis-label")
    assert [t for t in ticks if not t.startswith("20")] == ["0", "1", "2"]
    (title,) = re.findall(r'<g class="mark-text role-axis-title".*?</g>', svg, re.S)
    assert "rotate" not in title and ">개</text>" in title


def test_a_large_figure_keeps_its_own_ticks(world):
    load_targets()
    (jobs,) = [p for p in targets_progress() if p["target"].pk == "pharma-bio-jobs-2027"]
    ticks = texts_of(charts.target_chart(jobs, LABELS, "명"), "axis-label")
    assert [t for t in ticks if not t.startswith("20")] == ["0", "50,000", "100,000", "150,000"]


def test_the_network_names_keep_a_line_each_and_clear_their_dots():
    """Twenty clusters on a circle: names near the top and bottom were printed one over the
    other, and a large dot covered the start of its name."""
    nodes = [{"key": f"c{i}", "label": f"클러스터 {i}", "total": 0} for i in range(20)]
    nodes[0]["total"] = nodes[5]["total"] = 6
    svg = charts.network_chart(nodes, [{"a": "c0", "b": "c5", "total": 6}])
    at = {
        name: (float(x), float(y), anchor)
        for anchor, x, y, name in re.findall(
            r'text-anchor="(\w+)" transform="translate\(([\d.]+),([\d.]+)\)"[^>]*>([^<]+)</text>',
            svg,
        )
    }
    assert len(at) == 20
    for side in ("start", "end"):
        heights = sorted(y for x, y, anchor in at.values() if anchor == side)
        assert min(b - a for a, b in zip(heights, heights[1:], strict=False)) >= 14
    dots = re.findall(r'transform="translate\(([\d.]+),([\d.]+)\)" d="M([\d.]+),', svg)
    big = {(round(float(y)), float(x), float(r)) for x, y, r in dots if float(r) > 10}
    assert len(big) == 2
    for y, x, radius in big:
        gap = min(abs(lx - x) for lx, ly, _ in at.values() if abs(ly - y) < 6)
        assert gap >= radius + 3


def test_a_matrix_of_one_figure_has_no_colour_legend():
    """Two links of one each drew a gradient "from 1 to 1"; each cell prints its figure."""
    ones = [{"x": "A", "y": "B", "v": 1}, {"x": "B", "y": "A", "v": 1}]
    assert "role-legend" not in charts.heatmap_chart(ones, "x", "y", "v", "C", "C", "Links")
    mixed = [{"x": "A", "y": "B", "v": 1}, {"x": "B", "y": "A", "v": 3}]
    assert "role-legend" in charts.heatmap_chart(mixed, "x", "y", "v", "C", "C", "Links")


def test_bar_figures_keep_four_significant_digits():
    """Deal value by year in 억 달러: 997.079 and 5.835 printed with three decimals."""
    rows = [
        {"label": "2023", "v": 997.079},
        {"label": "2017", "v": 5.835},
        {"label": "2015", "v": 40},
    ]
    svg = charts.bar_chart(rows, "label", "v", "억 달러")
    assert texts_of(svg, "mark") == ["997.1", "5.835", "40"]
