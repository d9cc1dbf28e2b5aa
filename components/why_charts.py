"""The Why these regions page's charts: a rate against a regional signal, with its fitted line.

Plain Plotly figures built from homefront.region_model's tables and fits, in the Regions
page's style (components/region_charts.py), so what a chart draws is what its table and CSV
hold. Every point is a region, labelled with its ISO code (the paper's plots do the same);
Buryatia and Tyva, and any region chosen in the sidebar, are marked and named. Names come
from data, so they are escaped before Plotly (which reads a few HTML tags) draws them.
"""

from __future__ import annotations

import html
from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components.region_charts import (
    FOCUS_COLOUR,
    FONT_SIZE,
    OTHER_COLOUR,
    SELECTED_COLOUR,
    axis,
    figure,
)
from homefront import region_model
from homefront.region_model import RATE, LineFit
from homefront.region_view import FOCUS_REGIONS

LINE_COLOUR = "#333333"


@dataclass(frozen=True)
class Scatter:
    """One scatter's words: x-axis title, y-axis title, chart title."""

    x_title: str
    y_title: str
    title: str


def fit_text(fit: LineFit | None) -> str:
    """'r = 0.29, n = 85' (or why there is no line)."""
    if fit is None:
        return "too few regions for a line"
    return f"r = {fit.r:.2f}, n = {fit.n}"


def scatter(
    table: pd.DataFrame,
    x: str,
    fit: LineFit | None,
    words: Scatter,
    marked: Collection[str] = (),
    y: str = RATE,
) -> go.Figure:
    """Each region a point (y against x), its least-squares line, and r and n in the title."""
    rows = region_model.scatter_table(table, x, y)
    # the marked regions last, so their points and names lie on top of the crowd
    order = rows["iso"].isin(FOCUS_REGIONS).astype(int) + 2 * rows["iso"].isin(list(marked))
    rows = rows.iloc[order.argsort(kind="stable")]
    focus = rows["iso"].isin(FOCUS_REGIONS)
    chosen = rows["iso"].isin(list(marked))
    names = [html.escape(name) for name in rows["name_en"]]
    big = [(f or c, c) for f, c in zip(focus, chosen, strict=True)]
    points = {
        "type": "scatter",
        "x": rows[x].astype("float64").tolist(),
        "y": rows[y].astype("float64").tolist(),
        "mode": "markers+text",
        "text": [
            name if f or c else html.escape(iso)
            for name, iso, f, c in zip(names, rows["iso"], focus, chosen, strict=True)
        ],
        "textposition": "top center",
        "textfont": {"size": [FONT_SIZE if named else FONT_SIZE - 4 for named, _ in big]},
        "marker": {
            "size": [13 if named else 8 for named, _ in big],
            "color": [
                SELECTED_COLOUR if c else FOCUS_COLOUR if f else OTHER_COLOUR
                for f, c in zip(focus, chosen, strict=True)
            ],
            "line": {"color": "#ffffff", "width": 1},
        },
        "customdata": names,
        "hovertemplate": (
            "%{customdata}<br>" + html.escape(words.x_title) + ": %{x:,.1f}"
            "<br>" + html.escape(words.y_title) + ": %{y:,.1f}<extra></extra>"
        ),
        "cliponaxis": False,
    }
    chart = figure(
        points,
        f"{html.escape(words.title)}: {fit_text(fit)}",
        height=480,
        xaxis=axis(html.escape(words.x_title)),
        yaxis=axis(html.escape(words.y_title), rangemode="tozero"),
    )
    if fit is not None:
        ends = [float(rows[x].min()), float(rows[x].max())]
        chart.add_trace(
            go.Scatter(
                x=ends,
                y=[fit.intercept + fit.slope * end for end in ends],
                mode="lines",
                line={"color": LINE_COLOUR, "width": 2},
                hoverinfo="skip",
                name="fitted line",
            )
        )
    return chart
