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

from components import cached
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
# What the country must fit into: the map is about 790 px wide on a 1280-pixel screen with the
# sidebar open (measured), 1,430 px at 1920; the view cannot adapt, so it fits the smaller.
FIT_SIZE = (760, MAP_HEIGHT - 40)
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


def initial_view(geometry: MapGeometry) -> tuple[tuple[int, int], float]:
    """Where the map opens: the centre of Russia's bounds (km) and the zoom that fits it."""
    min_x, min_y, max_x, max_y = geometry.bounds
    target = (round((min_x + max_x) / 2), round((min_y + max_y) / 2))
    return target, round(fit_zoom(geometry.bounds, *FIT_SIZE), 2)


def map_deck(geometry: MapGeometry, values: MapValues, labels: dict[str, str]) -> SerialisedDeck:
    """The whole deck, its JSON written once: pydeck writes the small frame, the cached
    geometry is spliced in. Building a pydeck Deck costs ~3 ms (it probes for Jupyter), so
    pages keep the result in cached.view() rather than build one every rerun.

    `labels` maps region codes to the names written on the map (Buryatia, Tyva).
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
    target, zoom = initial_view(geometry)
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
    deck: SerialisedDeck, key: str, on_pick: Callable[[str | None], None], alt: str
) -> None:
    """The map; a click on a region calls on_pick with its code (None when deselected).

    on_pick runs as the chart's selection callback, before the page reruns, so the page can
    set its region select box from it.
    """

    def picked() -> None:
        on_pick(picked_region(st.session_state[key]))

    st.pydeck_chart(
        deck,
        height=MAP_HEIGHT,
        on_select=picked,
        selection_mode="single-object",
        key=key,
        alt=alt,
    )


def legend_figure(legend: Legend) -> go.Figure:
    """The colour classes as a strip of labelled swatches, with what they measure above."""
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
            "title": {"text": legend.title, "font": {"size": 16}, "x": 0, "xanchor": "left"},
            "height": 100,
            "margin": {"l": 0, "r": 0, "t": 34, "b": 0},
            "bargap": 0.04,
            "uniformtext": {"minsize": 14, "mode": "show"},
            "showlegend": False,
            "yaxis": {"visible": False, "fixedrange": True},
            "xaxis": {"visible": False, "fixedrange": True, "type": "category"},
            "plot_bgcolor": "rgba(0,0,0,0)",
        },
    )


def map_legend(legend: Legend) -> None:
    figure = cached.figure("map_legend", legend, lambda: legend_figure(legend))
    st.plotly_chart(figure, config={"displayModeBar": False, "staticPlot": True})
    st.caption(
        "Colour classes are quantiles: each holds about a fifth of the regions. "
        "Dark outline and name: Buryatia and Tyva. "
        "Blue outline: the selected region (the others fade a little; click it again to "
        "clear). Faded: outside the sidebar's region filter. "
        "Grey: no value."
    )
