"""What a claimed number allows, from its qualifier, and how it reads: whether two claims can
both be true, and the number as a reader would say it (format_figure).

One rule for the curation check of number disagreements (curation_rules) and the ledger's
conflict flags (ledger): "about 37,500" and "more than 35,000", or "at least 20" and 29,
can both be true, so neither records them as different values.
"""

from __future__ import annotations

import math

from homefront.numbers import format_number
from homefront.schemas import Claim, Measure

# measures.yaml's unit for a head count: its label already says who
PEOPLE = "people"

# How far "about N" may stray from N when deciding whether two claims can both be true.
ABOUT_MARGIN = 0.10

Interval = tuple[float, bool, float, bool]  # low, low included, high, high included


def interval(figure: Claim) -> Interval:
    """Every value the claim allows, from its qualifier."""
    low = figure.low if figure.value is None else figure.value
    high = figure.high if figure.value is None else figure.value
    if figure.qualifier == "about":
        return low * (1 - ABOUT_MARGIN), True, high * (1 + ABOUT_MARGIN), True
    if figure.qualifier == "at least":
        return low, True, math.inf, False
    if figure.qualifier == "more than":
        return low, False, math.inf, False
    return low, True, high, True


def can_both_be_true(a: Claim, b: Claim) -> bool:
    """Some value is allowed by both claims' numbers (their measures aside)."""
    return _overlap(interval(a), interval(b))


def _overlap(a: Interval, b: Interval) -> bool:
    # the higher low end (an excluded end is the higher of two equal ones), the lower high end
    low, low_in = max((a[0], a[1]), (b[0], b[1]), key=lambda end: (end[0], not end[1]))
    high, high_in = min((a[2], a[3]), (b[2], b[3]))
    return low < high or (low == high and low_in and high_in)


def format_figure(figure: Claim) -> str:
    """A claimed number as a reader would say it: 'about 37,500', '10,000–15,000'."""
    if figure.value is None:
        number = f"{format_number(figure.low)}–{format_number(figure.high)}"
    else:
        number = format_number(figure.value)
    return number if figure.qualifier == "exact" else f"{figure.qualifier} {number}"


def number_text(figure: Claim, measure: Measure) -> str:
    """The number as claimed, with its unit unless it counts people: '2 days', 'about
    10,000–15,000 roubles per month', 'about 37,500'."""
    number = format_figure(figure)
    return number if measure.unit == PEOPLE else f"{number} {measure.unit}"
