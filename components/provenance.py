"""The one place that shows where a chart, map or table comes from (like a footnote)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

from components import cached
from components.filters import current_filters, describe_filters
from components.page_state import view_link_holder
from components.text import escape_md, md_url
from homefront.citations import citation_parts
from homefront.dataset import Dataset
from homefront.downloads import ViewRecord, download_bytes
from homefront.schemas import Source


def used_sources(dataset: Dataset, source_ids: Iterable[str]) -> list:
    """The Source records for ids, in the dataset's order, each once."""
    wanted = set(source_ids)
    return [s for s in dataset.sources.values() if s.id in wanted]


def citation_md(source: Source) -> str:
    """The source's citation as Markdown: its words as text, its curated URL a link that
    copies as written."""
    return ", ".join(
        md_url(part) if source.url and part == source.url else escape_md(part)
        for part in citation_parts(source)
    )


def provenance(dataset: Dataset, source_ids: Iterable[str], note: str = "") -> None:
    """A caption under a view: each source it rests on, and any caveat."""
    lines = [f"Source: {citation_md(s)}" for s in used_sources(dataset, source_ids)]
    if note:
        lines.append(escape_md(note))
    if lines:
        st.caption("  \n".join(lines))


def download_csv(
    dataset: Dataset, table: pd.DataFrame, source_ids: Iterable[str], title: str, file_name: str
) -> None:
    """A download button for exactly the rows shown, citing itself (homefront.downloads).

    The CSV is written when the button is pressed, not on every rerun of the page; by then
    the link to the view is complete (components.page_state.view_link_holder).
    """
    sources = used_sources(dataset, source_ids)
    filters = f"Home Front, {title}; " + describe_filters(
        current_filters(), cached.config(), dataset
    )
    link = view_link_holder()
    st.download_button(
        f"Download CSV ({len(table)} rows)",
        data=lambda: download_bytes(table, sources, ViewRecord(filters, link.get("link", ""))),
        file_name=file_name,
        mime="text/csv",
        on_click="ignore",  # nothing on the page changes: no rerun
        icon=":material/download:",
        key=f"download_{file_name}",
    )
