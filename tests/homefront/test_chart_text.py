"""Data text in charts is text: every chart, built from a copy of the real data with script
and HTML in its text fields (tests/hostile_content.py), carries the payload only escaped.

Plotly reads its strings as HTML: `<a href>` becomes a live link and a `style` with
`url(...)` fetches an outside file as the chart draws. homefront.charts.text.plain is the
one escape; these tests build each chart the pages and the export draw and look at every
string in it, so a label that skips the escape fails here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from homefront import region_model
from homefront.charts import compare, ledger, regions, timeline
from homefront.charts import region_model as region_model_charts
from homefront.charts.briefing import map_figure
from homefront.charts.compare import axis_name
from homefront.charts.region_map import legend_figure, legend_on_two_lines, map_values
from homefront.config import load_config
from homefront.dataset import Dataset, load_dataset
from homefront.death_tolls import confirmed_by_month, death_toll_claims
from homefront.ledger import find_conflicts
from homefront.rates import monthly_deaths, poverty_correlation, region_rates, unit_type_breakdown
from homefront.region_metrics import METRICS
from tests.hostile_content import FIGURE, REGION, write_hostile_copy
from tests.plotly_specs import assert_plotly_reads_as_sent

CONFIG = load_config()
TAGS = ("<a", "<span", "<script", "<img")
WINDOW = (CONFIG.default_window.start, CONFIG.default_window.end)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Dataset:
    return load_dataset(write_hostile_copy(tmp_path_factory.mktemp("hostile") / "data"), CONFIG)


def strings(value: object) -> Iterator[str]:
    """Every string in a figure's dict: titles, ticks, labels, hovers, legend names."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


def assert_escaped(figure: go.Figure | dict) -> None:
    """`figure` as its JSON (a spec as it is sent, homefront.charts.theme.Spec), so that
    strings inside arrays and frames are read too."""
    if isinstance(figure, dict):
        assert_plotly_reads_as_sent(figure)
    found = list(strings(json.loads(pio.to_json(figure, validate=False))))
    assert not [s for s in found if any(tag in s for tag in TAGS)]
    assert any("&lt;script&gt;" in s for s in found), "the payload should show, escaped"


def test_the_timeline_escapes_data_text(hostile):
    figure = timeline.timeline_figure(
        hostile,
        hostile.events,
        CONFIG.categories,
        hostile.story.phases,
        WINDOW,
        death_toll_claims(hostile.figures),
        confirmed_by_month(hostile.regional.casualties),
    )
    assert_escaped(figure)


def test_the_ledger_escapes_data_text(hostile):
    measure = hostile.figure_by_id[FIGURE].measure
    figures = [f for f in hostile.figures if f.measure == measure]
    assert_escaped(ledger.ledger_chart(hostile, figures, find_conflicts(figures)))


def test_the_compare_heatmaps_escape_data_text(hostile):
    topics = hostile.coverage.topics
    sources = list(topics[0].cells)  # the articles compared
    assert_escaped(compare.coverage_matrix(hostile, topics, sources))
    # the voices chart names outlets only: the payload is in a source's short name
    figure = compare.voices_chart(hostile, topics, sources)
    assert_plotly_reads_as_sent(figure)
    assert not [s for s in strings(figure) if any(t in s for t in TAGS)]


def test_the_region_charts_escape_data_text(hostile):
    regional = hostile.regional
    rates = region_rates(regional.regions, regional.casualties)
    name = regional.regions.set_index("iso").loc[REGION, "name_en"]
    ranked = rates.sort_values("rate_per_100k", ascending=False)
    ranked = ranked[ranked["iso"] == REGION]
    assert_escaped(regions.ranking_chart(ranked, METRICS["rate"], REGION))
    assert_escaped(regions.poverty_scatter(rates, poverty_correlation(rates), REGION))
    assert_escaped(
        regions.monthly_chart(monthly_deaths(regional.casualties, REGION), "", "~", name)
    )
    assert_escaped(regions.unit_type_chart(unit_type_breakdown(regional.casualties, REGION), name))


def test_the_maps_escape_data_text(hostile):
    regional = hostile.regional
    rates = region_rates(regional.regions, regional.casualties)
    assert_escaped(map_figure(rates, regional.geometry, "rate", REGION, WINDOW))
    legend = map_values(rates, METRICS["rate"], *WINDOW, "all unit types").legend
    spec = legend_figure(legend)
    assert_plotly_reads_as_sent(spec)
    assert not [s for s in strings(spec) if "<" in s]


def test_a_phone_legend_breaks_each_range_after_its_dash(hostile):
    rates = region_rates(hostile.regional.regions, hostile.regional.casualties)
    legend = map_values(rates, METRICS["rate"], *WINDOW, "all unit types").legend
    legend = replace(legend, labels=[*legend.labels[:-1], "7.5"])  # a class of one value
    one, two = legend_figure(legend), legend_figure(legend, two_lines=True)
    assert_plotly_reads_as_sent(two)
    lines = [text.split("<br>") for text in two["data"][0]["text"]]
    ranges = [label.split("–", 1) for label in legend.labels[:-1]]
    assert lines[:-1] == [[f"{low}–", high] for low, high in ranges]  # the dash ends line one
    assert lines[-1] == ["7.5"]  # no dash, one line
    assert two["data"][0]["x"] == one["data"][0]["x"] == legend.labels  # categories as written
    assert not [t for t in strings(two) if "<" in t.replace("<br>", "")]
    assert legend_on_two_lines(356) and not legend_on_two_lines(791)


def test_the_why_regions_scatter_escapes_data_text(hostile):
    spec = region_model.chart_specs()["rate-poverty"]
    table = region_model.chart_table(hostile.regional, spec)
    fit = region_model.line_fit(table, spec.x.column)
    assert_escaped(region_model_charts.scatter(table, spec, fit, marked=[REGION]))


def test_an_outlet_name_is_escaped_and_only_wrapped_with_br(fixture_dataset):
    source_id = next(iter(fixture_dataset.sources))
    hostile = fixture_dataset.sources[source_id].model_copy(
        update={"short_name": '<a href="http://x">Daily</a> <b>Truth</b>'}
    )
    dataset = replace(fixture_dataset, sources={**fixture_dataset.sources, source_id: hostile})
    label = axis_name(dataset, source_id)
    assert "<a" not in label and "<b>" not in label
    assert "&lt;b&gt;Truth&lt;/b&gt;" in label
    assert label.count("<br>") >= 1  # long names still wrap
