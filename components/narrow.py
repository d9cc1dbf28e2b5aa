"""On a phone: charts laid out in pixels for a laptop (lane names, phase labels, outlet names
set level) would overlap if squeezed, so on a narrow screen they keep a laptop's width and
scroll sideways, and a line shown only there says so (a phone shows no scroll bar, so nothing
else tells the reader a chart goes on past the screen's edge).

CSS only, fixed and data-free: the server does not know the reader's screen width.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import streamlit as st

NARROW_MAX_PX = 700  # at or under this width, a screen is a phone's
HINT_CLASS = "hf-swipe-hint"
CONTAINER = '[data-testid="stElementContainer"]'


def scroll_sideways(keys: Iterable[str], min_width_px: int, hint: str) -> None:
    """On a narrow screen, each keyed container keeps min_width_px and scrolls sideways, and
    the hint shows, here (call this just above the charts). Style and hint are one element,
    so they arrive together: a laptop never sees the hint for the moment before its rule."""
    boxes = "".join(
        f" .st-key-{k} {{ overflow-x: auto; }} .st-key-{k} > div {{ min-width: {min_width_px}px; }}"
        for k in keys
    )
    st.html(
        f"<style>@media (max-width: {NARROW_MAX_PX}px) {{{boxes} }}"
        f" @media (min-width: {NARROW_MAX_PX + 1}px) {{"
        f" {CONTAINER}:has(> * .{HINT_CLASS}) {{ display: none; }} }}"
        f" .{HINT_CLASS} {{ font-size: 0.875rem; opacity: 0.6; margin: 0; }}</style>"
        f'<p class="{HINT_CLASS}">{html.escape(hint)}</p>'
    )
