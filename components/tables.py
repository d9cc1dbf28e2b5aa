"""How record tables are shown: readable columns, names and widths, in one place.

Every column shown is text or a whole number (homefront.report_tables): a date at its
precision, a claim in words, a revision by the claim it revises, never "None". Widths are
in pixels and add up to fit the page at 1440 px wide with the sidebar open, so no column
is cut off; long text (summaries, quotes) is in the download and the record's own view.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pyarrow as pa
import streamlit as st

TextColumn, NumberColumn = st.column_config.TextColumn, st.column_config.NumberColumn

# at 1440 x 900 with the sidebar open a table has about 950 px: each set stays within 930
EVENT_COLUMNS = {
    "when": TextColumn("Date", width=190, help="As precisely as the sources give it"),
    "title": TextColumn("Event", width=360),
    "category_label": TextColumn("Category", width=130),
    "outlets": TextColumn("Reported by", width=160),
    "region_names": TextColumn("Regions", width=80),
}

FIGURE_COLUMNS = {
    "measure_label": TextColumn("Measure", width=140),
    "claim": TextColumn("Claim: what it counts", width=210, help="The number and its subject"),
    "claimant": TextColumn("Claimed by", width=150),
    "when": TextColumn("As of", width=230, help="As precisely as the source gives it"),
    "outlet": TextColumn("Reported by", width=100),
    "revises_claim": TextColumn("Revises", width=90),
}

QUOTE_COLUMNS = {
    "quote": TextColumn("Quote", width=380),
    "speaker": TextColumn("Speaker", width=190),
    "outlet": TextColumn("Outlet", width=120),
    "when": TextColumn("Event date", width=130),
    "event_title": TextColumn("Event", width=100),
}

SOURCE_COLUMNS = {
    "short_name": TextColumn("Source", width=170),
    "title": TextColumn("Title", width=300),
    "author": TextColumn("Author", width=140),
    "published_as": TextColumn("Published", width=150),
    "covers": TextColumn("Records cover", width=150),
}


def record_table(table: pa.Table, columns: dict, alt: str) -> None:
    """A sortable table of the named columns, in order; `alt` is its accessible name.

    An Arrow table (cached.with_arrow), so a rerun does not convert the frame again, and
    only its columns shown are sent (a zero-copy selection): the rest are in the download,
    and every rerun hashes and sends what st.dataframe is given (the events' summaries made
    three quarters of their table's 2.2 MB at 100x data).
    """
    st.dataframe(
        table.select(list(columns)),
        hide_index=True,
        width="stretch",
        column_order=list(columns),
        column_config=columns,
        alt=alt,
    )


def table_alternative(
    frame: pd.DataFrame | pa.Table, name: str, download: Callable[[], None]
) -> None:
    """A chart's data as a table, under the chart, with its download: for screen readers and
    for readers who would rather read the numbers. `name` is its accessible name."""
    with st.expander(f"Table: {name}"):
        st.dataframe(frame, hide_index=True, width="stretch", alt=name)
        download()
