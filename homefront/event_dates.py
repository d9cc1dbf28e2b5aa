"""An event's date as precisely as its sources give it: a day, an approximate day, the earliest
day it can be (no later bound known), a week, a month or a window of days, and the words
every page, table and chart uses for it."""

from __future__ import annotations

from homefront.schemas import Event


def is_span(event: Event) -> bool:
    """A bar rather than a point: a week, a month or a window of days."""
    return event.end > event.date


def is_approximate(event: Event) -> bool:
    """The day (or window) is not one the sources state: a stand-in, or the earliest day they
    allow; date_note says why. Drawn hollow."""
    return event.date_precision in ("approximate", "earliest")


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
