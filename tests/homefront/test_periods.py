"""homefront.periods: each source's own "as of", read from the data (issue 13.3)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from homefront import periods
from homefront.config import load_config
from homefront.dataset import load_dataset

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def real_dataset():
    return load_dataset(ROOT / "data", load_config(ROOT / "config.yaml"))


def test_articles_are_as_of_the_latest_article(fixture_dataset):
    articles = [s for s in fixture_dataset.sources.values() if s.kind != "dataset"]
    assert periods.articles_as_of(fixture_dataset) == max(s.published for s in articles)


def test_the_count_runs_over_its_months_when_the_source_gives_no_days(fixture_dataset):
    months = sorted(
        m for m in fixture_dataset.regional.casualties["month"].unique() if m != "unknown"
    )
    first, last = periods.count_period(fixture_dataset)
    assert first == dt.date.fromisoformat(months[0] + "-01")
    assert last.strftime("%Y-%m") == months[-1]
    assert (last + dt.timedelta(days=1)).day == 1  # the month's last day


def test_the_shipped_count_is_as_of_its_last_record(real_dataset):
    assert periods.count_period(real_dataset) == (dt.date(2022, 2, 25), dt.date(2023, 4, 11))
    assert periods.as_of_note(real_dataset) == (
        "Articles as of 10 Jan 2023 (the latest publication date known); death count as of "
        "11 Apr 2023 (Bessudnov (2023), records from 25 Feb 2022)."
    )
    # the rates over the whole period say which days they cover (Why these regions, Briefing)
    assert periods.whole_period_text(real_dataset) == (
        "the whole period (25 Feb 2022 \u2013 11 Apr 2023)"
    )


def test_a_window_covers_the_count_only_with_every_month(real_dataset):
    assert not periods.covers_count(real_dataset, dt.date(2022, 2, 24), dt.date(2023, 1, 10))
    assert periods.covers_count(real_dataset, dt.date(2022, 2, 1), dt.date(2023, 4, 1))
    assert not periods.covers_count(real_dataset, dt.date(2022, 3, 1), dt.date(2023, 6, 30))


def test_no_records_no_period(fixture_dataset):
    empty = replace(
        fixture_dataset.regional, casualties=fixture_dataset.regional.casualties.iloc[0:0]
    )
    data = replace(fixture_dataset, regional=empty)
    assert periods.count_period(data) is None
    assert periods.whole_period_text(data) == "the whole period"
    assert periods.as_of_note(data).endswith("(the latest publication date known).")
