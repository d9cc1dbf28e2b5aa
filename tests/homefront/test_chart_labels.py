"""homefront/charts/labels.py and the Why these regions scatters' labels: each label placed
clear of every other at the narrowest width and at any wider one, inside the chart, the
regions the reader chose and the two the sources discuss named first (Chromium holds the
drawn labels apart: tests/browser/test_why_regions_browser.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homefront import paths, region_model
from homefront.charts import labels
from homefront.charts import region_model as region_model_charts
from homefront.charts.labels import PLACES, Label, Plot, box, places
from homefront.charts.theme import PHONE_CHART_PX
from homefront.config import load_config
from homefront.dataset import load_dataset
from tests.plotly_specs import assert_plotly_reads_as_sent

PHONE_PLOT = Plot(width=255, height=354, right=20)  # a scatter's plot on a 390 px phone


def overlap(a: labels.Box, b: labels.Box) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


def boxes_at(chosen: list[tuple[Label, str]], stretch: float) -> list[labels.Box]:
    """The labels' boxes on a plot `stretch` times as wide: the points move apart sideways,
    the text keeps its size."""
    return [box(Label(la.text, la.x * stretch, la.y, la.font, la.marker), p) for la, p in chosen]


def test_labels_of_one_point_go_above_it_then_below_and_the_rest_are_left_out():
    point = [Label("CHU", 120, 150, 11, 8) for _ in PLACES]
    chosen = places(point, PHONE_PLOT)
    # above, as every code was drawn before; below (a corner or a side would touch either)
    assert chosen == ["top center", "bottom center"] + [None] * (len(PLACES) - 2)
    assert not overlap(box(point[0], "top center"), box(point[1], "bottom center"))


def test_a_label_with_no_room_in_the_chart_is_left_out():
    name = Label("A region whose name is far wider than a phone's plot", 120, 150, 15, 13)
    assert labels.room(name, PHONE_PLOT) == [] and places([name], PHONE_PLOT) == [None]
    # left of the plot are the y axis' ticks: a name at the left edge goes up to its right
    assert places([Label("Buryatia", 2, 150, 15, 13)], PHONE_PLOT) == ["top right"]


def test_labels_side_by_side_never_swap_sides_of_their_points():
    """Left of the left point and right of the right one keep apart as the points spread;
    right of the left and left of the right would cross, so the second label moves on."""
    left, right = Label("AB", 100, 150, 11, 8), Label("CD", 104, 150, 11, 8)
    assert not labels.apart(box(left, "middle right"), box(right, "middle left"))
    assert labels.apart(box(left, "middle left"), box(right, "middle right"))


label_lists = st.lists(
    st.builds(
        Label,
        st.text("ABCDEKLMNOPSTUVWYZ", min_size=2, max_size=3),
        st.floats(0, PHONE_PLOT.width),
        st.floats(0, PHONE_PLOT.height),
        st.sampled_from([11, 15]),
        st.sampled_from([8, 13]),
    ),
    max_size=40,
)


@given(label_lists, st.floats(1, 6))
def test_labels_placed_apart_on_a_phone_stay_apart_and_inside_on_a_wider_screen(
    points: list[Label], stretch: float
):
    chosen = [(la, p) for la, p in zip(points, places(points, PHONE_PLOT), strict=True) if p]
    wider = Plot(PHONE_PLOT.width * stretch, PHONE_PLOT.height, PHONE_PLOT.right)
    for scale, plot in ((1, PHONE_PLOT), (stretch, wider)):
        drawn = boxes_at(chosen, scale)
        assert all(labels.inside(b, plot) for b in drawn)
        for i, a in enumerate(drawn):
            assert not [b for b in drawn[i + 1 :] if overlap(a, b)], (scale, chosen)


@pytest.fixture(scope="module")
def regional():
    return load_dataset(paths.DATA_DIR, load_config(paths.CONFIG_FILE)).regional


def drawn_labels(chart: dict) -> list[labels.Box]:
    """The boxes of a scatter's drawn labels at a phone's width, from the chart as sent."""
    layout, points = chart["layout"], chart["data"][0]
    margin = layout["margin"]
    width = PHONE_CHART_PX - margin["l"] - margin["r"]
    plot = Plot(width, layout["height"] - margin["t"] - margin["b"], margin["r"])
    (x0, x1), (y0, y1) = layout["xaxis"]["range"], layout["yaxis"]["range"]
    return [
        box(
            Label(
                text,
                (x - x0) / (x1 - x0) * plot.width,
                (y1 - y) / (y1 - y0) * plot.height,
                size,
                marker,
            ),
            place,
        )
        for text, place, x, y, size, marker in zip(
            points["text"],
            points["textposition"],
            points["x"],
            points["y"],
            points["textfont"]["size"],
            points["marker"]["size"],
            strict=True,
        )
        if text
    ]


@pytest.mark.parametrize("chart_id", list(region_model.chart_specs()))
@pytest.mark.parametrize("marked", [(), ("MOW", "SPE")], ids=["default", "chosen"])
def test_each_scatter_names_its_regions_and_codes_others_with_no_label_overlapping(
    regional, chart_id, marked
):
    """Moscow and St Petersburg lie side by side in the crowd, by the y axis: chosen in the
    sidebar, both are named, clear of each other and of every code."""
    spec = region_model.chart_specs()[chart_id]
    table = region_model.chart_table(regional, spec)
    fit = region_model.line_fit(table, spec.x.column)
    chart = region_model_charts.scatter(table, spec, fit, marked=marked)
    assert_plotly_reads_as_sent(chart)
    points = chart["data"][0]
    texts = set(points["text"]) - {""}
    names = {"Buryatia", "Tuva"} | ({"Moscow", "St.Petersburg"} if marked else set())
    assert names <= texts and len(texts) >= len(names) + 5
    drawn = drawn_labels(chart)
    assert not [(a, b) for i, a in enumerate(drawn) for b in drawn[i + 1 :] if overlap(a, b)]
    # every point, and the fitted line, inside the axes the labels were placed on
    (x0, x1), (y0, y1) = chart["layout"]["xaxis"]["range"], chart["layout"]["yaxis"]["range"]
    for trace in chart["data"]:
        assert all(x0 < x < x1 for x in trace["x"]) and all(y0 <= y < y1 for y in trace["y"])
    assert y0 == 0  # rates from zero, as rangemode "tozero" drew them
