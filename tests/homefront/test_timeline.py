"""The Timeline: marks for each date precision, lanes, claims, phases and the figure
(homefront/charts/timeline.py), over the rules of homefront.event_dates and .death_tolls.

Small events and figures are built in the tests; the figure is drawn from the fixture dataset.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from homefront import death_tolls, event_dates, paths
from homefront.charts import timeline, timeline_legend
from homefront.charts.text import claim_text
from homefront.charts.timeline import LEGEND_KEY
from homefront.config import Category
from homefront.dataset import load_dataset
from homefront.filters import ViewFilters
from homefront.schemas import Claim, Event, Phase
from tests.plotly_specs import assert_plotly_reads_as_sent

D = dt.date
WINDOW = (D(2022, 2, 24), D(2023, 1, 10))


def event(
    id: str, date: dt.date, precision: str = "day", category: str = "military", **extra
) -> Event:
    note = {"date_note": "A stand-in day."} if precision in ("approximate", "earliest") else {}
    return Event(
        id=id,
        date=date,
        date_precision=precision,
        title=f"Event {id}",
        summary="Something happened.",
        category=category,
        sources=["alpha"],
        **(note | extra),
    )


def claim(id: str, date: dt.date, value: float, **extra) -> Claim:
    fields = dict(
        id=id,
        measure="russian_military_dead",
        value=value,
        qualifier="exact",
        claimant="Russian Defence Ministry",
        subject="Russian soldiers",
        as_of={"date": date, "precision": "day"},
        source="alpha",
        quote=f"{value:g} died.",
    )
    return Claim(**(fields | extra))


def phase(id: str, start: dt.date, end: dt.date, label: str = "A phase") -> Phase:
    return Phase(id=id, label=label, start=start, end=end, sources=["alpha"], note="Rests on a.")


# --- dates and marks


@pytest.mark.parametrize(
    ("kwargs", "text", "span", "approximate"),
    [
        (dict(date=D(2022, 11, 25)), "25 Nov 2022", False, False),
        (dict(date=D(2022, 9, 1), precision="month"), "September 2022 (month only)", True, False),
        (dict(date=D(2022, 3, 7), precision="week"), "week of 7 Mar 2022", True, False),
        (
            dict(date=D(2022, 11, 20), precision="approximate"),
            "20 Nov 2022 (approximate)",
            False,
            True,
        ),
        (
            dict(date=D(2022, 6, 1), precision="approximate", date_end=D(2022, 7, 11)),
            "1 Jun – 11 Jul 2022 (approximate)",
            True,
            True,
        ),
        (
            dict(date=D(2022, 9, 1), precision="approximate", date_end=D(2023, 1, 10)),
            "1 Sep 2022 – 10 Jan 2023 (approximate)",
            True,
            True,
        ),
        (
            dict(date=D(2022, 9, 21), date_end=D(2022, 10, 28)),
            "21 Sep – 28 Oct 2022",
            True,
            False,
        ),
        (dict(date=D(2022, 7, 11), precision="earliest"), "11 Jul 2022 or later", False, True),
    ],
    ids=[
        "day",
        "month",
        "week",
        "approximate-day",
        "approximate-window",
        "across-years",
        "days",
        "earliest",
    ],
)
def test_each_precision_has_its_words_and_its_mark(kwargs, text, span, approximate):
    e = event("e", **kwargs)
    assert event_dates.event_date_text(e) == text
    assert event_dates.is_span(e) is span
    assert event_dates.is_approximate(e) is approximate


# --- lanes


def test_marks_that_would_touch_go_to_separate_rows():
    gap = dt.timedelta(days=8)
    events = [
        event("long", D(2022, 3, 1), "month"),  # 1..31 March
        event("inside", D(2022, 3, 10)),  # during the month: a new row
        event("close", D(2022, 3, 15)),  # 5 days after "inside": a third row
        event("after", D(2022, 4, 9)),  # 9 days after the month ends: back to row 0
        event("other-lane", D(2022, 3, 10), category="families"),
    ]
    assert timeline.pack_rows(events, gap) == {
        "long": 0,
        "inside": 1,
        "close": 2,
        "after": 0,
        "other-lane": 0,
    }


def test_exactly_the_gap_apart_is_too_close():
    gap = dt.timedelta(days=5)
    rows = timeline.pack_rows([event("a", D(2022, 5, 1)), event("b", D(2022, 5, 6))], gap)
    assert rows == {"a": 0, "b": 1}


PRECISIONS = st.sampled_from(["day", "week", "month", "earliest"])
DAYS = st.integers(min_value=0, max_value=320).map(lambda n: D(2022, 2, 24) + dt.timedelta(n))


@given(
    marks=st.lists(st.tuples(DAYS, PRECISIONS, st.sampled_from(["military", "families"]))),
    gap_days=st.integers(min_value=0, max_value=20),
    start=DAYS,
)
def test_packed_rows_never_touch_and_each_mark_takes_the_first_row_that_fits(
    marks, gap_days, start
):
    """Where the marks are drawn in a window from `start`: an "or later" point before it at
    its first day (timeline.drawn_days)."""
    gap = dt.timedelta(days=gap_days)
    events = [event(f"e{i}", day, p, category=c) for i, (day, p, c) in enumerate(marks)]
    rows = timeline.pack_rows(events, gap, start)
    drawn = {e.id: timeline.drawn_days(e, start) for e in events}
    in_order = sorted(events, key=lambda e: (drawn[e.id][0], e.date - e.end, e.id))
    for i, e in enumerate(in_order):
        first = drawn[e.id][0]
        before = [m for m in in_order[:i] if m.category == e.category]
        # the row it takes is free: no earlier mark there ends within the gap of its start
        assert all(first > drawn[m.id][1] + gap for m in before if rows[m.id] == rows[e.id])
        # and every row above it was taken: some earlier mark there still blocks it
        for row in range(rows[e.id]):
            assert any(rows[m.id] == row and first <= drawn[m.id][1] + gap for m in before)


def test_an_or_later_point_before_the_window_is_drawn_at_its_first_day():
    """The window keeps "1 Jun 2022 or later" from 10 June (event_dates.event_window): it is
    drawn at 10 June, in sight, and packed there, so a mark on 12 June takes another row.
    Its own day, a point on its day or a bar that starts before the window are not moved."""
    start = D(2022, 6, 10)
    later = event("later", D(2022, 6, 1), "earliest")
    assert timeline.drawn_days(later, start) == (start, start)
    assert timeline.drawn_days(later, D(2022, 5, 1)) == (D(2022, 6, 1), D(2022, 6, 1))
    month = event("month", D(2022, 6, 1), "month")
    assert timeline.drawn_days(month, start) == (D(2022, 6, 1), D(2022, 6, 30))
    close = event("close", D(2022, 6, 12))
    assert timeline.pack_rows([later, close], dt.timedelta(days=5), start) == {
        "later": 0,
        "close": 1,
    }
    assert timeline.pack_rows([later, close], dt.timedelta(days=5)) == {"later": 0, "close": 0}


def test_lanes_follow_the_category_order_and_an_empty_lane_keeps_one_row():
    categories = [
        Category(id="military", label="Military", colour="#111111"),
        Category(id="families", label="Families", colour="#222222"),
        Category(id="official", label="Official", colour="#333333"),
    ]
    events = [
        event("m1", D(2022, 3, 1)),
        event("m2", D(2022, 3, 2)),
        event("o1", D(2022, 3, 1), category="official"),
    ]
    layout = timeline.lay_out_lanes(events, categories, dt.timedelta(days=3))
    assert [(lane.category.id, lane.top, lane.rows, lane.events) for lane in layout.lanes] == [
        ("military", 0, 2, 2),
        ("families", 2, 1, 0),
        ("official", 3, 1, 1),
    ]
    assert layout.y == {"m1": 0, "m2": 1, "o1": 3}
    assert layout.rows == 4
    assert layout.lanes[0].centre == 0.5


# --- claims and confirmed deaths


def test_death_toll_claims_are_tolls_of_russian_dead_in_date_order():
    figures = [
        claim("later", D(2022, 7, 11), 35000, claimant="Ukrainian authorities"),
        claim("earlier", D(2022, 3, 25), 1351),
        claim("milley-ru", D(2022, 11, 1), 1e5, measure="soldiers_killed_or_injured"),
        claim(
            "milley-ua",
            D(2022, 11, 1),
            1e5,
            measure="soldiers_killed_or_injured",
            subject="Ukrainian soldiers",
        ),
        claim("wounded", D(2022, 3, 25), 3825, measure="russian_military_wounded"),
        claim("buryatia", D(2022, 7, 11), 159, measure="regional_military_deaths"),
        claim("strike", D(2023, 1, 1), 63, measure="new_year_strike_dead"),
    ]
    chosen = [f.id for f in death_tolls.death_toll_claims(figures)]
    assert chosen == ["earlier", "later", "milley-ru", "strike"]


@pytest.mark.parametrize(
    ("claimant", "group"),
    [
        ("Russian Ministry of Defence", "Russian officials"),
        ("a Russian general (not named), speaking to state media", "Russian officials"),
        ("Ukraine's armed forces", "Ukraine"),
        ("Ukrainian authorities", "Ukraine"),
        ("Mark Milley, the most senior US general", "United States"),
        ("RFE/RL (its own count)", "Other claimants"),
    ],
)
def test_claimants_are_grouped_by_who_they_speak_for(claimant, group):
    assert death_tolls.claimant_group(claim("c", D(2022, 3, 1), 1, claimant=claimant)) == group


def test_claims_shown_follow_window_and_sources_but_not_regions_or_text(fixture_dataset):
    figures = [
        claim("in", D(2022, 6, 1), 100),
        claim("other-source", D(2022, 6, 1), 200, source="beta"),
        claim("too-late", D(2023, 3, 1), 300),
    ]
    filters = ViewFilters(
        start=WINDOW[0],
        end=WINDOW[1],
        categories=("military",),
        sources=("alpha",),
        regions=("BU",),
        text="no claim quote contains this",
    )
    shown = death_tolls.claims_shown(figures, filters, fixture_dataset.sources)
    assert [f.id for f in shown] == ["in"]


def test_confirmed_by_month_fills_gaps_totals_and_leaves_out_unknown_months():
    casualties = pd.DataFrame(
        {
            "iso": ["BU", "TY", "BU", "unknown", "TY"],
            "month": ["2022-03", "2022-03", "2022-05", "2022-04", "unknown"],
            "unit_type": ["volunteers"] * 5,
            "deaths": [10, 4, 5, 1, 7],
        }
    )
    table = death_tolls.confirmed_by_month(casualties)
    assert table.to_dict("list") == {
        "month_start": [D(2022, 3, 1), D(2022, 4, 1), D(2022, 5, 1)],
        "month_end": [D(2022, 3, 31), D(2022, 4, 30), D(2022, 5, 31)],
        "deaths": [14, 1, 5],
        "running_total": [14, 15, 20],
    }
    assert death_tolls.unknown_month_deaths(casualties) == 7


# --- phases


def test_phase_labels_stack_only_when_they_would_overlap():
    window = (D(2022, 1, 1), D(2022, 12, 31))  # 365 days on 365 px: one day per pixel
    phases = [
        phase("a", D(2022, 1, 1), D(2022, 1, 31), "x" * 8),  # 10 chars x 2 px = 20 days
        phase("b", D(2022, 1, 11), D(2022, 2, 28), "y" * 8),  # starts inside a's label
        phase("c", D(2022, 3, 1), D(2022, 3, 31), "z" * 8),  # clear of both
        phase("d", D(2022, 12, 20), D(2022, 12, 31), "w" * 8),  # would run off the end
        phase("outside", D(2023, 2, 1), D(2023, 2, 28)),
    ]
    labels = timeline.place_phase_labels(phases, window, plot_px=365, char_px=2)
    placed = {label.phase.id: (label.x, label.anchor, label.level) for label in labels}
    assert placed == {
        "a": (D(2022, 1, 1), "left", 0),
        "b": (D(2022, 1, 11), "left", 1),
        "c": (D(2022, 3, 1), "left", 0),
        "d": (D(2023, 1, 1), "right", 0),
    }


# --- the figure


@pytest.fixture
def drawn_with(fixture_dataset, app_config) -> dict:
    """The arguments of a chart with every kind of mark, a selected event and both panels."""
    events = [e for e in fixture_dataset.events if e.date <= WINDOW[1]]
    claims = [f for f in fixture_dataset.figures if f.measure == "deaths-confirmed"]
    confirmed = death_tolls.confirmed_by_month(fixture_dataset.regional.casualties)
    phases = [
        phase("p1", D(2022, 3, 1), D(2022, 3, 31)),
        phase("p2", D(2022, 9, 1), D(2022, 9, 30)),
    ]
    return dict(
        dataset=fixture_dataset,
        events=events,
        categories=app_config.categories,
        phases=phases,
        window=WINDOW,
        claims=claims,
        confirmed=confirmed,
        selected="ev-meeting",
    )


@pytest.fixture
def drawn(drawn_with):
    return timeline.timeline_figure(**drawn_with), drawn_with["events"]


def test_the_spec_sent_unvalidated_is_the_figure_plotly_validates(drawn_with):
    spec = timeline.timeline_spec(**drawn_with)
    assert_plotly_reads_as_sent(spec)
    assert spec["layout"]["template"]["layout"]["plot_bgcolor"] == "white"  # plotly_white


def event_points(fig) -> dict[str, object]:
    """Event id -> the trace that draws it."""
    return {
        row[0]: trace
        for trace in fig.data
        if trace.customdata is not None
        for row in trace.customdata
        if isinstance(row, list | tuple)
    }


def position(trace, event_id: str) -> int:
    """Where an event stands in its trace's arrays."""
    return [row[0] for row in trace.customdata].index(event_id)


def test_every_event_is_drawn_once_with_its_mark(drawn):
    fig, events = drawn
    points = event_points(fig)
    assert sorted(points) == sorted(e.id for e in events)
    ids = [row[0] for t in fig.data if t.customdata is not None for row in t.customdata]
    assert len([i for i in ids if i.startswith("ev-")]) == len(events)
    assert points["ev-start"].type == "scatter"  # a day: a point
    assert points["ev-mobilisation"].type == "bar"  # a window of days: a bar
    assert points["ev-blocking"].type == "bar"  # a week: a bar
    approximate = points["ev-losses-summer"]
    assert approximate.type == "scatter" and approximate.marker.color == "white"  # hollow
    assert points["ev-start"].marker.color != "white"


def test_an_event_marks_hover_reads_its_title_date_lane_and_the_click_hint(drawn):
    """What Plotly shows on hover: the marks' template with the event's own parts set in."""
    fig, _ = drawn
    trace = event_points(fig)["ev-start"]
    row = list(trace.customdata[position(trace, "ev-start")])
    shown = trace.hovertemplate
    for i, part in enumerate(row):
        shown = shown.replace(f"%{{customdata[{i}]}}", part)
    assert shown == (
        "<b>Fixture: The war begins</b><br>24 Feb 2022<br>Military \u00b7 Archive<br>"
        "<i>Click for the summary, quotes and sources</i><extra></extra>"
    )


def test_a_month_bar_runs_to_the_end_of_its_month(drawn):
    fig, _ = drawn
    bar = event_points(fig)["ev-protests-november"]
    index = position(bar, "ev-protests-november")
    start = pd.Timestamp(bar.base[index])
    assert start == pd.Timestamp("2022-11-01")
    assert start + pd.Timedelta(milliseconds=bar.x[index]) == pd.Timestamp("2022-12-01")


def test_lanes_are_labelled_with_their_counts(drawn, app_config):
    fig, events = drawn
    labels = list(fig.layout.yaxis.ticktext)
    assert len(labels) == len(app_config.categories)
    families = sum(e.category == "families" for e in events)
    assert f"<b>Families &amp; protest</b> ({families})" in labels


def test_the_window_sets_the_shared_date_axis(drawn):
    fig, _ = drawn
    start, end = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert start < pd.Timestamp(WINDOW[0]) < pd.Timestamp(WINDOW[0]) + pd.Timedelta(days=10)
    assert pd.Timestamp(WINDOW[1]) < end < pd.Timestamp(WINDOW[1]) + pd.Timedelta(days=10)
    assert fig.layout.xaxis2.matches == "x" or fig.layout.xaxis.matches == "x2"


@pytest.mark.parametrize("window,plot_px", [((D(2022, 12, 1), D(2023, 1, 10)), 380), (WINDOW, 590)])
def test_the_date_axis_leaves_edge_px_at_each_end(window, plot_px):
    """A mark on the window's first or last day keeps EDGE_PX from the plot's edge, a part
    of a day included (a slide's 41 days have an edge of 1.6 days; written as dates it was 1)."""
    first, last = timeline.date_range(window, plot_px)
    px = plot_px / (last - first).total_seconds()
    start = dt.datetime.combine(window[0], dt.time())
    after = dt.datetime.combine(window[1], dt.time()) + dt.timedelta(days=1)
    assert (start - first).total_seconds() * px == pytest.approx(timeline.EDGE_PX)
    assert (last - after).total_seconds() * px == pytest.approx(timeline.EDGE_PX)


def test_phases_are_bands_through_both_panels(drawn):
    fig, _ = drawn
    bands = [s for s in fig.layout.shapes if s.type == "rect" and s.yref == "paper"]
    assert [(pd.Timestamp(b.x0), pd.Timestamp(b.x1)) for b in bands] == [
        (pd.Timestamp("2022-03-01"), pd.Timestamp("2022-04-01")),
        (pd.Timestamp("2022-09-01"), pd.Timestamp("2022-10-01")),
    ]
    assert (bands[0].y0, bands[0].y1) == (0, 1)


def test_the_chosen_event_is_outlined(drawn):
    fig, _ = drawn
    rings = [
        t
        for t in fig.data
        if t.type == "scatter" and t.marker.symbol == "circle-open" and t.x[0] is not None
    ]
    meeting = event_points(fig)["ev-meeting"]
    assert [(str(t.x[0]), t.y[0]) for t in rings] == [
        ("2022-11-25", meeting.y[position(meeting, "ev-meeting")])
    ]


def test_an_or_later_event_is_drawn_in_the_window_and_hovers_with_its_real_date(
    fixture_dataset, app_config
):
    """In a window from 10 June 2022, an event of "1 Jun 2022 or later" is a hollow triangle
    pointing on at 10 June (not the ring of an approximate day, which would read "about 10
    June"), as a claim that may be later is drawn at the window's first day; its hover and
    its outline say and mark what the sources say, "1 Jun 2022 or later", where it is drawn."""
    later = event("later", D(2022, 6, 1), "earliest", category="families")
    window = (D(2022, 6, 10), D(2022, 12, 31))
    fig = timeline.timeline_figure(
        fixture_dataset, [later], app_config.categories, [], window, selected="later"
    )
    trace = event_points(fig)["later"]
    assert trace.type == "scatter" and trace.marker.color == "white"  # hollow
    assert trace.marker.symbol == "triangle-right"
    key = next(t for t in fig.data if t.name == "earliest day, or later")
    assert key.marker.symbol == "triangle-right" and key.marker.color == "white"
    assert [pd.Timestamp(x) for x in trace.x] == [pd.Timestamp("2022-06-10")]
    assert trace.customdata[0][2] == "1 Jun 2022 or later"
    rings = [t for t in fig.data if t.type == "scatter" and t.marker.symbol == "circle-open"]
    assert [pd.Timestamp(t.x[0]) for t in rings if t.x[0] is not None] == [
        pd.Timestamp("2022-06-10")
    ]


def test_claims_show_qualifier_revision_and_confirmed_deaths(drawn):
    fig, _ = drawn
    claims = [t for t in fig.data if t.type == "scatter" and t.mode == "markers+text"]
    assert len(claims) == 1  # one claimant group in the fixture
    [trace] = claims
    assert list(trace.y) == [1000, 1350]
    assert list(trace.marker.symbol) == ["triangle-up", "circle"]  # at least; exact
    assert list(trace.text) == ["", "1,350 (revised from at least 1,000)"]
    earlier, later = trace.customdata  # the hovers name the revision both ways
    assert "Later revised to 1,350" in earlier and "Later revised" not in later
    assert "Revises the earlier claim of at least 1,000" in later
    lines = [t for t in fig.data if t.type == "scatter" and t.mode == "lines" and t.y[0]]
    dotted = [t for t in lines if t.line.dash == "dot"]
    assert [list(t.y) for t in dotted] == [[1000, 1350]]
    confirmed = [t for t in fig.data if t.type == "bar" and t.xaxis == "x2"]
    assert [list(t.y) for t in confirmed] == [[14, 0, 0, 0, 0, 0, 0, 5]]
    assert fig.layout.yaxis2.type == "log"


def month_claims_drawn(app_config, window: tuple[dt.date, dt.date]) -> tuple[dict, dict]:
    """The shipped month-only claims but Milley's, on a Timeline over `window`: each one's
    line (start, end) and marker's date, by value."""
    data = load_dataset(paths.DATA_DIR, app_config)
    claims = [f for f in data.figures if f.as_of.precision == "month" and f.source != "bbc"]
    spec = timeline.timeline_spec(data, [], app_config.categories, [], window, claims)
    months = [  # each claimant's month lines: (x, x, None) triples, one per claim
        t
        for t in spec["data"]
        if t.get("mode") == "lines" and "dash" not in t["line"] and t.get("meta") != LEGEND_KEY
    ]
    spans = {
        t["y"][i]: (t["x"][i], t["x"][i + 1]) for t in months for i in range(0, len(t["x"]), 3)
    }
    points = [t for t in spec["data"] if t.get("mode") == "markers+text"]
    return spans, {y: x for t in points for x, y in zip(t["x"], t["y"], strict=True)}


def test_a_month_only_claim_s_line_ends_when_its_article_appeared(app_config):
    """63 and 89 ("in January", in Social Europe's article of 10 January 2023) run to the
    close of 10 January, not to February, in a window past the article; March's 1,351
    (RFE/RL, dated only as 11 Jul 2022 or later) runs over its whole month."""
    spans, markers = month_claims_drawn(app_config, (D(2022, 2, 24), D(2023, 3, 31)))
    assert spans == {
        63: (D(2023, 1, 1), D(2023, 1, 11)),
        89: (D(2023, 1, 1), D(2023, 1, 11)),
        1351: (D(2022, 3, 1), D(2022, 4, 1)),
    }
    assert markers == {63: D(2023, 1, 1), 89: D(2023, 1, 1), 1351: D(2022, 3, 1)}


def test_a_claim_that_may_be_later_is_drawn_in_the_window_and_says_so(app_config):
    """Newsweek's 37,500 is as of its article, 25 Jun 2022 or later: in a window from 1 Dec
    2022 it is drawn at 1 Dec, in sight, and its label and hover give the days it may stand
    for (a slide has no hover); it and the January strike's 89, in a window of 5-10 Jan
    2023, are labelled rightwards, off the axis (a share of the window's days: 5 Jan is the
    first of six). In a window from its own day, the label is the number alone."""
    data = load_dataset(paths.DATA_DIR, app_config)
    newsweek = data.figure_by_id["ukraine-claim-dead-newsweek"]
    revised = data.figure_by_id["mod-strike-dead-revised"]
    for window, figure, at, label, when in (
        (
            (D(2022, 12, 1), D(2023, 1, 10)),
            newsweek,
            D(2022, 12, 1),
            "right",
            "As of 25 Jun 2022 or later (date inferred)",
        ),
        ((D(2023, 1, 5), D(2023, 1, 10)), revised, D(2023, 1, 5), "right", "As of January 2023"),
    ):
        spec = timeline.timeline_spec(data, [], app_config.categories, [], window, [figure])
        [points] = [t for t in spec["data"] if t.get("mode") == "markers+text"]
        assert points["x"] == [at]
        assert points["textposition"][0].endswith(label)
        assert when in points["customdata"][0]
        notes = ["revised"] if figure.revises else []
        notes.append(when.removeprefix("As of ").removesuffix(" (date inferred)"))
        assert points["text"] == [f"{claim_text(figure)} ({'; '.join(notes)})"]
    spec = timeline.timeline_spec(data, [], app_config.categories, [], WINDOW, [newsweek])
    [points] = [t for t in spec["data"] if t.get("mode") == "markers+text"]
    assert points["text"] == ["about 37,500"]


def test_a_month_only_claim_is_drawn_in_the_window_that_reaches_into_its_month(app_config):
    """A window from 5 January keeps 63 and 89 (January): their marks at the window's first
    day, in sight, not at 1 January, off the chart's left edge."""
    spans, markers = month_claims_drawn(app_config, (D(2023, 1, 5), D(2023, 3, 31)))
    assert spans[63] == spans[89] == (D(2023, 1, 5), D(2023, 1, 11))
    assert markers[63] == markers[89] == D(2023, 1, 5)


def test_without_confirmed_deaths_no_confirmed_series_is_drawn(fixture_dataset, app_config):
    fig = timeline.timeline_figure(fixture_dataset, [], app_config.categories, [], WINDOW)
    assert not [t for t in fig.data if t.xaxis == "x2" and t.y[0] is not None]
    assert len(fig.layout.yaxis.ticktext) == len(app_config.categories)


def test_the_legends_explain_every_kind_of_mark(drawn):
    fig, _ = drawn
    keys = {t.name for t in fig.data if t.showlegend is not False and t.name}
    assert {"day given", "approximate day", "week, month or span", "approximate span"} <= keys
    marks = {"exact", "about", "more than, at least", "date inferred or approximate", "month only"}
    assert marks <= keys
    assert {"revised", "confirmed that month", "running total", "Other claimants"} <= keys


def test_a_revision_whose_earlier_claim_is_not_shown_still_says_it_revised(
    fixture_dataset, app_config
):
    later = next(f for f in fixture_dataset.figures if f.revises)
    fig = timeline.timeline_figure(
        fixture_dataset, [], app_config.categories, [], WINDOW, claims=[later]
    )
    [trace] = [t for t in fig.data if t.type == "scatter" and t.mode == "markers+text"]
    assert list(trace.text) == ["1,350 (revised)"]
    assert f"Revises an earlier claim ({later.revises}) not shown here" in trace.customdata[0]


# ---- The page's legends, drawn apart (homefront/charts/timeline_legend.py) ---------------


def test_the_legends_drawn_apart_list_what_the_chart_would_in_its_order(drawn_with):
    spec = timeline.timeline_spec(**drawn_with)
    assert spec["layout"]["showlegend"] is False  # the chart draws none of its own
    groups = timeline_legend.legend_groups(spec)
    (events_legend,) = groups["legend"]
    assert events_legend.title == timeline.EVENTS_LEGEND_TITLE
    assert [e.name for e in events_legend.entries] == [
        "day given",
        "approximate day",
        "earliest day, or later",
        "week, month or span",
        "approximate span",
    ]
    claimants = list(dict.fromkeys(map(death_tolls.claimant_group, drawn_with["claims"])))
    assert claimants  # the fixture's claims have claimants to list
    assert [(g.title, [e.name for e in g.entries]) for g in groups["legend2"]] == [
        ("Confirmed deaths, a lower bound", ["confirmed that month", "running total"]),
        ("Claimed tolls, by claimant", claimants),
        (
            "Marks",
            [
                "exact",
                "about",
                "more than, at least",
                "date inferred or approximate",
                "month only",
                "revised",
            ],
        ),
    ]


def test_the_chart_apart_from_its_legends_drops_only_the_entries_that_carry_no_data(drawn_with):
    spec = timeline.timeline_spec(**drawn_with)
    before = copy.deepcopy(spec)
    apart = timeline_legend.legends_apart(spec)
    assert spec == before  # the spec handed in (a shared view's) is left as it was
    assert_plotly_reads_as_sent(apart.figure)
    assert apart.figure["layout"] == spec["layout"]
    claimants = set(map(death_tolls.claimant_group, drawn_with["claims"]))
    assert len(spec["data"]) - len(apart.figure["data"]) == 5 + len(claimants) + 6
    assert all(t.get("meta") != timeline.LEGEND_KEY for t in apart.figure["data"])
    assert all(t["x"] != [None] for t in apart.figure["data"])  # what is left is drawn
    assert "Event dates" in apart.above and "Marks" in apart.below


def test_a_mark_the_legend_cannot_draw_is_an_error_not_a_wrong_swatch():
    with pytest.raises(ValueError, match="star"):
        timeline_legend.swatch({"type": "scatter", "mode": "markers", "marker": {"symbol": "star"}})


def swatch_svg(trace: dict) -> str:
    """The SVG inside a swatch's data URI."""
    data = re.search(r'base64,([^"]+)"', timeline_legend.swatch(trace)).group(1)
    return base64.b64decode(data).decode("utf-8")


@pytest.mark.parametrize(
    ("trace", "drawn"),
    [
        ({"type": "bar", "marker": {"color": "#5F6368"}}, '<rect x="9" y="2" width="12"'),
        ({"type": "scatter", "mode": "lines", "line": {"dash": "dot"}}, "stroke-dasharray"),
        ({"type": "scatter", "mode": "markers", "marker": {"symbol": "diamond"}}, "M15 1 L22 8"),
        (
            {"type": "scatter", "mode": "markers", "marker": {"symbol": "circle-open"}},
            'fill="none"',
        ),
    ],
)
def test_a_swatch_draws_the_mark_it_stands_for(trace, drawn):
    assert drawn in swatch_svg(trace)


def test_a_hatched_bar_swatch_is_hatched_and_a_running_total_a_line_through_a_point():
    hatched = swatch_svg(
        {"type": "bar", "marker": {"color": "white", "pattern": {"fgcolor": "#5F6368"}}}
    )
    assert 'fill="white"' in hatched and hatched.count("M") == 3  # three strokes of hatching
    total = swatch_svg({"type": "scatter", "mode": "lines+markers", "line": {"color": "#5F6368"}})
    assert "<path" in total and "<circle" in total


def test_legend_text_is_text_and_a_colour_not_the_charts_own_is_grey():
    hostile = {
        "type": "scatter",
        "mode": "markers",
        "name": '<img src="https://example.org/x.png">Russian officials',
        "legend": "legend2",
        "legendgrouptitle": {"text": "<b onmouseover=alert(1)>Claims</b>"},
        "marker": {"color": 'red" onload="alert(1)'},
    }
    html_out = timeline_legend.legend_html(
        timeline_legend.legend_groups({"data": [hostile]})["legend2"], row=False
    )
    assert "&lt;img src=" in html_out and "<b onmouseover" not in html_out
    assert '<img src="https://example.org' not in html_out  # text, never a request
    svg = swatch_svg(hostile)
    assert "onload" not in svg and timeline.GREY in svg


def test_a_legend_name_written_for_plotly_reads_the_same_apart():
    """plain() writes & as &amp; for Plotly, which shows "&": so does the legend apart."""
    trace = {"type": "bar", "name": "Families &amp; protest", "marker": {"color": "#5F6368"}}
    html_out = timeline_legend.legend_html(
        timeline_legend.legend_groups({"data": [trace]})["legend"], row=True
    )
    assert "Families &amp; protest" in html_out and "&amp;amp;" not in html_out
