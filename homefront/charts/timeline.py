"""The Timeline's figure: events in category lanes over phase bands, and beneath them, on the
same date axis, confirmed deaths per month beside the death tolls somebody claimed.

Plain Plotly, no Streamlit, so the marks chosen for each date precision, the packing of lanes
and the claim series are unit-tested here; components/timeline_chart.py only places the
result. Which claims are tolls and who a claimant speaks for is homefront.death_tolls'.

How precision is drawn (the legends, drawn apart by timeline_legend.py, say the same):
- a date the sources give to the day is a filled point;
- an approximate date (a stand-in day, explained in the event's date_note) is a hollow point;
- an earliest day ("1 Jun 2022 or later") is a hollow triangle pointing on, drawn at the
  window's first day where the window starts later (drawn_days);
- a week, a month or a window (date .. Event.end) is a bar;
- a window whose ends are themselves approximate is a hatched bar.
Claimed tolls: the symbol is the qualifier (exact, about, more than), a hollow symbol an
inferred date, a line across a month a month-only date, a dotted line a revision.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from homefront.charts import margins
from homefront.charts.text import claim_text, plain, wrapped
from homefront.charts.theme import FONT_SIZE, template
from homefront.claim_dates import as_of_label, as_of_text, drawn_period
from homefront.config import Category
from homefront.dataset import Dataset
from homefront.date_marks import mark
from homefront.death_tolls import OTHER_CLAIMANTS, claimant_group
from homefront.event_dates import event_date_text, is_approximate, is_span
from homefront.ledger import revisions
from homefront.schemas import Claim, Event, Phase

# The colour of each claimant group (homefront.death_tolls.claimant_group)
CLAIMANT_COLOURS = {
    "Russian officials": "#202124",
    "Ukraine": "#0057B7",
    "United States": "#E8710A",
    OTHER_CLAIMANTS: "#7B7B7B",
}
QUALIFIER_SYMBOLS = {
    "exact": "circle",
    "about": "diamond",
    "more than": "triangle-up",
    "at least": "triangle-up",
}

SMALL = FONT_SIZE - 1  # px: the smallest text on the chart (ticks, legend, hover)
FONT = dict(family="sans-serif", size=FONT_SIZE, color="#262730")
GREY = "#5F6368"
# a white glow round a claim's label (CSS text-shadow), readable where it crosses a line or bar
HALO = ", ".join(f"white {x}px {y}px 3px" for x in (-2, 0, 2) for y in (-2, 0, 2))
CONFIRMED_BAR = "#C4C9CF"
GRID = "#E8EAED"
PHASE_FILLS = ("rgba(95, 99, 104, 0.11)", "rgba(95, 99, 104, 0.05)")
ROW_PX = 26  # one row of marks inside a lane
CLAIMS_PX = 270  # the lower panel
GAP_PX = 76  # between the panels: the upper panel's dates and the lower panel's heading
MODEBAR_PX = 28  # Plotly's toolbar, shown on hover at the top right, above the phase labels
# The chart draws no legend: its entries are traces with no data (_key), marked LEGEND_KEY,
# that homefront.charts.timeline_legend reads and draws apart, as HTML, and takes out
LEGEND_KEY = "legend key"
EVENTS_LEGEND_TITLE = "Event dates"  # the title of the events' entries (legend "legend")
LABEL_ROW_PX = 24  # one row of phase labels
CLAIMS_TITLE_STANDOFF = 15  # px: the plotly_white template's, between "people" and its ticks
DATES_PX = 40  # the lower panel's dates under the chart (they need 30 px in Chromium)
PLOT_PX_GUESS = 590  # plot width on a 1280 px laptop with the sidebar open (measured)
CHAR_PX = 7.2  # average width of a bold 14 px character (6.9 measured), with some room
# px left empty at each end of the dates: a mark on the window's first or last day (17 px
# across) shows whole, clear of the numbers beside the axis
EDGE_PX = 14
MIN_GAP = 0.025  # share of the window kept free between two marks in one row of a lane
DAY_MS = 86_400_000  # a day in milliseconds: a bar's length on a date axis
CLAIMS_HEADING = "Confirmed deaths and claimed death tolls (log scale)"
RUNNING_TOTAL = "running total"  # the confirmed deaths' line: its trace's name


def drawn_days(event: Event, start: dt.date) -> tuple[dt.date, dt.date]:
    """Where the chart draws an event in a window from `start`: over its days, except a point
    before the window's first day, drawn at that day.

    Only an "or later" event is such a point: the window keeps it while the days it may fall
    on meet the window (event_dates.event_window), though its earliest day is before it. It
    is drawn in sight, at a day it may fall on, as a claim that may be later is
    (_claim_traces); its hover gives its real date, "1 Jun 2022 or later", never the day it
    is drawn at. A bar that starts before the window runs on from off the axis, as it is.
    """
    if is_span(event) or event.date >= start:
        return event.date, event.end
    return start, start


def pack_rows(
    events: Iterable[Event], min_gap: dt.timedelta, start: dt.date = dt.date.min
) -> dict[str, int]:
    """Row of each event inside its category's lane, so that no two marks in a row touch.

    Greedy first fit in date order (the longer span first on the same day), by the days each
    mark is drawn over in a window from `start` (drawn_days): an event goes in the first row
    whose last mark ends more than min_gap before it starts. In date order
    a row, once free, stays free until it takes a mark, so each lane keeps its busy rows in
    a heap by the end of their last mark and its free rows in a heap by number: the first
    fit is the lowest free row, found without scanning every row (thousands of events
    stack hundreds of rows).
    """
    busy: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)  # (end of last mark, row)
    free: dict[str, list[int]] = defaultdict(list)
    rows: dict[str, int] = {}

    def in_order(mark: tuple[dt.date, dt.date, Event]) -> tuple[dt.date, dt.timedelta, str]:
        first, last, event = mark
        return first, first - last, event.id  # by first day, the longer span first

    for first, last, event in sorted(((*drawn_days(e, start), e) for e in events), key=in_order):
        lane_busy, lane_free = busy[event.category], free[event.category]
        while lane_busy and first > lane_busy[0][0] + min_gap:
            heapq.heappush(lane_free, heapq.heappop(lane_busy)[1])
        row = heapq.heappop(lane_free) if lane_free else len(lane_busy)
        heapq.heappush(lane_busy, (last, row))
        rows[event.id] = row
    return rows


@dataclass(frozen=True)
class Lane:
    """One category's band of rows on the upper panel's y axis (0 is the top row)."""

    category: Category
    top: int
    rows: int
    events: int

    @property
    def centre(self) -> float:
        return self.top + (self.rows - 1) / 2


@dataclass(frozen=True)
class LaneLayout:
    lanes: tuple[Lane, ...]
    y: dict[str, int]  # event id -> its row on the y axis

    @property
    def rows(self) -> int:
        return sum(lane.rows for lane in self.lanes)


def lay_out_lanes(
    events: Sequence[Event],
    categories: Sequence[Category],
    min_gap: dt.timedelta,
    start: dt.date = dt.date.min,
) -> LaneLayout:
    """One lane per category in the given order, each as tall as its packed rows (at least 1),
    in a window from `start` (pack_rows)."""
    rows = pack_rows(events, min_gap, start)
    by_category = defaultdict(list)
    for event in events:
        by_category[event.category].append(event)
    lanes, y, top = [], {}, 0
    for category in categories:
        mine = by_category[category.id]
        height = max((rows[e.id] + 1 for e in mine), default=1)
        lanes.append(Lane(category, top, height, len(mine)))
        y.update({e.id: top + rows[e.id] for e in mine})
        top += height
    return LaneLayout(tuple(lanes), y)


# An event mark's hover: customdata[1:] are event_hover's parts, the rest is every mark's
EVENT_HOVER = (
    "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}<br>"
    "<i>Click for the summary, quotes and sources</i><extra></extra>"
)


def event_hover(event: Event, dataset: Dataset, category: Category) -> tuple[str, str, str]:
    """An event's hover text in the parts EVENT_HOVER sets in place, each escaped: its title,
    its date as the sources give it, its lane and outlets.

    Parts, not one string, so the tags and the line every mark shares are sent once a trace,
    not once an event: a sixth of the Timeline's JSON at 100x data, which Streamlit escapes,
    hashes and copies on every rerun."""
    outlets = ", ".join(dataset.sources[s].short_name for s in event.sources)
    lane = f"{plain(category.label)} \u00b7 {plain(outlets)}"
    return wrapped(event.title), event_date_text(event), lane


def event_hovers(
    events: Iterable[Event], dataset: Dataset, categories: Iterable[Category]
) -> dict[str, tuple[str, str, str]]:
    """event_hover's parts for each event by id: timeline_spec's `hovers`."""
    by_id = {c.id: c for c in categories}
    return {e.id: event_hover(e, dataset, by_id[e.category]) for e in events}


def _claim_hover(
    figure: Claim, dataset: Dataset, by_id: dict[str, Claim], revised_by: dict[str, Claim]
) -> str:
    source = dataset.sources[figure.source]
    outlet = source.short_name
    lines = [
        f"<b>{claim_text(figure)}</b>: {plain(dataset.measures[figure.measure].label)}",
        f"Claimed by {wrapped(figure.claimant)}",
        f"As of {plain(as_of_text(figure, source))}; reported by {plain(outlet)}",
        f"<i>\u201c{wrapped(figure.quote, 70)}\u201d</i>",
    ]
    if figure.as_of.note:
        lines.append(wrapped(figure.as_of.note, 70))
    if figure.revises in by_id:
        lines.append(f"Revises the earlier claim of {claim_text(by_id[figure.revises])}")
    elif figure.revises:
        lines.append(f"Revises an earlier claim ({plain(figure.revises)}) not shown here")
    if figure.id in revised_by:
        lines.append(f"Later revised to {claim_text(revised_by[figure.id])}")
    return "<br>".join(lines)


def _claim_label(
    figure: Claim, by_id: dict[str, Claim], superseded: set[str], dated: str = ""
) -> str:
    """The number beside a claim; a superseded claim is named in its revision's label.

    `dated` is the claim's as-of where its mark stands at the window's first day rather than
    its own: without it, a slide of September would show "about 37,500" as a September
    claim. It is kept short (claim_dates.as_of_label): the slide has no hover.
    """
    if figure.id in superseded:
        return ""
    notes = []
    if figure.revises in by_id:
        notes.append(f"revised from {claim_text(by_id[figure.revises])}")
    elif figure.revises:
        notes.append("revised")
    if dated:
        notes.append(plain(dated))
    return f"{claim_text(figure)} ({'; '.join(notes)})" if notes else claim_text(figure)


Trace = dict[str, Any]  # one Plotly trace as plain JSON-able values


def _on(row: int, trace: Trace) -> Trace:
    """The trace on the upper panel (row 1: events) or the lower (row 2: deaths)."""
    axes = {"xaxis": "x", "yaxis": "y"} if row == 1 else {"xaxis": "x2", "yaxis": "y2"}
    return trace | axes


def _key(
    name: str,
    legend: str,
    group: str = "",
    bar: dict | None = None,
    stroke: dict | None = None,
    **marker,
) -> Trace:
    """A legend entry explaining a kind of mark, in neutral grey, with no data of its own:
    in `legend` ("legend", the events' marks; "legend2", the lower panel's), under `group`.

    A bar swatch if `bar` is given, a line if `stroke` is, else a marker.
    """
    common = dict(name=name, legend=legend, meta=LEGEND_KEY, hoverinfo="skip", x=[None], y=[None])
    if group:
        common |= dict(legendgroup=group, legendgrouptitle=dict(text=group))
    if bar is not None:
        trace = dict(type="bar", marker=dict(color=GREY) | bar, **common)
    elif stroke is not None:
        line = dict(color=GREY, width=2.5) | stroke
        trace = dict(type="scatter", mode="lines", line=line, **common)
    else:
        marker = dict(size=13, color=GREY) | marker
        trace = dict(type="scatter", mode="markers", marker=marker, **common)
    return _on(1 if legend == "legend" else 2, trace)


def _event_traces(
    events: Sequence[Event],
    layout: LaneLayout,
    dataset: Dataset,
    hovers: Mapping[str, tuple[str, str, str]] | None,
    start: dt.date,
) -> list[Trace]:
    """One trace per kind of mark, in a window from `start` (drawn_days); customdata[0] is the
    event id the page selects on."""
    categories = {lane.category.id: lane.category for lane in layout.lanes}
    if hovers is None:
        hovers = event_hovers(events, dataset, categories.values())
    by_kind = defaultdict(list)
    for event in events:
        by_kind[is_span(event), _point_kind(event)].append(event)
    traces = []
    for span in (True, False):
        for kind in ("day", "approximate", "earliest"):
            mine = by_kind[span, kind]
            if not mine:
                continue
            colour = [categories[e.category].colour for e in mine]
            common = dict(
                y=[layout.y[e.id] for e in mine],
                customdata=[[e.id, *hovers[e.id]] for e in mine],
                hovertemplate=EVENT_HOVER,
                showlegend=False,
            )
            if span:
                marker = dict(color=colour, line=dict(color=colour, width=2))
                if kind != "day":
                    hatch = dict(shape="/", fgcolor=colour, bgcolor="white", size=9, solidity=0.4)
                    marker |= dict(color="white", pattern=hatch)
                trace = dict(
                    type="bar",
                    orientation="h",
                    base=[e.date for e in mine],
                    x=[((e.end - e.date).days + 1) * DAY_MS for e in mine],  # to the end's close
                    width=0.56,
                    marker=marker,
                    **common,
                )
            else:
                trace = dict(
                    type="scatter",
                    x=[drawn_days(e, start)[0] for e in mine],
                    mode="markers",
                    marker=dict(size=17, **POINT_MARKS[kind](colour)),
                    cliponaxis=False,  # points lie in the window; keep those at its edges whole
                    **common,
                )
            traces.append(_on(1, trace))
    hatch = dict(shape="/", fgcolor=GREY, bgcolor="white", size=9, solidity=0.4)
    return [
        *traces,
        _key("day given", "legend", **POINT_MARKS["day"](GREY)),
        _key("approximate day", "legend", **POINT_MARKS["approximate"](GREY)),
        _key("earliest day, or later", "legend", **POINT_MARKS["earliest"](GREY)),
        _key("week, month or span", "legend", bar={}),
        _key("approximate span", "legend", bar=dict(color="white", pattern=hatch)),
    ]


def _point_kind(event: Event) -> str:
    """How a point's date is known: 'day' (given), 'approximate' (a stand-in day) or
    'earliest' (only its first possible day: "1 Jun 2022 or later")."""
    if event.date_precision == "earliest":
        return "earliest"
    return "approximate" if is_approximate(event) else "day"


# A point's marker by how its date is known (_point_kind), in its colour(s): filled for a day
# given, a ring for a stand-in day, a hollow triangle pointing on for an earliest day, since
# the event may be that day or any later one (drawn at the window's first day when its
# earliest day is before it: drawn_days)
POINT_MARKS = {
    "day": lambda colour: dict(color=colour, line=dict(color="white", width=1.5)),
    "approximate": lambda colour: dict(color="white", line=dict(color=colour, width=3.5)),
    "earliest": lambda colour: dict(
        symbol="triangle-right", color="white", line=dict(color=colour, width=3.5)
    ),
}


def _selected_traces(shapes: list, event: Event, layout: LaneLayout, start: dt.date) -> list[Trace]:
    """A black outline around the chosen event where it is drawn (drawn_days), so chart and
    detail panel agree."""
    y = layout.y[event.id]
    outline = dict(color="#000000", width=3)
    if is_span(event):
        end = event.end + dt.timedelta(days=1)
        box = dict(type="rect", xref="x", yref="y", x0=event.date, x1=end, y0=y - 0.4, y1=y + 0.4)
        shapes.append(box | dict(line=outline))
        return []
    ring = dict(
        type="scatter",
        x=[drawn_days(event, start)[0]],
        y=[y],
        mode="markers",
        marker=dict(size=29, symbol="circle-open", color="#000000", line=outline),
        cliponaxis=False,
        hoverinfo="skip",
        showlegend=False,
    )
    return [_on(1, ring)]


@dataclass(frozen=True)
class PhaseLabel:
    """Where a phase's label goes: its anchor date, which side it grows from, which row."""

    phase: Phase
    x: dt.date
    anchor: str  # "left": the text starts at x; "right": it ends at x
    level: int  # 0 is the row nearest the chart


def date_range(window: tuple[dt.date, dt.date], plot_px: float) -> list[dt.datetime]:
    """The date axis' range: the window's days and EDGE_PX at each end, for a plot plot_px
    wide (a slide's plot is narrower than the page's, so its edge takes more days).

    Each edge is EDGE_PX of the plot, which holds the window and both edges; its ends are
    times, not dates, as a date drops the edge's part of a day (a slide's 41 days have an
    edge of 1.6 days: written as dates it was 1, 9 px rather than 14).
    """
    start, end = (dt.datetime.combine(day, dt.time()) for day in window)
    shown = end + dt.timedelta(days=1) - start  # the window's days, its last one whole
    edge = shown * EDGE_PX / (plot_px - 2 * EDGE_PX)
    return [start - edge, start + shown + edge]


def place_phase_labels(
    phases: Sequence[Phase],
    window: tuple[dt.date, dt.date],
    plot_px: float = PLOT_PX_GUESS,
    char_px: float = CHAR_PX,
) -> list[PhaseLabel]:
    """Labels for the phases in the window, stacked in as few rows as keep them apart.

    A label starts where its band does, unless it would run off the right edge; then it
    ends where the band does. Widths are estimated for a plot plot_px wide (a laptop's,
    the narrowest screen the app is made for), so a wider screen only adds room.
    """
    start, end = window
    days = max((end - start).days + 1, 1)
    char_days = char_px * days / plot_px
    placed: list[tuple[PhaseLabel, float, float]] = []
    for phase in sorted(phases, key=lambda p: p.start):
        if phase.end < start or phase.start > end:
            continue
        first, after = max(phase.start, start), min(phase.end, end) + dt.timedelta(days=1)
        width = (len(phase.label) + 2) * char_days
        anchor = "left" if (first - start).days + width <= days else "right"
        x = first if anchor == "left" else after
        left = (x - start).days - (width if anchor == "right" else 0)
        level = 0
        while any(lab.level == level and lo < left + width and left < hi for lab, lo, hi in placed):
            level += 1
        placed.append((PhaseLabel(phase, x, anchor, level), left, left + width))
    return [label for label, _, _ in placed]


def _add_phases(
    shapes: list, notes: list, phases: Sequence[Phase], window: tuple[dt.date, dt.date]
) -> int:
    """Shaded bands through both panels, labelled above the chart; returns the label rows used.

    Hovering a label shows its note: what the phase's dates rest on.
    """
    start, end = window
    labels = place_phase_labels(phases, window)
    for i, label in enumerate(labels):
        phase = label.phase
        band = dict(type="rect", xref="x", yref="paper", y0=0, y1=1, layer="below")
        band |= dict(
            line=dict(width=0),
            x0=max(phase.start, start),
            x1=min(phase.end, end) + dt.timedelta(days=1),
            fillcolor=PHASE_FILLS[i % 2],
        )
        shapes.append(band)
        notes.append(
            dict(
                x=label.x,
                xref="x",
                y=1,
                yref="paper",
                yshift=6 + LABEL_ROW_PX * label.level,
                xanchor=label.anchor,
                yanchor="bottom",
                text=f"<b>{plain(phase.label)}</b>",
                showarrow=False,
                font=dict(size=SMALL, color="#3C4043"),
                hovertext=wrapped(phase.note, 70),
                hoverlabel=dict(font=dict(size=SMALL)),
            )
        )
    return max((label.level + 1 for label in labels), default=0)


def _confirmed_traces(confirmed: pd.DataFrame) -> list[Trace]:
    group = "Confirmed deaths, a lower bound"
    common = dict(legend="legend2", legendgroup=group, legendgrouptitle=dict(text=group))
    bars = dict(
        type="bar",
        x=confirmed["month_start"].tolist(),
        y=confirmed["deaths"].tolist(),
        xperiod="M1",
        xperiodalignment="middle",
        marker=dict(color=CONFIRMED_BAR),
        name="confirmed that month",
        customdata=[f"{d:%B %Y}" for d in confirmed["month_start"]],
        hovertemplate="%{customdata}: %{y:,} deaths confirmed that month<extra></extra>",
        **common,
    )
    total = dict(
        type="scatter",
        x=confirmed["month_end"].tolist(),
        y=confirmed["running_total"].tolist(),
        mode="lines+markers",
        line=dict(color=GREY, width=3),
        marker=dict(size=7),
        name=RUNNING_TOTAL,
        hovertemplate="By %{x|%-d %b %Y}: %{y:,} deaths confirmed in all<extra></extra>",
        **common,
    )
    return [_on(2, bars), _on(2, total)]


def _claim_traces(
    claims: Sequence[Claim], dataset: Dataset, window: tuple[dt.date, dt.date]
) -> list[Trace]:
    by_id = {f.id: f for f in claims}
    # each shown claim a later shown one revises, and the first that does (found once: a
    # search per claim was most of this chart at 100x data)
    revised_by: dict[str, Claim] = {}
    for earlier, later in revisions(claims):
        revised_by.setdefault(earlier.id, later)
    superseded = set(revised_by)
    # neighbouring labels alternate above and below their marks, so none overlap, and
    # near the right edge they grow leftwards
    start, end = window
    # where each claim is drawn: its day, or the part of its month in the window and before
    # its article (a month-only claim's marker at that part's first day). The window keeps a
    # claim while its days meet it (claim_dates.claim_window), so a month-only claim, or an
    # inferred one that may be later ("25 Jun 2022 or later"), is drawn from the window's
    # first day if its recorded day is earlier: in sight, at a day it may stand for
    drawn, dated = {}, {}
    for f in claims:
        first, last = drawn_period(f, dataset.sources[f.source])
        drawn[f.id] = (max(first, start), min(last, end))
        if first < start:
            dated[f.id] = as_of_label(f, dataset.sources[f.source])
    days = (end - start).days + 1  # the window's days, the x axis (a one-day window has one)

    def side(day: dt.date) -> str:
        """Near the right edge a label grows leftwards, near the left edge rightwards: a
        share of the window's days, so a window of a few days has edges too."""
        share = (day - start).days / days
        return " left" if share > 0.8 else " right" if share < 0.05 else " center"

    labelled = [f for f in claims if f.id not in superseded]
    position = {
        f.id: ("top", "bottom")[i % 2] + side(drawn[f.id][0]) for i, f in enumerate(labelled)
    }
    groups: dict[str, list[Claim]] = {}
    for figure in claims:
        groups.setdefault(claimant_group(figure), []).append(figure)
    title = "Claimed tolls, by claimant"
    traces = []
    for group, mine in groups.items():
        colour = CLAIMANT_COLOURS[group]
        symbols = [
            QUALIFIER_SYMBOLS[f.qualifier] + ("-open" if mark(f) == "hollow" else "") for f in mine
        ]
        points = dict(
            type="scatter",
            x=[drawn[f.id][0] for f in mine],
            y=[f.value for f in mine],
            mode="markers+text",
            text=[_claim_label(f, by_id, superseded, dated.get(f.id, "")) for f in mine],
            textposition=[position.get(f.id, "top center") for f in mine],
            textfont=dict(size=SMALL, color=colour, shadow=HALO),
            cliponaxis=False,
            marker=dict(
                size=15,
                symbol=symbols,
                color=colour,
                line=dict(color=colour, width=2.5),
                opacity=[0.5 if f.id in superseded else 1 for f in mine],
            ),
            name=group,
            showlegend=False,
            customdata=[_claim_hover(f, dataset, by_id, revised_by) for f in mine],
            hovertemplate="%{customdata}<extra></extra>",
        )
        traces.append(_on(2, points))
        # the legend shows the claimant's colour; the symbols have their own entries
        traces.append(_key(group, "legend2", title, color=colour))
        # a month-only date: a line across the month from the marker, to the close of its
        # last day or of the day its article appeared, if earlier (63 and 89, "in January",
        # reported on 10 January)
        xs, ys = [], []
        for f in mine:
            if f.as_of.precision == "month":
                first, last = drawn[f.id]
                xs += [first, last + dt.timedelta(days=1), None]
                ys += [f.value, f.value, None]
        if xs:
            line = dict(color=colour, width=2.5)
            months = dict(type="scatter", x=xs, y=ys, mode="lines", line=line, hoverinfo="skip")
            traces.append(_on(2, months | dict(showlegend=False)))
    for earlier_id, later in revised_by.items():
        earlier = by_id[earlier_id]
        link = dict(
            type="scatter",
            x=[drawn[earlier.id][0], drawn[later.id][0]],
            y=[earlier.value, later.value],
            mode="lines",
            line=dict(color=CLAIMANT_COLOURS[claimant_group(later)], width=2, dash="dot"),
            hoverinfo="skip",
            showlegend=False,
        )
        traces.append(_on(2, link))
    group = "Marks"
    hollow = dict(symbol="circle-open", line=dict(width=2.5))
    return [
        *traces,
        _key("exact", "legend2", group),
        _key("about", "legend2", group, symbol="diamond"),
        _key("more than, at least", "legend2", group, symbol="triangle-up"),
        _key("date inferred or approximate", "legend2", group, **hollow),
        _key("month only", "legend2", group, stroke={}),
        _key("revised", "legend2", group, stroke=dict(dash="dot")),
    ]


def timeline_spec(
    dataset: Dataset,
    events: Sequence[Event],
    categories: Sequence[Category],
    phases: Sequence[Phase],
    window: tuple[dt.date, dt.date],
    claims: Sequence[Claim] = (),
    confirmed: pd.DataFrame | None = None,
    selected: str | None = None,
    hovers: Mapping[str, tuple[str, str, str]] | None = None,
) -> dict[str, Any]:
    """The whole chart: lanes of events over phase bands; confirmed deaths and claims below.

    `categories` are the lanes, in order (an empty lane still shows, labelled). `confirmed`
    is confirmed_by_month(...), or None when its source is filtered out. `selected` is the
    id of an event in `events` to outline. `hovers` is event_hovers(...) for (at least) these
    events, where a caller keeps it across views (components.views: at 100x data,
    writing it was a quarter of a new view's chart); None writes it here.

    Plain dicts, as Plotly writes a figure's JSON, not graph objects: a figure built
    property by property is validated as it goes, which was most of a new Timeline view's
    time (about 90 of 190 ms). timeline_figure validates the same dict, for the tests and
    the briefing; the page sends it as it is (components.cached.FrozenFigure).
    """
    start, end = window
    days = max((end - start).days, 1)
    layout = lay_out_lanes(events, categories, dt.timedelta(days=days * MIN_GAP), start)
    top_px = max(layout.rows, 4) * ROW_PX
    plot_px = top_px + GAP_PX + CLAIMS_PX
    # two panels sharing the date axis (what make_subplots(rows=2, shared_xaxes=True) lays
    # out): the claims' panel at the bottom, the gap, the lanes above
    claims_top = CLAIMS_PX / plot_px
    shapes: list[dict] = []
    notes: list[dict] = []
    label_rows = _add_phases(shapes, notes, phases, window)
    traces = _event_traces(events, layout, dataset, hovers, start)
    chosen = next((e for e in events if e.id == selected), None)
    if chosen is not None:
        traces += _selected_traces(shapes, chosen, layout, start)
    if confirmed is not None:
        traces += _confirmed_traces(confirmed)
    traces += _claim_traces(claims, dataset, window)
    for lane in layout.lanes[1:]:
        rule = dict(type="line", xref="x domain", x0=0, x1=1, yref="y", y0=lane.top - 0.5)
        shapes.append(rule | dict(y1=lane.top - 0.5, line=dict(color="#BDC1C6", width=1)))
    heading = dict(
        text=f"<b>{CLAIMS_HEADING}</b>",
        x=0,
        xref="paper",
        xanchor="left",
        y=claims_top,
        yref="paper",
        yanchor="bottom",
        yshift=6,
        showarrow=False,
        font=dict(size=SMALL + 1),
    )
    notes.append(heading)
    dates = dict(
        type="date",
        range=date_range(window, PLOT_PX_GUESS),
        showticklabels=True,
        tickfont=dict(size=SMALL),
        gridcolor=GRID,
        domain=[0.0, 1.0],
    )
    lanes_axis = dict(
        anchor="x",
        domain=[claims_top + GAP_PX / plot_px, 1.0],
        range=[layout.rows - 0.5, -0.5],
        tickvals=[lane.centre for lane in layout.lanes],
        ticktext=[f"<b>{plain(lane.category.label)}</b> ({lane.events})" for lane in layout.lanes],
        tickfont=dict(size=SMALL + 1),
        showgrid=False,
        zeroline=False,
        fixedrange=True,
    )
    claims_axis = dict(
        anchor="x2",
        domain=[0.0, claims_top],
        type="log",
        range=[1.5, 5.4],
        tickvals=[100, 1_000, 10_000, 100_000],
        ticktext=["100", "1,000", "10,000", "100,000"],
        tickfont=dict(size=SMALL),
        title=dict(text="people", font=dict(size=SMALL)),
        gridcolor=GRID,
        fixedrange=True,
    )
    top_margin = MODEBAR_PX + LABEL_ROW_PX * label_rows + 8
    # room for the lanes' names, or the lower panel's numbers and title, whichever is wider,
    # and for the dates at the bottom: Plotly draws the chart once (margins.py)
    left = max(
        margins.widest(lanes_axis["ticktext"], SMALL + 1, "sans-serif"),
        margins.widest(claims_axis["ticktext"], SMALL, "sans-serif")
        + CLAIMS_TITLE_STANDOFF
        + margins.LINE_HEIGHT["sans-serif"] * SMALL,
    )
    height = top_margin + plot_px + DATES_PX
    return dict(
        data=traces,
        layout=dict(
            xaxis=dates | dict(anchor="y", matches="x2"),
            xaxis2=dates | dict(anchor="y2"),
            yaxis=lanes_axis,
            yaxis2=claims_axis,
            height=height,
            margin=dict(l=margins.room(left, margins.PLAIN_LEFT), r=20, t=top_margin, b=DATES_PX),
            font=FONT,
            barmode="overlay",
            hovermode="closest",
            hoverlabel=dict(font=dict(size=SMALL), align="left"),
            showlegend=False,  # drawn apart: homefront.charts.timeline_legend
            # no clickmode: Streamlit sets "event+select" where a click picks an event
            # (on_select), and Plotly's own "event" elsewhere (a projector's slide, the export)
            # leaves a click's marks as they were; "select" there faded every other event
            dragmode="pan",
            template=template("plotly_white"),
            shapes=shapes,
            annotations=notes,
        ),
    )


def timeline_figure(*args: Any, **kwargs: Any) -> go.Figure:
    """timeline_spec's chart as a validated Plotly figure (arguments as timeline_spec's)."""
    return go.Figure(timeline_spec(*args, **kwargs))
