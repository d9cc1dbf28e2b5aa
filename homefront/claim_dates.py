"""The days a claimed figure may stand for: its date's precision, bounded by its article's.

One rule for every place that asks: the date window (queries.filter_figures) and the charts
(the ledger's and the Timeline's). A claim is never later than the article that reports it,
and a claim dated only by its article's inferred date is as uncertain as that date.
"""

from __future__ import annotations

import datetime as dt

from homefront.citations import date_text, inferred_days, inferred_text, publication_window
from homefront.schemas import Claim, Source


def reported_by(source: Source) -> dt.date | None:
    """The last day the article can have appeared, where that is known: a printed day, a
    month's last day, an inferred date's latest bound; never an earliest bound (None)."""
    return publication_window(source)[1]


def drawn_period(figure: Claim, source: Source) -> tuple[dt.date, dt.date]:
    """The days a chart draws a claim over: its period, never later than its article.

    63 and 89, announced after New Year's Day 2023 "in January" and reported on 10 January,
    cover 1-10 January, not the whole month (issue 13.4). An inferred date is drawn at the
    day recorded, the stand-in its note explains.
    """
    start, end = figure.as_of.period
    latest = reported_by(source)
    if figure.as_of.precision == "month" and latest is not None:
        start, end = min(start, latest), min(end, latest)
    return start, end


def claim_window(figure: Claim, source: Source) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a claim may stand for; None where its article's date is open.

    As drawn (drawn_period), except an inferred date: it moves with its article's date, so
    it spans what the article's bounds allow. Newsweek's claims "as of the article" are of
    25 Jun 2022 or later, open at the end; the threat Ailana recounts, after "In June", is
    of 1 Jun 2022 or later.
    """
    if figure.as_of.precision != "inferred":
        return drawn_period(figure, source)
    earliest, latest = publication_window(source)
    shift = figure.as_of.date - source.published
    return (
        None if earliest is None else earliest + shift,
        None if latest is None else latest + shift,
    )


def as_of_text(figure: Claim, source: Source) -> str:
    """When a claimed figure applies, at the precision the source gives; an inferred date as
    the days its article's bounds allow ('25 Jun 2022 or later (date inferred)')."""
    if figure.as_of.precision == "inferred":
        first, last = claim_window(figure, source)
        if (first, last) != (None, None):
            return inferred_text(first, last)
    return date_text(figure.as_of.date, figure.as_of.precision)


def as_of_label(figure: Claim, source: Source) -> str:
    """as_of_text for a chart's label beside a hollow mark, which says the date is inferred:
    '25 Jun 2022 or later', short enough for a slide."""
    if figure.as_of.precision == "inferred":
        first, last = claim_window(figure, source)
        if (first, last) != (None, None):
            return inferred_days(first, last)
    return as_of_text(figure, source)
