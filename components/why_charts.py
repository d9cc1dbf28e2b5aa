"""Placing a Why these regions scatter: the figure homefront.charts.region_model builds, with
the Regions page's chart settings and its accessible name. Nothing here builds a figure."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from homefront.charts.region_model import alt_text
from homefront.charts.theme import CHART_CONFIG
from homefront.region_model import ChartSpec, LineFit


def place_scatter(chart: go.Figure, spec: ChartSpec, fit: LineFit | None, key: str) -> None:
    """The scatter, named for screen readers as the export names it."""
    st.plotly_chart(chart, config=CHART_CONFIG, key=key, alt=alt_text(spec, fit))
