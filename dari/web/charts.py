"""Charts as inline SVG, drawn on the server: Altair builds the Vega-Lite spec, vl-convert
renders it (no browser JavaScript, no network). Every chart has a table view beside it."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import altair as alt
import vl_convert

FONT = "Noto Sans CJK KR"
FONT_DIRS = ["/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto"]
BRAND = "#0b5d7a"


@cache
def _fonts() -> None:
    """Korean labels need a CJK font for measuring text (the browser draws the SVG text)."""
    import os

    for directory in FONT_DIRS:
        if os.path.isdir(directory):
            vl_convert.register_font_directory(directory)


def bar_chart(
    rows: list[dict[str, Any]], label: str, value: str, value_title: str, color: str = BRAND
) -> str:
    """A horizontal bar chart of `rows` (in their order) as an SVG string, bars labelled with
    their value; "" when there are no rows."""
    if not rows:
        return ""
    _fonts()
    data = alt.Data(values=[{"label": str(r[label]), "value": r[value]} for r in rows])
    base = alt.Chart(data).encode(
        y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=220)),
        x=alt.X(
            "value:Q",
            title=str(value_title),
            axis=alt.Axis(tickMinStep=1, format="d"),
            scale=alt.Scale(nice=True),
        ),
    )
    bars = base.mark_bar(color=color, cornerRadiusEnd=2)
    text = base.mark_text(align="left", dx=4, color="#17202a").encode(text="value:Q")
    chart = (
        (bars + text)
        .properties(width=360, height=alt.Step(24))
        .configure(font=FONT)
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=12, titleFontSize=12, labelColor="#17202a")
    )
    svg: str = vl_convert.vegalite_to_svg(chart.to_dict())
    return _responsive(svg)


def _responsive(svg: str) -> str:
    """Let CSS size the chart (max-width 100%, the viewBox keeps the aspect); name it an image."""
    head, sep, rest = svg.partition(">")
    if "viewBox" not in head:
        w = re.search(r'\swidth="([\d.]+)"', head)
        h = re.search(r'\sheight="([\d.]+)"', head)
        if w and h:
            head += f' viewBox="0 0 {w.group(1)} {h.group(1)}"'
    head = head.replace('class="marks"', 'class="marks chart-svg" role="img"', 1)
    return head + sep + rest
