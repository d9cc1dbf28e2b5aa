"""What the Regions page shows, as plain data: metrics, classes, colours, legend and tooltips.

Streamlit-free so the choices a reader relies on (which class a region falls in, what a
tooltip or a legend says) are unit tested without a browser; the page's link (`metric=`,
`unit=`, `sel=`) is read and written by homefront/links.py. The map itself is drawn by
components/region_map.py.

Projection, and why: deck.gl's default Web Mercator stretches the far north (Novaya
Zemlya, Taymyr, Chukotka) to several times their size, which inflates exactly the large,
thinly populated regions of a per-capita map. The boundaries are therefore projected once
into an Albers equal-area conic for Russia and drawn in a plain OrthographicView: areas
stay comparable, Chukotka's longitudes past 180° need no special case, and no basemap or
tile is needed.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from homefront.rates import filter_casualties
from homefront.regional import INDICATOR_YEAR, UNKNOWN
from homefront.schemas import Event

# Albers equal-area conic for Russia: standard parallels 52° and 64° N, centred on 100° E.
EARTH_RADIUS_KM = 6371.0
ALBERS_CENTRE_LON = 100.0
ALBERS_ORIGIN_LAT = 60.0
ALBERS_PARALLELS = (52.0, 64.0)

# The regions the sources discuss by name (RFE/RL's article is about them).
FOCUS_REGIONS = ("BU", "TY")

# ColorBrewer YlOrRd, 5 classes: sequential and colour-blind safe (colorbrewer2.org).
PALETTE = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
NO_DATA_COLOUR = "#d9d9d9"
CLASSES = len(PALETTE)

DEFAULT_METRIC = "rate"


@dataclass(frozen=True)
class Metric:
    """One way to colour the map: which column of the rates table, and how to say it."""

    id: str
    label: str  # what the legend, charts and tables call it
    short: str  # what the selector calls it
    column: str  # column of homefront.rates.region_rates
    decimals: int
    unit: str  # after a number: "deaths", "per 100,000", "%"
    windowed: bool  # does it change with the date window and unit types?


METRICS = {
    "deaths": Metric("deaths", "Confirmed deaths", "Deaths", "deaths", 0, "deaths", True),
    "rate": Metric(
        "rate",
        "Deaths per 100,000 men aged 16–61.5",
        "Per 100,000 men",
        "rate_per_100k",
        1,
        "per 100,000",
        True,
    ),
    "poverty": Metric(
        "poverty",
        f"% of population below subsistence, {INDICATOR_YEAR}",
        f"% below subsistence ({INDICATOR_YEAR})",
        "pct_below_subsistence",
        1,
        "%",
        False,
    ),
}


# ---- words for windows, unit types, numbers ------------------------------------------------


def month_text(month: str) -> str:
    """'2022-02' -> 'Feb 2022'."""
    return pd.Period(month, freq="M").strftime("%b %Y")


def window_text(start: dt.date, end: dt.date) -> str:
    """The window in the data's resolution: whole months of confirmation."""
    first, last = start.strftime("%b %Y"), end.strftime("%b %Y")
    return first if first == last else f"{first} – {last}"


def units_text(units: Sequence[str], unit_types: Sequence[str]) -> str:
    """'all unit types' or the chosen ones, as the source names them."""
    if not units or set(units) == set(unit_types):
        return "all unit types"
    return ", ".join(u for u in unit_types if u in units)


def format_number(value: float | None, decimals: int) -> str:
    if value is None or pd.isna(value):
        return "no data"
    return f"{value:,.{decimals}f}"


def rate_text(rate: float, low: float, high: float) -> str:
    """'248.7 (95% interval 236.0–262.0)'; 'no denominator' where there is none."""
    if pd.isna(rate):
        return "no denominator"
    return f"{rate:,.1f} (95% interval {low:,.1f}–{high:,.1f})"


def legend_title(metric: Metric, start: dt.date, end: dt.date, units_label: str) -> str:
    """What the colours mean, and which filters they rest on."""
    if not metric.windowed:
        return f"{metric.label} (regional indicator: not filtered by date or unit type)"
    return f"{metric.label} · confirmed {window_text(start, end)} · {units_label}"


# ---- classes and colours ---------------------------------------------------------------------


def quantile_breaks(values: Iterable[float], decimals: int, classes: int = CLASSES) -> list[float]:
    """Class edges at the quantiles, rounded as shown, duplicates dropped.

    Quantile classes put about the same number of regions in each colour, so a few extreme
    small regions do not wash the rest of the map into one colour. Edges are rounded to the
    precision the legend prints, so a region's colour always matches the printed range.
    When the lowest value fills the first quantile (many regions with 0 deaths in a narrow
    window), it keeps a class of its own, so 0 never shares a colour with larger counts.
    Returns [] when there is no value at all.
    """
    data = np.asarray([v for v in values if not pd.isna(v)], dtype="float64")
    if data.size == 0:
        return []
    raw = [round(float(v), decimals) for v in np.quantile(data, np.linspace(0, 1, classes + 1))]
    edges = sorted(set(raw))
    if len(edges) > 1 and raw[1] == raw[0]:
        edges.insert(0, edges[0])
    return edges


def assign_classes(values: Iterable[float], edges: Sequence[float]) -> list[int | None]:
    """Class index per value: class i holds edges[i] < v <= edges[i+1] (the first one
    includes its lower edge); None for a missing value. A single edge gives one class."""
    out: list[int | None] = []
    inner = np.asarray(edges[1:-1], dtype="float64")
    for value in values:
        if pd.isna(value) or not edges:
            out.append(None)
        else:
            out.append(int(np.searchsorted(inner, value, side="left")))
    return out


def class_colours(count: int) -> list[str]:
    """`count` colours spread across the palette, light to dark."""
    if count <= 0:
        return []
    if count == 1:
        return [PALETTE[-1]]
    return [PALETTE[round(i * (len(PALETTE) - 1) / (count - 1))] for i in range(count)]


def class_labels(edges: Sequence[float], decimals: int) -> list[str]:
    """'0.0–12.4', '12.4–25.1', ...: the range each colour stands for ('0' for one value)."""
    if len(edges) == 1:
        return [format_number(edges[0], decimals)]
    return [
        format_number(low, decimals)
        if low == high
        else f"{format_number(low, decimals)}–{format_number(high, decimals)}"
        for low, high in itertools.pairwise(edges)
    ]


@dataclass(frozen=True)
class Legend:
    title: str
    colours: list[str]
    labels: list[str]


def hex_to_rgba(colour: str, alpha: int = 255) -> list[int]:
    return [int(colour[i : i + 2], 16) for i in (1, 3, 5)] + [alpha]


# ---- the map's data: boundaries projected once, values per filter state ----------------------


def albers(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Albers equal-area conic on the sphere, kilometres from the projection's origin.

    Formulas from Snyder (1987), Map Projections: A Working Manual, pp. 98–99 (sphere).
    """
    phi1, phi2 = np.radians(ALBERS_PARALLELS)
    phi0 = math.radians(ALBERS_ORIGIN_LAT)
    n = (math.sin(phi1) + math.sin(phi2)) / 2
    c = math.cos(phi1) ** 2 + 2 * n * math.sin(phi1)
    rho0 = EARTH_RADIUS_KM * math.sqrt(c - 2 * n * math.sin(phi0)) / n
    rho = EARTH_RADIUS_KM * np.sqrt(c - 2 * n * np.sin(np.radians(lat))) / n
    theta = n * np.radians(np.asarray(lon, dtype="float64") - ALBERS_CENTRE_LON)
    return rho * np.sin(theta), rho0 - rho * np.cos(theta)


def _project_rings(polygons: list) -> list:
    out = []
    for polygon in polygons:
        rings = []
        for ring in polygon:
            points = np.asarray(ring, dtype="float64")
            x, y = albers(points[:, 0], points[:, 1])
            # whole kilometres: far below a pixel at any sensible zoom, and a short JSON
            rings.append(np.round(np.column_stack([x, y])).astype(int).tolist())
        out.append(rings)
    return out


def ring_area_centroid(ring: np.ndarray) -> tuple[float, float, float]:
    """Signed area and centroid of a closed ring (shoelace formula)."""
    x, y = ring[:, 0], ring[:, 1]
    cross = x[:-1] * y[1:] - x[1:] * y[:-1]
    area = cross.sum() / 2
    if area == 0:
        return 0.0, float(x.mean()), float(y.mean())
    cx = ((x[:-1] + x[1:]) * cross).sum() / (6 * area)
    cy = ((y[:-1] + y[1:]) * cross).sum() / (6 * area)
    return float(area), float(cx), float(cy)


@dataclass(frozen=True)
class MapGeometry:
    """The boundaries, projected and serialised once per process.

    `feature_heads` holds, per region, the start of its GeoJSON feature up to its
    properties; each rerun only adds the small properties object (colour, tooltip
    fields). Serialising the ~12,000 vertices is what makes a map slow, so it is done once.
    """

    order: tuple[str, ...]
    feature_heads: dict[str, str]
    label_points: dict[str, tuple[int, int]]
    bounds: tuple[float, float, float, float]  # min x, min y, max x, max y (km)


def project_geometry(geojson: dict[str, Any]) -> MapGeometry:
    """Project every feature (Albers, km) and serialise its geometry once."""
    heads: dict[str, str] = {}
    labels: dict[str, tuple[int, int]] = {}
    low = np.array([np.inf, np.inf])
    high = -low
    for feature in geojson["features"]:
        iso = feature["properties"]["iso"]
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        projected = _project_rings(polygons)
        outer = [np.asarray(p[0]) for p in projected]
        for ring in outer:
            low = np.minimum(low, ring.min(axis=0))
            high = np.maximum(high, ring.max(axis=0))
        largest = max((ring_area_centroid(r) for r in outer), key=lambda a: abs(a[0]))
        labels[iso] = (round(largest[1]), round(largest[2]))
        geometry_json = json.dumps(
            {"type": "MultiPolygon", "coordinates": projected}, separators=(",", ":")
        )
        heads[iso] = f'{{"type":"Feature","geometry":{geometry_json},"properties":'
    return MapGeometry(
        order=tuple(heads),
        feature_heads=heads,
        label_points=labels,
        bounds=(float(low[0]), float(low[1]), float(high[0]), float(high[1])),
    )


def fit_zoom(bounds: tuple[float, float, float, float], width: int, height: int) -> float:
    """OrthographicView zoom (log2 of pixels per km) that fits the bounds in width×height."""
    span_x, span_y = bounds[2] - bounds[0], bounds[3] - bounds[1]
    return math.log2(min(width / span_x, height / span_y))


def feature_collection(geometry: MapGeometry, properties: dict[str, dict[str, Any]]) -> str:
    """The FeatureCollection JSON: cached geometry + this run's properties, by string joining."""
    parts = [
        geometry.feature_heads[iso] + json.dumps(properties[iso], separators=(",", ":")) + "}"
        for iso in geometry.order
    ]
    return '{"type":"FeatureCollection","features":[' + ",".join(parts) + "]}"


@dataclass(frozen=True)
class MapValues:
    """Everything per filter state: each region's properties and the legend."""

    properties: dict[str, dict[str, Any]]
    legend: Legend
    classes: dict[str, int | None]


FOCUS_LINE = [20, 20, 20, 255]
SELECTED_LINE = [0, 90, 200, 255]
PLAIN_LINE = [255, 255, 255, 255]
DIMMED_ALPHA = 70
# The other regions while one is selected: Streamlit fades every object but the one clicked
# on a map to this opacity, so a region chosen in the select box looks the same.
UNSELECTED_ALPHA = 102


def map_values(
    rates: pd.DataFrame,
    metric: Metric,
    start: dt.date,
    end: dt.date,
    units_label: str,
    highlight: Sequence[str] = (),
    selected: str | None = None,
) -> MapValues:
    """Colour, outline and tooltip fields for every region in `rates` (rates.region_rates).

    Classes are computed over the mapped (not occupied) regions. With `highlight` (the
    sidebar's region filter) the other regions are drawn faded. Buryatia and Tyva get a
    dark outline; the selected region a blue one, and the others fade a little.
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
        if row.iso == selected:
            line, width = SELECTED_LINE, 4
        elif row.iso in FOCUS_REGIONS:
            line, width = FOCUS_LINE, 3
        else:
            line, width = PLAIN_LINE, 0.6
        properties[row.iso] = {
            "iso": row.iso,
            "fill": hex_to_rgba(fill, alpha),
            "line": line,
            "width": width,
            **tooltip_fields(row._asdict()),
        }
    legend = Legend(
        title=legend_title(metric, start, end, units_label),
        colours=colours,
        labels=class_labels(edges, metric.decimals),
    )
    return MapValues(properties=properties, legend=legend, classes=classes)


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


# ---- counts beside the map -------------------------------------------------------------------


def unknown_month_deaths(
    casualties: pd.DataFrame,
    start: dt.date,
    end: dt.date,
    unit_types: Sequence[str] | None,
) -> tuple[int, int]:
    """(counted in this window, all) deaths with no confirmation month, for the unit types.

    Counted only when the window covers the whole period: the rule is homefront.rates'.
    """
    undated = casualties[casualties["month"] == UNKNOWN]
    if unit_types is not None:
        undated = undated[undated["unit_type"].isin(list(unit_types))]
    selected = filter_casualties(casualties, start, end, unit_types)
    counted = selected.loc[selected["month"] == UNKNOWN, "deaths"].sum()
    return int(counted), int(undated["deaths"].sum())


def ranked_table(rates: pd.DataFrame, metric: Metric, regions: Sequence[str] = ()) -> pd.DataFrame:
    """Federal subjects sorted by the metric (highest first), limited to `regions` if given."""
    table = rates[~rates["occupied"]]
    if regions:
        table = table[table["iso"].isin(list(regions))]
    table = table.sort_values([metric.column, "iso"], ascending=[False, True], na_position="last")
    return table.reset_index(drop=True)


def metric_rank(rates: pd.DataFrame, metric: Metric, iso: str) -> tuple[int | None, int]:
    """(rank of iso by the metric, 1 = highest, ties share the best; number ranked)."""
    table = rates[~rates["occupied"] & rates[metric.column].notna()]
    ranks = table[metric.column].rank(ascending=False, method="min")
    by_iso = dict(zip(table["iso"], ranks, strict=True))
    rank = by_iso.get(iso)
    return (None if rank is None else int(rank)), len(table)


# ---- table alternatives to the region charts ---------------------------------------------------


def monthly_table(series: pd.DataFrame, first: str, last: str) -> pd.DataFrame:
    """The month chart's numbers: month as the chart labels it, deaths, and whether the
    month is inside the date window (the chart greys those outside)."""
    return pd.DataFrame(
        {
            "month": [month_text(m) for m in series["month"]],
            "deaths": series["deaths"].to_numpy(),
            "date window": ["inside" if first <= m <= last else "outside" for m in series["month"]],
        }
    )


def unit_table(breakdown: pd.DataFrame) -> pd.DataFrame:
    """The unit-type chart's numbers: deaths and the share of the region's deaths, in %
    rounded as the chart labels it."""
    return pd.DataFrame(
        {
            "unit type": breakdown["unit_type"].to_numpy(),
            "deaths": breakdown["deaths"].to_numpy(),
            "share (%)": (breakdown["share"] * 100).round(0).astype("int64").to_numpy(),
        }
    )


# rates and shares as the page prints them: 164.7, never 164.7215882175617
DISPLAY_DECIMALS = {"rate_per_100k": 1, "rate_low": 1, "rate_high": 1, "pct_below_subsistence": 1}


def rounded_for_display(table: pd.DataFrame) -> pd.DataFrame:
    """A copy with rates and shares rounded as printed, so a table, its copy-paste, its
    screen-reader text and its CSV all say the same number."""
    present = {c: d for c, d in DISPLAY_DECIMALS.items() if c in table.columns}
    return table.round(present)


# ---- events ------------------------------------------------------------------------------------


def events_for_region(events: Iterable[Event], iso: str) -> list[Event]:
    """Events that name the region, in date order."""
    return sorted((e for e in events if iso in e.regions), key=lambda e: (e.date, e.id))
