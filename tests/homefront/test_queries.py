"""homefront.queries on the fixture dataset (tests/fixtures/data).

The expected ids below are read off the fixture files by hand: see the comments there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homefront.claim_values import format_figure
from homefront.dataset import Dataset
from homefront.event_dates import event_window, last_day_text
from homefront.filters import ViewFilters
from homefront.queries import (
    events_table,
    figures_table,
    filter_events,
    filter_figures,
    quotes_table,
)
from homefront.schemas import Claim, Event

EVENT_COLUMNS = [
    "id",
    "date",
    "date_end",
    "date_precision",
    "date_note",
    "title",
    "summary",
    "category",
    "regions",
    "sources",
    "outlets",
    "quotes",
    "accounts_differ",
]
FIGURE_COLUMNS = [
    "id",
    "measure",
    "measure_label",
    "value",
    "low",
    "high",
    "unit",
    "qualifier",
    "claimant",
    "subject",
    "region",
    "as_of",
    "as_of_precision",
    "as_of_note",
    "source",
    "outlet",
    "quote",
    "revises",
    "note",
]
QUOTE_COLUMNS = ["quote", "speaker", "source", "outlet", "event", "event_date"]

ALL_EVENTS = {
    "ev-start",
    "ev-blocking",
    "ev-losses-summer",
    "ev-mobilisation",
    "ev-protests-november",
    "ev-meeting",
    "ev-protests-december",
    "ev-decree",
}
ALL_FIGURES = {
    "fig-a",
    "fig-b",
    "fig-range",
    "fig-official",
    "fig-complaints",
    "fig-complaints-later",
}


@pytest.fixture(scope="module")
def everything(fixture_dataset: Dataset, app_config) -> ViewFilters:
    """Filters that let every fixture record through (frozen: one for the module, so a
    property test can take it)."""
    return ViewFilters(
        start=dt.date(2022, 1, 1),
        end=dt.date(2023, 6, 30),
        categories=tuple(app_config.category_ids),
        sources=tuple(fixture_dataset.sources),
    )


def event_ids(dataset: Dataset, filters: ViewFilters) -> set[str]:
    return {e.id for e in filter_events(dataset.events, filters, dataset.sources)}


def figure_ids(dataset: Dataset, filters: ViewFilters) -> set[str]:
    return {f.id for f in filter_figures(dataset.figures, filters, dataset.sources)}


def window(filters: ViewFilters, start: str, end: str) -> ViewFilters:
    return replace(filters, start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end))


# --- filter_events


def test_everything_lets_every_event_through(fixture_dataset, everything):
    assert event_ids(fixture_dataset, everything) == ALL_EVENTS
    # the order of the dataset is kept
    kept = filter_events(fixture_dataset.events, everything, fixture_dataset.sources)
    assert kept == list(fixture_dataset.events)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # ev-mobilisation spans 2022-09-21..2022-10-28
        ("2022-10-28", "2022-10-31", {"ev-mobilisation"}),
        ("2022-10-29", "2022-10-31", set()),
        ("2022-09-01", "2022-09-21", {"ev-mobilisation"}),
        ("2022-09-01", "2022-09-20", set()),
        ("2022-10-01", "2022-10-02", {"ev-mobilisation"}),
        # ev-protests-november is month-precise: 2022-11-01..2022-11-30
        ("2022-11-26", "2022-11-30", {"ev-protests-november"}),
        ("2022-10-29", "2022-11-01", {"ev-protests-november"}),
        # ev-protests-december runs to 2022-12-31; ev-decree is 2023-02-14
        ("2022-12-31", "2023-02-13", {"ev-protests-december"}),
        ("2023-01-01", "2023-02-13", set()),
        # ev-blocking is week-precise: 2022-03-07..2022-03-13
        ("2022-03-13", "2022-03-20", {"ev-blocking"}),
        ("2022-03-14", "2022-03-20", set()),
        # single days on the edges: ev-start 2022-02-24, ev-meeting 2022-11-25
        ("2022-02-24", "2022-02-24", {"ev-start"}),
        ("2022-11-25", "2022-11-25", {"ev-meeting", "ev-protests-november"}),
        ("2022-11-24", "2022-11-24", {"ev-protests-november"}),
    ],
)
def test_filter_events_by_window_overlap(fixture_dataset, everything, start, end, expected):
    assert event_ids(fixture_dataset, window(everything, start, end)) == expected


def test_filter_events_by_category(fixture_dataset, everything):
    only = replace(everything, categories=("families",))
    assert event_ids(fixture_dataset, only) == {"ev-protests-november", "ev-protests-december"}
    two = replace(everything, categories=("official", "military"))
    assert event_ids(fixture_dataset, two) == {"ev-meeting", "ev-decree", "ev-start"}
    assert event_ids(fixture_dataset, replace(everything, categories=())) == set()


def test_filter_events_by_any_of_their_sources(fixture_dataset, everything):
    # ev-meeting cites alpha and beta: either one lets it through
    beta = replace(everything, sources=("beta",))
    assert event_ids(fixture_dataset, beta) == {
        "ev-protests-november",
        "ev-meeting",
        "ev-protests-december",
    }
    alpha = replace(everything, sources=("alpha",))
    assert event_ids(fixture_dataset, alpha) == {
        "ev-mobilisation",
        "ev-meeting",
        "ev-blocking",
        "ev-decree",
    }
    assert event_ids(fixture_dataset, replace(everything, sources=())) == set()


def test_filter_events_by_region(fixture_dataset, everything):
    bu = replace(everything, regions=("BU",))
    assert event_ids(fixture_dataset, bu) == {
        "ev-mobilisation",
        "ev-protests-november",
        "ev-protests-december",
    }
    ty = replace(everything, regions=("TY",))
    assert event_ids(fixture_dataset, ty) == {"ev-mobilisation", "ev-losses-summer", "ev-decree"}
    both = replace(everything, regions=("BU", "TY"))
    assert event_ids(fixture_dataset, both) == event_ids(fixture_dataset, bu) | event_ids(
        fixture_dataset, ty
    )
    assert event_ids(fixture_dataset, replace(everything, regions=("ZAB",))) == set()


def test_no_regions_means_every_event_including_those_without_a_region(fixture_dataset, everything):
    assert everything.regions == ()
    kept = event_ids(fixture_dataset, everything)
    assert {"ev-start", "ev-meeting", "ev-blocking"} <= kept  # these have no region


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NOTHING", {"ev-mobilisation"}),  # a quote, in another case
        ("mother two", {"ev-meeting"}),  # a speaker
        ("fixture mother", {"ev-mobilisation", "ev-meeting"}),
        ("summer heat", {"ev-losses-summer"}),  # a date note
        ("day before it was written", {"ev-meeting"}),  # an account
        ("Letters Through", {"ev-protests-december"}),  # a title
        ("known only to the", {"ev-protests-november", "ev-blocking"}),  # a summary
        ("no such words", set()),
    ],
)
def test_filter_events_by_text(fixture_dataset, everything, text, expected):
    assert event_ids(fixture_dataset, replace(everything, text=text)) == expected


def test_filters_combine(fixture_dataset, everything):
    combined = replace(
        window(everything, "2022-11-01", "2022-12-31"), regions=("BU",), sources=("beta",)
    )
    assert event_ids(fixture_dataset, combined) == {"ev-protests-november", "ev-protests-december"}
    assert event_ids(fixture_dataset, replace(combined, text="sons")) == {"ev-protests-november"}


# --- an "or later" event: its days run on to the last day an article reporting it can have
# appeared (event_dates.event_window)

D = dt.date
# the last day each fixture source can have appeared, read off sources.yaml by hand: alpha
# is printed 30 Sep 2022, beta dated only "26 Nov 2022 or later", gamma to June 2023
LAST_DAY = {"alpha": D(2022, 9, 30), "beta": None, "gamma": D(2023, 6, 30)}


def or_later(day: dt.date, sources: list[str], precision: str = "earliest") -> Event:
    """An event dated only by its earliest day ("1 Jun 2022 or later"), reported by `sources`."""
    return Event(
        id="ev-or-later",
        date=day,
        date_precision=precision,
        date_note="After a day the source gives, before the article.",
        title="Fixture: something after 1 June",
        summary="Dated only by its earliest day.",
        category="families",
        sources=sources,
    )


@pytest.mark.parametrize(
    ("sources", "last"),
    [
        (["alpha"], D(2022, 9, 30)),  # printed: no later than the article's day
        (["beta"], None),  # "26 Nov 2022 or later": no last day known, open
        (["gamma"], D(2023, 6, 30)),  # a month: its last day
        (["beta", "alpha"], D(2022, 9, 30)),  # the first article to have appeared bounds it
        (["gamma", "alpha"], D(2022, 9, 30)),
    ],
)
def test_an_or_later_event_runs_to_the_last_day_its_first_article_can_have_appeared(
    fixture_dataset, sources, last
):
    event = or_later(D(2022, 6, 1), sources)
    assert event.end == D(2022, 6, 1)  # its own record has no end
    assert event_window(event, fixture_dataset.sources) == (D(2022, 6, 1), last)


def test_an_or_later_event_s_detail_names_its_last_day_only_where_an_article_gives_one(
    fixture_dataset,
):
    sources = fixture_dataset.sources
    assert last_day_text(or_later(D(2022, 6, 1), ["beta", "alpha"]), sources) == (
        "It happened by 30 Sep 2022, the last day the Fixture Gazette article reporting it can "
        "have appeared."
    )
    assert last_day_text(or_later(D(2022, 6, 1), ["beta"]), sources) == ""  # open: no day
    assert last_day_text(or_later(D(2022, 6, 1), ["alpha"], precision="day"), sources) == ""


def test_every_other_event_runs_from_its_date_to_its_end(fixture_dataset):
    # ev-decree (14 Feb 2023) cites alpha (30 Sep 2022): only an "or later" event is bounded
    # by its articles; the others keep the days their own record gives
    for event in fixture_dataset.events:
        assert event_window(event, fixture_dataset.sources) == (event.date, event.end)


@pytest.mark.parametrize(
    ("sources", "start", "end", "kept"),
    [
        # a window starting after its earliest day, before its article: it may fall in it
        (["alpha"], "2022-06-10", "2022-12-31", True),
        (["alpha"], "2022-09-30", "2022-09-30", True),
        (["alpha"], "2022-10-01", "2022-12-31", False),  # after alpha appeared
        (["beta"], "2023-06-01", "2023-06-30", True),  # beta's article may be as late
        (["alpha"], "2022-01-01", "2022-05-31", False),  # before its earliest day
        (["beta"], "2022-01-01", "2022-06-01", True),
    ],
)
def test_filter_events_keeps_an_or_later_event_in_every_window_it_may_fall_in(
    fixture_dataset, everything, sources, start, end, kept
):
    event = or_later(D(2022, 6, 1), sources)
    filters = window(everything, start, end)
    assert filter_events([event], filters, fixture_dataset.sources) == ([event] if kept else [])


WINDOW_DAYS = st.integers(min_value=0, max_value=700).map(lambda n: D(2022, 1, 1) + dt.timedelta(n))


@given(
    earliest=st.integers(min_value=0, max_value=272).map(
        lambda n: D(2022, 1, 1) + dt.timedelta(n)  # up to 30 Sep 2022, alpha's day
    ),
    sources=st.lists(st.sampled_from(sorted(LAST_DAY)), min_size=1, max_size=3, unique=True),
    ends=st.tuples(WINDOW_DAYS, WINDOW_DAYS).map(sorted),
)
def test_an_or_later_event_is_kept_by_a_window_exactly_when_it_meets_its_possible_days(
    fixture_dataset, everything, earliest, sources, ends
):
    """Kept by every window that meets the days from its earliest to the last day its first
    article can have appeared (open where none has a last day); dropped by a window that ends
    before its earliest day or starts after that last day."""
    start, end = ends
    event = or_later(earliest, sources)
    known = [LAST_DAY[s] for s in sources if LAST_DAY[s] is not None]
    last = min(known) if known else None
    kept = filter_events(
        [event], replace(everything, start=start, end=end), fixture_dataset.sources
    )
    if end < earliest or (last is not None and start > last):
        assert kept == []
    else:
        assert kept == [event]
    # the same event dated to its day is kept only by a window holding that day
    on_the_day = or_later(earliest, sources, precision="day")
    held = filter_events(
        [on_the_day], replace(everything, start=start, end=end), fixture_dataset.sources
    )
    assert held == ([on_the_day] if start <= earliest <= end else [])


# --- filter_figures


def test_everything_lets_every_figure_through(fixture_dataset, everything):
    assert figure_ids(fixture_dataset, everything) == ALL_FIGURES


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2022-09-21", "2022-09-21", {"fig-b", "fig-official"}),
        ("2022-09-22", "2022-10-01", {"fig-range"}),
        ("2022-01-01", "2022-03-24", set()),
        ("2022-03-25", "2022-03-25", {"fig-a"}),
        # fig-range is as of beta's article, by its inferred date (1 Oct 2022); beta is dated
        # only as 26 Nov 2022 or later, so the claim may be of any day from 1 Oct on
        ("2023-01-15", "2023-06-30", {"fig-complaints-later", "fig-range"}),
        # fig-complaints is dated to November 2022 only: any window reaching into the month
        ("2022-11-15", "2022-12-31", {"fig-complaints", "fig-range"}),
        ("2022-10-02", "2022-11-01", {"fig-complaints", "fig-range"}),
        ("2022-12-01", "2023-01-14", {"fig-range"}),
    ],
)
def test_filter_figures_by_the_date_they_are_as_of(
    fixture_dataset, everything, start, end, expected
):
    assert figure_ids(fixture_dataset, window(everything, start, end)) == expected


def test_filter_figures_by_source(fixture_dataset, everything):
    assert figure_ids(fixture_dataset, replace(everything, sources=("beta", "gamma"))) == {
        "fig-range",
        "fig-complaints",
        "fig-complaints-later",
    }


def test_filter_figures_by_region(fixture_dataset, everything):
    assert figure_ids(fixture_dataset, replace(everything, regions=("BU",))) == {"fig-range"}
    assert figure_ids(fixture_dataset, replace(everything, regions=("BU", "TY"))) == {
        "fig-range",
        "fig-complaints",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TOLL", {"fig-b"}),  # a quote
        ("fixture committee", {"fig-range", "fig-complaints", "fig-complaints-later"}),
        ("monthly tally", {"fig-complaints"}),  # a note
        ("nowhere", set()),
    ],
)
def test_filter_figures_by_text(fixture_dataset, everything, text, expected):
    assert figure_ids(fixture_dataset, replace(everything, text=text)) == expected


# --- tables


def test_events_table(fixture_dataset):
    table = events_table(fixture_dataset.events, fixture_dataset)
    assert list(table.columns) == EVENT_COLUMNS
    assert len(table) == len(fixture_dataset.events)
    meeting = table.set_index("id").loc["ev-meeting"]
    assert meeting["sources"] == "alpha, beta"
    assert meeting["outlets"] == "Gazette; Courier"
    assert meeting["quotes"] == 1
    assert bool(meeting["accounts_differ"]) is True
    mobilisation = table.set_index("id").loc["ev-mobilisation"]
    assert mobilisation["regions"] == "BU, TY"
    assert mobilisation["date_end"] == dt.date(2022, 10, 28)
    assert not table.set_index("id").loc["ev-start", "accounts_differ"]


def test_figures_table(fixture_dataset):
    table = figures_table(fixture_dataset.figures, fixture_dataset)
    assert list(table.columns) == FIGURE_COLUMNS
    assert len(table) == len(fixture_dataset.figures)
    by_id = table.set_index("id")
    assert by_id.loc["fig-range", "measure_label"] == "Fixture: people mobilised"
    assert (by_id.loc["fig-range", "low"], by_id.loc["fig-range", "high"]) == (10000, 15000)
    assert by_id.loc["fig-range", "as_of_precision"] == "inferred"
    assert by_id.loc["fig-complaints", "unit"] == "complaints"
    assert by_id.loc["fig-complaints", "outlet"] == "Archive"
    assert by_id.loc["fig-b", "revises"] == "fig-a"
    assert (by_id.loc["fig-a", "revises"], by_id.loc["fig-a", "region"]) == ("", "")


def test_quotes_table(fixture_dataset):
    table = quotes_table(fixture_dataset.events, fixture_dataset)
    assert list(table.columns) == QUOTE_COLUMNS
    assert len(table) == sum(len(e.quotes) for e in fixture_dataset.events) == 3
    row = table.set_index("event").loc["ev-meeting"]
    assert (row["quote"], row["speaker"], row["source"], row["outlet"]) == (
        "The meeting was staged.",
        "Fixture Mother Two",
        "beta",
        "Courier",
    )
    assert row["event_date"] == dt.date(2022, 11, 25)


@pytest.mark.parametrize(
    ("make_table", "columns"),
    [(events_table, EVENT_COLUMNS), (figures_table, FIGURE_COLUMNS), (quotes_table, QUOTE_COLUMNS)],
)
def test_empty_tables_keep_their_columns(fixture_dataset, make_table, columns):
    table = make_table([], fixture_dataset)
    assert list(table.columns) == columns
    assert len(table) == 0


def test_tables_of_filtered_records(fixture_dataset, everything):
    events = filter_events(
        fixture_dataset.events, replace(everything, regions=("TY",)), fixture_dataset.sources
    )
    assert list(events_table(events, fixture_dataset)["id"]) == [e.id for e in events]
    assert list(quotes_table(events, fixture_dataset)["event"]) == ["ev-mobilisation"]


# --- figures as a reader says them


def figure(**changes) -> Claim:
    record = {
        "id": "fig-x",
        "measure": "mobilised",
        "value": 37500,
        "qualifier": "exact",
        "claimant": "Fixture Ministry",
        "as_of": {"date": "2022-09-21", "precision": "day"},
        "source": "alpha",
        "quote": "A number.",
    }
    return Claim.model_validate(record | changes)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, "37,500"),
        ({"qualifier": "about"}, "about 37,500"),
        ({"qualifier": "more than", "value": 300000}, "more than 300,000"),
        ({"qualifier": "at least", "value": 1000}, "at least 1,000"),
        ({"value": 12}, "12"),
        ({"value": None, "low": 10000, "high": 15000}, "10,000–15,000"),
        ({"value": None, "low": 10000, "high": 15000, "qualifier": "about"}, "about 10,000–15,000"),
    ],
)
def test_format_figure(changes, expected):
    assert format_figure(figure(**changes)) == expected


def test_format_figure_on_the_fixture(fixture_dataset):
    by_id = {f.id: f for f in fixture_dataset.figures}
    assert format_figure(by_id["fig-range"]) == "about 10,000–15,000"
    assert format_figure(by_id["fig-complaints-later"]) == "more than 5,000"


# --- latest figures


def test_format_figure_keeps_a_fraction_the_source_gives():
    figure = Claim.model_validate(
        {
            "id": "months-without-news",
            "measure": "months",
            "value": 4.5,
            "qualifier": "more than",
            "claimant": "Fixture mother",
            "as_of": {"date": "2022-07-01", "precision": "day"},
            "source": "alpha",
            "quote": "more than four and a half months",
        }
    )
    assert format_figure(figure) == "more than 4.5"
