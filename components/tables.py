"""How record tables are shown: readable column order, names and formats, in one place."""

from __future__ import annotations

import pyarrow as pa
import streamlit as st

_DATE = "D MMM YYYY"

EVENT_COLUMNS = {
    "date": st.column_config.DateColumn("Date", format=_DATE),
    "date_end": st.column_config.DateColumn("Until", format=_DATE),
    "date_precision": st.column_config.TextColumn("Precision"),
    "title": st.column_config.TextColumn("Event", width="large"),
    "category": st.column_config.TextColumn("Category"),
    "outlets": st.column_config.TextColumn("Reported by", width="medium"),
    "regions": st.column_config.TextColumn("Regions"),
    "summary": st.column_config.TextColumn("Summary", width="large"),
    "date_note": st.column_config.TextColumn("How the date is known", width="large"),
    "quotes": st.column_config.NumberColumn("Quotes"),
    "accounts_differ": st.column_config.CheckboxColumn("Accounts differ"),
    "id": st.column_config.TextColumn("Id"),
}

FIGURE_COLUMNS = {
    "measure_label": st.column_config.TextColumn("Measure", width="medium"),
    "qualifier": st.column_config.TextColumn("Qualifier"),
    "value": st.column_config.NumberColumn("Value", format="localized"),
    "low": st.column_config.NumberColumn("Low", format="localized"),
    "high": st.column_config.NumberColumn("High", format="localized"),
    "claimant": st.column_config.TextColumn("Claimed by", width="medium"),
    "as_of": st.column_config.DateColumn("As of", format=_DATE),
    "as_of_precision": st.column_config.TextColumn("Precision"),
    "outlet": st.column_config.TextColumn("Reported by"),
    "quote": st.column_config.TextColumn("Quote", width="large"),
    "region": st.column_config.TextColumn("Region"),
    "revises": st.column_config.TextColumn("Revises"),
    "note": st.column_config.TextColumn("Note", width="medium"),
    "id": st.column_config.TextColumn("Id"),
}

QUOTE_COLUMNS = {
    "quote": st.column_config.TextColumn("Quote", width="large"),
    "speaker": st.column_config.TextColumn("Speaker", width="medium"),
    "outlet": st.column_config.TextColumn("Outlet"),
    "event_date": st.column_config.DateColumn("Event date", format=_DATE),
    "event": st.column_config.TextColumn("Event id"),
}


def record_table(table: pa.Table, columns: dict) -> None:
    """A scrollable, sortable table showing the named columns in the given order.

    An Arrow table (cached.table), so a rerun does not convert the frame again.
    """
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_order=list(columns),
        column_config=columns,
    )
