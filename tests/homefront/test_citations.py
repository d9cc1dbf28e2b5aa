"""homefront.citations: one citation line per source, and CSVs that carry them."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from homefront.citations import cite, csv_with_citation, source_date
from homefront.queries import events_table, figures_table
from homefront.schemas import Source


def source(**changes) -> Source:
    record = {
        "id": "delta",
        "outlet": "Fixture Herald",
        "short_name": "Herald",
        "title": "Fixture: A headline",
        "published": "2022-03-05",
        "date_precision": "day",
        "kind": "news",
        "licence_note": "Invented for the tests.",
    }
    return Source.model_validate(record | changes)


# --- cite


def test_a_day_precise_source_without_url(fixture_dataset):
    assert cite(fixture_dataset.source("alpha")) == (
        "Fixture Gazette, \u201cFixture: Families wait for word from the front\u201d, "
        "A. Fixture-Writer, 30 Sep 2022"
    )


def test_an_inferred_date_says_so(fixture_dataset):
    assert cite(fixture_dataset.source("beta")) == (
        "Fixture Courier, \u201cFixture: Mothers ask for a meeting\u201d, "
        "26 Nov 2022 or later (date inferred)"
    )


def test_a_month_precise_dataset_with_url_and_repository(fixture_dataset):
    assert cite(fixture_dataset.source("gamma")) == (
        "Fixture Data Archive, \u201cFixture: Counts by region and month\u201d, "
        "B. Fixture-Analyst, June 2023, https://example.org/fixture/gamma, "
        "repository fixture/gamma-data"
    )


def test_author_only_when_given():
    assert cite(source()) == "Fixture Herald, \u201cFixture: A headline\u201d, 5 Mar 2022"
    assert cite(source(author="C. Writer")) == (
        "Fixture Herald, \u201cFixture: A headline\u201d, C. Writer, 5 Mar 2022"
    )


def test_url_only_when_given():
    assert "http" not in cite(source())
    assert cite(source(url="https://example.org/d")).endswith(", 5 Mar 2022, https://example.org/d")


@pytest.mark.parametrize(
    ("published", "precision", "expected"),
    [
        ("2022-03-05", "day", "5 Mar 2022"),
        ("2022-11-25", "day", "25 Nov 2022"),
        ("2022-11-25", "inferred", "25 Nov 2022 (date inferred)"),
        ("2023-06-01", "month", "June 2023"),
        ("2022-12-15", "month", "December 2022"),
    ],
)
def test_source_date(published, precision, expected):
    note = {"date_note": "Inferred."} if precision == "inferred" else {}
    assert source_date(source(published=published, date_precision=precision, **note)) == expected


@pytest.mark.parametrize(
    ("published", "bounds", "expected"),
    [
        ("2022-06-25", {"earliest": "2022-06-25"}, "25 Jun 2022 or later (date inferred)"),
        ("2022-11-25", {"latest": "2022-11-25"}, "by 25 Nov 2022 (date inferred)"),
        (
            "2022-11-25",
            {"earliest": "2022-11-25", "latest": "2022-11-30"},
            "25\u201330 Nov 2022 (date inferred)",
        ),
        (
            "2022-11-25",
            {"earliest": "2022-11-25", "latest": "2022-12-02"},
            "25 Nov 2022 \u2013 2 Dec 2022 (date inferred)",
        ),
    ],
    ids=["earliest-only", "latest-only", "window-in-a-month", "window-across-months"],
)
def test_an_inferred_date_is_shown_as_the_window_its_bounds_allow(published, bounds, expected):
    made = source(published=published, date_precision="inferred", date_note="Inferred.", **bounds)
    assert source_date(made) == expected


def test_a_month_precise_date_shows_no_day():
    assert "1 Jun" not in cite(source(published="2023-06-01", date_precision="month"))


# --- csv_with_citation


def comment_lines(data: bytes) -> list[str]:
    lines = data.decode("utf-8").splitlines()
    return [line for line in lines if line.startswith("#")]


def test_the_csv_starts_with_its_title_and_one_line_per_source(fixture_dataset):
    sources = list(fixture_dataset.sources.values())
    data = csv_with_citation(
        events_table(fixture_dataset.events, fixture_dataset), sources, "Events"
    )
    lines = data.decode("utf-8").splitlines()
    assert lines[0] == "# Home Front: Events"
    assert lines[1 : 1 + len(sources)] == [f"# Source: {cite(s)}" for s in sources]
    assert not lines[1 + len(sources)].startswith("#")
    assert len(comment_lines(data)) == 1 + len(sources)


@pytest.mark.parametrize("make_table", [events_table, figures_table])
def test_the_csv_reads_back_to_the_same_frame(fixture_dataset, make_table):
    records = fixture_dataset.events if make_table is events_table else fixture_dataset.figures
    table = make_table(records, fixture_dataset)
    data = csv_with_citation(table, fixture_dataset.sources.values(), "Fixture table")
    back = pd.read_csv(io.BytesIO(data), comment="#")
    # what the same table reads back as without the comment lines
    plain = pd.read_csv(io.StringIO(table.to_csv(index=False)))
    pd.testing.assert_frame_equal(back, plain)
    assert len(back) == len(records)


def test_a_plain_frame_reads_back_unchanged(fixture_dataset):
    table = pd.DataFrame(
        {"region": ["BU", "TY"], "deaths": [12, 30], "quote": ["Hello, world", 'Said "no"']}
    )
    data = csv_with_citation(table, [fixture_dataset.source("gamma")], "Deaths")
    pd.testing.assert_frame_equal(pd.read_csv(io.BytesIO(data), comment="#"), table)


def test_a_hash_inside_a_value_survives_the_round_trip(fixture_dataset):
    # hashtags in quotes and fragments in links are ordinary content, not comments
    table = pd.DataFrame(
        {
            "quote": ["#NoWar was written on the wall", "see page #3"],
            "url": ["https://example.org/a#section", "https://example.org/b"],
        }
    )
    data = csv_with_citation(table, [fixture_dataset.source("alpha")], "Quotes")
    pd.testing.assert_frame_equal(pd.read_csv(io.BytesIO(data), comment="#"), table)


def test_no_sources_means_only_the_title_line():
    data = csv_with_citation(pd.DataFrame({"a": [1]}), [], "Nothing cited")
    assert comment_lines(data) == ["# Home Front: Nothing cited"]
