"""The claims' labels on a slide's timeline (homefront/charts/claim_labels.py): where Plotly
writes a mark's text, and the place each label is given beside its mark.

Chromium's boxes below were measured on the Briefing at 1280x720 (step 6, 15 px marks, the
labels as the Timeline placed them); the real slides' places are read from data/.
"""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import pytest

from homefront.charts.briefing import (
    CHART_PX,
    SLIDE_CHART_PX,
    SLIDE_CLAIM_MARK_PX,
    slide_timeline,
    step_timeline,
)
from homefront.charts.claim_labels import Box, label_box, place_claim_labels
from homefront.charts.margins import text_width
from homefront.config import AppConfig
from homefront.dataset import Dataset
from homefront.death_tolls import confirmed_by_month

ABOUT = "about 37,500 (25 Jun 2022 or later)"
MORE_THAN = "more than 35,000 (11 Jul 2022 or later)"


def near(box: Box, measured: tuple[float, float, float, float]) -> bool:
    """Within 1.5 px of Chromium's box (left, top, right, bottom): its boxes are whole px."""
    drawn = (box.left, box.top, box.right, box.bottom)
    return all(abs(a - b) <= 1.5 for a, b in zip(drawn, measured, strict=True))


@pytest.mark.parametrize(
    "text,position,y,measured",
    [
        (ABOUT, "top right", 30.43, (23, -3, 336, 19)),
        (MORE_THAN, "bottom right", 31.53, (23, 39, 369, 61)),
    ],
)
def test_label_box_is_where_chromium_draws_the_text(
    text: str, position: str, y: float, measured: tuple[float, float, float, float]
) -> None:
    """Each label's box on step 6's panel (its marks 15 px across, at x 12 and at y), from
    the width the font's table gives it."""
    box = label_box(12, y, 15, text_width(text, 20, "sans-serif"), position, 20)
    assert near(box, measured), box


def slide_labels(config: AppConfig, data: Dataset, number: int, height: int) -> list:
    """(label, textposition) of each labelled claim on step `number`'s slide timeline."""
    view = data.story.briefing[number - 1].view
    figure = slide_timeline(
        step_timeline(config, data, view, confirmed_by_month(data.regional.casualties)),
        data.story.phases,
        (view.start, view.end),
        height=height,
    )
    claims = [t for t in figure.data if t.type == "scatter" and t.yaxis == "y2" and t.text]
    assert all(t.marker.size == SLIDE_CLAIM_MARK_PX for t in claims)
    return [
        (text, position)
        for t in claims
        for text, position in zip(t.text, t.textposition, strict=True)
        if text
    ]


@pytest.mark.parametrize("height", [SLIDE_CHART_PX, CHART_PX[1]])  # the page's, the export's
def test_slides_label_claims_away_from_the_running_total(
    config: AppConfig, data: Dataset, height: int
) -> None:
    """Ukraine's claims of about 37,500 and more than 35,000, drawn on the first day of steps
    6 and 8, stand above the running total (7,500 to 12,500 confirmed then): both labels stay
    above it, the higher claim's over its mark and the other beside its own (the Timeline's
    rule wrote "more than 35,000" under its mark, through the line). The 1,351 of March 2022
    (steps 1 and 2) are labelled above their marks, where the total climbs from 17 to 1,380
    below them, and so is the 89 of New Year's Day, under its revision from 63."""
    assert slide_labels(config, data, 1, height) == [("1,351", "top center"), ("1,351", "top left")]
    assert slide_labels(config, data, 2, height) == [
        ("1,351", "top right"),
        ("1,351", "top center"),
    ]
    stacked = [(ABOUT, "top right"), (MORE_THAN, "middle right")]
    assert slide_labels(config, data, 6, height) == stacked
    assert slide_labels(config, data, 8, height) == [
        *stacked,
        ("89 (revised from 63)", "top center"),
    ]


def panel(claim: float, total: float, other: float | None = None) -> go.Figure:
    """A claims' panel 200 px tall, 10 to 100,000 people (50 px a tenfold), over 10 days: a
    flat running total of `total`, another flat line of `other` if given (a month-only
    claim's month), and one claim of `claim` on the 5th day, labelled under the line as the
    Timeline does it ("top center")."""
    days = [dt.date(2022, 1, d) for d in range(1, 11)]
    lines = {"running total": total} | ({"other": other} if other else {})
    on_panel = dict(xaxis="x2", yaxis="y2")
    return go.Figure(
        [
            *(
                go.Scatter(x=days, y=[y] * 10, mode="lines", name=n, **on_panel)
                for n, y in lines.items()
            ),
            go.Scatter(
                x=[days[4]],
                y=[claim],
                mode="markers+text",
                text=["1,000"],
                textposition=["top center"],
                textfont=dict(size=20),
                marker=dict(size=15, line=dict(width=2)),
                **on_panel,
            ),
        ],
        dict(
            height=300,
            margin=dict(t=50, b=50),
            xaxis2=dict(range=[days[0], days[-1]]),
            yaxis2=dict(type="log", range=[1, 5], domain=[0, 1]),
        ),
    )


@pytest.mark.parametrize(
    "total,other,expected",
    [
        (100, None, "top center"),  # the claim over the line: its label over its mark
        (10_000, None, "bottom center"),  # under the line: under its mark
        # over the line, under another line through the place over the mark: beside the mark
        (450, 3_000, "middle center"),
    ],
)
def test_a_label_goes_where_no_line_is(total: float, other: float | None, expected: str) -> None:
    figure = panel(1_000, total, other)
    place_claim_labels(figure, [400], headroom=0)
    assert figure.data[-1].textposition == (expected,)
