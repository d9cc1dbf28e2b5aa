"""Overview: what Home Front covers, the headline numbers with their sources, where to go next."""

from __future__ import annotations

import streamlit as st

from components import cached
from components.figures import figure_metric
from components.filters import current_filters
from components.navigation import PAGES
from components.provenance import provenance
from components.text import escape_md
from homefront import rates
from homefront.citations import month_name

config = cached.config()
data = cached.dataset()
filters = current_filters()

st.title(escape_md(config.title))
st.subheader(escape_md(config.subtitle))
st.markdown(
    "How Russian soldiers' mothers, wives and families were heard, handled and counted "
    "from the invasion of Ukraine on 24 February 2022 to the New Year's Day strike on "
    "mobilised soldiers in January 2023, told through five articles (BBC, The Moscow Times, "
    "Newsweek, RFE/RL and an academic analysis from The Conversation) and a crowdsourced "
    "count of confirmed military deaths by region. Every number below says who claimed it "
    "and who reported it."
)

casualties = data.regional.casualties
months = cached.view("known_months", (), lambda: rates.known_months(casualties))
st.header("Confirmed deaths")
with st.container(border=True):
    st.metric(
        "Russian military deaths confirmed by name",
        f"{int(casualties['deaths'].sum()):,}",
        help="A lower bound: only deaths found in public obituaries and announcements.",
    )
provenance(
    data,
    ["bessudnov2023"],
    f"Deaths confirmed from {month_name(months[0])} to {month_name(months[-1])} in public "
    "obituaries and official "
    "announcements (crowdsourced). A lower bound, not a total: the Regions map shows them "
    "per region and per capita.",
)

by_id = {f.id: f for f in data.figures}
headline = [by_id[fid] for fid in config.headline_figures]
if headline:
    st.header("Headline numbers")
    for row_start in range(0, len(headline), 2):
        columns = st.columns(2)
        for column, figure in zip(columns, headline[row_start : row_start + 2], strict=False):
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

events = cached.events(filters)
quotes = sum(len(e.quotes) for e in data.events)
latest = max(s.published for s in data.sources.values() if s.kind != "dataset")
st.info(
    f"**Data as of {latest:%-d %B %Y}** (the latest article). "
    f"{len(data.sources)} sources, {len(data.events)} events, {len(data.figures)} claimed "
    f"figures, {quotes} verbatim quotes. With the current filters: {len(events)} events.",
    icon=":material/info:",
)
