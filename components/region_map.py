"""The Regions choropleth (pydeck, offline) and its legend.

Speed, and how: serialising ~12,000 vertices with pydeck costs far more than the rest of
the page, so the geometry is projected and serialised once per process
(cached.map_geometry) and each rerun only writes the small per-region properties (fill,
outline, tooltip words) and splices them in. st.pydeck_chart only asks the Deck for its
JSON, so the spliced spec goes in as a Deck whose to_json() returns it.

Offline: map_provider=None and no map_style argument (map_style=None or "" would still
make the browser fetch a basemap style); the view is an OrthographicView over
Albers-projected kilometres (see homefront/region_view.py), so no tile is ever asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import plotly.graph_objects as go
import pydeck as pdk
import streamlit as st

from components.text import escape_md
from homefront.region_view import (
    TOOLTIP_TEXT,
    Legend,
    MapGeometry,
    MapValues,
    feature_collection,
    fit_zoom,
)

LAYER_ID = "regions"
MAP_HEIGHT = 480
MAP_PADDING = 20  # px between the country and the chart's edges
# What the country must fit into when the map's width is not known (yet, or on the
# briefing): the map is about 790 px wide on a 1280-pixel screen with the sidebar open.
FIT_SIZE = (760, MAP_HEIGHT - 2 * MAP_PADDING)
# The page reports the width it has for the map (a phone has ~350 px), in steps of this
# many px, so the zoom fits it without a rerun for every pixel of a window being resized.
WIDTH_STEP = 40
WIDTH_JS = f"""
export default function({{ parentElement, setStateValue }}) {{
  let reported = 0;
  const report = () => {{
    const width = Math.round(parentElement.getBoundingClientRect().width);
    if (width > 0 && Math.abs(width - reported) >= {WIDTH_STEP}) {{
      reported = width;
      setStateValue("width", width);
    }}
  }};
  const observer = new ResizeObserver(report);
  observer.observe(parentElement);
  report();
  return () => observer.disconnect();
}}
"""
_width_probe = st.components.v2.component("map_width", js=WIDTH_JS, isolate_styles=False)
_PLACEHOLDER = "__FEATURES__"
TOOLTIP_STYLE = {
    "backgroundColor": "#ffffff",
    "color": "#1f1f1f",
    "fontSize": "15px",
    "border": "1px solid #999999",
    "whiteSpace": "pre",
}


class SerialisedDeck(pdk.Deck):
    """A Deck whose JSON is already written: st.pydeck_chart only calls to_json()."""

    def __init__(self, spec: str, tooltip: dict[str, object]):
        super().__init__(layers=[], map_provider=None, tooltip=tooltip)
        self._spec = spec

    def to_json(self) -> str:
        return self._spec


def map_width(key: str) -> int | None:
    """The width the page has for the map, in px, as the browser reports it; None until it
    has (the first run of a session)."""
    width = _width_probe(key=key, default={"width": None}, height=0, on_width_change=lambda: None)
    return width.width if isinstance(width.width, int) and width.width > 0 else None


def map_height(geometry: MapGeometry, width: int | None) -> int:
    """The chart's height: MAP_HEIGHT, or less where a narrow map leaves the country short
    (a phone), so no screen of empty canvas lies under it."""
    if width is None:
        return MAP_HEIGHT
    min_x, min_y, max_x, max_y = geometry.bounds
    inner = width - 2 * MAP_PADDING
    return min(MAP_HEIGHT, round(inner * (max_y - min_y) / (max_x - min_x)) + 2 * MAP_PADDING)


def initial_view(geometry: MapGeometry, width: int | None = None) -> tuple[tuple[int, int], float]:
    """Where the map opens: the centre of Russia's bounds (km) and the zoom that fits all of
    it into a map `width` px wide (FIT_SIZE when the width is not known)."""
    min_x, min_y, max_x, max_y = geometry.bounds
    target = (round((min_x + max_x) / 2), round((min_y + max_y) / 2))
    box = (
        FIT_SIZE
        if width is None
        else (width - 2 * MAP_PADDING, map_height(geometry, width) - 2 * MAP_PADDING)
    )
    return target, round(fit_zoom(geometry.bounds, *box), 2)


def map_deck(
    geometry: MapGeometry, values: MapValues, labels: dict[str, str], width: int | None = None
) -> SerialisedDeck:
    """The whole deck, its JSON written once: pydeck writes the small frame, the cached
    geometry is spliced in. Building a pydeck Deck costs ~3 ms (it probes for Jupyter), so
    pages keep the result in a shared view (components.views.region_deck) rather than build
    one every rerun.

    `labels` maps region codes to the names written on the map (Buryatia, Tyva); `width`
    is the map's width in px (map_width), which the opening zoom fits.
    """
    regions = pdk.Layer(
        "GeoJsonLayer",
        id=LAYER_ID,
        data=_PLACEHOLDER,
        get_fill_color="properties.fill",
        get_line_color="properties.line",
        get_line_width="properties.width",
        line_width_units=pdk.types.String("pixels"),
        stroked=True,
        filled=True,
        pickable=True,
        # Only the fill answers clicks. Picking the outlines too (the stroke sub-layer) made
        # each pointer-down pick take ~0.8 s in software WebGL, and deck.gl counts a click
        # only if the button comes up within 250 ms of going down: clicks were lost.
        _sub_layer_props={"polygons-stroke": {"pickable": False}},
        auto_highlight=True,
        highlight_color=[0, 90, 200, 150],
    )
    names = pdk.Layer(
        "TextLayer",
        id="labels",
        data=[
            {"position": list(geometry.label_points[iso]), "text": text}
            for iso, text in labels.items()
            if iso in geometry.label_points
        ],
        get_position="position",
        get_text="text",
        get_size=17,
        get_color=[20, 20, 20, 255],
        outline_width=3,
        outline_color=[255, 255, 255, 255],
        font_settings={"sdf": True},
        font_weight=pdk.types.String("bold"),
        font_family=pdk.types.String("sans-serif"),
    )
    target, zoom = initial_view(geometry, width)
    view_state = pdk.ViewState(target=[*target, 0], zoom=zoom, min_zoom=zoom - 1, max_zoom=zoom + 5)
    frame = pdk.Deck(
        layers=[regions, names],
        views=[pdk.View("OrthographicView", controller=True, flipY=False)],
        initial_view_state=view_state,
        map_provider=None,
    ).to_json()
    spec = frame.replace(f'"{_PLACEHOLDER}"', feature_collection(geometry, values.properties), 1)
    return SerialisedDeck(spec, {"text": TOOLTIP_TEXT, "style": TOOLTIP_STYLE})


def picked_region(state: Mapping[str, Any]) -> str | None:
    """The region code in a map selection state, None when nothing is selected."""
    objects = state["selection"]["objects"].get(LAYER_ID, [])
    return objects[0]["properties"]["iso"] if objects else None


def region_map(
    deck: SerialisedDeck,
    key: str,
    on_pick: Callable[[str | None], None],
    alt: str,
    height: int = MAP_HEIGHT,
) -> None:
    """The map; a click on a region calls on_pick with its code (None when deselected).

    on_pick runs as the chart's selection callback, before the page reruns, so the page can
    set its region select box from it.
    """

    def picked() -> None:
        on_pick(picked_region(st.session_state[key]))

    st.pydeck_chart(
        deck,
        height=height,
        on_select=picked,
        selection_mode="single-object",
        key=key,
        alt=alt,
    )


def legend_figure(legend: Legend) -> go.Figure:
    """The colour classes as a strip of labelled swatches (map_legend writes the title)."""
    dark = len(legend.colours) // 2  # the darker half takes white text
    swatches = {
        "type": "bar",
        "x": legend.labels,
        "y": [1] * len(legend.labels),
        "marker": {"color": legend.colours, "line": {"color": "#8c8c8c", "width": 1}},
        "text": legend.labels,
        "textposition": "inside",
        "insidetextanchor": "middle",
        "textfont": {
            "size": 16,
            "color": [
                "#1f1f1f" if i < len(legend.colours) - dark else "#ffffff"
                for i in range(len(legend.colours))
            ],
        },
        "hoverinfo": "skip",
    }
    return go.Figure(
        data=[swatches],
        layout={
            "height": 66,
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "bargap": 0.04,
            "uniformtext": {"minsize": 14, "mode": "show"},
            "showlegend": False,
            "yaxis": {"visible": False, "fixedrange": True},
            "xaxis": {"visible": False, "fixedrange": True, "type": "category"},
            "plot_bgcolor": "rgba(0,0,0,0)",
        },
    )


def map_legend(legend: Legend, swatches: go.Figure) -> None:
    """What the colours measure, as text that wraps on a phone (a Plotly title would be cut),
    then the swatches (legend_figure, made once: components.views.legend_chart)."""
    st.markdown(f"**{escape_md(legend.title)}**")
    st.plotly_chart(swatches, config={"displayModeBar": False, "staticPlot": True})
    st.caption(
        "Colour classes are quantiles: each holds about a fifth of the regions. "
        "Dark outline and name: Buryatia and Tyva. "
        "Blue outline: the selected region (the others fade a little; click it again to "
        "clear). Faded: outside the sidebar's region filter. "
        "Grey: no value."
    )
