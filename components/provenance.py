"""The one place that shows where a chart, map or table comes from (like a footnote)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

from components.text import escape_md, md_url
from homefront.citations import citation_parts, csv_with_citation
from homefront.dataset import Dataset
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
    """A download button for exactly the rows shown, with the citation in the file.

    The CSV is written when the button is pressed, not on every rerun of the page.
    """
    sources = used_sources(dataset, source_ids)
    st.download_button(
        f"Download CSV ({len(table)} rows)",
        data=lambda: csv_with_citation(table, sources, title),
        file_name=file_name,
        mime="text/csv",
        icon=":material/download:",
        key=f"download_{file_name}",
    )
