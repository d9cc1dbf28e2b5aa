"""The figure ledger's chart: one measure's claims over time, its revisions and conflicts.

Marks, by the precision of the claim's date (homefront.date_marks.mark), coloured by the
outlet that reports it: a filled dot for a date to the day; a hollow dot when the date is
inferred or approximate; a bar alone (no dot) across the days it may stand for when only the
month is known, cut at the article that reports it; a vertical bar for a range claim. A
revision is an arrow from the old value to the new one; claims that conflict
(homefront.ledger) are joined by a dashed red line. Every string from the data goes through
homefront.charts.text.plain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from homefront.charts import margins
from homefront.charts.text import claim_text, plain
from homefront.charts.theme import FONT_SIZE, TICK_FONT, TITLE_WIDTH, source_colours, template
from homefront.claim_dates import as_of_text, drawn_period
from homefront.dataset import Dataset
from homefront.date_marks import mark
from homefront.ledger import Conflict, ambiguous, among, revisions
from homefront.schemas import Claim

CONFLICT_COLOUR = "#C0392B"
SYMBOLS = {"point": "circle", "hollow": "circle-open"}
MARKER_SIZE = 14


def _point(dataset: Dataset, figure: Claim) -> tuple[dt.date, float]:
    """Where a claim's label sits: mid-period for a month-only date, mid-range for a range."""
    start, end = drawn_period(figure, dataset.sources[figure.source])
    value = figure.value if figure.value is not None else (figure.low + figure.high) / 2
    return start + (end - start) / 2, value


def ledger_spec(
    dataset: Dataset, figures: Sequence[Claim], conflicts: Sequence[Conflict]
) -> dict[str, Any]:
    """One measure's claims over time (every figure must share that measure).

    Plain dicts, as Plotly writes a figure's JSON (theme.template): a figure built from
    graph objects is validated property by property, about 70% of a new Compare view's
    time. ledger_chart validates the same dict, for the tests.
    """
    colours = source_colours(dataset.sources)
    measure = dataset.measures[figures[0].measure]
    traces: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    # labels alternate above and below in date order (the higher claim first on a shared
    # date), so close claims do not overprint
    points = {f.id: _point(dataset, f) for f in figures}
    by_date = sorted(figures, key=lambda f: (points[f.id][0], -points[f.id][1], f.id))
    # a label names the subject where only the subject tells two claims apart
    name_subject = ambiguous(figures)
    labels = {
        f.id: claim_text(f) + (f" ({plain(f.subject)})" if f.id in name_subject else "")
        for f in figures
    }
    dates = [d for f in figures for d in drawn_period(f, dataset.sources[f.source])]
    pad = dt.timedelta(days=max(20, (max(dates) - min(dates)).days // 6))
    first, last = min(dates) - pad, max(dates) + 3 * pad  # room for the labels at the right

    def side(day: dt.date) -> str:
        """Past the range's middle a label grows leftwards: rightwards it ran past the
        chart's edge on a phone ("more than 35,000" in July)."""
        return "left" if (day - first) / (last - first) > 0.5 else "right"

    label_at = {
        f.id: ("top " if i % 2 == 0 else "bottom ") + side(points[f.id][0])
        for i, f in enumerate(by_date)
    }
    for sid in dict.fromkeys(f.source for f in figures):
        mine = [f for f in figures if f.source == sid]
        source = dataset.sources[sid]
        outlet = plain(source.short_name)
        segments = []  # the extent of a month-only date or of a range claim
        for f in mine:
            start, end = drawn_period(f, source)
            x, y = points[f.id]
            if mark(f) == "bar":
                segments.append(([start, end], [y, y]))
            if f.value is None:
                segments.append(([x, x], [f.low, f.high]))
        if segments:
            traces.append(_segments(segments, colours[sid], outlet))
        traces.append(
            {
                "type": "scatter",
                "x": [points[f.id][0] for f in mine],
                "y": [points[f.id][1] for f in mine],
                "mode": "markers+text",
                "name": outlet,
                "legendgroup": outlet,
                "showlegend": False,
                "text": [labels[f.id] for f in mine],
                "textposition": [label_at[f.id] for f in mine],
                "textfont": {"size": FONT_SIZE},
                # a month-only claim is its bar: no dot (size 0), the label and hover stay
                "marker": {
                    "size": [0 if mark(f) == "bar" else MARKER_SIZE for f in mine],
                    "color": colours[sid],
                    "symbol": [SYMBOLS.get(mark(f), "circle") for f in mine],
                    "line": {"width": 3, "color": colours[sid]},
                },
                "customdata": [
                    [
                        claim_text(f),
                        *map(plain, (f.subject or "-", f.claimant, as_of_text(f, source))),
                        outlet,
                        plain(f.id),
                        mark(f),
                    ]
                    for f in mine
                ],
                "hovertemplate": (
                    "<b>%{customdata[0]}</b> %{customdata[1]}<br>claimed by %{customdata[2]}<br>"
                    "as of %{customdata[3]}<br>reported by %{customdata[4]}"
                    "<br>%{customdata[5]}<extra></extra>"
                ),
            }
        )
        traces.append(_legend_entry(outlet, "circle", colours[sid], legendgroup=outlet))
    marks = {mark(f) for f in figures}
    if "hollow" in marks:
        traces.append(_legend_entry("date inferred or approximate", "circle-open", "#666666"))
    if "bar" in marks:
        traces.append(_legend_bar("only the month known"))
    by_id = {f.id: f for f in figures}
    for earlier, later in revisions(figures):
        (x0, y0), (x1, y1) = points[earlier.id], points[later.id]
        notes.append({
            "x": x1, "y": y1, "ax": x0, "ay": y0, "xref": "x", "yref": "y", "axref": "x",
            "ayref": "y", "text": "", "showarrow": True, "arrowhead": 3, "arrowsize": 1.6,
            "arrowwidth": 2, "arrowcolor": "#333333", "standoff": 9, "startstandoff": 9,
        })  # fmt: skip
        notes.append({
            "x": x1, "y": (y0 + y1) / 2, "text": "revised", "showarrow": False,
            "xanchor": "right", "xshift": -10, "font": {"size": FONT_SIZE, "color": "#333333"},
        })  # fmt: skip
    links = [
        ([points[c.first][0], points[c.second][0]], [points[c.first][1], points[c.second][1]])
        for c in among(conflicts, by_id)
    ]
    if links:  # one trace, the links broken by gaps (a trace each was 12,000 at 100x data)
        xs, ys = _with_gaps(links)
        traces.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "mode": "lines",
                "line": {"color": CONFLICT_COLOUR, "dash": "dash", "width": 2},
                "name": "Conflicting claims",
                "legendgroup": "conflict",
                "hoverinfo": "skip",
            }
        )
    # the title in lines that fit a phone, each past the first with room above the plot
    title, title_room = margins.wrapped(
        f"{plain(measure.label)}: every claim", TITLE_WIDTH, FONT_SIZE + 2
    )
    top = max(f.high if f.value is None else f.value for f in figures)
    layout = {
        "template": template(),
        "xaxis": {
            "range": [first, last],
            "showgrid": False,
            "tickfont": TICK_FONT,
        },
        "yaxis": {
            "title": {"text": plain(measure.unit), "font": TICK_FONT},
            "range": [0, top * 1.2],  # room for the labels above the highest claim
            "gridcolor": "#E4E7EB",
            "zeroline": True,
            "tickfont": TICK_FONT,
        },
        "title": {
            "text": title,
            "font": {"size": FONT_SIZE + 2},
            "x": 0,
            "xanchor": "left",
        },
        "height": 420 + title_room,
        "font": {"size": FONT_SIZE},
        "margin": {"l": 10, "r": 10, "t": 60 + title_room, "b": 50},
        "hoverlabel": {"font": {"size": FONT_SIZE}},
        "plot_bgcolor": "white",
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0, "font": TICK_FONT},
    }
    if notes:
        layout["annotations"] = notes
    return {"data": traces, "layout": layout}


def ledger_chart(
    dataset: Dataset, figures: Sequence[Claim], conflicts: Sequence[Conflict]
) -> go.Figure:
    """ledger_spec's chart as a validated Plotly figure."""
    return go.Figure(ledger_spec(dataset, figures, conflicts))


def _legend_entry(name: str, symbol: str, colour: str, legendgroup: str = "") -> dict:
    """A legend-only marker, so the legend explains each mark once, independent of the data."""
    return {
        "type": "scatter",
        "x": [None],
        "y": [None],
        "mode": "markers",
        "name": name,
        "legendgroup": legendgroup or name,
        "marker": {
            "size": 14,
            "symbol": symbol,
            "color": colour,
            "line": {"width": 3, "color": colour},
        },
    }


def _legend_bar(name: str) -> dict:
    """A legend-only bar, drawn like _segments: the mark of a month-only date."""
    return {
        "type": "scatter",
        "x": [None],
        "y": [None],
        "mode": "lines",
        "name": name,
        "legendgroup": name,
        "line": {"color": "#666666", "width": 8},
        "opacity": 0.35,
    }


def _segments(segments: list[tuple[list, list]], colour: str, outlet: str) -> dict:
    """Thick translucent bars, each (xs, ys) a month-only date (across) or a range claim
    (up): one trace for an outlet's bars, broken by gaps (None), not one trace per bar, which
    Plotly builds, sends and draws each on its own (24,000 of them at 100x data)."""
    xs, ys = _with_gaps(segments)
    return {
        "type": "scatter",
        "x": xs,
        "y": ys,
        "mode": "lines",
        "line": {"color": colour, "width": 8},
        "opacity": 0.35,
        "legendgroup": outlet,
        "showlegend": False,
        "hoverinfo": "skip",
    }


def _with_gaps(lines: list[tuple[list, list]]) -> tuple[list, list]:
    """Each (xs, ys) line after the other, a None between two: one trace draws them all."""
    xs: list = []
    ys: list = []
    for x, y in lines:
        xs += [*x, None]
        ys += [*y, None]
    return xs, ys
