"""homefront.report_tables: tables that read like a report (issues 13.6 and 13.7)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from homefront.filters import ViewFilters
from homefront.ledger import find_conflicts, ledger_table, with_conflicts
from homefront.queries import filter_events, filter_figures
from homefront.report_tables import (
    events_report,
    figures_report,
    quotes_report,
    rows_for,
    sources_report,
)

ROOT = Path(__file__).resolve().parents[2]


def test_every_row_of_the_figures_table_says_what_it_counts(data):
    table = figures_report(data.figures, data).set_index("id")
    milley = table.loc[["milley-russian-killed-or-injured", "milley-ukrainian-killed-or-injured"]]
    assert milley["claim"].tolist() == [
        "about 100,000 Russian soldiers",
        "about 100,000 Ukrainian soldiers",
    ]
    shown = ["measure_label", "claim", "claimant", "when", "outlet", "revises_claim"]
    assert not table[shown].duplicated().any()  # no two rows a reader cannot tell apart


def test_a_number_with_a_unit_keeps_it(data):
    """'2 days (Her son's unit)' and '10,000–15,000 roubles per month (…)', never '2 Her
    son's unit'; a head count reads on into its subject."""
    table = figures_report(data.figures, data).set_index("id")
    for figure in data.figures:
        unit = data.measures[figure.measure].unit
        claim = table.loc[figure.id, "claim"]
        if unit == "people":
            assert unit not in claim.split(figure.subject or "\0")[0], claim
        else:
            number = claim.split(f" {unit}")[0]
            assert claim.startswith(f"{number} {unit}"), claim
            if figure.subject:
                assert claim.endswith(f" ({figure.subject})"), claim
    assert any(data.measures[f.measure].unit != "people" for f in data.figures)


def test_a_revision_names_the_claim_it_revises(data):
    table = figures_report(data.figures, data).set_index("id")
    assert table.loc["mod-strike-dead-revised", "revises_claim"] == (
        "63 Russian soldiers (Russian Ministry of Defence, January 2023)"
    )
    assert table.loc["mod-strike-dead-initial", "revises_claim"] == ""


def test_month_dates_are_months_not_first_days(data, config):
    events = events_report(data.events, data, config).set_index("id")
    month = next(e for e in data.events if e.date_precision == "month" and not e.date_end)
    assert events.loc[month.id, "when"] == f"{month.date:%B %Y} (month only)"
    figures = figures_report(data.figures, data).set_index("id")
    assert figures.loc["russian-mod-dead-march", "when"] == "March 2022"


def test_no_cell_shown_is_none(data, config):
    for table in (
        events_report(data.events, data, config),
        figures_report(data.figures, data),
        quotes_report(data.events, data),
        sources_report(data),
    ):
        text = table.select_dtypes(exclude="number").drop(
            columns=[c for c in ("date_end", "value", "low", "high") if c in table], errors="ignore"
        )
        assert not text.isna().any().any()
        assert not text.astype(str).isin(["None", "nan", "NaT"]).any().any()


def test_sources_say_when_their_records_run(data):
    table = sources_report(data).set_index("id")
    assert table.loc["bessudnov2023", "covers"] == "25 Feb 2022 \u2013 11 Apr 2023"
    assert table.loc["bbc", "published_as"] == "25\u201330 Nov 2022 (date inferred)"
    assert table.loc["bbc", "covers"] == ""


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (dt.date(2022, 2, 24), dt.date(2023, 1, 10), ""),
        (dt.date(2022, 9, 1), dt.date(2022, 10, 31), ""),
        (dt.date(2022, 2, 24), dt.date(2023, 1, 10), "mothers"),
        (dt.date(2022, 3, 1), dt.date(2022, 3, 2), "no record says this"),
    ],
    ids=["whole", "autumn", "search", "nothing"],
)
def test_a_views_rows_of_the_whole_report_are_the_report_of_what_it_keeps(
    data, config, start, end, text
):
    """What components.views serves (rows of the report built once) is, cell for cell, the
    report built from the records the filters keep, in the whole report's column types (a
    report built from no rows, or from claims none of which has a range, types its columns
    differently: the served one keeps one type per column for every view)."""
    filters = ViewFilters(start, end, tuple(c.id for c in config.categories), tuple(data.sources))
    filters = ViewFilters(**(vars(filters) | {"text": text}))
    events = filter_events(data.events, filters, data.sources)
    kept = [e.id for e in events]
    figures = filter_figures(data.figures, filters, data.sources)
    conflicts = find_conflicts(data.figures)

    def as_is(rows: pd.DataFrame) -> pd.DataFrame:
        return rows

    wholes = [
        (
            events_report(data.events, data, config),
            "id",
            kept,
            events_report(events, data, config),
            as_is,
        ),
        (
            figures_report(data.figures, data),
            "id",
            [f.id for f in figures],
            figures_report(figures, data),
            as_is,
        ),
        (quotes_report(data.events, data), "event", kept, quotes_report(events, data), as_is),
        (  # the ledger's conflicts written again among the rows kept
            ledger_table(data.figures, data, conflicts),
            "id",
            [f.id for f in figures],
            ledger_table(figures, data, conflicts),
            lambda rows: with_conflicts(rows, data, conflicts),
        ),
    ]
    for whole, column, keys, built, serve in wholes:
        served = serve(rows_for(whole, column, keys))
        assert list(served.columns) == list(built.columns)
        assert _cells(served) == _cells(built)
        assert served.index.equals(built.index)
        assert served.dtypes.equals(whole.dtypes)


def test_rows_of_an_empty_report_keep_its_columns(data, config):
    empty = events_report([], data, config)
    assert list(rows_for(empty, "id", []).columns) == list(empty.columns)


def _cells(table: pd.DataFrame) -> list[list[object]]:
    """Every cell as a plain value, any missing one as None (NaN, NaT and None alike)."""
    return table.astype(object).where(table.notna(), None).values.tolist()
