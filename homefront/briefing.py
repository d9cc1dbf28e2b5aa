"""The Briefing's steps as plain data and figures, shared by the page and the HTML export.

No Streamlit, so which step a link opens, what each step cites and the figures the export
draws are unit tested; the page draws the same steps with the components in components/.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from homefront import periods
from homefront.chart_text import plain
from homefront.citations import source_date
from homefront.config import AppConfig
from homefront.dataset import Dataset
from homefront.filters import ViewFilters
from homefront.ledger import ambiguous
from homefront.queries import filter_events, format_figure
from homefront.rates import known_months
from homefront.region_view import (
    FOCUS_REGIONS,
    METRICS,
    NO_DATA_COLOUR,
    TOOLTIP_TEXT,
    albers,
    legend_title,
    map_values,
    project_geometry,
)
from homefront.regional import COUNT_SOURCE
from homefront.schemas import BriefingStep, CompareView, Phase, Source, TimelineView, month_end
from homefront.timeline import (
    CHAR_PX,
    CLAIMS_HEADING,
    SMALL,
    claims_shown,
    place_phase_labels,
    timeline_figure,
)

MAP_HEIGHT = 520
ALL_UNITS = "all unit types"
# A slide fits a 1280x720 projector: its chart is this tall and no letter on it is smaller
SLIDE_CHART_PX = 570
SLIDE_FONT_PX = 20
SLIDE_PLOT_PX = 380  # the timeline's plot width on a slide at 1280x720 (measured)
SLIDE_CLAIMS_HEADING = "Deaths, confirmed and claimed (log)"
SLIDE_LANES_SHARE = 0.56  # of the plot's height: the event lanes, then a gap, then the claims
SLIDE_GAP_SHARE = 0.12
OUTLINE = "#005AC8"  # the region a step is about
FOCUS_OUTLINE = "#1F2328"  # Buryatia and Tyva, named on every map


@dataclass(frozen=True)
class Card:
    """One outlet's answer to a step's question, as a slide shows it: plain text, no markup.

    `figures` are (number, what it counts and who claims it) pairs: ("about 100,000",
    "Soldiers killed or injured (Russian soldiers) — Mark Milley, ..."); `summary` is None
    when the outlet does not cover the topic.
    """

    outlet: str
    summary: str | None
    figures: tuple[tuple[str, str], ...]


def parse_step(raw: str | None, count: int) -> tuple[int, str | None]:
    """The 0-based step a link's `step=` (1-based) names, and a notice when it names none.

    A missing parameter opens step 1 silently; a wrong one opens step 1 and says so.
    """
    if raw is None:
        return 0, None
    # ASCII digits, few of them: '²'.isdigit() is true but int('²') fails, as do 5000 digits
    if raw.isascii() and raw.isdigit() and len(raw) <= 6 and 1 <= int(raw) <= count:
        return int(raw) - 1, None
    return 0, f"Link parameter 'step={raw[:20]}' is not a step from 1 to {count}; showing step 1."


def as_of_note(dataset: Dataset) -> str:
    """The footer every step carries, on screen and in the export: each source's "as of"."""
    return (
        f"{periods.as_of_note(dataset)} Confirmed deaths are a lower bound: public obituaries "
        "and announcements only."
    )


def slide_cite(source: Source) -> str:
    """A citation short enough for a slide, 'RFE/RL, 11 Jul 2022 (date inferred)': one
    article per outlet, so it names one; the export and the Data page give the whole line."""
    return f"{source.short_name}, {source_date(source)}"


def step_sources(dataset: Dataset, step: BriefingStep) -> list[Source]:
    """The sources a step cites: its own and those of its view, each once, in that order."""
    ids = list(step.sources)
    if step.view.kind == "compare":
        ids += step.view.sources
    if step.view.kind == "map" or step.chart:
        ids.append(COUNT_SOURCE)
    return [dataset.sources[sid] for sid in dict.fromkeys(ids)]


def step_filters(config: AppConfig, dataset: Dataset, view: TimelineView) -> ViewFilters:
    """Every category and source over the step's window: the briefing shows the whole story."""
    return ViewFilters(
        start=view.start,
        end=view.end,
        categories=tuple(config.category_ids),
        sources=tuple(dataset.sources),
    )


def step_timeline(
    config: AppConfig, dataset: Dataset, view: TimelineView, confirmed: pd.DataFrame
) -> go.Figure:
    """The Timeline page's figure over the step's window (confirmed_by_month for `confirmed`)."""
    filters = step_filters(config, dataset, view)
    return timeline_figure(
        dataset,
        filter_events(dataset.events, filters),
        config.categories,
        dataset.story.phases,
        (view.start, view.end),
        claims_shown(dataset.figures, filters),
        confirmed,
        selected=view.event,
    )


def slide_timeline(
    figure: go.Figure,
    phases: Sequence[Phase],
    window: tuple[dt.date, dt.date],
    height: int = SLIDE_CHART_PX,
) -> go.Figure:
    """The timeline restyled for a slide: a fixed height, every letter 20 px, no legends.

    The legends explain mark shapes and take a third of the chart; on a slide the step's
    text says what is shown, the lower panel keeps a short heading (what it counts) and the
    Timeline page keeps the full key. Phase labels are placed again for the larger type.
    """
    fig = go.Figure(figure)
    big = dict(size=SLIDE_FONT_PX)
    fig.update_traces(showlegend=False)
    for trace in fig.data:  # the numbers written beside claims
        if "textfont" in trace:
            trace.textfont.size = SLIDE_FONT_PX
    fig.update_xaxes(tickfont=big)
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
            note.update(text=f"<b>{SLIDE_CLAIMS_HEADING}</b>", y=fig.layout.yaxis2.domain[1])
    rows = max((label.level + 1 for label in placed), default=0)
    fig.update_layout(
        height=height,
        font=big,
        hoverlabel=dict(font_size=SLIDE_FONT_PX),
        margin=dict(l=10, r=20, t=8 + 26 * rows, b=56),
    )
    return fig


def step_cards(dataset: Dataset, view: CompareView) -> list[Card]:
    """The step's outlets on its topic, each figure labelled with what it counts.

    A figure another one shares measure and claimant with (Milley's two estimates) also
    names its subject, so no two lines read the same.
    """
    topic = next(t for t in dataset.coverage.topics if t.id == view.topic)
    figures = dataset.figure_by_id
    cards = []
    for sid in view.sources:
        cell = topic.cells[sid]
        outlet = dataset.sources[sid].short_name
        if not cell.covered:
            cards.append(Card(outlet, None, ()))
            continue
        name_subject = ambiguous(figures[fid] for fid in cell.figures)
        lines = []
        for fid in cell.figures:
            figure = figures[fid]
            what = dataset.measures[figure.measure].label
            if fid in name_subject and figure.subject:
                what += f" ({figure.subject})"
            lines.append((format_figure(figure), f"{what} \u2014 {figure.claimant}"))
        cards.append(Card(outlet, cell.summary, tuple(lines)))
    return cards


def _rings(geometry: dict) -> list[np.ndarray]:
    """A feature's rings, Albers-projected (km) as on the Regions page."""
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    rings = []
    for polygon in polygons:
        for ring in polygon:
            points = np.asarray(ring, dtype="float64")
            # whole kilometres, as on the Regions page: far below a pixel, and a smaller file
            rings.append(np.round(np.column_stack(albers(points[:, 0], points[:, 1]))))
    return rings


def map_figure(
    rates: pd.DataFrame,
    geojson: dict,
    metric_id: str,
    region: str,
    window: tuple[dt.date, dt.date],
    height: int = MAP_HEIGHT,
    font_px: int = 15,
) -> go.Figure:
    """The regions map as plain SVG shapes for the export: no tiles, no WebGL, no topology CDN.

    The boundaries are projected like the Regions page's map (Albers equal-area) and drawn as
    filled outlines, one per region, coloured by the same classes (region_view.map_values);
    the legend names each class, the hover gives the Regions page's tooltip. Buryatia, Tyva
    and the step's region are outlined and named with their value. The slide draws it too.
    """
    metric = METRICS[metric_id]
    values = map_values(rates, metric, *window, ALL_UNITS, selected=region)
    labels = values.legend.labels
    shapes = {f["properties"]["iso"]: _rings(f["geometry"]) for f in geojson["features"]}
    named = dict.fromkeys((*FOCUS_REGIONS, region))
    fig = go.Figure()
    shown_classes: set[int | None] = set()
    # the named regions last, so their outlines lie on top of their neighbours'
    order = sorted(values.properties, key=lambda iso: (iso in named, iso == region))
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
                line=dict(
                    color=OUTLINE if iso == region else FOCUS_OUTLINE if iso in named else "white",
                    width=3 if iso in named else 0.5,
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
        (iso for iso in named if iso in points and iso in values.properties),
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
            title=dict(
                text=legend_title(metric, *window, ALL_UNITS).replace(" · ", "<br>"), side="top"
            ),
            font=dict(size=font_px),
            orientation="h",
            x=0,
            y=0,
            yanchor="top",
        ),
        hoverlabel=dict(font=dict(size=font_px)),
    )
    return fig


def _region_label(properties: dict, metric_id: str) -> str:
    """'Buryatia: 408': the English name and the value the map is coloured by."""
    return f"{properties['name'].split(' / ')[0]}: {properties[metric_id]}"


def map_window(casualties: pd.DataFrame) -> tuple[dt.date, dt.date]:
    """The first and last day of the months with confirmed deaths: the map's whole period."""
    months = known_months(casualties)
    first = dt.date.fromisoformat(months[0] + "-01")
    last = month_end(dt.date.fromisoformat(months[-1] + "-01"))
    return first, last
