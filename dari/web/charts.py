"""Charts as inline SVG, drawn on the server: Altair builds the Vega-Lite spec, vl-convert
renders it (no browser JavaScript, no network). Every chart has a table view beside it."""

from __future__ import annotations

import json
import os
import re
import threading
from functools import cache
from typing import Any

import altair as alt
import vl_convert

FONT = "Noto Sans CJK KR"
FONT_DIRS = ["/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto"]
BRAND = "#0b5d7a"
INK = "#17202a"


@cache
def _fonts() -> None:
    """Korean labels need a CJK font for measuring text (the browser draws the SVG text)."""
    for directory in FONT_DIRS:
        if os.path.isdir(directory):
            vl_convert.register_font_directory(directory)


def render(chart: alt.TopLevelMixin) -> str:
    """The chart in the house style as a responsive SVG string."""
    _fonts()
    spec = (
        chart.configure(font=FONT)
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=12, titleFontSize=12, labelColor=INK, titleColor=INK)
        .configure_legend(labelFontSize=12, titleFontSize=12, orient="bottom")
        .to_dict()
    )
    return _responsive(_svg(spec))


# The SVG of each spec drawn lately: vl-convert draws the same spec the same way, and pages show
# the same charts to many readers (a tenth of a second or more each).
_DRAWN: dict[str, str] = {}
_DRAWN_MAX = 256
_drawn_lock = threading.Lock()


def _svg(spec: dict[str, Any]) -> str:
    try:
        key = json.dumps(spec, ensure_ascii=False)
    except (TypeError, ValueError):  # not plain JSON: drawn as it is, never kept
        return str(vl_convert.vegalite_to_svg(spec))
    with _drawn_lock:
        svg = _DRAWN.get(key)
    if svg is None:
        svg = vl_convert.vegalite_to_svg(spec)
        with _drawn_lock:
            if len(_DRAWN) >= _DRAWN_MAX:
                _DRAWN.clear()
            _DRAWN[key] = svg
    return svg


def bar_chart(
    rows: list[dict[str, Any]], label: str, value: str, value_title: str, color: str = BRAND
) -> str:
    """Horizontal bars of `rows` in their order, each labelled with its value (None counts as
    0; few ticks, so large sums stay legible); "" when there are no rows."""
    if not rows:
        return ""
    data = alt.Data(values=[{"label": str(r[label]), "value": r[value] or 0} for r in rows])
    base = alt.Chart(data).encode(
        y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=220)),
        x=alt.X(
            "value:Q",
            title=str(value_title),
            axis=alt.Axis(tickCount=5, tickMinStep=1, format=",~r"),
            scale=alt.Scale(nice=True),
        ),
    )
    bars = base.mark_bar(color=color, cornerRadiusEnd=2)
    # Four significant figures at most: a sum of 99,707.9 USD m read as 억 달러 printed
    # "997.079" (three decimals of noise that read like a thousands group); the table is exact.
    text = base.mark_text(align="left", dx=4, color=INK).encode(
        text=alt.Text("value:Q", format=",.4~r")
    )
    # 260 px of bars and their labels fit a phone at a legible scale (340 shrank a chart
    # with long cluster names to 6 px text) and a half-width panel on a desktop unscaled.
    return render((bars + text).properties(width=260, height=alt.Step(22)))


# px: wider charts keep their width and scroll on a phone (insights.css, events.css); at 640 a
# 470 px heatmap or a 520 px bar chart of long names shrank to 6 px labels on a 390 px phone.
WIDE = 440
# px: wider charts take a whole row of a chart grid on a desktop (a half-width panel holds ~520).
BROAD = 540


def _responsive(svg: str) -> str:
    """Let CSS size the chart (max-width 100%, the viewBox keeps the aspect); name it an image."""
    head, sep, rest = svg.partition(">")
    if "viewBox" not in head:
        w = re.search(r'\swidth="([\d.]+)"', head)
        h = re.search(r'\sheight="([\d.]+)"', head)
        if w and h:
            head += f' viewBox="0 0 {w.group(1)} {h.group(1)}"'
    w = re.search(r'\swidth="([\d.]+)"', head)
    # A wide chart (a heatmap of clusters by modality) shrunk to a phone's width has
    # unreadable labels: marked "wide", CSS keeps it legible and lets it scroll instead.
    width = float(w.group(1)) if w else 0.0
    wide = (" wide" if width > WIDE else "") + (" broad" if width > BROAD else "")
    head = head.replace('class="marks"', f'class="marks chart-svg{wide}" role="img"', 1)
    return head + sep + rest
