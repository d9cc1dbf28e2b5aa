"""The Regions choropleth on the page: places homefront.charts.region_map's deck, turns a
click into the picked region, measures the width the page has for the map and keeps the
map's tooltip inside it; and its legend. Nothing here builds a chart.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from components.filters import filters_home
from components.text import escape_md
from homefront.charts.classes import Legend
from homefront.charts.region_map import (
    ASSUMED_WIDTH,
    LAYER_ID,
    MAP_HEIGHT,
    MAP_WIDTHS,
    WIDTH_STEP,
    SerialisedDeck,
    legend_note,
)
from homefront.charts.theme import LEGEND_CONFIG

# A window dragged or the sidebar sliding changes the map's width on every frame: the probe
# reports it once it has held for this long, so the map is rebuilt once, not once a step
WIDTH_SETTLE_MS = 200

# The map's page-side helper, one element before the map (one more would add a gap under it):
# it reports the width the page has for the map, and keeps the map's tooltip inside the map.
#
# deck.gl puts its tooltip's top-left corner at the pointer, and the map clips what passes its
# edges: hovering the Far East (Chukotka to Primorye) or the south (Tyva) cut the tooltip off,
# on a laptop and on a phone alike. Each time deck.gl moves the tooltip, it is shifted (the
# CSS `translate`, which adds to deck.gl's own `transform`) to the pointer's left or above it
# where it would pass the edge of the map, or of the screen where the map runs past it, and
# against that edge where neither side has room (homefront.charts.region_map.TOOLTIP_STYLE
# wraps a tooltip wider than the map). The block the map is in is watched, so a map drawn
# afresh under a new key is too.
PROBE_JS = f"""
export default function({{ parentElement, setStateValue, data }}) {{
  // Streamlit runs this again on the same element as reruns come and go, and calls a run's
  // cleanup at times while the element is still on the page: one probe per element (one of
  // each observer, the width last sent), kept until the element has left the page
  const probe = parentElement.__hfMapProbe || (parentElement.__hfMapProbe = {{}});
  // the width the map is built for: the one this probe last sent, else the one the page was
  // built for (the kept or assumed width). Not `known` once a width is sent: a run as the
  // rerun starts can bring the width from before it, and a second rerun would follow.
  probe.known = (data && data.known) || 0;
  probe.report = () => {{
    const width = Math.round(parentElement.getBoundingClientRect().width);
    const built = probe.sent === undefined ? probe.known : probe.sent;
    if (width > 0 && Math.abs(width - built) >= {WIDTH_STEP}) {{
      probe.sent = width;
      setStateValue("width", width);
    }}
  }};
  if (!probe.observer) {{
    probe.observer = new ResizeObserver(() => {{
      clearTimeout(probe.settling);
      probe.settling = setTimeout(() => probe.report(), {WIDTH_SETTLE_MS});
    }});
    probe.observer.observe(parentElement);
  }}
  probe.report();
  const block = parentElement.closest('[data-testid="stVerticalBlock"]');
  if (!probe.tooltips && block) {{
    probe.tooltips = new MutationObserver((changes) => {{
      for (const change of changes) {{
        if (change.target.classList && change.target.classList.contains("deck-tooltip")) {{
          keepInside(change.target);
        }}
      }}
    }});
    const changes = {{ attributes: true, attributeFilter: ["style"], subtree: true }};
    probe.tooltips.observe(block, changes);
  }}
  return () => setTimeout(() => {{
    if (parentElement.isConnected || parentElement.__hfMapProbe !== probe) return;
    probe.observer.disconnect();
    if (probe.tooltips) probe.tooltips.disconnect();
    clearTimeout(probe.settling);
    delete parentElement.__hfMapProbe;
  }});
}}

// the shift along one axis that keeps `size` px from `at` between `low` and `high`
function shiftFor(at, size, low, high) {{
  if (at + size <= high) return 0;
  if (at - size >= low) return -size;
  return Math.max(low, high - size) - at;
}}

function keepInside(tip) {{
  const at = /translate\\(([-\\d.]+)px, ([-\\d.]+)px\\)/.exec(tip.style.transform);
  const frame = tip.parentElement;
  if (!at || !frame || tip.style.display === "none") return;
  // the part of the map on the screen, in the map's px
  const box = frame.getBoundingClientRect();
  const shift = [
    shiftFor(+at[1], tip.offsetWidth, Math.max(0, -box.left),
             Math.min(frame.clientWidth, window.innerWidth - box.left)),
    shiftFor(+at[2], tip.offsetHeight, Math.max(0, -box.top),
             Math.min(frame.clientHeight, window.innerHeight - box.top)),
  ].map((px) => `${{px}}px`).join(" ");
  if (tip.__hfShift !== shift) {{  // setting it is itself a change the observer sees
    tip.__hfShift = shift;
    tip.style.translate = shift;
  }}
}}
"""


_map_probe = st.components.v2.component("map_probe", js=PROBE_JS, isolate_styles=False)


def map_width(key: str) -> int:
    """The width the page has for the map, in px, as the browser reports it; ASSUMED_WIDTH
    until it has (the first visit of a session).

    The last width reported is kept for the session: the probe's own state goes when the
    viewer opens another page, and a return visit would otherwise build and send the whole
    map twice, once at a guessed zoom and again once the probe has reported (2–4 s later in
    a software-rendering browser, and a click in between lands on the wrong zoom). The probe
    is told the width the map is built for, so it asks for a rerun only when the width it
    finds differs."""
    kept = f"_{key}_last"
    built_for = st.session_state.get(kept, ASSUMED_WIDTH)
    width = _map_probe(
        key=key,
        data={"known": built_for},
        default={"width": None},
        height=0,
        on_width_change=lambda: None,
    )
    if type(width.width) is int and width.width in MAP_WIDTHS:  # not True, 1 or 10**400
        st.session_state[kept] = width.width
    return st.session_state.get(kept, built_for)


def picked_region(state: Mapping[str, Any]) -> str | None:
    """The region code in a map selection state, None when nothing is selected, or when the
    state is not one the map sends (a tampered client's: no objects, no code, a list)."""
    try:
        iso = state["selection"]["objects"][LAYER_ID][0]["properties"]["iso"]
    except (KeyError, IndexError, TypeError):
        return None
    return iso if isinstance(iso, str) else None


def region_map(
    deck: SerialisedDeck,
    key: str,
    on_pick: Callable[[str | None], None],
    alt: str,
    height: int = MAP_HEIGHT,
) -> None:
    """The map; a click on a region calls on_pick with its code (None when deselected).

    on_pick runs as the chart's selection callback, before the page reruns, so the page can
    set its region select box from it.
    """

    def picked() -> None:
        on_pick(picked_region(st.session_state[key]))

    st.pydeck_chart(
        deck,
        height=height,
        on_select=picked,
        selection_mode="single-object",
        key=key,
        alt=alt,
    )


def map_legend(legend: Legend, swatches: go.Figure) -> None:
    """What the colours measure, as text that wraps on a phone (a Plotly title would be cut),
    then the swatches (legend_figure, made once: components.views.legend_chart)."""
    st.markdown(f"**{escape_md(legend.title)}**")
    st.plotly_chart(swatches, config=LEGEND_CONFIG)
    st.caption(escape_md(legend_note(legend, filters_home())))
