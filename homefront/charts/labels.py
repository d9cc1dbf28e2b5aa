"""Where a scatter's point labels go, so that none overlaps another at any width the chart
is drawn.

Plotly draws a point's text where its `textposition` puts it, whatever lies there already:
a scatter has no "place it where it fits" (plotly.js issue 4674; `"auto"` is the bars'), so
on a 390 px phone the codes of regions a few px apart overprinted each other (CHU on MAG,
SPE on MOW). Here each label, most important first, goes above its point, or else beside
or below it (PLACES), wherever it overlaps no label placed before it and stays inside the
chart; where none of these is free it is left out. A point left unlabelled keeps its colour,
and its hover and the chart's table still name it.

The places are worked out in px for the narrowest width the chart is drawn at (a phone's,
theme.PHONE_CHART_PX), on axes whose ranges the chart sets. A chart's height and margins do
not change with its width (theme.figure), so on a wider screen the points only move apart
sideways and the labels with them: labels apart on a phone stay apart on a laptop, as long
as no two swap sides (a label right of its point and one left of the next could cross as
they move apart), which `apart` does not allow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from homefront.charts import margins

ABOVE = "top center"
# Plotly's textpositions, in the order tried: above first (the crowd's codes read as a row
# of labels over their points), below last (the x axis' ticks lie under the lowest points)
PLACES = (
    ABOVE,
    "top right",
    "top left",
    "middle right",
    "middle left",
    "bottom center",
    "bottom right",
    "bottom left",
)
# The box Chromium gives Plotly's text in Source Sans, per px of font size, around its
# baseline (measured: 15 px of box for 11 px text, 20 for 15)
ASCENT, DESCENT = 1.0, 0.37
GAP = 2  # px kept between labels: a browser's font may draw a little wider than measured
# px beyond the plot a label may use (measured in Chromium): above it, below the title, which
# ends ~19 px above; below it, above the x axis' tick labels, which start 10 px below
HEADROOM, FOOTROOM = 12, 8


@dataclass(frozen=True)
class Label:
    """A point's text and where Plotly draws the point: px from the plot area's top left
    at the narrowest width, the text's font size, the marker's diameter."""

    text: str
    x: float
    y: float
    font: float
    marker: float


@dataclass(frozen=True)
class Box:
    """Where a label's text or a mark is drawn, in px from the plot's top left (y grows down),
    and the x of the point a label belongs to (its anchor)."""

    left: float
    top: float
    right: float
    bottom: float
    anchor: float = 0.0

    def meets(self, other: Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    def crossed_by(self, points: np.ndarray, half: float) -> bool:
        """Whether a line through these points (px, one row each), `half` px each side of
        them, crosses it."""
        return bool(
            np.any(
                (points[:, 0] > self.left - half)
                & (points[:, 0] < self.right + half)
                & (points[:, 1] > self.top - half)
                & (points[:, 1] < self.bottom + half)
            )
        )


def text_box(
    x: float,
    y: float,
    marker: float,
    width: float,
    place: str,
    font: float,
    ascent: float = ASCENT,
    descent: float = DESCENT,
) -> Box:
    """The box of a one-line text `width` px wide that Plotly writes at `place` ("top right",
    "middle left", ...) beside a marker `marker` px across centred at x, y: a little more than
    the marker's radius away, the baseline set for the text to sit above, below or level with
    the point (plotly.js drawing.textPointPosition); `ascent` and `descent` per px of font
    size around the baseline, as the browser boxes the chart's font."""
    reach = marker / 2 / 0.8 + 1
    vertical, horizontal = place.split()
    baseline = {
        "top": y - reach - 0.25 * font,
        "middle": y + 0.25 * font,
        "bottom": y + reach + 0.75 * font,
    }[vertical]
    left = {"left": x - reach - width, "center": x - width / 2, "right": x + reach}[horizontal]
    return Box(left, baseline - ascent * font, left + width, baseline + descent * font, x)


def box(label: Label, place: str) -> Box:
    """The box of a label's text drawn at `place` (text_box)."""
    width = margins.text_width(label.text, label.font)
    return text_box(label.x, label.y, label.marker, width, place, label.font)


def apart(a: Box, b: Box) -> bool:
    """Whether two labels' boxes are apart, GAP between them, at this width and any wider:
    apart in height, or side by side in the order of their points (which only spreads)."""
    if a.bottom + GAP <= b.top or b.bottom + GAP <= a.top:
        return True
    if a.anchor > b.anchor or (a.anchor == b.anchor and a.left > b.left):
        a, b = b, a
    return a.right + GAP <= b.left


@dataclass(frozen=True)
class Plot:
    """The room labels have, in px at the narrowest width: the plot area, `width` by
    `height`, and its empty right margin, `right`; HEADROOM above it and FOOTROOM below it.
    Left of the plot are the y axis' ticks."""

    width: float
    height: float
    right: float


def room(label: Label, plot: Plot) -> list[str]:
    """The places where a label's text stays inside the room labels have, in PLACES' order."""
    return [place for place in PLACES if inside(box(label, place), plot)]


def places(labels: Sequence[Label], plot: Plot) -> list[str | None]:
    """Each label's textposition, in the order given (the most important first): its first
    place in the plot's room that keeps apart from every label placed before it, or None."""
    taken: list[Box] = []
    chosen: list[str | None] = []
    for label in labels:
        place = next(
            (p for p in room(label, plot) if all(apart(box(label, p), t) for t in taken)), None
        )
        if place is not None:
            taken.append(box(label, place))
        chosen.append(place)
    return chosen


def inside(b: Box, plot: Plot) -> bool:
    """Whether a label's box lies in the room labels have."""
    return (
        b.left >= 0
        and b.right <= plot.width + plot.right
        and b.top >= -HEADROOM
        and b.bottom <= plot.height + FOOTROOM
    )
