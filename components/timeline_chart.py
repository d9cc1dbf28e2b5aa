"""The Timeline chart in Streamlit: places homefront.charts.timeline's figure; a click picks
an event.

A click is handled in the chart's on_select callback, which runs before the page does, so the
page already knows the picked event when it outlines it in the chart and shows its detail.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from components.narrow import scroll_sideways
from homefront.charts.theme import TIMELINE_CONFIG
from homefront.charts.timeline_legend import CSS as LEGEND_CSS

CHART_KEY = "timeline_chart"
BOX_KEY = "timeline_chart_box"
# The chart is laid out for a laptop's width (homefront/charts/timeline.py places the phase labels
# and headings in pixels); on a phone it and its legends keep that width and scroll sideways.
NARROW_MIN_WIDTH_PX = 820


def picked_event(points: object, event_ids: Iterable[str]) -> str | None:
    """The event a click selected: the first point whose customdata starts with an event id.

    Clicks on confirmed deaths, claims or the outline carry no event id and pick nothing;
    nor does a selection no chart sends (a tampered client's: points not a list of dicts).
    """
    known = set(event_ids)
    for point in points if isinstance(points, list) else ():
        custom = point.get("customdata") if isinstance(point, dict) else None
        if (
            isinstance(custom, list)
            and custom
            and isinstance(custom[0], str)
            and custom[0] in known
        ):
            return custom[0]
    return None


def _on_click(event_key: str, event_ids: tuple[str, ...]) -> None:
    state = st.session_state[CHART_KEY]
    selection = state.get("selection") if isinstance(state, dict) else None
    points = selection.get("points") if isinstance(selection, dict) else None
    picked = picked_event(points, event_ids)
    if picked is not None:
        st.session_state[event_key] = picked
        # the detail is below the chart, likely out of sight: say where it went
        st.toast("Event details are below the chart.", icon=":material/south:")


def timeline_chart(
    figure: go.Figure,
    event_ids: Iterable[str],
    event_key: str,
    alt: str | None = None,
    legends: tuple[str, str] = ("", ""),
    selectable: bool = True,
    config: dict[str, Any] = TIMELINE_CONFIG,
) -> None:
    """Draw the chart; clicking an event stores its id in st.session_state[event_key].

    alt is the chart's accessible name, for screen readers. `legends` are the chart's legends
    drawn apart, as escaped HTML (homefront.charts.timeline_legend), placed above and below
    it: an element that does not change when the chart does is not drawn again. On a phone
    the chart and its legends keep a laptop's width and scroll sideways, with a line there
    saying so. A chart not `selectable` (a projector's slide, where an event's detail would
    open below the slide, out of a clicker's reach) still names each event on hover, and a
    click leaves it as it was. `config` is Plotly's (theme.SLIDE_CONFIG on a slide).
    """
    scroll_sideways(
        [BOX_KEY], NARROW_MIN_WIDTH_PX, "Swipe the chart sideways to see the whole period."
    )
    above, below = legends
    with st.container(key=BOX_KEY):
        if above:
            st.html(LEGEND_CSS + above)
        selection = (
            dict(on_select=partial(_on_click, event_key, tuple(event_ids)), selection_mode="points")
            if selectable
            else {}
        )
        st.plotly_chart(figure, alt=alt, key=CHART_KEY, config=config, theme=None, **selection)
        if below:
            st.html(("" if above else LEGEND_CSS) + below)
