"""The Why these regions charts: a rate against a regional signal, with its fitted line.

Streamlit-free Plotly figures built from homefront.region_model's tables and fits, in the
Regions page's look (homefront/charts/theme.py), so the page, the Briefing page and the
offline briefing export draw the same chart, and what it draws is what its table and CSV
hold. Every point is a region; Buryatia and Tyva, and any region chosen in the sidebar, are
marked and named, and the regions that stand apart carry their ISO codes (the paper's plots
code every point), each where it overlaps no other label on a phone
(homefront/charts/labels.py). Every string from the data goes through
homefront.charts.text.plain before Plotly reads it.
"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from homefront import region_model
from homefront.charts import labels
from homefront.charts.text import plain
from homefront.charts.theme import (
    FOCUS_COLOUR,
    FONT_SIZE,
    OTHER_COLOUR,
    PHONE_CHART_PX,
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
NAMED_MARKER, CODED_MARKER = 13, 8  # px across: the named regions' points are larger
# beyond each end of an axis, this share of its values' span: about Plotly's autorange, but
# set, so the labels' places (worked out in px before Plotly draws) are where it draws them
RANGE_PAD = 0.07
CHOSEN, FOCUS, CODE = 0, 1, 2  # a label's claim to a place, the strongest first


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
    narrowest: int = PHONE_CHART_PX,
) -> Spec:
    """Each region a point (the rate against the spec's x), its least-squares line, and r
    and n in the title; `size` is the text size (larger on a slide), `narrowest` the
    narrowest width in px the chart is drawn at (a phone's; the export's fixed width): there
    no label overlaps another, and so none does at any wider width (labels.py)."""
    x = spec.x.column
    rows = region_model.scatter_table(table, x)
    # the marked regions last, so their points and names lie on top of the crowd
    order = rows["iso"].isin(FOCUS_REGIONS).astype(int) + 2 * rows["iso"].isin(list(marked))
    rows = rows.iloc[order.argsort(kind="stable")]
    focus = rows["iso"].isin(FOCUS_REGIONS)
    chosen = rows["iso"].isin(list(marked))
    names = [plain(name) for name in rows["name_en"]]
    named = (focus | chosen).tolist()
    xs, ys = rows[x].astype("float64").tolist(), rows[RATE].astype("float64").tolist()
    ends = [min(xs), max(xs)] if xs else []
    line = [fit.intercept + fit.slope * end for end in ends] if fit is not None else []
    points = {
        "type": "scatter",
        "x": xs,
        "y": ys,
        "mode": "markers+text",
        "textfont": {"size": [size if n else size - 4 for n in named]},
        "marker": {
            "size": [NAMED_MARKER if n else CODED_MARKER for n in named],
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
    # the axes' ranges are set, so the labels' places are where Plotly draws them; with no
    # point, Plotly's own empty axes
    x_range, y_range = (
        ({"range": _padded(xs)}, {"range": _padded(ys + line, zero=True)}) if xs else ({}, {})
    )
    chart = figure(
        points,
        f"{plain(spec.title)}: {fit_text(fit)}",
        height=height,
        xaxis=axis(plain(spec.x.label), size, **x_range),
        yaxis=axis(plain(spec.y_title), size, rangemode="tozero", **y_range),
        size=size,
    )
    # where the labels go depends on the plot's room, which figure() leaves it (its margins)
    texts, claims = _wanted_labels(rows, x, names, focus, chosen)
    places = _label_places(chart, texts, claims, narrowest)
    points["text"] = [text if place else "" for text, place in zip(texts, places, strict=True)]
    points["textposition"] = [place or labels.ABOVE for place in places]
    if fit is not None:
        chart["data"].append(
            {
                "type": "scatter",
                "x": ends,
                "y": line,
                "mode": "lines",
                "line": {"color": LINE_COLOUR, "width": 2},
                "hoverinfo": "skip",
                "name": "fitted line",
            }
        )
    return chart


def _padded(values: list[float], zero: bool = False) -> list[float]:
    """An axis' range over `values`, RANGE_PAD of their span beyond each end; with `zero`,
    from 0 where no value is below it (as rangemode "tozero" draws it)."""
    low, high = min(values), max(values)
    if zero:
        low = min(low, 0.0)
    pad = (high - low) * RANGE_PAD or 1.0
    return [low if zero and low == 0 else low - pad, high + pad]


def _wanted_labels(
    rows: pd.DataFrame, x: str, names: list[str], focus: pd.Series, chosen: pd.Series
) -> tuple[list[str], list[tuple[int, float]]]:
    """What each point would say, and its claim to a place: the regions the reader chose
    (CHOSEN), then Buryatia and Tyva (FOCUS), by name; then the codes of the points that
    stand apart (among the highest rates or at an end of x), by how far apart (the best of
    their three ranks, 1 the furthest). The rest say nothing."""
    rate_rank = rows[RATE].rank(ascending=False, method="first")
    x_low, x_high = (rows[x].rank(ascending=a, method="first") for a in (True, False))
    coded = (rate_rank <= CODED_TOP_RATES) | (x_low <= CODED_X_ENDS) | (x_high <= CODED_X_ENDS)
    standing = pd.concat([rate_rank, x_low, x_high], axis=1).min(axis=1)
    texts: list[str] = []
    claims: list[tuple[int, float]] = []
    for name, iso, f, c, k, rank in zip(
        names, rows["iso"], focus, chosen, coded, standing, strict=True
    ):
        texts.append(name if f or c else plain(iso) if k else "")
        claims.append((CHOSEN if c else FOCUS if f else CODE, float(rank)))
    return texts, claims


def _label_places(
    chart: Spec, texts: list[str], claims: list[tuple[int, float]], narrowest: int
) -> list[str | None]:
    """Each point's textposition (labels.places) at the narrowest width, or None where its
    text has no place (or it has no text).

    Placed in order of their claims; among names, the one with the least room first (a name
    with one place free beside the axis would lose it to a neighbour with many). Codes go by
    how far apart their points stand.
    """
    places: list[str | None] = [None] * len(texts)
    wanted = [i for i, text in enumerate(texts) if text]
    if not wanted:
        return places
    layout, points = chart["layout"], chart["data"][0]
    margin = layout["margin"]
    width = narrowest - margin["l"] - margin["r"]
    plot = labels.Plot(width, layout["height"] - margin["t"] - margin["b"], margin["r"])
    (x0, x1), (y0, y1) = layout["xaxis"]["range"], layout["yaxis"]["range"]
    drawn = {
        i: labels.Label(
            texts[i],
            (points["x"][i] - x0) / (x1 - x0) * plot.width,
            (y1 - points["y"][i]) / (y1 - y0) * plot.height,
            points["textfont"]["size"][i],
            points["marker"]["size"][i],
        )
        for i in wanted
    }

    def order(i: int) -> tuple[int, int, float]:
        group, standing = claims[i]
        return group, len(labels.room(drawn[i], plot)) if group != CODE else 0, standing

    wanted.sort(key=order)
    for i, place in zip(wanted, labels.places([drawn[i] for i in wanted], plot), strict=True):
        places[i] = place
    return places
