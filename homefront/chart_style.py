"""The look the Regions and Why these regions charts share: colours, text size, one-trace
figures with readable axes.

Streamlit-free, so the offline briefing export draws these charts exactly as the pages do
(components/region_charts.py and homefront/region_model_charts.py build on it). Each figure
is built in one call from plain dicts: Plotly's update_* methods re-validate the figure on
every call and cost about ten times more, on a page that reruns on every filter.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

FOCUS_COLOUR = "#B23A48"  # Buryatia and Tyva, as the map outlines them
SELECTED_COLOUR = "#005AC8"  # the selected region, as the map outlines it
OTHER_COLOUR = "#8796AA"
FONT_SIZE = 15


def axis(title: str = "", size: int = FONT_SIZE, **settings: Any) -> dict[str, Any]:
    """An axis with readable text (Streamlit's chart theme otherwise draws ticks at 12 px)."""
    return {
        "title": {"text": title, "font": {"size": size}},
        "tickfont": {"size": size - 1},
        **settings,
    }


def figure(
    trace: dict[str, Any],
    title: str,
    height: int,
    xaxis: dict,
    yaxis: dict,
    size: int = FONT_SIZE,
) -> go.Figure:
    """One trace, a left-aligned title, no legend (colours are explained in captions)."""
    return go.Figure(
        data=[trace],
        layout={
            "title": {"text": title, "font": {"size": size + 2}, "x": 0, "xanchor": "left"},
            "height": height,
            "font": {"size": size},
            "margin": {"l": 10, "r": 20, "t": 50, "b": 10},
            "showlegend": False,
            "hoverlabel": {"font": {"size": size}},
            "xaxis": xaxis,
            "yaxis": yaxis,
        },
    )
