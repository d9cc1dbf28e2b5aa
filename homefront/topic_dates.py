"""When an article could have covered a topic: "not covered" versus "not yet published".

A comparison topic may be about one event (coverage.yaml `event:`, an events.yaml id). An
article whose latest possible publication day is before that event's first possible day
cannot have covered it, and the page says "Published before this happened" rather than
"Not covered". The rule only ever orders by bounds that are known:

- an article dated to the day (or month) has both bounds;
- an inferred date has only the bounds sources.yaml records (`earliest`, `latest`); an
  earliest bound alone ("more than four months" into the war) never puts the article
  before anything, so such an article is "Not covered", with a note that it may predate;
- an event dated approximately may lie either side of its recorded day, so it orders
  nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from homefront.citations import publication_window
from homefront.loading import Document
from homefront.problems import Problem
from homefront.schemas import Coverage, CoverageCell, Event, Source, Topic
from homefront.yamlfile import field_name

CellStatus = Literal["covered", "published before", "not covered", "may predate"]
# the words for each status, in the page's cells, the heatmap and the CSV
STATUS_TEXT: dict[CellStatus, str] = {
    "covered": "Covered",
    "published before": "Published before this happened",
    "not covered": "Not covered",
    "may predate": "Not covered (may have been published before this happened)",
}


def topic_start(topic: Topic, events: dict[str, Event]) -> dt.date | None:
    """The first day the topic's event can have happened; None if the topic names no
    event, an unknown one, or one dated only approximately (an event dated by its earliest
    day has that first day)."""
    event = events.get(topic.event) if topic.event else None
    if event is None or event.date_precision == "approximate":
        return None
    return event.date  # a month or week is recorded at its first day


def cell_status(cell: CoverageCell, source: Source, start: dt.date | None) -> CellStatus:
    """Covered; certainly published before the topic's event; or not covered, with or
    without the chance that the article predates the event."""
    if cell.covered:
        return "covered"
    if start is None:
        return "not covered"
    earliest, latest = publication_window(source)
    if latest is not None and latest < start:
        return "published before"
    if earliest is None or earliest < start:
        return "may predate"
    return "not covered"


def status_note(source: Source, status: CellStatus) -> str:
    """Why a cell is 'before' or may be: the publication bounds the status rests on."""
    earliest, latest = publication_window(source)
    if status == "published before" and latest is not None:
        when = f"{latest:%-d %b %Y}" if earliest == latest else f"by {latest:%-d %b %Y}"
        return f"Published {when}."
    if status == "may predate":
        when = f"on or after {earliest:%-d %b %Y}" if earliest else "on a date not known"
        return f"Published {when}, so it may have been published before this."
    return ""


def check_topic_events(document: Document[Coverage], events: Iterable[Event]) -> list[Problem]:
    """Each topic's `event` names an event in events.yaml."""
    if document.content is None:
        return []
    known = {e.id for e in events}
    return [
        Problem(
            document.file,
            document.line("topics", i, "event"),
            field_name(("topics", i, "event")),
            f"unknown event {topic.event!r} (not in events.yaml)",
        )
        for i, topic in enumerate(document.content.topics)
        if topic.event is not None and topic.event not in known
    ]
