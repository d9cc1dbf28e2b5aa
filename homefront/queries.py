"""What the pages ask of the dataset: filtered records and tidy tables of them.

Every table carries its provenance columns (source ids and outlets, date
precision) so that a downloaded CSV is as traceable as the screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from homefront.claim_dates import claim_window
from homefront.dataset import Dataset
from homefront.event_dates import event_window
from homefront.filters import ViewFilters
from homefront.schemas import Claim, Event, Source


def event_matches_text(event: Event, text: str) -> bool:
    needle = text.casefold()
    haystack = [event.title, event.summary, event.date_note]
    haystack += [q.text for q in event.quotes] + [q.speaker for q in event.quotes]
    haystack += [a.account for a in event.accounts]
    return any(needle in part.casefold() for part in haystack)


def filter_events(
    events: Iterable[Event], filters: ViewFilters, sources: Mapping[str, Source]
) -> list[Event]:
    """Events whose days (event_dates.event_window: an "or later" event's run on to the last
    day an article reporting it can have appeared, or stay open) meet the window, and that
    match every other filter."""
    return [
        e
        for e in events
        if filters.meets(*event_window(e, sources))
        and e.category in filters.categories
        and any(s in filters.sources for s in e.sources)
        and (not filters.regions or any(r in filters.regions for r in e.regions))
        and (not filters.text or event_matches_text(e, filters.text))
    ]


def filter_figures(
    figures: Iterable[Claim], filters: ViewFilters, sources: Mapping[str, Source]
) -> list[Claim]:
    """Figures whose days (claim_dates.claim_window: a month-only claim's month up to its
    article, an inferred date's range) meet the window, by a chosen source, matching region
    and text."""
    needle = filters.text.casefold()
    return [
        f
        for f in figures
        if filters.meets(*claim_window(f, sources[f.source]))
        and f.source in filters.sources
        and (not filters.regions or f.region in filters.regions)
        and (not needle or needle in f"{f.quote} {f.claimant} {f.note}".casefold())
    ]


def outlets(dataset: Dataset, source_ids: Iterable[str]) -> str:
    return "; ".join(dataset.sources[s].short_name for s in source_ids)


def events_table(events: Iterable[Event], dataset: Dataset) -> pd.DataFrame:
    rows = [
        {
            "id": e.id,
            "date": e.date,
            "date_end": e.date_end,
            "date_precision": e.date_precision,
            "date_note": e.date_note,
            "title": e.title,
            "summary": e.summary,
            "category": e.category,
            "regions": ", ".join(e.regions),
            "sources": ", ".join(e.sources),
            "outlets": outlets(dataset, e.sources),
            "quotes": len(e.quotes),
            "accounts_differ": len(e.accounts) > 0,
        }
        for e in events
    ]
    table = pd.DataFrame(rows, columns=list(_EVENT_COLUMNS))
    # real dates, so a missing end is empty (not "None") on screen and in CSV
    for column in ("date", "date_end"):
        table[column] = pd.to_datetime(table[column]).dt.date
    return table


_EVENT_COLUMNS = [
    "id",
    "date",
    "date_end",
    "date_precision",
    "date_note",
    "title",
    "summary",
    "category",
    "regions",
    "sources",
    "outlets",
    "quotes",
    "accounts_differ",
]


def figures_table(figures: Iterable[Claim], dataset: Dataset) -> pd.DataFrame:
    rows = [
        {
            "id": f.id,
            "measure": f.measure,
            "measure_label": dataset.measures[f.measure].label,
            "value": f.value,
            "low": f.low,
            "high": f.high,
            "unit": dataset.measures[f.measure].unit,
            "qualifier": f.qualifier,
            "claimant": f.claimant,
            "subject": f.subject,
            "region": f.region or "",
            "as_of": f.as_of.date,
            "as_of_precision": f.as_of.precision,
            "as_of_note": f.as_of.note,
            "source": f.source,
            "outlet": dataset.sources[f.source].short_name,
            "quote": f.quote,
            "revises": f.revises or "",
            "note": f.note,
        }
        for f in figures
    ]
    return pd.DataFrame(rows, columns=list(_FIGURE_COLUMNS))


_FIGURE_COLUMNS = [
    "id",
    "measure",
    "measure_label",
    "value",
    "low",
    "high",
    "unit",
    "qualifier",
    "claimant",
    "subject",
    "region",
    "as_of",
    "as_of_precision",
    "as_of_note",
    "source",
    "outlet",
    "quote",
    "revises",
    "note",
]


def quotes_table(events: Iterable[Event], dataset: Dataset) -> pd.DataFrame:
    rows = [
        {
            "quote": q.text,
            "speaker": q.speaker,
            "source": q.source,
            "outlet": dataset.sources[q.source].short_name,
            "event": e.id,
            "event_date": e.date,
        }
        for e in events
        for q in e.quotes
    ]
    return pd.DataFrame(
        rows, columns=["quote", "speaker", "source", "outlet", "event", "event_date"]
    )


def events_for_region(events: Iterable[Event], iso: str) -> list[Event]:
    """Events that name the region, in date order."""
    return sorted((e for e in events if iso in e.regions), key=lambda e: (e.date, e.id))
