"""The Regions choropleth: each region's colour, outline and tooltip per filter state, the
pydeck spec that draws it offline, and its legend.

Speed, and how: serialising ~12,000 vertices with pydeck costs far more than the rest of
the page, so the geometry is projected and serialised once per process
(homefront/charts/projection.py, cached by components/cached.py) and each rerun only writes
the small per-region properties (fill, outline, tooltip words) and splices them in.
st.pydeck_chart only asks the Deck for its JSON, so the spliced spec goes in as a Deck whose
to_json() returns it.

Offline: map_provider=None and no map_style argument (map_style=None or "" would still
make the browser fetch a basemap style); the view is an OrthographicView over
Albers-projected kilometres, so no tile is ever asked for. components/region_map.py places
the deck, wires its selection and measures the width it has.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pydeck as pdk

from homefront.charts.classes import (
    Legend,
    assign_classes,
    class_colours,
    class_labels,
    hex_to_rgba,
    quantile_breaks,
)
from homefront.charts.projection import MapGeometry, feature_collection, fit_zoom
from homefront.charts.text import plain
from homefront.charts.theme import (
    FOCUS_OUTLINE,
    FONT_SIZE,
    NO_DATA_COLOUR,
    SELECTED_COLOUR,
    Spec,
    template,
)
from homefront.numbers import format_number
from homefront.region_metrics import FOCUS_REGIONS, Metric
from homefront.region_text import window_text
from homefront.regional import INDICATOR_YEAR

LAYER_ID = "regions"
MAP_HEIGHT = 480
MAP_PADDING = 20  # px between the country and the chart's edges
# The map's width, in px, on a 1280 px screen with the sidebar open (a projector's, and many
# laptops'): what a session's first map is built for, before the browser has reported one
# (components.region_map.map_width). A map up to WIDTH_STEP px narrower than the width it is
# built for still holds the whole country, since WIDTH_STEP is at most twice MAP_PADDING.
ASSUMED_WIDTH = 791
# the widths a browser may report for the map: a phone's column to a wall of screens; any
# other is not a browser's (a tampered client's 1 px leaves no room inside the padding)
MAP_WIDTHS = range(4 * MAP_PADDING, 10_000)
# The page reports the width it has for the map (a phone has ~350 px) when it differs from
# the one the map is built for by this many px, so the zoom fits it without a rerun for every
# pixel of a window being resized.
WIDTH_STEP = 40
BORDER_WIDTH = 0.6  # px: the white line between neighbours
# Below this map width (a phone's) the legend's ranges take two lines each: five swatches of
# a fifth of the width each hold an 11-character range ('1,234–5,678') at 14 px from ~480 px
ONE_LINE_LEGEND_PX = 560
# Where map_deck splices in the JSON it writes itself (pydeck writes the rest)
_FEATURES, _BORDERS, _OUTLINES = "__FEATURES__", "__BORDERS__", "__OUTLINES__"
TOOLTIP_STYLE = {
    "backgroundColor": "#ffffff",
    "color": "#1f1f1f",
    "fontSize": f"{FONT_SIZE}px",
    "border": "1px solid #999999",
    # line breaks and the interval's indent kept; a line wider than the map (a long Russian
    # name on a phone) wraps, the box no wider than the map (components.region_map keeps it
    # inside)
    "whiteSpace": "pre-wrap",
    "maxWidth": "100%",
    "boxSizing": "border-box",
}


FOCUS_LINE = hex_to_rgba(FOCUS_OUTLINE)
PLAIN_LINE = [255, 255, 255, 255]
DIMMED_ALPHA = 70
# The other regions while one is selected: Streamlit fades every object but the one clicked
# on a map to this opacity, so a region chosen in the select box looks the same.
UNSELECTED_ALPHA = 102


def legend_title(metric: Metric, start: dt.date, end: dt.date, units_label: str) -> str:
    """What the colours mean, and which filters they rest on."""
    if not metric.windowed:
        return f"{metric.label} (regional indicator: not filtered by date or unit type)"
    return f"{metric.label} · confirmed {window_text(start, end)} · {units_label}"


@dataclass(frozen=True)
class Outline:
    """How an outlined region's edge is drawn, on the page's map and the export's alike."""

    colour: str  # hex
    width: float  # px


FOCUS_OUTLINED = Outline(FOCUS_OUTLINE, 3)  # Buryatia and Tyva
SELECTED_OUTLINED = Outline(SELECTED_COLOUR, 4)


@dataclass(frozen=True)
class MapValues:
    """Everything per filter state: each region's properties (fill, tooltip words), the
    outlined regions' line colour and width (drawn in this order, the selected one last, so
    it lies on top), the legend and each region's colour class."""

    properties: dict[str, dict[str, Any]]
    outlines: dict[str, Outline]
    legend: Legend
    classes: dict[str, int | None]


def map_values(
    rates: pd.DataFrame,
    metric: Metric,
    start: dt.date,
    end: dt.date,
    units_label: str,
    highlight: Sequence[str] = (),
    selected: str | None = None,
) -> MapValues:
    """Colour and tooltip fields for every region in `rates` (rates.region_rates), and the
    outlines.

    Classes are computed over the mapped (not occupied) regions. With `highlight` (the
    sidebar's region filter) the other regions are drawn faded. Buryatia and Tyva get a
    dark outline; the selected region a blue one, and the others fade a little. Every
    other border is a thin white line (map_deck).
    """
    mapped = rates[~rates["occupied"]]
    values = mapped[metric.column].round(metric.decimals)  # classed as printed
    edges = quantile_breaks(values, metric.decimals)
    colours = class_colours(max(len(edges) - 1, 1) if edges else 0)
    classes = dict(zip(mapped["iso"], assign_classes(values, edges), strict=True))
    properties: dict[str, dict[str, Any]] = {}
    for row in mapped.itertuples(index=False):
        index = classes[row.iso]
        fill = NO_DATA_COLOUR if index is None else colours[index]
        if highlight and row.iso not in highlight:
            alpha = DIMMED_ALPHA
        elif selected and row.iso != selected:
            alpha = UNSELECTED_ALPHA
        else:
            alpha = 255
        properties[row.iso] = {
            "iso": row.iso,
            "fill": hex_to_rgba(fill, alpha),
            **tooltip_fields(row._asdict()),
        }
    outlines = {
        iso: FOCUS_OUTLINED for iso in FOCUS_REGIONS if iso in properties and iso != selected
    }
    if selected in properties:
        outlines[selected] = SELECTED_OUTLINED
    legend = Legend(
        title=legend_title(metric, start, end, units_label),
        colours=colours,
        labels=class_labels(edges, metric.decimals),
    )
    return MapValues(properties=properties, outlines=outlines, legend=legend, classes=classes)


def tooltip_fields(row: dict[str, Any]) -> dict[str, str]:
    """The words a tooltip shows for one row of the rates table (all plain text)."""
    men = row["men_16_61"]
    return {
        "name": f"{row['name_en']} / {row['name_ru']}",
        "deaths": f"{row['deaths']:,}",
        "rate": format_number(row["rate_per_100k"], 1),
        "interval": (
            "none"
            if pd.isna(row["rate_per_100k"])
            else f"{row['rate_low']:,.1f}–{row['rate_high']:,.1f}"
        ),
        "men": "no data" if pd.isna(men) else f"{int(men):,}",
        "poverty": (
            "no data"
            if pd.isna(row["pct_below_subsistence"])
            else f"{row['pct_below_subsistence']:.1f}%"
        ),
    }


TOOLTIP_TEXT = (
    "{name}\n"
    "Confirmed deaths: {deaths}\n"
    "Per 100,000 men aged 16–61.5: {rate}\n"
    "    95% interval: {interval}\n"
    "Men aged 16–61.5 (2021 census): {men}\n"
    f"Below subsistence level ({INDICATOR_YEAR}): {{poverty}}"
)


class SerialisedDeck(pdk.Deck):
    """A Deck whose JSON is already written: st.pydeck_chart calls to_json() and reads the
    tooltip (`_tooltip`); every other attribute it reads it reads with a default.

    pdk.Deck.__init__ is not called: it sets what to_json() would write, and probes for
    Jupyter's widgets ten times on the way (a failed import each, about 2 ms a deck).
    """

    def __init__(self, spec: str, tooltip: dict[str, object]):
        self._spec = spec
        self._tooltip = tooltip

    def to_json(self) -> str:
        return self._spec


def map_height(geometry: MapGeometry, width: int) -> int:
    """The chart's height: MAP_HEIGHT, or less where a narrow map leaves the country short
    (a phone), so no screen of empty canvas lies under it."""
    min_x, min_y, max_x, max_y = geometry.bounds
    inner = width - 2 * MAP_PADDING
    return min(MAP_HEIGHT, round(inner * (max_y - min_y) / (max_x - min_x)) + 2 * MAP_PADDING)


def initial_view(geometry: MapGeometry, width: int) -> tuple[tuple[int, int], float]:
    """Where the map opens: the centre of Russia's bounds (km) and the zoom that fits all of
    it into a map `width` px wide."""
    min_x, min_y, max_x, max_y = geometry.bounds
    target = (round((min_x + max_x) / 2), round((min_y + max_y) / 2))
    box = (width - 2 * MAP_PADDING, map_height(geometry, width) - 2 * MAP_PADDING)
    return target, round(fit_zoom(geometry.bounds, *box), 2)


def deck_frame(geometry: MapGeometry, labels: dict[str, str], width: int) -> str:
    """The map's JSON but for what a view of the regions changes: pydeck writes the layers,
    the names and the view, with placeholders where map_deck splices in the geometry and
    each region's values. It depends on the geometry, the names and the width alone, so
    pages keep one per width (components.views.deck_frame) and a new view only splices:
    building a pydeck Deck is slow (it probes for Jupyter widgets, a failed import each time).

    `labels` maps region codes to the names written on the map (Buryatia, Tyva); `width`
    is the map's width in px (map_width), which the opening zoom fits.
    """
    # Three layers draw the regions. Only the fill answers clicks and hovers: picking
    # outlines too made each pointer-down pick slower in software WebGL than the 250 ms
    # deck.gl allows between a click's button going down and coming up, and clicks were
    # lost. The fill is not stroked: the thin white borders are the lines neighbours share,
    # drawn once (projection.shared_borders), and only the outlined regions are stroked, as
    # a layer of their own on top: stroking every ring cost ~400 ms a frame in software WebGL.
    regions = pdk.Layer(
        "GeoJsonLayer",
        id=LAYER_ID,
        data=_FEATURES,
        get_fill_color="properties.fill",
        stroked=False,
        filled=True,
        pickable=True,
        auto_highlight=True,
        highlight_color=hex_to_rgba(SELECTED_COLOUR, 150),
    )
    borders = pdk.Layer(
        "PathLayer",
        id="borders",
        data=_BORDERS,
        get_path="-",
        get_color=PLAIN_LINE,
        get_width=BORDER_WIDTH,
        width_units=pdk.types.String("pixels"),
    )
    outlines = pdk.Layer(
        "GeoJsonLayer",
        id="outlines",
        data=_OUTLINES,
        get_line_color="properties.line",
        get_line_width="properties.width",
        line_width_units=pdk.types.String("pixels"),
        stroked=True,
        filled=False,
    )
    placed = sorted(
        (iso for iso in labels if iso in geometry.label_points),
        key=lambda iso: geometry.label_points[iso][0],
    )
    names = pdk.Layer(
        "TextLayer",
        id="labels",
        data=[
            {
                "position": list(geometry.label_points[iso]),
                "text": labels[iso],
                "anchor": _label_anchor(i, len(placed)),
            }
            for i, iso in enumerate(placed)
        ],
        get_position="position",
        get_text="text",
        get_text_anchor="anchor",
        get_size=17,
        get_color=FOCUS_LINE,
        outline_width=3,
        outline_color=[255, 255, 255, 255],
        font_settings={"sdf": True},
        font_weight=pdk.types.String("bold"),
        font_family=pdk.types.String("sans-serif"),
    )
    target, zoom = initial_view(geometry, width)
    view_state = pdk.ViewState(target=[*target, 0], zoom=zoom, min_zoom=zoom - 1, max_zoom=zoom + 5)
    return pdk.Deck(
        layers=[regions, borders, outlines, names],
        # No double-click zoom: deck.gl holds every click ~300 ms to see whether a second
        # follows, so a region would be selected that much later (deck.gl issue #3783).
        # Scrolling and pinching still zoom.
        views=[pdk.View("OrthographicView", controller={"doubleClickZoom": False}, flipY=False)],
        initial_view_state=view_state,
        map_provider=None,
    ).to_json()


def map_deck(geometry: MapGeometry, values: MapValues, frame: str) -> SerialisedDeck:
    """The whole deck, its JSON written once: the geometry and the regions' values spliced
    into the frame (deck_frame) that pydeck wrote. Pages keep the result in a named view
    (components.views.region_deck) rather than build one every rerun.
    """
    spliced = {
        _FEATURES: feature_collection(geometry, values.properties),
        _BORDERS: geometry.borders,
        _OUTLINES: feature_collection(
            geometry,
            {
                iso: {"iso": iso, "line": hex_to_rgba(o.colour), "width": o.width}
                for iso, o in values.outlines.items()
            },
        ),
    }
    spec = frame
    for placeholder, text in spliced.items():
        spec = spec.replace(f'"{placeholder}"', text, 1)
    return SerialisedDeck(spec, {"text": TOOLTIP_TEXT, "style": TOOLTIP_STYLE})


def _label_anchor(index: int, count: int) -> str:
    """Where a name sits on its point, the names taken west to east: the westernmost ends
    at its point and the easternmost starts there, so neighbours' names (Tyva and Buryatia)
    spread apart instead of printing over each other on a phone's narrow map."""
    if count > 1 and index == 0:
        return "end"
    if count > 1 and index == count - 1:
        return "start"
    return "middle"


# What the map's marks mean beyond the colour classes, under the legend; `home` says where
# the region filter is (the sidebar, or the projector view's link)
MARKS_NOTE = (
    "Dark outline and name: Buryatia and Tyva. "
    "Blue outline: the selected region (the others fade a little; click it again to "
    "clear). Faded: outside {home} region filter. "
    "Grey: no value. Scroll or pinch to zoom, drag to move."
)


def legend_note(legend: Legend, home: str) -> str:
    """What the colours and marks mean, under the legend: quantile classes, or one colour
    where every region has the same value (class_colours). `home`: whose region filter
    fades regions (components.filters.filters_home)."""
    if len(legend.labels) == 1:
        classes = f"One colour: every region has the same value here ({legend.labels[0]}). "
    else:
        classes = "Colour classes are quantiles: each holds about a fifth of the regions. "
    return classes + MARKS_NOTE.format(home=home)


def legend_on_two_lines(width: int) -> bool:
    """Whether a map `width` px wide breaks each swatch's range after its dash: on a phone a
    fifth of the width cannot hold '52.0–164.7' at the legend's 14 px at least."""
    return width < ONE_LINE_LEGEND_PX


def legend_figure(legend: Legend, two_lines: bool = False) -> Spec:
    """The colour classes as a strip of labelled swatches (components.region_map.map_legend
    writes the title), each range on two lines where `two_lines` (legend_on_two_lines)."""
    dark = len(legend.colours) // 2  # the darker half takes white text
    names = [plain(label) for label in legend.labels]
    swatches = {
        "type": "bar",
        "x": names,
        "y": [1] * len(legend.labels),
        "marker": {"color": legend.colours, "line": {"color": "#8c8c8c", "width": 1}},
        "text": [name.replace("–", "–<br>", 1) for name in names] if two_lines else names,
        "textposition": "inside",
        "textangle": 0,  # never turned sideways to fit: a range reads across
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
    return {
        "data": [swatches],
        "layout": {
            "template": template(),
            "height": 66,
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "bargap": 0.04,
            "uniformtext": {"minsize": 14, "mode": "show"},
            "showlegend": False,
            "yaxis": {"visible": False, "fixedrange": True},
            "xaxis": {"visible": False, "fixedrange": True, "type": "category"},
            "plot_bgcolor": "rgba(0,0,0,0)",
        },
    }
