"""Claimed numbers shown as a reader expects: the number, who claims it, as of when."""

from __future__ import annotations

import streamlit as st

from components.text import escape_md
from homefront.claim_dates import as_of_text
from homefront.claim_values import number_text
from homefront.dataset import Dataset
from homefront.schemas import Claim


def figure_metric(dataset: Dataset, figure: Claim) -> None:
    """A headline number with its claimant, date and outlet right under it."""
    measure = dataset.measures[figure.measure]
    with st.container(border=True):
        # the label above, in full: st.metric truncates long labels to one line
        label = measure.label
        if figure.region:
            label += f": {dataset.region_names.get(figure.region, figure.region)}"
        st.markdown(f"**{escape_md(label)}**", help=escape_md(measure.counts))
        st.metric(  # the value is Markdown too, and a unit is data
            escape_md(measure.label),
            escape_md(number_text(figure, measure)),
            label_visibility="collapsed",
        )
    revised = ""
    if figure.revises:
        earlier = next(f for f in dataset.figures if f.id == figure.revises)
        revised = f" Revised from {number_text(earlier, measure)}."
    source = dataset.sources[figure.source]
    st.caption(
        escape_md(
            f"Claimed by {figure.claimant}, as of {as_of_text(figure, source)}. "
            f"Reported by {source.short_name}.{revised}"
        )
    )
