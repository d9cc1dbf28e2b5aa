"""Overview: what Home Front covers, the headline numbers with their sources, where to go next."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from components import cached, views
from components.figures import figure_metric
from components.filters import count_left_out, current_filters, filters_home, offer_full_period
from components.navigation import PAGES
from components.provenance import provenance
from components.text import escape_md
from homefront import periods, queries, region_text
from homefront.regional import COUNT_SOURCE

config = cached.config()
data = cached.dataset()
# the Overview applies the sidebar's window and sources (components/navigation.py)
filters = replace(current_filters(), categories=(), regions=(), text="")
window = periods.window_text(filters.start, filters.end)

st.title(escape_md(config.title))
st.subheader(escape_md(config.subtitle))
st.markdown(
    "How Russian soldiers' mothers, wives and families were heard, handled and counted "
    "from the invasion of Ukraine to the New Year's Day strike on mobilised soldiers, told "
    "through five articles (BBC, The Moscow Times, Newsweek, RFE/RL and an academic analysis "
    "from The Conversation) and a crowdsourced count of confirmed military deaths by region. "
    "Every number below says who claimed it, who reported it and the period it covers."
)
story = config.default_window
st.info(
    escape_md(
        f"The story: {periods.window_text(story.start, story.end)}. "
        f"{periods.as_of_note(data)} Shown below: {filters_home()} window, {window}, "
        "and its sources."
    ),
    icon=":material/calendar_month:",
)

st.header("Confirmed deaths")
if not count_left_out(data, filters, "its confirmed deaths"):
    confirmed = views.confirmed_deaths(filters.start, filters.end)
    in_window = region_text.window_text(filters.start, filters.end)
    with st.container(border=True):
        st.metric(
            f"Russian military deaths confirmed by name, {in_window}",
            f"{confirmed:,}",
            help="A lower bound: only deaths found in public obituaries and announcements.",
        )
    provenance(
        data,
        [COUNT_SOURCE],
        f"Deaths confirmed {in_window} (whole months) in public obituaries and official "
        "announcements (crowdsourced). A lower bound, not a total: the Regions map shows them "
        "per region and per capita.",
    )
    offer_full_period(config, data, filters)

by_id = {f.id: f for f in data.figures}
headline = [by_id[fid] for fid in data.story.headline_figures]
kept = {f.id for f in queries.filter_figures(headline, filters, data.sources)}
shown = [f for f in headline if f.id in kept]
if headline:
    st.header("Headline numbers")
    st.caption(
        f"{len(shown)} of {len(headline)} headline claims are dated within {filters_home()} "
        "window, or may be where their date is inferred, and were reported by its sources."
    )
    for row_start in range(0, len(shown), 2):
        columns = st.columns(2)
        for column, figure in zip(columns, shown[row_start : row_start + 2], strict=False):
            with column:
                figure_metric(data, figure)
    st.caption(
        "Claims differ in what they count and when; none is a full count. "
        "All figures with their quotes are on the Data & methods page."
    )

st.header("In the dashboard")
for page_id in config.pages[1:]:
    spec = PAGES[page_id]
    st.page_link(spec.file, label=f"{spec.title}: {spec.blurb}", icon=spec.icon)

quotes = sum(len(e.quotes) for e in data.events)
st.caption(
    f"In the dataset: {len(data.sources)} sources, {len(data.events)} events, "
    f"{len(data.figures)} claimed figures, {quotes} verbatim quotes."
)
