"""An event's date as precisely as its sources give it: a day, an approximate day, the earliest
day it can be (no later bound of its own), a week, a month or a window of days; the days it
may fall on; and the words every page, table and chart uses for it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from homefront.claim_dates import reported_by
from homefront.schemas import Event, Source


def is_span(event: Event) -> bool:
    """A bar rather than a point: a week, a month or a window of days."""
    return event.end > event.date


def is_approximate(event: Event) -> bool:
    """The day (or window) is not one the sources state: a stand-in, or the earliest day they
    allow; date_note says why. Drawn hollow."""
    return event.date_precision in ("approximate", "earliest")


def event_window(event: Event, sources: Mapping[str, Source]) -> tuple[dt.date, dt.date | None]:
    """The first and last day the event may fall on; None where no last day is known.

    One rule for every place that asks whether an event is in a date window (the filters,
    hence the Timeline, the Data page, the Regions page and the Briefing's steps). An
    "earliest" event ("1 Jun 2022 or later") is not on its earliest day: it runs to the last
    day an article reporting it can have appeared, since an event is never later than an
    article that reports it (as a claim is not: claim_dates.reported_by), and stays open
    where no such article has a last day (RFE/RL's, dated only "11 Jul 2022 or later").
    Every other event runs from its date to its end.
    """
    if event.date_precision != "earliest":
        return event.date, event.end
    ends = [day for s in event.sources if (day := reported_by(sources[s])) is not None]
    return event.date, min(ends, default=None)


def last_day_text(event: Event, sources: Mapping[str, Source]) -> str:
    """Where an "or later" event's days end (event_window), the day and why, for its detail
    beside "24 Feb 2022 or later": 'It happened by 30 Nov 2022, the last day the BBC News
    article reporting it can have appeared.' Empty for any other event, and for one whose
    days stay open: no day is named that the sources do not give."""
    last = event_window(event, sources)[1]
    if event.date_precision != "earliest" or last is None:
        return ""
    outlet = next(sources[s].outlet for s in event.sources if reported_by(sources[s]) == last)
    return (
        f"It happened by {last:%-d %b %Y}, the last day the {outlet} article reporting it can "
        "have appeared."
    )


def event_date_text(event: Event) -> str:
    """The date as precisely as the sources give it: '25 Nov 2022', 'March 2022 (month only)'."""
    if event.date_precision == "month" and event.date_end is None:
        return f"{event.date:%B %Y} (month only)"
    if event.date_precision == "week" and event.date_end is None:
        return f"week of {event.date:%-d %b %Y}"
    if event.date_precision == "earliest" and event.date_end is None:
        return f"{event.date:%-d %b %Y} or later"  # as a claim's inferred date reads
    if is_span(event):
        same_year = event.date.year == event.end.year
        start = f"{event.date:%-d %b}" if same_year else f"{event.date:%-d %b %Y}"
        text = f"{start} – {event.end:%-d %b %Y}"
    else:
        text = f"{event.date:%-d %b %Y}"
    return f"{text} (approximate)" if is_approximate(event) else text
