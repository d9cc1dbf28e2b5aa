"""Placing a Why these regions scatter: the figure homefront.region_model_charts builds, with
the Regions page's chart settings and its accessible name. Nothing here builds a figure."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from components.region_charts import CHART_CONFIG
from homefront.region_model import ChartSpec, LineFit
from homefront.region_model_charts import alt_text


def place_scatter(chart: go.Figure, spec: ChartSpec, fit: LineFit | None, key: str) -> None:
    """The scatter, named for screen readers as the export names it."""
    st.plotly_chart(chart, config=CHART_CONFIG, key=key, alt=alt_text(spec, fit))
