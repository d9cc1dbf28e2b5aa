"""The ledger's bars say what a claim's date and value cover: a month-only date is a bar
across its month, a range claim a bar from its low to its high. Each outlet's bars are one
Plotly trace broken by gaps (a trace per bar was 24,000 traces at 100x data), so the test
reads the bars back out of the gaps, for every measure of the shipped data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import combinations

import pytest

from homefront import paths
from homefront.charts.ledger import ledger_chart, ledger_spec
from homefront.claim_dates import drawn_period
from homefront.config import load_config
from homefront.dataset import load_dataset
from homefront.date_marks import mark
from homefront.ledger import Conflict, find_conflicts
from tests.plotly_specs import assert_plotly_reads_as_sent

DATA = load_dataset(paths.DATA_DIR, load_config(paths.CONFIG_FILE))
MEASURES = sorted({f.measure for f in DATA.figures})


def bar_traces(figure) -> list:
    """The lines-only traces with no legend entry and no hover that are not a conflict's
    dashed link: the bars."""
    return [
        t
        for t in figure.data
        if t.mode == "lines"
        and t.showlegend is False
        and t.hoverinfo == "skip"
        and t.line.dash != "dash"
    ]


def split_at_gaps(trace) -> Iterator[tuple[tuple, tuple]]:
    """(xs, ys) of each line in a trace broken by gaps (None)."""
    xs, ys = list(trace.x), list(trace.y)
    while xs:
        gap = xs.index(None) if None in xs else len(xs)
        yield tuple(xs[:gap]), tuple(ys[:gap])
        xs, ys = xs[gap + 1 :], ys[gap + 1 :]


def drawn_bars(figure) -> Iterator[tuple[str, tuple, tuple]]:
    """(outlet, xs, ys) of every bar, split out of its trace at the gaps."""
    for trace in bar_traces(figure):
        for xs, ys in split_at_gaps(trace):
            yield trace.legendgroup, xs, ys


def claim_point(f) -> tuple:
    """Where the claim's dot sits (date, value): read from the chart's own marker trace."""
    (trace,) = [t for t in ledger_chart(DATA, [f], []).data if t.mode == "markers+text"]
    return trace.x[0], trace.y[0]


def expected_bars(figures) -> Counter:
    bars = Counter()
    for f in figures:
        outlet = DATA.sources[f.source].short_name
        x, y = claim_point(f)
        if mark(f) == "bar":
            start, end = drawn_period(f, DATA.sources[f.source])
            bars[(outlet, (start, end), (y, y))] += 1
        if f.value is None:
            bars[(outlet, (x, x), (f.low, f.high))] += 1
    return bars


@pytest.mark.parametrize("measure", MEASURES)
def test_every_bar_a_claim_needs_is_drawn_once_and_one_trace_holds_an_outlets_bars(measure):
    figures = [f for f in DATA.figures if f.measure == measure]
    chart = ledger_chart(DATA, figures, find_conflicts(figures))
    drawn = list(drawn_bars(chart))
    assert Counter(drawn) == expected_bars(figures)
    per_outlet = Counter(t.legendgroup for t in bar_traces(chart))
    assert all(n == 1 for n in per_outlet.values()), per_outlet


def test_the_shipped_data_has_both_kinds_of_bar():
    """Else the test above would pass with nothing to check."""
    assert any(mark(f) == "bar" for f in DATA.figures)
    assert any(f.value is None for f in DATA.figures)


def flagged(figures) -> list[Conflict]:
    """Every pair of the claims, as if each conflicted: the chart draws the conflicts it is
    given, and the shipped data flags none (numbers that can both be true do not conflict)."""
    return [Conflict(a.id, b.id, ("different value",), 0) for a, b in combinations(figures, 2)]


@pytest.mark.parametrize("measure", MEASURES)
def test_every_conflict_is_one_dashed_link_between_its_claims_in_one_trace(measure):
    figures = [f for f in DATA.figures if f.measure == measure]
    conflicts = flagged(figures)
    chart = ledger_chart(DATA, figures, conflicts)
    dashed = [t for t in chart.data if t.mode == "lines" and t.line.dash == "dash"]
    assert len(dashed) == (1 if conflicts else 0)
    drawn = Counter(line for t in dashed for line in split_at_gaps(t))
    by_id = {f.id: f for f in figures}
    expected = Counter()
    for c in conflicts:
        (x0, y0), (x1, y1) = claim_point(by_id[c.first]), claim_point(by_id[c.second])
        expected[((x0, x1), (y0, y1))] += 1
    assert drawn == expected
    assert all(t.name == "Conflicting claims" and t.showlegend is not False for t in dashed)


def test_a_conflict_with_a_claim_not_on_the_chart_is_not_drawn():
    figures = [f for f in DATA.figures if f.measure == "new_year_strike_dead"]
    outside = next(f for f in DATA.figures if f.measure != "new_year_strike_dead")
    chart = ledger_chart(DATA, figures, [Conflict(figures[0].id, outside.id, ("x",), 0)])
    assert not [t for t in chart.data if t.mode == "lines" and t.line.dash == "dash"]


def test_some_measure_has_two_claims_to_link():
    """Else the dashed-link test above would pass with nothing to check."""
    assert any(flagged([f for f in DATA.figures if f.measure == m]) for m in MEASURES)


@pytest.mark.parametrize("measure", MEASURES)
def test_the_spec_sent_unvalidated_is_the_figure_plotly_validates(measure):
    figures = [f for f in DATA.figures if f.measure == measure]
    assert_plotly_reads_as_sent(ledger_spec(DATA, figures, find_conflicts(figures)))
