"""The Why these regions charts: a rate against a regional signal, with its fitted line.

Streamlit-free Plotly figures built from homefront.region_model's tables and fits, in the
Regions page's look (homefront/charts/theme.py), so the page, the Briefing page and the
offline briefing export draw the same chart, and what it draws is what its table and CSV
hold. Every point is a region, labelled with its ISO code (the paper's plots do the same);
Buryatia and Tyva, and any region chosen in the sidebar, are marked and named. Every string
from the data goes through homefront.charts.text.plain before Plotly reads it.
"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from homefront import region_model
from homefront.charts.text import plain
from homefront.charts.theme import (
    FOCUS_COLOUR,
    FONT_SIZE,
    OTHER_COLOUR,
    SELECTED_COLOUR,
    Spec,
    axis,
    figure,
)
from homefront.region_metrics import FOCUS_REGIONS
from homefront.region_model import PENSION, PENSION_WINDOW, RATE, ChartSpec, LineFit

LINE_COLOUR = "#333333"
HEIGHT = 480
# codes drawn beside the points that stand apart: the highest rates and both ends of x. The
# rest are a crowd whose codes overprinted into a blot; each is named on hover and in the table
CODED_TOP_RATES, CODED_X_ENDS = 10, 3


def rates_text(spec: ChartSpec, period: str, units_label: str) -> str:
    """What a chart's rates cover: `period` ('the whole period'), or the pension check's."""
    if spec.rates == PENSION:
        first, last = PENSION_WINDOW
        period = f"deaths confirmed {first:%b} to {last:%b %Y} (the paper's pension check)"
    return f"{period}, {units_label}"


def fit_text(fit: LineFit | None) -> str:
    """'r = 0.29, n = 85' (or why there is no line)."""
    if fit is None:
        return "too few regions for a line"
    return f"r = {fit.r:.2f}, n = {fit.n}"


def caption(table: pd.DataFrame, fit: LineFit | None, what: str) -> str:
    """The line under a chart: r and n, the regions the source has no value for, the rates."""
    left_out = region_model.left_out(table, fit)
    return (
        f"Pearson's {fit_text(fit)}"
        + (f"; no value in the source for {', '.join(left_out)}" if left_out else "")
        + f". Rates: {what}."
    )


def alt_text(spec: ChartSpec, fit: LineFit | None) -> str:
    """The chart's accessible name, the same on the page, the Briefing and the export."""
    return (
        f"Scatter plot of {fit.n if fit else 0} regions: {spec.y_title.lower()} against "
        f"{spec.x.label[0].lower() + spec.x.label[1:]}, with a fitted line; "
        f"{fit_text(fit)}. Buryatia and Tyva are marked. The values are in the table "
        "below the chart."
    )


def scatter(
    table: pd.DataFrame,
    spec: ChartSpec,
    fit: LineFit | None,
    marked: Collection[str] = (),
    size: int = FONT_SIZE,
    height: int = HEIGHT,
) -> Spec:
    """Each region a point (the rate against the spec's x), its least-squares line, and r
    and n in the title; `size` is the text size (larger on a slide)."""
    x = spec.x.column
    rows = region_model.scatter_table(table, x)
    # the marked regions last, so their points and names lie on top of the crowd
    order = rows["iso"].isin(FOCUS_REGIONS).astype(int) + 2 * rows["iso"].isin(list(marked))
    rows = rows.iloc[order.argsort(kind="stable")]
    focus = rows["iso"].isin(FOCUS_REGIONS)
    chosen = rows["iso"].isin(list(marked))
    names = [plain(name) for name in rows["name_en"]]
    named = (focus | chosen).tolist()
    rate_rank = rows[RATE].rank(ascending=False, method="first")
    x_low, x_high = (rows[x].rank(ascending=a, method="first") for a in (True, False))
    coded = (
        (rate_rank <= CODED_TOP_RATES) | (x_low <= CODED_X_ENDS) | (x_high <= CODED_X_ENDS)
    ).tolist()
    points = {
        "type": "scatter",
        "x": rows[x].astype("float64").tolist(),
        "y": rows[RATE].astype("float64").tolist(),
        "mode": "markers+text",
        "text": [
            name if n else plain(iso) if c else ""
            for name, iso, n, c in zip(names, rows["iso"], named, coded, strict=True)
        ],
        "textposition": "top center",
        "textfont": {"size": [size if n else size - 4 for n in named]},
        "marker": {
            "size": [13 if n else 8 for n in named],
            "color": [
                SELECTED_COLOUR if c else FOCUS_COLOUR if f else OTHER_COLOUR
                for f, c in zip(focus, chosen, strict=True)
            ],
            "line": {"color": "#ffffff", "width": 1},
        },
        "customdata": names,
        "hovertemplate": (
            "%{customdata}<br>" + plain(spec.x.label) + ": %{x:,.1f}"
            "<br>" + plain(spec.y_title) + ": %{y:,.1f}<extra></extra>"
        ),
        "cliponaxis": False,
    }
    chart = figure(
        points,
        f"{plain(spec.title)}: {fit_text(fit)}",
        height=height,
        xaxis=axis(plain(spec.x.label), size),
        yaxis=axis(plain(spec.y_title), size, rangemode="tozero"),
        size=size,
    )
    if fit is not None:
        ends = [float(rows[x].min()), float(rows[x].max())]
        chart["data"].append(
            {
                "type": "scatter",
                "x": ends,
                "y": [fit.intercept + fit.slope * end for end in ends],
                "mode": "lines",
                "line": {"color": LINE_COLOUR, "width": 2},
                "hoverinfo": "skip",
                "name": "fitted line",
            }
        )
    return chart
