"""Data & methods: every record behind the dashboard, its provenance and its limits."""

from __future__ import annotations

import streamlit as st

from components import cached, views
from components.filters import current_filters, filters_home
from components.provenance import download_csv, provenance
from components.tables import (
    EVENT_COLUMNS,
    FIGURE_COLUMNS,
    QUOTE_COLUMNS,
    SOURCE_COLUMNS,
    record_table,
)
from components.text import escape_md

config = cached.config()
data = cached.dataset()
filters = current_filters()

st.title("Data & methods")
st.markdown(
    "Every event, figure and quote in Home Front names its source. Dates carry their "
    f"precision; claimed numbers say who claimed them. The tables below follow "
    f"{filters_home()} filters. Each download holds exactly the rows shown and every field "
    "of them, and cites itself: each row names its sources, the filters and link of this "
    "view and the day it was downloaded."
)

events = views.events(filters)
figures = views.figures(filters)
tab_events, tab_figures, tab_quotes, tab_sources, tab_methods = st.tabs(
    [
        f"Events ({len(events)} of {len(data.events)})",
        f"Figures ({len(figures)} of {len(data.figures)})",
        "Quotes",
        f"Sources ({len(data.sources)})",
        "Methods & caveats",
    ]
)

with tab_events:
    table, arrow = views.events_table(filters)
    record_table(arrow, EVENT_COLUMNS, f"Events shown: {len(events)} of {len(data.events)}")
    used = {s for e in events for s in e.sources}
    download_csv(data, table, used, "events", "homefront_events.csv")
    provenance(data, used)

with tab_figures:
    table, arrow = views.figures_table(filters)
    record_table(
        arrow, FIGURE_COLUMNS, f"Claimed figures shown: {len(figures)} of {len(data.figures)}"
    )
    used = {f.source for f in figures}
    download_csv(data, table, used, "claimed figures", "homefront_figures.csv")
    provenance(
        data,
        used,
        "Each figure is a claim by the named claimant, as reported by the outlet; "
        "claims differ in scope and are not directly comparable.",
    )

with tab_quotes:
    table, arrow = views.quotes_table(filters)
    record_table(arrow, QUOTE_COLUMNS, f"Quotes from the {len(events)} events shown")
    used = set(table["source"])
    download_csv(data, table, used, "quotes", "homefront_quotes.csv")
    provenance(data, used, "Quotes are verbatim from the sources (quote marks normalised).")

with tab_sources:
    table, arrow = views.sources_table()
    record_table(arrow, SOURCE_COLUMNS, f"The {len(data.sources)} sources")
    download_csv(data, table, data.sources, "sources", "homefront_sources.csv")

with tab_methods:
    st.markdown(
        """
**How dates are recorded.** An event's date is as precise as its sources allow:
*day*, *week*, *month* or *approximate*. Where a source gives no date, or only a
relative one ("on Friday", "earlier this month"), the date is worked out from
what the source does say, and the reasoning is kept in the record's date note.
Article publication dates that are not printed are marked *inferred*.

**How numbers are recorded.** Each figure is a claim: who made it, when it
applied, which outlet reported it, and a verbatim quote containing it. A
qualifier (*exact*, *at least*, *about*, *more than*) keeps the source's own
hedging. A revised figure is a new record that points to the one it revises.

**Confirmed deaths are a lower bound.** Counts from public obituaries and
official announcements (Bessudnov 2023) undercount real losses, and coverage
differs between regions.

**What is not here.** The article texts are not copied; only short, attributed
quotes are. Row-level casualty records are never included, only aggregates.
Unknown URLs, authors and dates are left empty rather than guessed.
"""
    )
    st.markdown("**Licences and sources**")
    for source in data.sources.values():
        st.markdown(f"- **{escape_md(source.short_name)}**: {escape_md(source.licence_note)}")
