"""The Briefing's steps as plain data and figures, shared by the page and the HTML export.

No Streamlit, so which step a link opens, what each step cites and the figures the export
draws are unit tested; the page draws the same steps with the components in components/.
"""

from __future__ import annotations

import datetime as dt
import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from homefront import periods
from homefront.config import AppConfig, BriefingStep, TimelineView
from homefront.dataset import Dataset
from homefront.filters import ViewFilters
from homefront.queries import filter_events
from homefront.rates import known_months
from homefront.region_view import (
    METRICS,
    NO_DATA_COLOUR,
    TOOLTIP_TEXT,
    albers,
    legend_title,
    map_values,
)
from homefront.schemas import Source
from homefront.timeline import CONFIRMED_SOURCE, claims_shown, timeline_figure

MAP_HEIGHT = 520
ALL_UNITS = "all unit types"


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


def step_sources(dataset: Dataset, step: BriefingStep) -> list[Source]:
    """The sources a step cites: its own and those of its view, each once, in that order."""
    ids = list(step.sources)
    if step.view.kind == "compare":
        ids += step.view.sources
    if step.view.kind == "map":
        ids.append(CONFIRMED_SOURCE)
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
        config.phases,
        (view.start, view.end),
        claims_shown(dataset.figures, filters),
        confirmed,
    )


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
    rates: pd.DataFrame, geojson: dict, metric_id: str, region: str, window: tuple[dt.date, dt.date]
) -> go.Figure:
    """The regions map as plain SVG shapes for the export: no tiles, no WebGL, no topology CDN.

    The boundaries are projected like the Regions page's map (Albers equal-area) and drawn as
    filled outlines, one per region, coloured by the same classes (region_view.map_values);
    the legend names each class, the hover gives the Regions page's tooltip.
    """
    metric = METRICS[metric_id]
    values = map_values(rates, metric, *window, ALL_UNITS, selected=region)
    labels = values.legend.labels
    shapes = {f["properties"]["iso"]: _rings(f["geometry"]) for f in geojson["features"]}
    fig = go.Figure()
    shown_classes: set[int | None] = set()
    # the outlined region last, so its outline lies on top of its neighbours'
    order = sorted(values.properties, key=lambda iso: iso == region)
    for iso in order:
        index = values.classes[iso]
        colour = NO_DATA_COLOUR if index is None else values.legend.colours[index]
        xs: list[float | None] = []
        ys: list[float | None] = []
        for ring in shapes.get(iso, []):
            xs += [*ring[:, 0], None]
            ys += [*ring[:, 1], None]
        tip = html.escape(TOOLTIP_TEXT.format(**values.properties[iso])).replace("\n", "<br>")
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=colour,
                line=dict(
                    color="#005AC8" if iso == region else "white", width=3 if iso == region else 0.5
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
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x")
    fig.update_layout(
        height=MAP_HEIGHT,
        margin=dict(l=0, r=0, t=10, b=0),
        font=dict(size=15),
        plot_bgcolor="white",
        legend=dict(
            title=dict(text=legend_title(metric, *window, ALL_UNITS).replace(" · ", "<br>")),
            font=dict(size=15),
        ),
        hoverlabel=dict(font=dict(size=15)),
    )
    return fig


def map_window(casualties: pd.DataFrame) -> tuple[dt.date, dt.date]:
    """The first and last day of the months with confirmed deaths: the map's whole period."""
    months = known_months(casualties)
    first = dt.date.fromisoformat(months[0] + "-01")
    last = (pd.Timestamp(months[-1] + "-01") + pd.offsets.MonthEnd(0)).date()
    return first, last
