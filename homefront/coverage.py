"""What the Compare sources page asks of coverage.yaml: which articles, which topics, tables.

coverage.yaml is read and checked with the rest of the dataset (loading.read_document,
validation.check_coverage); this module only selects from it and flattens it into the
tables the page draws and the CSV downloads hold, each row naming its source.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from homefront.citations import publication_window
from homefront.dataset import Dataset
from homefront.figure_text import figure_lines
from homefront.filters import ViewFilters
from homefront.schemas import (
    VOICES,
    CoverageCell,
    Disagreement,
    Topic,
)
from homefront.topic_dates import STATUS_TEXT, CellStatus, cell_status, topic_start


def article_ids(dataset: Dataset) -> list[str]:
    """The sources coverage.yaml compares (news and analysis), in sources.yaml order."""
    return [sid for sid, s in dataset.sources.items() if s.is_article]


def comparable_sources(dataset: Dataset, filters: ViewFilters) -> list[str]:
    """Articles the shared filters allow: a chosen source that may have been published within
    the date window.

    An inferred date is a window of its own (citations.publication_window, open where no
    bound is known): the article is offered where that window meets the sidebar's. The
    BBC's (25-30 Nov 2022) meets 26-30 Nov; Newsweek's (25 Jun 2022 or later) meets any
    window that ends on or after 25 Jun 2022.
    """
    return [
        sid
        for sid in article_ids(dataset)
        if sid in filters.sources and filters.meets(*publication_window(dataset.sources[sid]))
    ]


def cell_text(cell: CoverageCell) -> list[str]:
    """Everything a reader could search for in one cell."""
    parts = [cell.summary, cell.framing]
    parts += [q.text for q in cell.quotes] + [q.speaker for q in cell.quotes]
    return parts


def topic_matches(topic: Topic, source_ids: Iterable[str], text: str) -> bool:
    """The topic's question or label, or any compared cell, contains the text (any case)."""
    if not text:
        return True
    needle = text.casefold()
    parts = [topic.question, topic.label]
    for sid in source_ids:
        parts += cell_text(topic.cells[sid])
    return any(needle in part.casefold() for part in parts)


def select_topics(
    dataset: Dataset, topic_ids: Iterable[str], source_ids: Sequence[str], text: str = ""
) -> list[Topic]:
    """Chosen topics, in file order, that match the search text in the compared sources."""
    wanted = set(topic_ids)
    return [
        t for t in dataset.coverage.topics if t.id in wanted and topic_matches(t, source_ids, text)
    ]


def shown_disagreements(
    dataset: Dataset, topics: Iterable[Topic], source_ids: Iterable[str]
) -> list[Disagreement]:
    """Disagreements on the shown topics with at least two of their sides on screen."""
    shown_topics = {t.id for t in topics}
    shown = set(source_ids)
    return [
        d
        for d in dataset.coverage.disagreements
        if d.topic in shown_topics and sum(bool(shown & set(side.sources)) for side in d.sides) >= 2
    ]


def cell_statuses(
    dataset: Dataset, topic: Topic, source_ids: Iterable[str]
) -> dict[str, CellStatus]:
    """Per source: covered, published before the topic's event, or not covered."""
    start = topic_start(topic, dataset.event_by_id)
    return {sid: cell_status(topic.cells[sid], dataset.sources[sid], start) for sid in source_ids}


def comparison_table(
    dataset: Dataset,
    topics: Iterable[Topic],
    source_ids: Sequence[str],
    disagreements: Iterable[Disagreement] = (),
) -> pd.DataFrame:
    """One row per topic and compared source: the comparison as a downloadable table."""
    disagreements = list(disagreements)
    rows = []
    for topic in topics:
        statuses = cell_statuses(dataset, topic, source_ids)
        for sid in source_ids:
            cell = topic.cells[sid]
            rows.append(
                {
                    "topic": topic.id,
                    "question": topic.question,
                    "source": sid,
                    "outlet": dataset.sources[sid].short_name,
                    "covered": cell.covered,
                    "status": STATUS_TEXT[statuses[sid]],
                    "summary": cell.summary,
                    "framing": cell.framing,
                    "quotes": len(cell.quotes),
                    "quote_texts": " | ".join(f"{q.text} ({q.speaker})" for q in cell.quotes),
                    "figures": ", ".join(cell.figures),
                    "figure_values": " | ".join(
                        f"{line.number} ({line.attribution})"
                        for line in figure_lines(dataset, cell.figures)
                    ),
                    "voices": ", ".join(cell.voices),
                    "disagreements": ", ".join(
                        d.id for d in disagreements if d.topic == topic.id and sid in d.sources
                    ),
                }
            )
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)


COMPARISON_COLUMNS = [
    "topic",
    "question",
    "source",
    "outlet",
    "covered",
    "status",
    "summary",
    "framing",
    "quotes",
    "quote_texts",
    "figures",
    "figure_values",
    "voices",
    "disagreements",
]


def voices_table(topics: Iterable[Topic], source_ids: Sequence[str]) -> pd.DataFrame:
    """How many of the topics each outlet gives each voice: one row per source and voice."""
    topics = list(topics)
    rows = [
        {
            "source": sid,
            "voice": voice,
            "topics": sum(voice in t.cells[sid].voices for t in topics),
        }
        for sid in source_ids
        for voice in VOICES
    ]
    return pd.DataFrame(rows, columns=["source", "voice", "topics"])


def disagreements_table(dataset: Dataset, disagreements: Iterable[Disagreement]) -> pd.DataFrame:
    """One row per disagreement, sides spelled out with their outlets."""
    topics = {t.id: t for t in dataset.coverage.topics}
    rows = [
        {
            "id": d.id,
            "topic": d.topic,
            "question": topics[d.topic].question,
            "differs": d.differs,
            "sides": " | ".join(
                f"{'; '.join(dataset.sources[s].short_name for s in side.sources)}: {side.position}"
                for side in d.sides
            ),
            "sources": ", ".join(d.sources),
            "figures": ", ".join(d.figures),
            "description": d.description,
            "conflict": d.conflict,
        }
        for d in disagreements
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "id",
            "topic",
            "question",
            "differs",
            "sides",
            "sources",
            "figures",
            "description",
            "conflict",
        ],
    )
