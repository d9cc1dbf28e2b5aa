"""Curation rules for what the dataset says about dates and disagreements (issue 15).

The schema checks each record's shape and validation.py checks references; these rules
check the interpretive layer an audit found wrong, so the class of error cannot come back:

- An article dated only by an earliest bound ("more than four months" into the war, a
  report "on July 11" it cites) may have been written any time after it. That bound never
  closes a span (`date_end`), and a disagreement never dates such an article or puts it in
  order with another whose dates overlap.
- An event dated only by its earliest day ("1 Jun 2022 or later") runs to the last day an
  article reporting it can have appeared (event_dates.event_window), so that day is never
  before its earliest: such an event would fall on no day at all.
- Nor does the story: a briefing step or a phase note never ends at the earliest bound of an
  article it cites ("By July 2022 RFE/RL had counted 159" of an article from 11 July 2022 or
  later), which would date the article's count as known by then.
- A disagreement is kept only where its positions cannot both be right: `conflict` says
  why, number claims that can both be true are reported, and so is a description that
  itself calls the positions compatible. A difference of emphasis belongs in the cells'
  framing instead.

Each check returns Problems on the line of the value at fault, like validation.py's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from homefront.citations import publication_window
from homefront.claim_dates import reported_by
from homefront.claim_values import can_both_be_true, format_figure
from homefront.loading import Document, Table
from homefront.paths import EVENTS_FILE, FIGURES_FILE, SOURCES_FILE
from homefront.problems import Problem
from homefront.schemas import Claim, Coverage, Disagreement, Source, Story
from homefront.yamlfile import field_name

# Wording that says a disagreement's positions are compatible after all.
COMPATIBLE_WORDING = re.compile(
    r"\bnot (?:a )?contradict\w*|\bno contradiction|(?<![\w-])compatible\b"
    r"|\b(?:can|could|may|might) both be (?:true|right)\b|\bnot in conflict\b"
    r"|\bdo(?:es)? not conflict\b|\bdifferent voices\b|\bdifferent emphas[ie]s\b",
    re.IGNORECASE,
)
# Wording that puts the sides of a disagreement in time order.
ORDER_WORDING = re.compile(r"\bapart\b|(?<!\bor )\b(?:earlier|later)\b", re.IGNORECASE)
# Around a month name: the words that mark it as a bound rather than a date.
BOUND_AFTER = re.compile(r"^[^.;]{0,30}?\b(?:or later|or after|at the earliest)\b")
BOUND_BEFORE = re.compile(r"\b(?:on or after|not before|no earlier than)\s+(?:\d{1,2}\s+)?$")
MONTHS = [dt.date(2000, m, 1).strftime("%B") for m in range(1, 13)]
# The words that make a date an end ("by July 2022", "through mid-July", "before the end of
# July", "as of 11 Jul", "by 2022-07-11"), and what may come between them and the month
END_WORDS = r"\b(?:by|until|till|through|before|as of|up to)\s+"
PART_OF_MONTH = r"(?:(?:the\s+)?(?:start|middle|end)\s+of\s+|mid-|early\s+|late\s+)?"


def _end_at(day: dt.date) -> re.Pattern[str]:
    """Its month read as an end: by name ("July", "Jul") or as an ISO date ("2022-07-11")."""
    name = MONTHS[day.month - 1]
    month = rf"{PART_OF_MONTH}(?:\d{{1,2}}\s+)?(?:{name}|{name[:3]})\b|{day:%Y-%m}\b"
    return re.compile(rf"{END_WORDS}(?:{month})", re.IGNORECASE)


def known_before(first: Source, second: Source) -> bool:
    """True only if `first` was certainly published before `second`."""
    latest, earliest = publication_window(first)[1], publication_window(second)[0]
    return latest is not None and earliest is not None and latest < earliest


def can_order(first: Source, second: Source) -> bool:
    """Whether the sources' dates say which of the two came first."""
    return known_before(first, second) or known_before(second, first)


def is_earliest_bound_only(source: Source) -> bool:
    """An inferred date with no latest bound: the article may be from any day after it."""
    return source.date_precision == "inferred" and source.latest is None


# --- sources: the bounds an inferred date rests on -------------------------------------------


def check_source_bounds(sources: Table) -> list[Problem]:
    """An inferred date names its bounds, and is one of them; a printed date needs none."""
    problems = []
    for i, source in enumerate(sources.records):

        def add(field: str, message: str, i: int = i) -> None:
            problems.append(Problem(sources.file, sources.line(i, field), field, message))

        bounds = (source.earliest, source.latest)
        if source.date_precision != "inferred":
            for field, bound in zip(("earliest", "latest"), bounds, strict=True):
                if bound is not None:
                    add(field, f"a {source.date_precision} date is printed; leave {field} empty")
        elif bounds == (None, None):
            add(
                "date_precision",
                "an inferred date needs its bounds: earliest and/or latest (a side no source "
                "gives stays empty)",
            )
        elif source.published not in bounds:
            add(
                "published",
                f"{source.published} is neither the earliest nor the latest bound; record "
                "the inferred date as one of them",
            )
        if None not in bounds and source.earliest > source.latest:
            add("latest", f"{source.latest} is before earliest {source.earliest}")
    return problems


# --- events: a span is never closed by an earliest bound -----------------------------------


def check_spans(events: Table, sources: dict[str, Source]) -> list[Problem]:
    """No event's date_end is the earliest bound of one of its sources' dates."""
    problems = []
    for i, event in enumerate(events.records):
        if event.date_end is None:
            continue
        for sid in event.sources:
            source = sources.get(sid)
            if source is None or source.date_precision != "inferred":
                continue
            if source.earliest == event.date_end != source.latest:
                problems.append(
                    Problem(
                        events.file,
                        events.line(i, "date_end"),
                        "date_end",
                        f"{event.date_end} is only the earliest date of {source.short_name}'s "
                        "article, which may be later, so it cannot end a span: end at a latest "
                        "bound or leave date_end empty, and say in date_note what is known",
                    )
                )
    return problems


def check_reported_after(events: Table, sources: dict[str, Source]) -> list[Problem]:
    """No "or later" event's earliest day is after the last day an article reporting it can
    have appeared (claim_dates.reported_by): the date window keeps it up to that day."""
    problems = []
    for i, event in enumerate(events.records):
        if event.date_precision != "earliest":
            continue
        for sid in event.sources:
            source = sources.get(sid)
            last = None if source is None else reported_by(source)
            if last is not None and event.date > last:
                problems.append(
                    Problem(
                        events.file,
                        events.line(i, "date"),
                        "date",
                        f"{event.date} is after {last}, the last day {source.short_name}'s "
                        "article reporting it can have appeared: an event is never later than "
                        "an article that reports it",
                    )
                )
    return problems


# --- the story: no briefing step or phase ends at an earliest bound ---------------------------


def check_story_bounds(document: Document[Story], sources: dict[str, Source]) -> list[Problem]:
    """No briefing step or phase note reads an earliest bound of an article it cites as an
    end ("by July 2022"): the article, and what it counted, may be from any later day."""
    story = document.content
    if story is None:
        return []
    texts = [
        (("briefing", i, name), text, step.sources)
        for i, step in enumerate(story.briefing)
        for name, text in (("headline", step.headline), ("text", step.text))
    ]
    texts += [
        (("phases", i, "note"), phase.note, phase.sources) for i, phase in enumerate(story.phases)
    ]
    problems = []
    for path, text, cited in texts:
        for source in (sources[s] for s in dict.fromkeys(cited) if s in sources):
            if not is_earliest_bound_only(source):
                continue
            if found := _end_at(source.published).search(text):
                problems.append(
                    Problem(
                        document.file,
                        document.line(*path),
                        field_name(path),
                        f"{found.group(0)!r} ends at the earliest date of {source.short_name}'s "
                        f"article, which is undated, {source.published:%-d %b %Y} or later: "
                        "say so (for example, in an article published on or after that day)",
                    )
                )
    return problems


# --- disagreements: positions in conflict, articles never ordered by a lower bound ----------


def check_disagreements(
    document: Document[Coverage], sources: dict[str, Source], figures: dict[str, Claim]
) -> list[Problem]:
    """Each disagreement's positions conflict, and its words date articles only as known."""
    coverage = document.content
    if coverage is None:
        return []
    problems: list[Problem] = []
    for i, disagreement in enumerate(coverage.disagreements):

        def add(path: tuple, message: str, i: int = i) -> None:
            full = ("disagreements", i, *path)
            problems.append(Problem(document.file, document.line(*full), field_name(full), message))

        texts = [
            (("description",), disagreement.description),
            (("conflict",), disagreement.conflict),
        ]
        texts += [(("sides", j, "position"), s.position) for j, s in enumerate(disagreement.sides)]
        side_sources = [
            [sources[s] for s in side.sources if s in sources] for side in disagreement.sides
        ]
        for path, text in texts:
            if found := COMPATIBLE_WORDING.search(text):
                add(
                    path,
                    f"says the positions are compatible ({found.group(0)!r}): keep a "
                    "disagreement only where they cannot both be right, and move a difference "
                    "of emphasis to the cells' framing",
                )
            for message in _dating_problems(text, side_sources):
                add(path, message)
        if disagreement.differs == "number":
            for path, message in _number_problems(disagreement, figures):
                add(path, message)
    return problems


def _number_problems(
    disagreement: Disagreement, figures: dict[str, Claim]
) -> list[tuple[tuple, str]]:
    """(path, message) where a number disagreement names no figures or two that agree."""
    if not disagreement.figures:
        return [(("differs",), "a disagreement on a number names the figures that differ")]
    side_figures = [
        [
            figures[f]
            for f in disagreement.figures
            if f in figures and figures[f].source in s.sources
        ]
        for s in disagreement.sides
    ]
    return [
        (
            ("figures",),
            f"{a.id} ({format_figure(a)}) and {b.id} ({format_figure(b)}) can both be true, "
            "so the sides do not disagree on the number",
        )
        for a, b in _pairs_across(side_figures)
        if a.measure == b.measure and can_both_be_true(a, b)
    ]


def _dating_problems(text: str, side_sources: list[list[Source]]) -> list[str]:
    """Where `text` dates an earliest-bound article as known, or orders unorderable ones."""
    messages = []
    for source in {s.id: s for side in side_sources for s in side}.values():
        if not is_earliest_bound_only(source):
            continue
        month = MONTHS[source.published.month - 1]
        for found in re.finditer(rf"\b{month}\b", text):
            inside_quotes = text[: found.start()].count('"') % 2 == 1
            bound = BOUND_AFTER.match(text[found.end() :]) or BOUND_BEFORE.search(
                text[: found.start()]
            )
            if not inside_quotes and not bound:
                messages.append(
                    f"dates {source.short_name}'s article by its earliest bound ({month}); "
                    f"it is undated, {source.published:%-d %b %Y} or later: say so"
                )
                break
    if found := ORDER_WORDING.search(text):
        unordered = [
            (a, b) for a, b in _pairs_across(side_sources) if a.id != b.id and not can_order(a, b)
        ]
        if unordered:
            a, b = unordered[0]
            messages.append(
                f"puts the articles in order ({found.group(0)!r}), but the dates of "
                f"{a.short_name} and {b.short_name} do not say which came first"
            )
    return messages


def _pairs_across(sides: list[list]) -> Iterable[tuple]:
    """Every pair of items on two different sides."""
    for j, first in enumerate(sides):
        for second in sides[j + 1 :]:
            for a in first:
                for b in second:
                    yield a, b


def check(
    tables: dict[str, Table], coverage: Document[Coverage], story: Document[Story]
) -> list[Problem]:
    """Every curation rule: the hook validation.collect calls."""
    sources = {s.id: s for s in tables[SOURCES_FILE].records}
    figures = {f.id: f for f in tables[FIGURES_FILE].records}
    return (
        check_source_bounds(tables[SOURCES_FILE])
        + check_spans(tables[EVENTS_FILE], sources)
        + check_reported_after(tables[EVENTS_FILE], sources)
        + check_story_bounds(story, sources)
        + check_disagreements(coverage, sources, figures)
    )
