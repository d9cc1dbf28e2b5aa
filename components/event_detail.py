"""One event in full: its date and how sure it is, our summary, the sources' own words.

Used under the Timeline's chart and meant for the Briefing too, so it takes everything it
shows as arguments and reads no page state.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from components.text import escape_md, md_link
from homefront.citations import source_date
from homefront.config import AppConfig
from homefront.dataset import Dataset
from homefront.event_dates import event_date_text, last_day_text
from homefront.schemas import Event, Source


def _source_line(source: Source) -> str:
    parts = [f"**{escape_md(source.outlet)}**", escape_md(f"\u201c{source.title}\u201d")]
    if source.author:
        parts.append(escape_md(source.author))
    parts.append(escape_md(source_date(source)))
    line = ", ".join(parts)
    return f"{line}. {md_link('Open the article', source.url)}" if source.url else line


def event_detail(
    dataset: Dataset,
    config: AppConfig,
    event: Event,
    region_links: Mapping[str, str] | None = None,
) -> None:
    """The event's date with its precision and note (and, for an "or later" event, the day
    the articles reporting it bound it by), summary, quotes, accounts and sources.

    region_links maps a region code to the URL of its view on the Regions page; regions
    without one are named as plain text.
    """
    region_links = region_links or {}
    names = dataset.region_names
    st.subheader(escape_md(event.title), anchor=False)
    category = config.category(event.category)
    st.markdown(f"**{escape_md(event_date_text(event))}** · {escape_md(category.label)}")
    if event.date_note:
        st.caption(escape_md(f"How this date was worked out: {event.date_note}"))
    if last_day := last_day_text(event, dataset.sources):
        st.caption(escape_md(last_day))
    st.markdown(escape_md(event.summary))

    if event.quotes:
        st.markdown("**In their own words**")
        for quote in event.quotes:
            outlet = dataset.sources[quote.source].short_name
            st.markdown(
                f"> \u201c{escape_md(quote.text)}\u201d  \n"
                f"> \u2014 {escape_md(quote.speaker)}, *{escape_md(outlet)}*"
            )
    if event.accounts:
        st.markdown("**How each source tells it**")
        lines = []
        for account in event.accounts:
            outlet = escape_md(dataset.sources[account.source].short_name)
            given = (
                f" (dates it \u201c{escape_md(account.date_as_given)}\u201d)"
                if account.date_as_given
                else " (gives no date)"
            )
            lines.append(f"- **{outlet}**{given}: {escape_md(account.account)}")
        st.markdown("\n".join(lines))

    st.markdown("**Sources**")
    st.markdown("\n".join(f"- {_source_line(dataset.sources[s])}" for s in event.sources))
    if event.regions:
        regions = [
            md_link(names.get(code, code), region_links[code])
            if code in region_links
            else escape_md(names.get(code, code))
            for code in event.regions
        ]
        st.markdown(f"**Regions named:** {', '.join(regions)}")
