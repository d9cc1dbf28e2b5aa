"""The Regions page's plain logic: projection, classes, colours, legend, tooltips,
words, counts and tables (homefront/region_*.py and homefront/charts/)."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from itertools import pairwise

import numpy as np
import pandas as pd
import pytest

from homefront import (
    queries,
    region_counts,
    region_metrics,
    region_tables,
    region_text,
)
from homefront import regional as regional_module
from homefront.charts import classes, projection, region_map, theme
from homefront.rates import region_rates

FULL = (dt.date(2022, 3, 1), dt.date(2022, 10, 31))  # the fixture's months with deaths
UNIT_TYPES = ["professional army", "mobilized", "police / national guard / FSB", "unknown"]


@pytest.fixture
def regional(fixture_dataset):
    return fixture_dataset.regional


@pytest.fixture
def rates(regional):
    return region_rates(regional.regions, regional.casualties)


# ---- projection ------------------------------------------------------------------------------


def test_projection_origin_and_central_meridian():
    x, y = projection.albers(np.array([100.0, 100.0]), np.array([60.0, 70.0]))
    assert x[0] == pytest.approx(0, abs=1e-6) and y[0] == pytest.approx(0, abs=1e-6)
    assert x[1] == pytest.approx(0, abs=1e-6)
    # 10 degrees of latitude along the meridian: about 1,112 km on a 6,371 km sphere
    assert 1000 < y[1] < 1250


def test_projection_keeps_area():
    """A 1°×1° cell keeps its area on the sphere: R² Δλ (sin φ2 − sin φ1)."""
    steps = np.linspace(0, 1, 200)  # densified: parallels are arcs in the projection
    lon = np.concatenate([130 + steps, np.full(200, 131.0), 131 - steps, np.full(200, 130.0)])
    lat = np.concatenate([np.full(200, 62.0), 62 + steps, np.full(200, 63.0), 63 - steps])
    x, y = projection.albers(lon, lat)
    area, _, _ = projection.ring_area_centroid(np.column_stack([x, y]))
    sphere = 6371.0**2 * math.radians(1) * (math.sin(math.radians(63)) - math.sin(math.radians(62)))
    assert abs(area) == pytest.approx(sphere, rel=1e-5)


def test_projection_runs_on_past_180_degrees():
    """Chukotka's longitudes run to about 190°: equal steps along a parallel stay equal
    (parallels are arcs), with no jump at the antimeridian."""
    x, y = projection.albers(np.array([175.0, 180.0, 185.0, 190.0]), np.full(4, 66.0))
    steps = np.hypot(np.diff(x), np.diff(y))
    assert np.all(np.diff(x) > 0)
    assert steps == pytest.approx(np.full(3, steps[0]), rel=1e-9)


def test_project_geometry_of_the_fixture(regional):
    geometry = projection.project_geometry(regional.geometry)
    assert tuple(geometry.feature_heads) == ("BU", "TY")
    low_x, low_y, high_x, high_y = geometry.bounds
    for iso, (lon, lat) in {"BU": (108.5, 52.5), "TY": (94.5, 51.5)}.items():
        # each fixture region is a 1°×1° square: its label sits near the square's middle
        x, y = projection.albers(np.array([lon]), np.array([lat]))
        label = geometry.label_points[iso]
        assert abs(label[0] - x[0]) < 5 and abs(label[1] - y[0]) < 5
        assert low_x <= label[0] <= high_x and low_y <= label[1] <= high_y


def test_feature_collection_splices_properties_into_cached_geometry(regional):
    geometry = projection.project_geometry(regional.geometry)
    properties = {"BU": {"fill": [1, 2, 3, 255], "name": 'Bur"yatia'}, "TY": {"fill": [0, 0, 0, 0]}}
    collection = json.loads(projection.feature_collection(geometry, properties))
    assert collection["type"] == "FeatureCollection"
    assert [f["properties"] for f in collection["features"]] == [properties["BU"], properties["TY"]]
    ring = collection["features"][0]["geometry"]["coordinates"][0][0]
    x, y = projection.albers(np.array([108.0]), np.array([52.0]))  # the square's first corner
    assert ring[0] == [round(x[0]), round(y[0])]
    assert ring[0] == ring[-1]


def square(lon: float, lat: float) -> list[list[float]]:
    return [[lon, lat], [lon + 1, lat], [lon + 1, lat + 1], [lon, lat + 1], [lon, lat]]


def test_shared_borders_draw_each_line_between_neighbours_once_and_no_coast():
    """Three squares in a row: A|B|C. Only the two inner lines are borders, once each; the
    outer edges (a coast, white on the white page) are not drawn."""
    geojson = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"iso": iso},
                "geometry": {"type": "Polygon", "coordinates": [square(100 + i, 60)]},
            }
            for i, iso in enumerate(["A", "B", "C"])
        ],
    }
    geometry = projection.project_geometry(geojson)
    paths = json.loads(geometry.borders)
    corner = {
        (lon, lat): list(projection.project_ring([[lon, lat]])[0].astype(int))
        for lon in (101, 102)
        for lat in (60, 61)
    }
    lines = sorted(sorted(map(tuple, path)) for path in paths)
    assert lines == sorted(
        sorted([tuple(corner[(lon, 60)]), tuple(corner[(lon, 61)])]) for lon in (101, 102)
    )


def test_shared_borders_of_the_shipped_map_are_a_third_of_its_edges():
    """On the shipped coverage, neighbours share identical vertices: the borders are the
    shared edges, each once, and no coastline."""
    rings = {
        f["properties"]["iso"]: [
            projection.project_ring(ring).astype(int).tolist()
            for polygon in projection.polygons_of(f["geometry"])
            for ring in polygon
        ]
        for f in regional_module.load_regional().geometry["features"]
    }
    owners: dict[frozenset, set[str]] = {}
    for iso, region in rings.items():
        for ring in region:
            for a, b in pairwise(ring):
                if a != b:
                    owners.setdefault(frozenset((tuple(a), tuple(b))), set()).add(iso)
    drawn = Counter(
        frozenset((tuple(a), tuple(b)))
        for path in projection.shared_borders(rings)
        for a, b in pairwise(path)
    )
    assert set(drawn.values()) == {1}  # each border once
    assert set(drawn) == {edge for edge, isos in owners.items() if len(isos) > 1}  # no coast
    assert 0.2 < len(drawn) / len(owners) < 0.5


def test_fit_zoom_fits_the_tighter_side():
    assert projection.fit_zoom((0, 0, 1000, 500), 500, 500) == pytest.approx(-1)
    assert projection.fit_zoom((0, 0, 1000, 500), 4000, 500) == pytest.approx(0)


# ---- classes and colours ---------------------------------------------------------------------


def test_quantile_breaks_and_classes():
    values = list(range(1, 11))
    edges = classes.quantile_breaks(values, decimals=0)
    assert edges == [1, 3, 5, 6, 8, 10]
    assert classes.assign_classes(values, edges) == [0, 0, 0, 1, 1, 2, 3, 3, 4, 4]
    assert classes.class_labels(edges, 0) == ["1–3", "3–5", "5–6", "6–8", "8–10"]


def test_the_lowest_value_keeps_its_own_class_when_it_fills_a_quantile():
    values = [0, 0, 0, 0, 0, 0, 1, 2, 3, 4]
    edges = classes.quantile_breaks(values, decimals=0)
    assert edges == [0, 0, 2, 4]
    assert classes.assign_classes(values, edges) == [0] * 6 + [1, 1, 2, 2]
    assert classes.class_labels(edges, 0) == ["0", "0–2", "2–4"]


def test_classes_with_missing_and_constant_values():
    assert classes.quantile_breaks([float("nan")], 1) == []
    assert classes.assign_classes([float("nan"), 3.0], []) == [None, None]
    assert classes.quantile_breaks([3, 3, 3], 0) == [3]
    assert classes.assign_classes([3, float("nan")], [3]) == [0, None]
    assert classes.class_labels([3], 0) == ["3"]


def test_edges_are_rounded_as_printed():
    edges = classes.quantile_breaks([1.04, 2.06, 3.01], decimals=1, classes=2)
    assert edges == [1.0, 2.1, 3.0]


def test_class_colours_spread_over_the_palette():
    assert classes.class_colours(5) == list(theme.PALETTE)
    assert classes.class_colours(3) == [theme.PALETTE[0], theme.PALETTE[2], theme.PALETTE[4]]
    assert classes.class_colours(1) == [theme.PALETTE[0]]  # one value: the lightest
    assert classes.class_colours(0) == []
    assert classes.hex_to_rgba("#bd0026", 70) == [189, 0, 38, 70]


def test_a_map_where_every_region_has_0_deaths_is_one_light_colour_and_says_so(rates):
    """Darkest would read as the highest losses; 'quantiles' as five classes."""
    deaths = region_metrics.METRICS["deaths"]
    none = rates.assign(deaths=0, rate_per_100k=0.0)
    values = region_map.map_values(none, deaths, *FULL, "volunteers")
    assert values.legend.colours == [theme.PALETTE[0]] and values.legend.labels == ["0"]
    lightest = classes.hex_to_rgba(theme.PALETTE[0], 255)
    assert all(p["fill"] == lightest for p in values.properties.values())
    note = region_map.legend_note(values.legend, "the sidebar's")
    assert note.startswith("One colour: every region has the same value here (0).")
    assert "quantiles" not in note
    some = region_map.map_values(rates, deaths, *FULL, "all unit types")
    assert region_map.legend_note(some.legend, "the sidebar's").startswith(
        "Colour classes are quantiles"
    )


# ---- map values, tooltip and legend on the fixture ------------------------------------------


def test_a_selection_fades_the_other_regions_as_a_map_click_does(rates):
    values = region_map.map_values(
        rates, region_metrics.METRICS["rate"], *FULL, "all unit types", selected="BU"
    )
    assert values.properties["BU"]["fill"] == classes.hex_to_rgba(theme.PALETTE[-1], 255)
    assert values.properties["TY"]["fill"] == classes.hex_to_rgba(
        theme.PALETTE[0], region_map.UNSELECTED_ALPHA
    )
    plain = region_map.map_values(rates, region_metrics.METRICS["rate"], *FULL, "all unit types")
    assert plain.properties["TY"]["fill"] == classes.hex_to_rgba(theme.PALETTE[0], 255)


def test_map_values_colour_outline_and_tooltip(rates):
    values = region_map.map_values(
        rates,
        region_metrics.METRICS["rate"],
        *FULL,
        "all unit types",
        highlight=("TY",),
        selected="TY",
    )
    assert set(values.properties) == {"BU", "TY"}  # Crimea has no polygon
    bu, ty = values.properties["BU"], values.properties["TY"]
    # BU 15 deaths / 100,000 men = 15.0; TY 4 / 50,000 = 8.0: BU in the darker class
    assert values.classes == {"BU": 4, "TY": 0}
    assert bu["fill"] == classes.hex_to_rgba(
        theme.PALETTE[-1], region_map.DIMMED_ALPHA
    )  # not highlighted
    assert ty["fill"] == classes.hex_to_rgba(theme.PALETTE[0], 255)
    # Buryatia outlined as a focus region, the selected Tyva in blue, drawn last (on top)
    assert values.outlines == {
        "BU": region_map.Outline(theme.FOCUS_OUTLINE, 3),
        "TY": region_map.Outline(theme.SELECTED_COLOUR, 4),
    }
    assert list(values.outlines) == ["BU", "TY"]
    assert bu["name"] == "Buryatia / Республика Бурятия"
    assert bu["deaths"] == "15"
    assert bu["rate"] == "15.0"
    assert bu["men"] == "100,000"
    assert bu["poverty"] == "20.0%"
    low, high = bu["interval"].split("–")
    assert float(low) < 15.0 < float(high)
    # quantiles of (8, 15): 8.0, 9.4, 10.8, 12.2, 13.6, 15.0
    assert values.legend.labels == ["8.0–9.4", "9.4–10.8", "10.8–12.2", "12.2–13.6", "13.6–15.0"]
    assert values.legend.title == (
        "Deaths per 100,000 men aged 16–61.5 · confirmed Mar 2022 – Oct 2022 · all unit types"
    )


def test_tooltip_template_names_only_fields_the_map_provides(rates):
    values = region_map.map_values(rates, region_metrics.METRICS["deaths"], *FULL, "all unit types")
    fields = {part.split("}")[0] for part in region_map.TOOLTIP_TEXT.split("{")[1:]}
    assert fields <= set(values.properties["BU"])


def test_legend_of_an_unwindowed_metric_says_so():
    title = region_map.legend_title(region_metrics.METRICS["poverty"], *FULL, "inmates")
    assert "not filtered by date or unit type" in title
    assert "Mar 2022" not in title


def test_words_for_windows_units_and_rates():
    assert (
        region_text.window_text(dt.date(2022, 2, 24), dt.date(2023, 1, 10)) == "Feb 2022 – Jan 2023"
    )
    assert region_text.window_text(dt.date(2022, 5, 1), dt.date(2022, 5, 31)) == "May 2022"
    assert region_text.units_text((), UNIT_TYPES) == "all unit types"
    assert region_text.units_text(tuple(UNIT_TYPES), UNIT_TYPES) == "all unit types"
    assert region_text.units_text(("unknown", "mobilized"), UNIT_TYPES) == "mobilized, unknown"
    assert region_text.rate_text(248.66, 229.0, 269.5) == "248.7 (95% interval 229.0–269.5)"
    assert region_text.rate_text(float("nan"), float("nan"), float("nan")) == "no denominator"
    assert region_text.month_text("2022-09") == "Sep 2022"


# ---- tables and counts -----------------------------------------------------------------------


def test_unknown_month_deaths_count_only_in_the_full_window(regional):
    casualties = regional.casualties
    assert region_counts.unknown_month_deaths(casualties, *FULL, None) == (2, 2)
    narrow = (dt.date(2022, 3, 1), dt.date(2022, 9, 30))
    assert region_counts.unknown_month_deaths(casualties, *narrow, None) == (0, 2)
    assert region_counts.unknown_month_deaths(casualties, *FULL, ["professional army"]) == (0, 0)


def test_ranked_table_and_rank_by_metric(rates):
    by_rate = region_counts.ranked_table(rates, region_metrics.METRICS["rate"])
    assert list(by_rate["iso"]) == ["BU", "TY"]  # Crimea is not ranked
    by_poverty = region_counts.ranked_table(
        rates, region_metrics.METRICS["poverty"], regions=["TY", "UA-43"]
    )
    assert list(by_poverty["iso"]) == ["TY"]
    assert region_counts.metric_rank(rates, region_metrics.METRICS["rate"], "BU") == (1, 2)
    assert region_counts.metric_rank(rates, region_metrics.METRICS["poverty"], "BU") == (2, 2)
    assert region_counts.metric_rank(rates, region_metrics.METRICS["rate"], "UA-43") == (None, 2)


def test_top_regions_leave_out_regions_with_no_death_for_the_counts_metrics(rates):
    """A region with no death ties with every other at 0: no place in a 'Top N'."""
    rates = rates.copy()
    rates.loc[rates["iso"] == "TY", ["deaths", "rate_per_100k"]] = [0, 0.0]
    for metric_id in ("rate", "deaths"):
        metric = region_metrics.METRICS[metric_id]
        ranked = region_counts.ranked_table(rates, metric)
        assert list(ranked["iso"]) == ["BU", "TY"]
        assert list(region_counts.top_regions(ranked, metric, 20)["iso"]) == ["BU"], metric_id
        assert region_counts.top_regions(ranked[ranked["iso"] == "TY"], metric, 20).empty
    poverty = region_metrics.METRICS["poverty"]  # not a count: every region has a value
    ranked = region_counts.ranked_table(rates, poverty)
    assert list(region_counts.top_regions(ranked, poverty, 20)["iso"]) == ["TY", "BU"]
    assert list(region_counts.top_regions(ranked, poverty, 1)["iso"]) == ["TY"]


def test_events_for_region_in_date_order(fixture_dataset):
    events = queries.events_for_region(fixture_dataset.events, "BU")
    assert [e.id for e in events] == [
        "ev-mobilisation",
        "ev-protests-november",
        "ev-protests-december",
    ]
    assert queries.events_for_region(fixture_dataset.events, "MOW") == []


# ---- table alternatives and display rounding ---------------------------------------------------


def test_monthly_table_labels_months_as_the_chart_and_marks_the_window():
    series = pd.DataFrame({"month": ["2022-08", "2022-09", "2022-10"], "deaths": [0, 12, 3]})
    table = region_tables.monthly_table(series, "2022-09", "2022-09")
    assert table.to_dict("records") == [
        {"month": "Aug 2022", "deaths": 0, "date window": "outside"},
        {"month": "Sep 2022", "deaths": 12, "date window": "inside"},
        {"month": "Oct 2022", "deaths": 3, "date window": "outside"},
    ]


def test_unit_table_gives_shares_in_whole_percent_as_the_chart_labels():
    breakdown = pd.DataFrame(
        {"unit_type": ["volunteers", "unknown"], "deaths": [2, 1], "share": [2 / 3, 1 / 3]}
    )
    assert region_tables.unit_table(breakdown).to_dict("records") == [
        {"unit type": "volunteers", "deaths": 2, "share (%)": 67},
        {"unit type": "unknown", "deaths": 1, "share (%)": 33},
    ]


def test_rates_are_rounded_for_display_and_nothing_else_changes():
    table = pd.DataFrame(
        {"iso": ["TY"], "deaths": [153], "rate_per_100k": [164.7215882175617], "rate_low": [139.71]}
    )
    shown = region_tables.rounded_for_display(table)
    assert shown["rate_per_100k"].tolist() == [164.7] and shown["rate_low"].tolist() == [139.7]
    assert shown["deaths"].tolist() == [153] and shown["iso"].tolist() == ["TY"]
    assert table["rate_per_100k"].tolist() == [164.7215882175617]  # the view is not changed
