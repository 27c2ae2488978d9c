"""The trials charts as inline SVG (Altair + vl-convert, as dari.web.charts)."""

from __future__ import annotations

from typing import Any

import altair as alt

from dari.web.charts import bar_chart, render

PHASE_COLORS = ["#9ecae1", "#4292c6", "#0b5d7a", "#08306b", "#bdbdbd"]


def phase_year_chart(rows: list[dict[str, Any]], labels: dict[str, str], title: str) -> str:
    """Stacked bars: trials per start year, coloured by phase; "" when there are no rows."""
    if not rows:
        return ""
    order = list(labels.values())
    data = [
        {"year": r["year"], "phase": labels.get(r["phase"], labels["-"]), "n": r["n"]} for r in rows
    ]
    chart = (
        alt.Chart(alt.Data(values=data))
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=None),
            y=alt.Y("sum(n):Q", title=title, axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "phase:N", title=None, scale=alt.Scale(domain=order, range=PHASE_COLORS)
            ),
            order=alt.Order("phase:N"),
        )
        .properties(width=520, height=220)
    )
    return render(chart)


def share_chart(
    rows: list[dict[str, Any]],
    observed: list[dict[str, Any]],
    title: str,
    labels: dict[str, str],
) -> str:
    """Korea's share by year (%): computed from the imported trials (line) and as published
    (points); "" when there is neither."""
    data = [{"year": r["year"], "share": r["share"], "kind": labels["imported"]} for r in rows]
    data += [
        {"year": o["year"], "share": o["korea_share"], "kind": labels["konect"]} for o in observed
    ]
    if not data:
        return ""
    kinds = [labels["imported"], labels["konect"]]
    base = alt.Chart(alt.Data(values=data)).encode(
        x=alt.X("year:O", title=None),
        y=alt.Y("share:Q", title=title),
        color=alt.Color(
            "kind:N", title=None, scale=alt.Scale(domain=kinds, range=["#0b5d7a", "#c2410c"])
        ),
    )
    line = base.transform_filter(alt.datum.kind == labels["imported"]).mark_line(point=True)
    dots = base.transform_filter(alt.datum.kind == labels["konect"]).mark_point(
        filled=True, size=90, shape="diamond"
    )
    return render((line + dots).properties(width=520, height=220))


__all__ = ["bar_chart", "phase_year_chart", "share_chart"]
