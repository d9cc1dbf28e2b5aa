"""Margins that already fit a chart's axis labels, so Plotly draws the chart once.

Plotly's automargin draws a chart, measures its tick labels, and when they need more room
than the margins give, moves the margins and draws the whole chart again. Every chart here
started at 10 px and was pushed, so each chart a rerun changed was drawn twice (in Chromium's
profile, 6 Dec, Plotly's time a Compare search went 194 -> 126 ms once its charts were
drawn once, a Timeline search's 243 -> 182 ms). Here the labels are measured before they
are sent, from each character's width in the chart's font (font_widths.json,
scripts/build_font_widths.py), and the margin is set to what Plotly would push it to, a few
px over. automargin stays on: a label drawn wider than measured here (another browser's
sans-serif, a phone's rotated ticks) is pushed and drawn twice, as before, never cut.

The room beside the labels (title, standoff, padding) is what Plotly adds for each kind of
axis, measured in Chromium; tests/browser/test_chart_margins_browser.py holds the charts
sized here (Regions, Why these regions, Compare's heatmaps, the Timeline's left side) to
margins Plotly did not have to move.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Literal

Family = Literal["streamlit", "sans-serif"]

WIDTHS_FILE = Path(__file__).with_name("font_widths.json")
UNKNOWN_WIDTH = 1000  # a character not in the table: an em, wider than any letter there
PAD = 4  # px over the measure: a margin a pixel short draws the chart twice
# The most a side is given. Labels that need more (a name thousands of characters long in a
# hostile file) are left to automargin, which keeps Plotly's 64 px of plot; a margin given
# outright is kept even where it leaves none (on a 390 px phone, a chart ~350 px wide).
MAX_ROOM = 260
LINE_SPACING = 1.3  # Plotly's, between the lines of a label (<br>)
# one line of tick label, as Chromium draws it, per px of font size
LINE_HEIGHT = {"streamlit": 1.36, "sans-serif": 1.15}
# what Plotly adds beside an axis' tick labels, measured in Chromium: Streamlit's theme
# reserves an axis title's room even for an empty title (theme.axis gives every axis one)
THEMED_LEFT = 56
THEMED_BOTTOM = 52
UNTITLED_LEFT = 28  # Streamlit's theme, an axis with no title at all (Compare's heatmaps)
UNTITLED_TOP = 26
PLAIN_LEFT = 11  # the plotly_white template (the timeline, the briefing)

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_BOLD = re.compile(r"(<b>.*?</b>)", re.IGNORECASE | re.DOTALL)


@cache
def _widths() -> dict[str, dict[str, dict[str, int]]]:
    return json.loads(WIDTHS_FILE.read_text(encoding="utf-8"))


def text_width(label: str, size: float, family: Family = "streamlit") -> float:
    """How wide Plotly draws a label, in px: its widest line (`<br>`), `<b>` parts bold,
    other tags not drawn, entities as the characters they stand for."""
    table = _widths()[family]
    widest = 0.0
    for line in _BREAK.split(label):
        units = 0
        for part in _BOLD.split(line):
            weight = table["bold" if part.lower().startswith("<b>") else "regular"]
            units += sum(weight.get(ch, UNKNOWN_WIDTH) for ch in html.unescape(_TAG.sub("", part)))
        widest = max(widest, units * size / 1000)
    return widest


def widest(labels: Iterable[str], size: float, family: Family = "streamlit") -> float:
    """The widest of labels, in px (0 for none)."""
    return max((text_width(label, size, family) for label in labels), default=0.0)


def lines_height(labels: Iterable[str], size: float, family: Family = "streamlit") -> float:
    """How tall the tallest label is drawn, in px: its lines, Plotly's spacing between them."""
    lines = max((len(_BREAK.split(label)) for label in labels), default=1)
    return (lines - 1) * LINE_SPACING * size + LINE_HEIGHT[family] * size


def wrap(
    label: str, width: float, size: float, family: Family = "streamlit", most: int = 3
) -> list[str]:
    """label's words in lines no wider than `width` px, bold (as a chart title is drawn), a
    word wider than that alone on its line; at most `most` lines, the last cut short with an
    ellipsis (a region's name thousands of words long in a hostile file). Plotly never wraps a
    title: one longer than the chart runs past its right edge (a ranking's title on a 390 px
    phone). `label` is plain() text: entities, no tags."""
    lines: list[str] = []
    for word in label.split():
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(f"<b>{joined}</b>", size, family) <= width:
            lines[-1] = joined
        else:
            lines.append(word)
    if len(lines) > most:
        lines = [*lines[: most - 1], f"{lines[most - 1]} …"]
    return lines or [""]


def wrapped(label: str, width: float, size: float) -> tuple[str, int]:
    """label in lines (wrap), as Plotly draws them (joined by <br>), and the px its lines
    past the first take: the room a chart adds above or below its plot for them, so the
    plot keeps its own height."""
    lines = wrap(label, width, size)
    return "<br>".join(lines), round((len(lines) - 1) * LINE_SPACING * size)


def number_labels(values: Iterable[float | None], zero: bool = True) -> list[str]:
    """The widest tick labels Plotly's default ticks may give a numeric axis over `values`
    (from 0 with `zero`): the range's top rounded up to a tick, in Plotly's default form
    (no thousands separator under 10,000; "20k" above), and a half step where the range is
    small enough for decimals; a minus sign where values are negative."""
    numbers = [v for v in values if v is not None and math.isfinite(v)]
    if not numbers:
        return ["0"]
    if zero:
        numbers.append(0)
    low, high = min(numbers), max(numbers)
    top = max(abs(low), abs(high)) * 1.1  # autorange's padding, and a tick just past the data
    sign = "−" if low < 0 else ""
    if top < 10:
        return [f"{sign}{top:.1f}"]
    digits = str(math.ceil(top))
    if top >= 10_000:
        return [f"{sign}{digits[:-3]}k", f"{sign}{digits[:-3]}.5k"]
    return [sign + "8" * len(digits)]  # the widest figures are as wide as 8 in both fonts


def tick_labels(values: Iterable[object]) -> list[str]:
    """The labels an axis over `values` shows: a category axis its strings, a numeric one
    number_labels."""
    values = list(values)
    strings = [v for v in values if isinstance(v, str)]
    return strings or number_labels(v for v in values if isinstance(v, int | float))


def extent(
    labels: Iterable[str], size: float, family: Family = "streamlit", angle: float = 0
) -> tuple[float, float]:
    """(width, height) in px of the box the widest and tallest labels fill, turned `angle`
    degrees as Plotly's tickangle turns them."""
    labels = list(labels)
    width, height = widest(labels, size, family), lines_height(labels, size, family)
    turn = math.radians(angle)
    return (
        width * abs(math.cos(turn)) + height * abs(math.sin(turn)),
        width * abs(math.sin(turn)) + height * abs(math.cos(turn)),
    )


def room(measure: float, extra: float) -> int:
    """A margin: the labels' measure, Plotly's room beside them, PAD; whole px, at most
    MAX_ROOM."""
    return min(MAX_ROOM, math.ceil(measure + extra + PAD))
