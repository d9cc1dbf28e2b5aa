"""The Briefing's steps as plain data, shared by the page and the HTML export.

No Streamlit, so what each step cites and what its cards say are unit tested; the steps'
charts are homefront.charts.briefing's (which step a link opens is homefront.links'), and the
page draws the steps with the components in components/.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from homefront import periods
from homefront.citations import source_date
from homefront.config import AppConfig
from homefront.dataset import Dataset
from homefront.figure_text import figure_lines
from homefront.filters import ViewFilters
from homefront.queries import filter_events
from homefront.rates import known_months
from homefront.regional import COUNT_SOURCE
from homefront.schemas import (
    BriefingStep,
    CompareView,
    Event,
    Source,
    TimelineView,
    month_end,
)


@dataclass(frozen=True)
class Card:
    """One outlet's answer to a step's question, as a slide shows it: plain text, no markup.

    `figures` are (number, what it counts, who claims it and when) pairs: ("about 100,000",
    "Soldiers killed or injured (Russian soldiers) — Mark Milley, …, as of November 2022");
    `summary` is None
    when the outlet does not cover the topic.
    """

    outlet: str
    summary: str | None
    figures: tuple[tuple[str, str], ...]


def as_of_note(dataset: Dataset) -> str:
    """The footer every step carries, on screen and in the export: each source's "as of"."""
    return (
        f"{periods.as_of_note(dataset)} Confirmed deaths are a lower bound: public obituaries "
        "and announcements only."
    )


def slide_cite(source: Source) -> str:
    """A citation short enough for a slide, 'RFE/RL, 11 Jul 2022 (date inferred)': one
    article per outlet, so it names one; the export and the Data page give the whole line."""
    return f"{source.short_name}, {source_date(source)}"


def step_sources(dataset: Dataset, step: BriefingStep) -> list[Source]:
    """The sources a step cites: its own and those of its view, each once, in that order."""
    ids = list(step.sources)
    if step.view.kind == "compare":
        ids += step.view.sources
    if step.view.kind == "map" or step.chart:
        ids.append(COUNT_SOURCE)
    return [dataset.sources[sid] for sid in dict.fromkeys(ids)]


def step_filters(config: AppConfig, dataset: Dataset, view: TimelineView) -> ViewFilters:
    """Every category and source over the step's window: the briefing shows the whole story."""
    return ViewFilters(
        start=view.start,
        end=view.end,
        categories=tuple(config.category_ids),
        sources=tuple(dataset.sources),
    )


def step_events(config: AppConfig, dataset: Dataset, view: TimelineView) -> list[Event]:
    """The events a step's timeline shows: those its window holds on a day the sources give.

    The Timeline page keeps an "or later" event in every window it may fall in, drawn at the
    window's first day when its earliest day is before it (queries.filter_events). A slide
    tells one stretch of the story to a room: an event that may as well have happened months
    before the slide's window (the Tyvan refusals, "1 Jun 2022 or later", on the September
    slide) stays off it, and is on the slide whose window holds its earliest day.
    """
    return [
        e
        for e in filter_events(dataset.events, step_filters(config, dataset, view), dataset.sources)
        if e.date_precision != "earliest" or e.date >= view.start
    ]


def step_cards(dataset: Dataset, view: CompareView) -> list[Card]:
    """The step's outlets on its topic, each figure with its unit, what it counts, who
    claims it and as of when (figure_text.figure_lines)."""
    topic = next(t for t in dataset.coverage.topics if t.id == view.topic)
    cards = []
    for sid in view.sources:
        cell = topic.cells[sid]
        outlet = dataset.sources[sid].short_name
        if not cell.covered:
            cards.append(Card(outlet, None, ()))
            continue
        lines = tuple(
            (line.number, f"{line.what} \u2014 {line.attribution}")
            for line in figure_lines(dataset, cell.figures)
        )
        cards.append(Card(outlet, cell.summary, lines))
    return cards


def map_window(casualties: pd.DataFrame) -> tuple[dt.date, dt.date]:
    """The first and last day of the months with confirmed deaths: the map's whole period."""
    months = known_months(casualties)
    first = dt.date.fromisoformat(months[0] + "-01")
    last = month_end(dt.date.fromisoformat(months[-1] + "-01"))
    return first, last
