"""homefront.citations: one citation line per source, and CSVs that carry them."""

from __future__ import annotations

import pytest

from homefront.citations import cite, published_span, source_date
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
    assert cite(fixture_dataset.sources["alpha"]) == (
        "Fixture Gazette, \u201cFixture: Families wait for word from the front\u201d, "
        "A. Fixture-Writer, 30 Sep 2022"
    )


def test_an_inferred_date_says_so(fixture_dataset):
    assert cite(fixture_dataset.sources["beta"]) == (
        "Fixture Courier, \u201cFixture: Mothers ask for a meeting\u201d, "
        "26 Nov 2022 or later (date inferred)"
    )


def test_a_month_precise_dataset_with_url_and_repository(fixture_dataset):
    assert cite(fixture_dataset.sources["gamma"]) == (
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


# --- published_span


def test_a_span_starting_at_an_earliest_bound_says_or_later_not_a_known_month():
    """Newsweek is dated 25 Jun 2022 or later, RFE/RL 11 Jul 2022 or later, Social Europe 10
    Jan 2023: the five once read "from June 2022 to January 2023", a bound as a known date
    and an end the open dates do not give."""
    newsweek = source(
        published="2022-06-25", date_precision="inferred", date_note="n", earliest="2022-06-25"
    )
    dated = source(published="2023-01-10")
    assert published_span([newsweek, dated]) == "25 Jun 2022 or later (date inferred)"


def test_a_span_of_known_dates_runs_from_the_first_to_the_last():
    bbc = source(
        published="2022-11-25",
        date_precision="inferred",
        date_note="n",
        earliest="2022-11-25",
        latest="2022-11-30",
    )
    assert published_span([source(published="2023-01-10"), bbc]) == (
        "25 Nov 2022 \u2013 10 Jan 2023 (date inferred)"
    )
    assert published_span([source(), source(published="2022-04-01")]) == (
        "5 Mar 2022 \u2013 1 Apr 2022"
    )
