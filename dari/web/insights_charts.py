"""The insights charts as inline SVG (Altair spec, rendered by vl-convert on the server with
inline data only: nothing is fetched). Built on dari.web.charts, whose bar chart they share."""

from __future__ import annotations

import math
from typing import Any

import altair as alt

from dari.web.charts import BRAND, INK, bar_chart, render

__all__ = ["bar_chart", "heatmap_chart", "network_chart", "target_chart"]

MUTED = "#7b8794"
GOAL = "#c2410c"
DOT_AREA = (40, 500)  # px², the network's smallest and largest dot


def target_chart(
    progress: dict[str, Any],
    labels: dict[str, str],
    unit: str,
    width: int = 330,  # px: legible on a phone (420 shrank its text to 7 px there)
    factor: float = 1.0,
) -> str:
    """Baseline → observations as a solid line, the straight path from baseline to target as a
    dashed line, the target as a diamond; the y axis is reversed when lower is better. Every
    figure is multiplied by `factor`, the scale of `unit` (`units.unit_factor`)."""
    target = progress["target"]

    def scaled(value: Any) -> Any:
        return value if factor == 1 or value is None else round(float(value) * factor, 6)

    points = [
        {
            "year": target.baseline_year,
            "value": scaled(target.baseline_value),
            "kind": labels["baseline"],
        }
    ]
    points += [
        {
            # Sources report annual figures: plot each at its year (the table has the date).
            "year": o.date.year,
            "value": scaled(o.value),
            "kind": labels["observed"],
        }
        for o in progress["observations"]
    ]
    goal = {
        "year": target.target_year,
        "value": scaled(target.target_value),
        "kind": labels["target"],
    }
    lower = target.direction == "lower"
    values = [p["value"] for p in points] + [goal["value"]]
    years = [p["year"] for p in points] + [goal["year"]]
    y_scale = alt.Scale(
        reverse=lower,
        zero=not lower and min(values) >= 0,
        domain=[min(values), max(values)] if lower else alt.Undefined,
        nice=True,
    )
    x = alt.X(
        "year:Q",
        title=None,
        scale=alt.Scale(domain=[math.floor(min(years)) - 0.5, math.ceil(max(years)) + 0.5]),
        axis=alt.Axis(format="d", tickMinStep=1, grid=False),
    )
    # Counts (drugs, companies, a rank) get whole ticks: "0.5 drugs" is no figure. The unit
    # (a Korean word such as 개사) is printed level above the axis, not turned on its side.
    low = 0 if not lower and min(values) >= 0 else math.floor(min(values))
    whole = all(float(v).is_integer() for v in values) and max(values) - low < 10
    y = alt.Y(
        "value:Q",
        title=unit,
        scale=y_scale,
        axis=alt.Axis(
            tickCount=5,
            values=list(range(low, math.ceil(max(values)) + 1)) if whole else alt.Undefined,
            format="d" if whole else alt.Undefined,
            titleAngle=0,
            titleAlign="left",
            titleAnchor="end",
            titleBaseline="bottom",
            titleX=-30,
            titleY=-8,
        ),
    )
    kinds = [labels["baseline"], labels["observed"], labels["target"]]
    color = alt.Color(
        "kind:N",
        title=None,
        scale=alt.Scale(domain=kinds, range=[MUTED, BRAND, GOAL]),
        legend=alt.Legend(orient="bottom", direction="horizontal"),
    )
    path = (
        alt.Chart(alt.Data(values=[points[0], goal]))
        .mark_line(strokeDash=[5, 4], color=GOAL, opacity=0.7)
        .encode(x=x, y=y)
    )
    line = alt.Chart(alt.Data(values=points)).mark_line(color=BRAND).encode(x=x, y=y)
    dots = (
        alt.Chart(alt.Data(values=[*points, goal]))
        .mark_point(filled=True, size=90, opacity=1)
        .encode(
            x=x,
            y=y,
            color=color,
            shape=alt.Shape(
                "kind:N",
                scale=alt.Scale(domain=kinds, range=["circle", "circle", "diamond"]),
                legend=None,
            ),
        )
    )
    # A point in the same year as a later one (an observation for the baseline's year) keeps
    # its dot but not its label: the two labels would print one over the other.
    labelled = [
        p for i, p in enumerate(points) if all(q["year"] != p["year"] for q in points[i + 1 :])
    ]
    text = (
        alt.Chart(alt.Data(values=[*labelled, goal]))
        .mark_text(dy=-12, fontSize=11, color=INK)
        .encode(x=x, y=y, text=alt.Text("value:Q", format=",.4~r"))
    )
    return render((path + line + dots + text).properties(width=width, height=200))


def heatmap_chart(
    rows: list[dict[str, Any]],
    x: str,
    y: str,
    value: str,
    x_title: str,
    y_title: str,
    value_title: str,
    x_order: list[str] | None = None,
    y_order: list[str] | None = None,
) -> str:
    """Cells coloured by `value`, each labelled with it; "" when there are no rows."""
    if not rows:
        return ""
    data = alt.Data(values=[{"x": str(r[x]), "y": str(r[y]), "v": r[value]} for r in rows])
    base = alt.Chart(data).encode(
        x=alt.X(
            "x:N",
            title=x_title,
            sort=x_order or "ascending",
            axis=alt.Axis(labelAngle=-40, labelLimit=160, orient="top"),
        ),
        y=alt.Y("y:N", title=y_title, sort=y_order or "ascending", axis=alt.Axis(labelLimit=200)),
    )
    top = max(r[value] for r in rows)
    # Every cell prints its figure; a colour scale "from 1 to 1" says nothing more.
    one_value = top == min(r[value] for r in rows)
    cells = base.mark_rect(cornerRadius=2).encode(
        color=alt.Color(
            "v:Q",
            title=value_title,
            scale=alt.Scale(scheme="blues"),
            legend=None
            if one_value
            else alt.Legend(orient="bottom", direction="horizontal", gradientLength=160),
        )
    )
    labels = base.mark_text(fontSize=11).encode(
        text="v:Q",
        color=alt.condition(alt.datum.v > top * 0.55, alt.value("white"), alt.value(INK)),
    )
    n_x = len({r[x] for r in rows})
    n_y = len({r[y] for r in rows})
    return render((cells + labels).properties(width=max(120, 30 * n_x), height=max(60, 24 * n_y)))


def network_chart(nodes: list[dict[str, Any]], links: list[dict[str, Any]], size: int = 600) -> str:
    """Clusters on a circle, a line between two clusters as thick as their number of links,
    each node as large as its own total (grey without links); "" without links."""
    if not links:
        return ""
    # Clockwise round the circle, the first half down its right side, the rest up its left;
    # the dots are spaced evenly in height (not in angle), so that the labels near the top
    # and bottom keep a line each instead of printing one over the other.
    n = len(nodes)
    on_right = (n + 1) // 2
    where = {}
    for i, node in enumerate(nodes):
        side, k, m = (1, i, on_right) if i < on_right else (-1, n - 1 - i, n - on_right)
        y = -1 + (2 * k + 1) / m
        where[node["key"]] = (side * math.sqrt(max(0.0, 1 - y * y)), y)
    # Room for the labels left and right; the same pixels per unit on both axes keep it round.
    half_width, half_height = 2.4, 1.3
    per_unit = size / (2 * half_width)
    most = max(nd["total"] for nd in nodes) or 1

    def label_x(key: str, total: int) -> float:
        """Where a label starts: clear of its own dot (as large as its total, the size scale
        below) by a few pixels, so a large dot does not cover the start of its name."""
        # Vega's size is the area of the square round the circle.
        radius = math.sqrt(DOT_AREA[0] + (DOT_AREA[1] - DOT_AREA[0]) * total / most) / 2
        x0 = where[key][0]
        return x0 + math.copysign((radius + 4) / per_unit, x0 if x0 else 1)

    node_values = [
        {
            "x": where[nd["key"]][0],
            "y": where[nd["key"]][1],
            "lx": label_x(nd["key"], nd["total"]),
            "label": nd["label"],
            "total": nd["total"],
            "align": "left" if where[nd["key"]][0] >= 0 else "right",
        }
        for nd in nodes
    ]
    edge_values = [
        {
            "x": where[lk["a"]][0],
            "y": where[lk["a"]][1],
            "x2": where[lk["b"]][0],
            "y2": where[lk["b"]][1],
            "total": lk["total"],
        }
        for lk in links
    ]
    height = round(size * half_height / half_width)
    across = alt.Scale(domain=[-half_width, half_width], nice=False)
    x = alt.X("x:Q", scale=across, axis=None)
    y = alt.Y("y:Q", scale=alt.Scale(domain=[-half_height, half_height], nice=False), axis=None)
    edges = (
        alt.Chart(alt.Data(values=edge_values))
        .mark_rule(color=BRAND, opacity=0.45)
        .encode(
            x=x,
            y=y,
            x2="x2:Q",
            y2="y2:Q",
            strokeWidth=alt.StrokeWidth("total:Q", scale=alt.Scale(range=[1, 9]), legend=None),
        )
    )
    dots = (
        alt.Chart(alt.Data(values=node_values))
        .mark_circle(opacity=1)
        .encode(
            x=x,
            y=y,
            size=alt.Size(
                "total:Q", scale=alt.Scale(domain=[0, most], range=list(DOT_AREA)), legend=None
            ),
            # A cluster without links is drawn grey: the fragmentation the platform addresses.
            color=alt.condition(alt.datum.total > 0, alt.value(BRAND), alt.value("#b8c2cc")),
        )
    )
    right = [v for v in node_values if v["align"] == "left"]
    left = [v for v in node_values if v["align"] == "right"]
    label_at = alt.X("lx:Q", scale=across, axis=None)
    names = [
        alt.Chart(alt.Data(values=vals))
        .mark_text(align=align, fontSize=12, color=INK, limit=170)
        .encode(x=label_at, y=y, text="label:N")
        for vals, align in ((right, "left"), (left, "right"))
        if vals
    ]
    return render(alt.layer(edges, dots, *names).properties(width=size, height=height))
