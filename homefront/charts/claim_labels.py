"""The claims' labels on a slide's timeline, each placed clear of the lines and marks.

The Timeline writes each claimed toll's number beside its mark, neighbours' labels
alternating above and below (homefront.charts.timeline). On a slide the claims' panel is
shorter and its type larger, and that rule ran "more than 35,000 (11 Jul 2022 or later)"
below its mark, through the running total of confirmed deaths. Here each label is given the
place beside its mark (above, beside or below it, on the side the Timeline chose) that
crosses no line and covers no mark or label, worked out in px on the panel as Plotly draws
it, at each plot width a slide is shown at.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from homefront.charts import margins
from homefront.charts.labels import Box, text_box
from homefront.charts.timeline import RUNNING_TOTAL

# Chromium's box of a line of the slide's sans-serif (labels.text_box places its baseline as
# Plotly does): from 0.9 of the font size above the baseline to 0.2 below it (measured: 18
# and 4 px at 20 px)
TEXT_ASCENT, TEXT_DESCENT = 0.9, 0.2


def label_box(
    x: float, y: float, size: float, text_px: float, position: str, font_px: float
) -> Box:
    """Where Plotly writes a one-line text `text_px` wide beside a marker `size` px across
    centred at x, y, at `position` ("top right", "middle left", ...), boxed as Chromium boxes
    the slide's sans-serif (TEXT_ASCENT's note)."""
    return text_box(x, y, size, text_px, position, font_px, TEXT_ASCENT, TEXT_DESCENT)


@dataclass(frozen=True)
class Mark:
    """A claim's mark: its trace and point in the figure's data, where it stands, its size
    (Plotly's marker.size, px across) and its outline's width."""

    trace: int
    point: int
    day: float  # days since 1970
    people: float
    size: float
    outline: float


@dataclass(frozen=True)
class Panel:
    """The claims' panel as drawn with a plot `width` px wide: where a day and a number of
    people fall on it, in px from its top left corner."""

    width: float
    height: float
    days: tuple[float, float]  # the date axis' range, in days since 1970
    logs: tuple[float, float]  # the log axis' range, in log10 of people

    def at(self, day: float, people: float) -> tuple[float, float]:
        (first, last), (low, high) = self.days, self.logs
        x = (day - first) / (last - first) * self.width
        return x, (high - math.log10(people)) / (high - low) * self.height

    def mark_box(self, mark: Mark) -> Box:
        x, y = self.at(mark.day, mark.people)
        half = (mark.size + mark.outline) / 2
        return Box(x - half, y - half, x + half, y + half)

    def label_box(self, mark: Mark, text_px: float, position: str, font_px: float) -> Box:
        x, y = self.at(mark.day, mark.people)
        return label_box(x, y, mark.size, text_px, position, font_px)

    def line(self, days: Sequence[float], people: Sequence[float]) -> np.ndarray:
        """The points, 1 px apart, of a line through (day, people) pairs, where the panel
        shows it (Plotly clips a line at the plot's edges)."""
        corners = np.array([self.at(d, n) for d, n in zip(days, people, strict=True)])
        pieces = [corners[:1]]
        for start, end in pairwise(corners):
            if max(start[0], end[0]) < 0 or min(start[0], end[0]) > self.width:
                continue  # beyond the window: not drawn
            steps = max(int(np.hypot(*(end - start))), 1)
            pieces.append(start + np.outer(np.linspace(0, 1, steps + 1)[1:], end - start))
        points = np.concatenate(pieces)
        shown = (points[:, 0] >= 0) & (points[:, 0] <= self.width)
        return points[shown & (points[:, 1] >= 0) & (points[:, 1] <= self.height)]


@dataclass
class Obstacles:
    """What a claim's label must keep clear of on a panel: the lines' points with half
    their thickness, the claims' marks, the labels placed so far, and the heading
    `headroom` px above the panel."""

    panel: Panel
    headroom: float
    lines: list[tuple[np.ndarray, float]]
    marks: dict[tuple[int, int], Box]
    labels: list[Box]

    def clear(self, box: Box, mark: Mark) -> bool:
        """Whether a label of `mark` in this box crosses nothing and stays between the
        panel's heading and its foot (the dates)."""
        return (
            box.top >= -self.headroom
            and box.bottom <= self.panel.height
            and not any(box.meets(label) for label in self.labels)
            and not any(
                box.meets(other)
                for key, other in self.marks.items()
                if key != (mark.trace, mark.point)
            )
            and not any(box.crossed_by(points, half) for points, half in self.lines)
        )


def _day(value: object) -> float:
    """A date axis' value (a date, a Timestamp, an ISO string) in days since 1970."""
    return pd.Timestamp(value).value / 86_400e9


def _polylines(trace: go.Scatter) -> Iterator[tuple[list[float], list[float]]]:
    """A line trace's (days, people) runs: Plotly breaks its line at each None, and on the
    panel's log axis at a number of no people or fewer, which it cannot draw."""
    days: list[float] = []
    people: list[float] = []
    for x, y in zip(trace.x, trace.y, strict=True):
        if x is None or y is None or y <= 0:
            if len(days) > 1:
                yield days, people
            days, people = [], []
        else:
            days.append(_day(x))
            people.append(y)
    if len(days) > 1:
        yield days, people


def place_claim_labels(fig: go.Figure, widths: Iterable[int], headroom: float) -> None:
    """Each claimed toll's label above, beside or below its mark (on the side of it the
    Timeline gave it), so that at every plot width in `widths` it crosses no line (the
    running total, a month-only claim's month, a revision's link), covers no other mark or
    label, and stays between the panel's heading (`headroom` px above it) and its dates.

    A label goes first on the side of its mark away from the running total, else beside the
    mark, else on the other side. The labels farthest from the total are placed first, so
    two claims of one day above the line stack their labels: the higher claim's above its
    mark, the other's beside its own. Where nothing is clear a label stays on the side away
    from the line (tests/browser/test_briefing_browser.py looks at every slide).
    """
    layout = fig.layout
    bottom, top = layout.yaxis2.domain
    height = (layout.height - layout.margin.t - layout.margin.b) * (top - bottom)
    days = (_day(layout.xaxis2.range[0]), _day(layout.xaxis2.range[1]))
    panels = [Panel(w, height, days, tuple(layout.yaxis2.range)) for w in widths]
    lower = {
        k: t
        for k, t in enumerate(fig.data)
        if t.type == "scatter" and t.yaxis == "y2" and t.x[0] is not None  # not a legend key
    }
    # a line's markers (the running total's months) thicken it
    lines = [
        (run, max(t.line.width or 0, t.marker.size if "markers" in t.mode else 0) / 2)
        for t in lower.values()
        if "lines" in t.mode
        for run in _polylines(t)
    ]
    claims = {k: t for k, t in lower.items() if "text" in t.mode}
    marks = [  # a claim of no people or fewer (valid data, if odd) is not drawn on a log axis
        Mark(k, i, _day(x), y, t.marker.size, t.marker.line.width)
        for k, t in claims.items()
        for i, (x, y) in enumerate(zip(t.x, t.y, strict=True))
        if y is not None and y > 0
    ]
    obstacles = [
        Obstacles(
            panel,
            headroom,
            [(panel.line(*run), half) for run, half in lines],
            {(m.trace, m.point): panel.mark_box(m) for m in marks},
            [],
        )
        for panel in panels
    ]
    total = next((t for t in lower.values() if t.name == RUNNING_TOTAL), None)

    def above_total(mark: Mark) -> float:
        """How far the claim stands above the running total on its day, in decades."""
        if total is None:
            return math.log10(mark.people)
        line = np.interp(mark.day, [_day(x) for x in total.x], np.log10(total.y))
        return math.log10(mark.people) - float(line)

    positions = {k: list(t.textposition) for k, t in claims.items()}
    labelled = [m for m in marks if claims[m.trace].text[m.point]]
    for mark in sorted(labelled, key=lambda m: -abs(above_total(m))):
        trace = claims[mark.trace]
        font_px = trace.textfont.size
        text_px = margins.text_width(trace.text[mark.point], font_px, "sans-serif")
        side = positions[mark.trace][mark.point].split()[1]
        order = ["top", "middle", "bottom"]
        if above_total(mark) < 0:
            order.reverse()
        boxes = {
            v: [o.panel.label_box(mark, text_px, f"{v} {side}", font_px) for o in obstacles]
            for v in order
        }
        vertical = next(
            (
                v
                for v in order
                if all(o.clear(box, mark) for o, box in zip(obstacles, boxes[v], strict=True))
            ),
            order[0],
        )
        positions[mark.trace][mark.point] = f"{vertical} {side}"
        for o, box in zip(obstacles, boxes[vertical], strict=True):
            o.labels.append(box)
    for k, trace in claims.items():
        trace.textposition = positions[k]
