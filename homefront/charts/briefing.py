"""The Briefing's charts, on its slides and in the offline export: the Timeline restyled for
a projector, the regions map as plain SVG shapes, and a chart's HTML at the export's size.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from homefront.briefing import step_events, step_filters
from homefront.charts import margins
from homefront.charts.claim_labels import place_claim_labels
from homefront.charts.projection import polygons_of, project_geometry, project_ring
from homefront.charts.region_map import TOOLTIP_TEXT, legend_title, map_values
from homefront.charts.text import plain
from homefront.charts.theme import (
    EXPORT_CONFIG,
    FOCUS_OUTLINE,
    FONT_SIZE,
    NO_DATA_COLOUR,
    TITLE_WIDTH,
)
from homefront.charts.timeline import (
    CHAR_PX,
    CLAIMS_HEADING,
    SMALL,
    date_range,
    place_phase_labels,
    timeline_figure,
)
from homefront.config import AppConfig
from homefront.dataset import Dataset
from homefront.death_tolls import claims_shown
from homefront.region_metrics import METRICS, Metric
from homefront.region_text import ALL_UNITS
from homefront.schemas import Phase, TimelineView

MAP_HEIGHT = 520
# A slide fits a 1280x720 projector: its chart is this tall and no letter on it is smaller
SLIDE_CHART_PX = 570
SLIDE_FONT_PX = 20
SLIDE_PLOT_PX = 380  # the timeline's plot width on a slide at 1280x720 (measured)
# The most date ticks a slide's plot keeps apart: each as wide as the widest day's label
# ("May 28") with half a letter after it; Plotly then picks a spacing (a week, two, a month)
# from the window's length. Its own choice ran a short window's labels together ("Dec 18Dec 25")
SLIDE_DATE_TICKS = int(
    SLIDE_PLOT_PX // (margins.text_width("May 28", SLIDE_FONT_PX, "sans-serif") + SLIDE_FONT_PX / 2)
)
SLIDE_CLAIMS_HEADING = "Deaths, confirmed and claimed (log)"
# The claims' marks a little larger than the Timeline's 15 px, for the larger type; Plotly
# writes a mark's text farther off a larger mark, so two labels stacked at one day (one above
# its mark, one beside the other's) keep 2 px apart (at 15 px they met). At most 19: a
# diamond on the window's first day (Plotly draws it 1.3 times its size) stays clear of the
# axis' numbers (EDGE_PX)
SLIDE_CLAIM_MARK_PX = 19
# px from the claims' panel up to its heading's foot: room for the label above a claim near
# the panel's top (on the export's step 6, "about 37,500 ..." reaches 7 px above the panel)
SLIDE_HEADING_SHIFT = 12
# The plot widths a slide's timeline is drawn at, from a 1280x720 projector's (and a 1440 px
# laptop's, sidebar open, 382 px) to a 1920x1080 projector's (768 px, measured): the claims'
# labels are placed so that each is clear at every one of them
SLIDE_PLOT_WIDTHS = range(SLIDE_PLOT_PX, 801, 20)
SLIDE_LANES_SHARE = 0.56  # of the plot's height: the event lanes, then a gap, then the claims
SLIDE_GAP_SHARE = 0.12
# The export's fixed size: the chart and the text beside it fit a 1280x720 screen, and at
# its print scale (homefront.briefing_export) the chart fits the narrowest page (A4 portrait)
# with the text above and citations below.
CHART_PX = (760, 540)


def step_timeline(
    config: AppConfig, dataset: Dataset, view: TimelineView, confirmed: pd.DataFrame
) -> go.Figure:
    """The Timeline page's figure over the step's window (confirmed_by_month for `confirmed`)."""
    filters = step_filters(config, dataset, view)
    return timeline_figure(
        dataset,
        step_events(config, dataset, view),
        config.categories,
        dataset.story.phases,
        (view.start, view.end),
        claims_shown(dataset.figures, filters, dataset.sources),
        confirmed,
        selected=view.event,
    )


def slide_timeline(
    figure: go.Figure,
    phases: Sequence[Phase],
    window: tuple[dt.date, dt.date],
    height: int = SLIDE_CHART_PX,
) -> go.Figure:
    """The timeline restyled for a slide: a fixed height, every letter 20 px, no legends,
    dates spaced for that size, the window's ends clear of the axis' numbers.

    The legends explain mark shapes and take a third of the chart; on a slide the step's
    text says what is shown, the lower panel keeps a short heading (what it counts) and the
    Timeline page keeps the full key. Phase labels are placed again for the larger type, and
    the claims' labels too, each where no line or mark crosses it (claim_labels).
    """
    fig = go.Figure(figure)
    big = dict(size=SLIDE_FONT_PX)
    fig.update_traces(showlegend=False)
    for trace in fig.data:  # the numbers written beside claims, and the claims' marks
        if "textfont" in trace:
            trace.textfont.size = SLIDE_FONT_PX
        if trace.type == "scatter" and trace.yaxis == "y2" and "text" in trace.mode:
            trace.marker.size = SLIDE_CLAIM_MARK_PX
    fig.update_xaxes(tickfont=big, nticks=SLIDE_DATE_TICKS, range=date_range(window, SLIDE_PLOT_PX))
    fig.layout.xaxis.showticklabels = False  # the dates once, under the lower panel
    fig.update_yaxes(tickfont=big, title_font=big)
    # _add_phases writes one note per label, in place_phase_labels' order, then the heading
    placed = place_phase_labels(phases, window, SLIDE_PLOT_PX, CHAR_PX * SLIDE_FONT_PX / SMALL)
    notes = list(fig.layout.annotations)
    for note, label in zip(notes[: len(placed)], placed, strict=True):
        note.update(x=label.x, xanchor=label.anchor, yshift=4 + 26 * label.level)
    # the lanes get the larger share, so 20 px lane names keep apart; the heading follows
    fig.layout.yaxis.domain = (1 - SLIDE_LANES_SHARE, 1)
    fig.layout.yaxis2.domain = (0, 1 - SLIDE_LANES_SHARE - SLIDE_GAP_SHARE)
    for note in notes:
        note.font.size = SLIDE_FONT_PX
        if CLAIMS_HEADING in (note.text or ""):
            # ends at the panel's right edge, so in a slide's narrow column it grows into
            # the lane names' margin instead of past the chart's edge
            note.update(
                text=f"<b>{SLIDE_CLAIMS_HEADING}</b>",
                x=1,
                xanchor="right",
                y=fig.layout.yaxis2.domain[1],
                yshift=SLIDE_HEADING_SHIFT,
            )
    rows = max((label.level + 1 for label in placed), default=0)
    fig.update_layout(
        height=height,
        font=big,
        hoverlabel=dict(font_size=SLIDE_FONT_PX),
        margin=dict(l=10, r=20, t=8 + 26 * rows, b=56),
    )
    place_claim_labels(fig, SLIDE_PLOT_WIDTHS, SLIDE_HEADING_SHIFT)
    return fig


def _rings(geometry: dict) -> list[np.ndarray]:
    """A feature's rings, Albers-projected (km) as on the Regions page."""
    return [project_ring(ring) for polygon in polygons_of(geometry) for ring in polygon]


def map_figure(
    rates: pd.DataFrame,
    geojson: dict,
    metric_id: str,
    region: str,
    window: tuple[dt.date, dt.date],
    height: int = MAP_HEIGHT,
    font_px: int = FONT_SIZE,
) -> go.Figure:
    """The regions map as plain SVG shapes for the export: no tiles, no WebGL, no topology CDN.

    The boundaries are projected like the Regions page's map (Albers equal-area) and drawn as
    filled outlines, one per region, coloured by the same classes (region_map.map_values);
    the legend names each class, the hover gives the Regions page's tooltip. Buryatia, Tyva
    and the step's region are outlined and named with their value. The slide draws it too.
    """
    metric = METRICS[metric_id]
    values = map_values(rates, metric, *window, ALL_UNITS, selected=region)
    labels = values.legend.labels
    shapes = {
        f["properties"]["iso"]: [
            project_ring(ring) for p in polygons_of(f["geometry"]) for ring in p
        ]
        for f in geojson["features"]
    }
    outlined = list(values.outlines)  # the Regions page's rule: focus regions, then the step's
    fig = go.Figure()
    shown_classes: set[int | None] = set()
    # the outlined regions last, in their order, so their outlines lie on top of their
    # neighbours'
    order = sorted(
        values.properties, key=lambda iso: outlined.index(iso) + 1 if iso in outlined else 0
    )
    for iso in order:
        index = values.classes[iso]
        colour = NO_DATA_COLOUR if index is None else values.legend.colours[index]
        xs: list[float | None] = []
        ys: list[float | None] = []
        for ring in shapes.get(iso, []):
            xs += [*ring[:, 0], None]
            ys += [*ring[:, 1], None]
        tip = plain(TOOLTIP_TEXT.format(**values.properties[iso])).replace("\n", "<br>")
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=colour,
                line=(
                    dict(color=values.outlines[iso].colour, width=values.outlines[iso].width)
                    if iso in values.outlines
                    else dict(color="white", width=0.5)
                ),
                name="no value" if index is None else labels[index],
                legendgroup=str(index),
                legendrank=-1 if index is None else len(labels) - index,
                showlegend=index not in shown_classes,
                hoveron="fills",
                text=tip,
                hoverinfo="text",
            )
        )
        shown_classes.add(index)
    points = project_geometry(geojson).label_points
    shown = sorted(
        (iso for iso in outlined if iso in points),
        key=lambda iso: points[iso][0],
    )
    for i, iso in enumerate(shown):  # west to east, pointed at from alternate sides
        fig.add_annotation(
            x=points[iso][0],
            y=points[iso][1],
            text=f"<b>{plain(_region_label(values.properties[iso], metric_id))}</b>",
            showarrow=True,
            arrowcolor=FOCUS_OUTLINE,
            ax=-70 if i % 2 == 0 else 70,
            ay=-50 if i % 2 == 0 else 45,
            font=dict(size=font_px + 1, color=FOCUS_OUTLINE),
            bgcolor="rgba(255,255,255,0.85)",
        )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x")
    fig.update_layout(
        height=height,
        margin=dict(l=0, r=0, t=10, b=0),
        font=dict(size=font_px),
        plot_bgcolor="white",
        # below the map, so the map has the whole width
        legend=dict(
            title=dict(text=_legend_title(metric, window, font_px), side="top"),
            font=dict(size=font_px),
            orientation="h",
            x=0,
            y=0,
            yanchor="top",
        ),
        hoverlabel=dict(font=dict(size=font_px)),
    )
    return fig


def _legend_title(metric: Metric, window: tuple[dt.date, dt.date], font_px: int) -> str:
    """The Regions page's legend title, a line for each of its parts, each broken into lines
    that fit a phone (Plotly never wraps: "Deaths per 100,000 men aged 16–61.5" ran past a
    390 px phone's edge at 20 px)."""
    parts = legend_title(metric, *window, ALL_UNITS).split(" · ")
    return "<br>".join(line for part in parts for line in margins.wrap(part, TITLE_WIDTH, font_px))


def _region_label(properties: dict, metric_id: str) -> str:
    """'Buryatia: 408': the English name and the value the map is coloured by."""
    return f"{properties['name'].split(' / ')[0]}: {properties[metric_id]}"


def figure_html(figure: go.Figure, first: bool, name: str = "") -> str:
    """The figure at the export's fixed size, plotly.js inlined if `first`; `name`, where
    given, its accessible name."""
    figure = go.Figure(figure).update_layout(width=CHART_PX[0], height=CHART_PX[1], autosize=False)
    chart = figure.to_html(full_html=False, include_plotlyjs=first, config=EXPORT_CONFIG)
    label = f' role="figure" aria-label="{escape(name)}"' if name else ""
    return f'<div class="chart"{label}>{chart}</div>'
