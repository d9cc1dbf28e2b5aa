"""Checks that span files: every reference resolves, ids are unique, dates fit.

Each check returns Problems placed on the line of the offending value, so the
command line, the tests and the app's error page all point at the same spot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from homefront import curation_rules
from homefront.config import AppConfig
from homefront.loading import Document, Table, read_document, read_tables
from homefront.paths import (
    COVERAGE_FILE,
    EVENTS_FILE,
    FIGURES_FILE,
    MEASURES_FILE,
    SOURCES_FILE,
    STORY_FILE,
)
from homefront.problems import DataError, Problem
from homefront.quotes import check_figure_numbers
from homefront.region_metrics import METRICS
from homefront.regional import RegionalData, load_regional
from homefront.schemas import (
    DATASET_PERIOD,
    Coverage,
    Story,
    is_revision_cycle,
    revision_chain,
)
from homefront.topic_dates import check_topic_events
from homefront.yamlfile import field_name

# How far inside config.yaml's default window the first or last event may fall before the
# events file is taken to be cut short (a cut at a record boundary is still valid YAML).
SPAN_SLACK = dt.timedelta(days=31)


def check_unique_ids(table: Table) -> list[Problem]:
    seen: dict[str, int | None] = {}
    problems = []
    for i, record in enumerate(table.records):
        line = table.line(i, "id")
        if record.id in seen:
            problems.append(
                Problem(
                    table.file,
                    line,
                    "id",
                    f"{record.id!r} is used twice (first at line {seen[record.id]})",
                )
            )
        else:
            seen[record.id] = line
    return problems


def check_dates(table: Table, fields: Iterable[tuple[str, ...]]) -> list[Problem]:
    """Every named date field lies in DATASET_PERIOD."""
    start, end = DATASET_PERIOD
    problems = []
    for i, record in enumerate(table.records):
        for path in fields:
            value = record
            for part in path:
                value = getattr(value, part)
            if value is not None and not start <= value <= end:
                problems.append(
                    Problem(
                        table.file,
                        table.line(i, *path),
                        ".".join(path),
                        f"{value} is outside the dataset's period {start}..{end}",
                    )
                )
    return problems


def check_events(events: Table, source_ids: set[str], config: AppConfig) -> list[Problem]:
    problems = []
    categories = config.category_ids
    for i, event in enumerate(events.records):

        def add(path: tuple, message: str, i: int = i) -> None:
            problems.append(Problem(events.file, events.line(i, *path), field_name(path), message))

        if event.category not in categories:
            add(("category",), f"unknown category {event.category!r}; config.yaml has {categories}")
        for j, source in enumerate(event.sources):
            if source not in source_ids:
                add(("sources", j), f"unknown source {source!r} (not in sources.yaml)")
        for kind in ("quotes", "accounts"):
            for j, item in enumerate(getattr(event, kind)):
                if item.source not in source_ids:
                    add(
                        (kind, j, "source"), f"unknown source {item.source!r} (not in sources.yaml)"
                    )
                elif item.source not in event.sources:
                    add(
                        (kind, j, "source"),
                        f"source {item.source!r} is not listed in this event's sources",
                    )
    return problems


def check_figures(figures: Table, source_ids: set[str], measure_ids: set[str]) -> list[Problem]:
    problems = []
    by_id = {f.id: f for f in figures.records}
    for i, figure in enumerate(figures.records):
        if figure.measure not in measure_ids:
            problems.append(
                Problem(
                    figures.file,
                    figures.line(i, "measure"),
                    "measure",
                    f"unknown measure {figure.measure!r} (not in measures.yaml)",
                )
            )
        if figure.source not in source_ids:
            problems.append(
                Problem(
                    figures.file,
                    figures.line(i, "source"),
                    "source",
                    f"unknown source {figure.source!r} (not in sources.yaml)",
                )
            )
        if figure.revises is not None and figure.revises not in by_id:
            problems.append(
                Problem(
                    figures.file,
                    figures.line(i, "revises"),
                    "revises",
                    f"revises unknown figure {figure.revises!r}",
                )
            )
        elif figure.revises is not None and is_revision_cycle(figure.id, by_id):
            chain = [*revision_chain(figure.id, by_id), figure.id]
            problems.append(
                Problem(
                    figures.file,
                    figures.line(i, "revises"),
                    "revises",
                    f"revision cycle: {' -> '.join(chain)}",
                )
            )
    return problems


def check_measures_used(measures: Table, figures: Table) -> list[Problem]:
    used = {f.measure for f in figures.records}
    return [
        Problem(
            measures.file, measures.line(i, "id"), "id", f"measure {m.id!r} is used by no figure"
        )
        for i, m in enumerate(measures.records)
        if m.id not in used
    ]


def check_region_codes(tables: dict[str, Table], known: set[str]) -> list[Problem]:
    """Events and figures name only regions that regions.csv lists."""
    problems = []
    events, figures = tables[EVENTS_FILE], tables[FIGURES_FILE]
    for i, event in enumerate(events.records):
        for j, code in enumerate(event.regions):
            if code not in known:
                problems.append(
                    Problem(
                        events.file,
                        events.line(i, "regions", j),
                        f"regions[{j}]",
                        f"unknown region {code!r} (not in regions.csv)",
                    )
                )
    for i, figure in enumerate(figures.records):
        if figure.region is not None and figure.region not in known:
            problems.append(
                Problem(
                    figures.file,
                    figures.line(i, "region"),
                    "region",
                    f"unknown region {figure.region!r} (not in regions.csv)",
                )
            )
    return problems


def check_minimum_content(tables: dict[str, Table], config: AppConfig) -> list[Problem]:
    """What every page needs: records in each list file, and events over the whole story.

    An empty events.yaml, or one cut short at a record boundary, is valid YAML of valid
    records; without this the app would serve the partial data without a word.
    """
    problems = [
        Problem(table.file, 1, "", "the file has no records: the app needs at least one")
        for table in tables.values()
        if not table.unread and not table.records and (0,) not in table.lines
    ]
    events = tables[EVENTS_FILE]
    if not events.records:
        return problems
    window = config.default_window
    first = min(range(len(events.records)), key=lambda i: events.records[i].date)
    last = max(range(len(events.records)), key=lambda i: events.records[i].end)
    if events.records[first].date > window.start + SPAN_SLACK:
        problems.append(
            Problem(
                events.file,
                events.line(first, "date"),
                "date",
                f"the first event is on {events.records[first].date}, well after the default "
                f"window's start {window.start} (config.yaml): is the file missing its start "
                "(or the window too early)?",
            )
        )
    if events.records[last].end < window.end - SPAN_SLACK:
        problems.append(
            Problem(
                events.file,
                events.line(last, "date"),
                "date",
                f"the last event ends on {events.records[last].end}, well before the default "
                f"window's end {window.end} (config.yaml): is the file cut short (or the "
                "window too late)?",
            )
        )
    return problems


def _story_problem(story: Document[Story], path: tuple, message: str, field: str = "") -> Problem:
    """A problem with story.yaml, on the line of the value at `path`."""
    return Problem(story.file, story.line(*path), field or field_name(path), message)


def check_headline_figures(story: Document[Story], figure_ids: set[str]) -> list[Problem]:
    return [
        _story_problem(
            story, ("headline_figures", i), f"unknown figure id {fid!r}", "headline_figures"
        )
        for i, fid in enumerate(story.content.headline_figures)
        if fid not in figure_ids
    ]


def check_phases(story: Document[Story], source_ids: set[str]) -> list[Problem]:
    """Every timeline phase rests on sources that sources.yaml has, within DATASET_PERIOD."""
    start, end = DATASET_PERIOD
    phases = story.content.phases
    problems = [
        _story_problem(
            story, ("phases", i, "sources", j), f"unknown source {sid!r}", f"phases[{i}].sources"
        )
        for i, phase in enumerate(phases)
        for j, sid in enumerate(phase.sources)
        if sid not in source_ids
    ]
    for i, phase in enumerate(phases):
        for name in ("start", "end"):
            day = getattr(phase, name)
            if not start <= day <= end:
                message = f"{day} is outside the dataset's period {start}..{end}"
                problems.append(_story_problem(story, ("phases", i, name), message))
    return problems


def check_briefing(
    story: Document[Story],
    config: AppConfig,
    source_ids: set[str],
    topic_ids: set[str] | None,
    region_codes: set[str] | None,
    event_ids: set[str],
) -> list[Problem]:
    """Every briefing step names known sources, events, coverage topics, metrics and regions.

    topic_ids or region_codes is None when coverage.yaml or regions.csv could not be read
    (their own problems say why). An unknown timeline event would outline nothing, silently.
    An explicit `briefing: []` while config.yaml lists the page would leave it empty.
    """
    problems = []
    steps = story.content.briefing
    if not steps and ("briefing",) in story.lines and "briefing" in config.pages:
        message = "the briefing page is in config.yaml's `pages` but has no steps"
        problems.append(_story_problem(story, ("briefing",), message))
    for i, step in enumerate(steps):
        at = ("briefing", i)
        view = step.view
        named = [((*at, "sources", j), sid) for j, sid in enumerate(step.sources)]
        if view.kind == "compare":
            named += [((*at, "view", "sources", j), sid) for j, sid in enumerate(view.sources)]
            if topic_ids is not None and view.topic not in topic_ids:
                problems.append(
                    _story_problem(story, (*at, "view", "topic"), f"unknown topic {view.topic!r}")
                )
            if step.chart:  # the outlets take the slide's width: no room for a chart
                message = (
                    f"a compare step's outlets fill its slide; show chart {step.chart!r} on a "
                    "timeline or map step (it takes the place of the view)"
                )
                problems.append(_story_problem(story, (*at, "chart"), message))
        if view.kind == "timeline" and view.event is not None and view.event not in event_ids:
            message = f"unknown event {view.event!r} (not in events.yaml)"
            problems.append(_story_problem(story, (*at, "view", "event"), message))
        if view.kind == "map":
            if view.metric not in METRICS:
                message = f"unknown metric {view.metric!r}; choose from {list(METRICS)}"
                problems.append(_story_problem(story, (*at, "view", "metric"), message))
            if region_codes is not None and view.region not in region_codes:
                message = f"unknown region {view.region!r}"
                problems.append(_story_problem(story, (*at, "view", "region"), message))
        problems += [
            # the field names the list (briefing[0].sources), the line the id in it
            _story_problem(story, path, f"unknown source {sid!r}", field_name(path[:-1]))
            for path, sid in named
            if sid not in source_ids
        ]
    return problems


def check_coverage(document: Document[Coverage], tables: dict[str, Table]) -> list[Problem]:
    """coverage.yaml against sources and figures: a cell for every article, no stray ids.

    Every topic needs a cell for each article source (news or analysis), so that
    "not covered" is always an explicit answer; a cell's figures must come from
    that cell's source; a disagreement names a known topic, and each source on
    its sides must cover that topic.
    """
    coverage = document.content
    if coverage is None:
        return []
    sources = {s.id: s for s in tables[SOURCES_FILE].records}
    articles = [sid for sid, s in sources.items() if s.is_article]
    figures = {f.id: f for f in tables[FIGURES_FILE].records}
    problems: list[Problem] = []

    def add(path: tuple, message: str) -> None:
        problems.append(Problem(document.file, document.line(*path), field_name(path), message))

    def check_source(path: tuple, sid: str) -> bool:
        if sid not in sources:
            add(path, f"unknown source {sid!r} (not in sources.yaml)")
        elif not sources[sid].is_article:
            add(path, f"source {sid!r} is a dataset; coverage compares articles only")
        else:
            return True
        return False

    for kind, items in (("topics", coverage.topics), ("disagreements", coverage.disagreements)):
        first: dict[str, int | None] = {}
        for i, item in enumerate(items):
            if item.id in first:
                add((kind, i, "id"), f"{item.id!r} is used twice (first at line {first[item.id]})")
            first.setdefault(item.id, document.line(kind, i, "id"))

    cells: dict[str, dict] = {}
    for i, topic in enumerate(coverage.topics):
        cells.setdefault(topic.id, topic.cells)
        for sid, cell in topic.cells.items():
            if not check_source(("topics", i, "cells", sid), sid):
                continue
            for j, fid in enumerate(cell.figures):
                path = ("topics", i, "cells", sid, "figures", j)
                if fid not in figures:
                    add(path, f"unknown figure {fid!r} (not in figures.yaml)")
                elif figures[fid].source != sid:
                    add(path, f"figure {fid!r} is reported by {figures[fid].source!r}, not {sid!r}")
        missing = [sid for sid in articles if sid not in topic.cells]
        if missing:
            add(
                ("topics", i, "cells"),
                f"no cell for {', '.join(missing)}: every article needs one (covered: false if "
                "it does not address the topic)",
            )

    for i, disagreement in enumerate(coverage.disagreements):
        topic_cells = cells.get(disagreement.topic)
        if topic_cells is None:
            add(("disagreements", i, "topic"), f"unknown topic {disagreement.topic!r}")
        for j, side in enumerate(disagreement.sides):
            for k, sid in enumerate(side.sources):
                path = ("disagreements", i, "sides", j, "sources", k)
                if not check_source(path, sid) or topic_cells is None:
                    continue
                if sid not in topic_cells or not topic_cells[sid].covered:
                    add(path, f"{sid!r} does not cover topic {disagreement.topic!r}")
        for j, fid in enumerate(disagreement.figures):
            path = ("disagreements", i, "figures", j)
            if fid not in figures:
                add(path, f"unknown figure {fid!r} (not in figures.yaml)")
            elif figures[fid].source not in disagreement.sources:
                add(path, f"figure {fid!r} is from {figures[fid].source!r}, on no side")
    return problems


def cross_check(tables: dict[str, Table], config: AppConfig) -> list[Problem]:
    """Every check that needs more than one file."""
    sources, events = tables[SOURCES_FILE], tables[EVENTS_FILE]
    figures, measures = tables[FIGURES_FILE], tables[MEASURES_FILE]
    source_ids = {s.id for s in sources.records}
    measure_ids = {m.id for m in measures.records}
    problems: list[Problem] = []
    for table in tables.values():
        problems += check_unique_ids(table)
    problems += check_dates(sources, [("published",)])
    problems += check_dates(events, [("date",), ("date_end",)])
    problems += check_dates(figures, [("as_of", "date")])
    problems += check_events(events, source_ids, config)
    problems += check_figures(figures, source_ids, measure_ids)
    problems += check_measures_used(measures, figures)
    problems += check_figure_numbers(figures)
    problems += check_minimum_content(tables, config)
    return problems


def collect(
    data_dir: Path, config: AppConfig
) -> tuple[
    dict[str, Table], Document[Coverage], Document[Story], RegionalData | None, list[Problem]
]:
    """Read every file in data_dir and check it alone and against the others; the last item
    is every problem found, empty when the data is clean."""
    tables, problems = read_tables(data_dir)
    coverage, found = read_document(data_dir / COVERAGE_FILE, Coverage)
    problems += found
    story, found = read_document(data_dir / STORY_FILE, Story)
    problems += found
    documents = (*tables.values(), coverage, story)
    if any(d.unread and (data_dir / d.file).exists() for d in documents):
        # a file there but unreadable (its encoding, its syntax) is the one problem to fix:
        # checks against its missing records would bury it under hundreds of echoes
        return tables, coverage, story, None, sorted(problems, key=_order)
    problems += cross_check(tables, config)
    problems += check_coverage(coverage, tables)
    problems += check_topic_events(coverage, tables[EVENTS_FILE].records)
    problems += curation_rules.check(tables, coverage, story)
    regional = None
    try:
        regional = load_regional(data_dir)
        problems += check_region_codes(tables, set(regional.regions["iso"]))
    except DataError as error:
        problems += error.problems
    if story.content is not None:
        topics = {t.id for t in coverage.content.topics} if coverage.content else None
        codes = set(regional.regions["iso"]) if regional is not None else None
        sources = {s.id for s in tables[SOURCES_FILE].records}
        events = {e.id for e in tables[EVENTS_FILE].records}
        problems += check_headline_figures(story, {f.id for f in tables[FIGURES_FILE].records})
        problems += check_phases(story, sources)
        problems += check_briefing(story, config, sources, topics, codes, events)
    return tables, coverage, story, regional, sorted(problems, key=_order)


def raise_for(problems: list[Problem]) -> None:
    if problems:
        raise DataError(problems)


def _order(p: Problem) -> tuple:
    return (p.file, p.line or 0, p.field)
