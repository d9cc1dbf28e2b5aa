"""Record tables that read like a report: dates at their precision, claims as words, no ids.

homefront.queries builds the tidy tables (ids, ISO dates, numbers) that downloads carry;
this module adds what a reader needs beside them (issue 13.7): the date as the sources
give it ("Sep 2022 (month only)", not "1 Sep 2022"), each claim in words with what it
counts (issue 13.6: Milley's two estimates differ only in their subject), the claim a
revision revises instead of its id, and text, never None, in every cell shown.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from homefront.citations import source_date
from homefront.claim_dates import as_of_text
from homefront.claim_values import PEOPLE, number_text
from homefront.config import AppConfig
from homefront.dataset import Dataset
from homefront.event_dates import event_date_text
from homefront.queries import events_table, figures_table, quotes_table
from homefront.schemas import Claim, Event


def rows_for(table: pd.DataFrame, column: str, keys: Iterable[str]) -> pd.DataFrame:
    """The rows of a whole-dataset report whose `column` is one of keys, in the table's order.

    Every report here (and homefront.ledger's, but for its conflict columns, which
    ledger.with_conflicts writes for the rows kept) is built row by row: no cell depends on
    which other records are kept, and the rows are in the dataset's order, which the filters
    keep, or sorted on a key that orders every row. So a view's table is these rows of the report
    built once for every record: a selection, not a build, for each new view (thousands of
    events at 100x data), and one column type for every view of a column.
    """
    keep = set(keys)
    # a list of bools, not Series.isin: pandas 3's isin on a string column makes an Arrow
    # scalar of every key first (13 ms for 3,000 keys, against 0.5 ms this way)
    kept = np.array([value in keep for value in table[column].tolist()], dtype=bool)
    return table[kept].reset_index(drop=True)


def claim_text(figure: Claim, dataset: Dataset) -> str:
    """The number and what it counts: 'about 100,000 Russian soldiers'. A number with a
    unit keeps it, the subject after it: '2 days (Her son's unit)', never '2 Her son's
    unit'."""
    measure = dataset.measures[figure.measure]
    number = number_text(figure, measure)
    if not figure.subject:
        return number
    if measure.unit == PEOPLE:
        return f"{number} {figure.subject}"
    return f"{number} ({figure.subject})"


def claim_reference(figure: Claim, dataset: Dataset) -> str:
    """A claim named as a reader would: '63 Russian soldiers (Russian Ministry of Defence,
    January 2023)'. Used where a table would otherwise show its id."""
    when = as_of_text(figure, dataset.sources[figure.source])
    return f"{claim_text(figure, dataset)} ({figure.claimant}, {when})"


def events_report(events: Iterable[Event], dataset: Dataset, config: AppConfig) -> pd.DataFrame:
    """queries.events_table, with the date as the sources give it, the category's label
    (config.yaml) and regions by name."""
    events = list(events)
    names = dataset.region_names
    table = events_table(events, dataset)
    table.insert(1, "when", [event_date_text(e) for e in events])
    table.insert(
        table.columns.get_loc("category") + 1,
        "category_label",
        [config.category(e.category).label for e in events],
    )
    table["region_names"] = [", ".join(names.get(r, r) for r in e.regions) for e in events]
    return table


def figures_report(figures: Iterable[Claim], dataset: Dataset) -> pd.DataFrame:
    """queries.figures_table, with each claim and its date in words and revisions by name."""
    figures = list(figures)
    by_id = dataset.figure_by_id
    table = figures_table(figures, dataset)
    table.insert(1, "claim", [claim_text(f, dataset) for f in figures])
    table.insert(2, "when", [as_of_text(f, dataset.sources[f.source]) for f in figures])
    table["revises_claim"] = [
        claim_reference(by_id[f.revises], dataset) if f.revises in by_id else "" for f in figures
    ]
    return table


def quotes_report(events: Iterable[Event], dataset: Dataset) -> pd.DataFrame:
    """queries.quotes_table, with the event's title and its date as the sources give it."""
    events = list(events)
    table = quotes_table(events, dataset)
    by_id = {e.id: e for e in events}
    table["event_title"] = [by_id[e].title for e in table["event"]]
    table["when"] = [event_date_text(by_id[e]) for e in table["event"]]
    return table


SOURCE_COLUMNS = [
    "id",
    "short_name",
    "outlet",
    "title",
    "author",
    "published",
    "published_as",
    "date_precision",
    "date_note",
    "covers",
    "kind",
    "url",
    "doi",
    "repository",
    "licence_note",
]


def sources_report(dataset: Dataset) -> pd.DataFrame:
    """One row per source: its date as precisely as known and, for a dataset, the days
    its records cover; empty text where a field is unknown, never None."""
    rows = []
    for s in dataset.sources.values():
        covers = (
            f"{s.data_start:%-d %b %Y} \u2013 {s.data_end:%-d %b %Y}"
            if s.data_start and s.data_end
            else ""
        )
        rows.append(
            s.model_dump(exclude={"data_start", "data_end"})
            | {"published_as": source_date(s), "covers": covers}
        )
    return pd.DataFrame(rows, columns=SOURCE_COLUMNS)
