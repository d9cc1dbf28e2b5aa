"""Data & methods: every record behind the dashboard, its provenance and its limits."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import pyarrow as pa
import streamlit as st

from components import cached, page_state, views
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
from homefront import links

config = cached.config()
data = cached.dataset()
filters = current_filters()
TAB = "_data_tab"  # the open tab, kept when the user visits another page and comes back

st.title("Data & methods")
st.markdown(
    "Every event, figure and quote in Home Front names its source. Dates carry their "
    f"precision; claimed numbers say who claimed them. The tables below follow "
    f"{filters_home()} filters. Each download holds exactly the rows shown and every field "
    "of them, and cites itself: each row names its sources, the filters and link of this "
    "view and the day it was downloaded."
)


def record_tab(
    table: pd.DataFrame,
    arrow: pa.Table,
    columns: dict,
    name: str,
    used: Iterable[str],
    file_name: str,
    note: str = "",
) -> None:
    """One tab: the records the filters keep (`name`: "events"), with their download and
    sources, or a plain line saying none is kept (no empty grid, no CSV of 0 rows)."""
    if table.empty:
        st.info(
            f"No {name} match {filters_home()} filters: widen a filter or clear the search.",
            icon=":material/filter_alt:",
        )
        return
    record_table(arrow, columns, f"{name.capitalize()} shown: {len(table)}")
    download_csv(data, table, used, name, file_name)
    provenance(data, used, note)


events = views.events_table(filters)
figures = views.figures_table(filters)
quotes = views.quotes_table(filters)
sources = views.sources_table(filters.sources)


def events_tab() -> None:
    used = {s for e in views.events(filters) for s in e.sources}
    record_tab(*events, EVENT_COLUMNS, "events", used, "homefront_events.csv")


def figures_tab() -> None:
    record_tab(
        *figures,
        FIGURE_COLUMNS,
        "claimed figures",
        set(figures[0]["source"]),
        "homefront_figures.csv",
        "Each figure is a claim by the named claimant, as reported by the outlet; "
        "claims differ in scope and are not directly comparable.",
    )


def quotes_tab() -> None:
    record_tab(
        *quotes,
        QUOTE_COLUMNS,
        "quotes",
        set(quotes[0]["source"]),
        "homefront_quotes.csv",
        "Quotes are verbatim from the sources (quote marks normalised).",
    )


def sources_tab() -> None:
    record_tab(*sources, SOURCE_COLUMNS, "sources", sources[0]["id"], "homefront_sources.csv")


def methods_tab() -> None:
    st.markdown(
        """
**How dates are recorded.** An event's date is as precise as its sources allow:
*day*, *week*, *month*, *approximate* (a stand-in day its note explains) or *earliest*
(only a first possible day is known: "11 Jul 2022 or later"; the date window keeps such an
event on any day up to the last day an article reporting it can have appeared, or with no
end where that is not known). Where a source gives no
date, or only a relative one ("on Friday", "earlier this month"), the date is worked out
from what the source does say, and the reasoning is kept in the record's date note.
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


TABS = {  # links.DATA_TABS: (label, what the tab draws)
    "events": (f"Events ({len(events[0])} of {len(data.events)})", events_tab),
    "figures": (f"Figures ({len(figures[0])} of {len(data.figures)})", figures_tab),
    "quotes": (f"Quotes ({len(quotes[0])} of {views.quote_count()})", quotes_tab),
    "sources": (f"Sources ({len(sources[0])} of {len(data.sources)})", sources_tab),
    "methods": ("Methods & caveats", methods_tab),
}
# Only the open tab runs (on_change="rerun" makes the tabs report which it is): a filter
# change draws one table, not four. The open tab is kept across pages and in the link
# (`tab=`). Its label carries counts that change with the filters, which makes the tabs a new
# widget, so the kept tab is also the one they open on.
kept = page_state.seed(TAB, lambda link: links.parse_tab(link.get(links.P_TAB)))
labels = [label for label, _ in TABS.values()]
containers = st.tabs(labels, default=TABS[kept][0], key="data_tab", on_change="rerun")
shown, container = next((n, c) for n, c in zip(TABS, containers, strict=True) if c.open)
page_state.keep(TAB, shown, links.tab_params(shown))
with container:
    TABS[shown][1]()
