"""Checks of quotes against what they quote: the articles' own words, and the figures' numbers.

Trust rests on every quote being verbatim. `check_verbatim` compares each quote of events,
figures and coverage cells with its article's capture in the source pack (which the app
never reads: `python -m homefront validate --sources PATH` and the tests run it);
`check_figure_numbers` needs no source pack: a figure's quote must state its number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from homefront.loading import Document, Table
from homefront.paths import EVENTS_FILE, FIGURES_FILE
from homefront.problems import Problem
from homefront.schemas import Claim, Coverage

ARTICLES_DIR = "articles"  # inside the source pack
# which capture in the source pack each article source was curated from
CAPTURES = {
    "socialeurope": "000_f32cf4c33fa62a25.txt",
    "moscowtimes": "001_e9d2bbc4a06d9cda.txt",
    "newsweek": "002_2af6a539ac5e8201.txt",
    "bbc": "003_cb2e1c0f1980b265.txt",
    "rferl": "004_5638d013abe736ae.txt",
}
# numbers the articles write as words ("eight years", "a dozen", "three hundred thousand")
_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
_ONES += " fifteen sixteen seventeen eighteen nineteen"
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
NUMBER_WORDS = (
    {word: float(n) for n, word in enumerate(_ONES.split())}
    | {word: float(20 + 10 * n) for n, word in enumerate(_TENS.split())}
    | {"dozen": 12.0, "half": 0.5}
)
SCALE_WORDS = {"hundred": 100.0, "thousand": 1e3, "million": 1e6}
_NUMBER = "|".join([*NUMBER_WORDS, *SCALE_WORDS])
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
# a run of number words ("twenty-five thousand"), perhaps "and a half"; any other "and"
# separates two numbers ("between ten and fifteen thousand": ten, and fifteen thousand)
_WORDS = re.compile(rf"\b(?:{_NUMBER})(?:[\s-]+(?:{_NUMBER}))*(?:\s+and\s+a\s+half)?\b", re.I)
# "1.2 million", "2,000", "5 thousand": a number in the quote may be in these units
SCALES = (1.0, 1e3, 1e6)


def normalise(text: str) -> str:
    """What the source pack's README allows to differ: typographic quote marks and spacing."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip()


def quotes_of(
    tables: dict[str, Table], coverage: Document[Coverage]
) -> Iterator[tuple[str, str, Problem]]:
    """(source id, quote text, the problem's place) for every quote in the dataset."""
    events, figures = tables[EVENTS_FILE], tables[FIGURES_FILE]
    for i, event in enumerate(events.records):
        for j, quote in enumerate(event.quotes):
            place = Problem(events.file, events.line(i, "quotes", j, "text"), "", "")
            yield quote.source, quote.text, _named(place, f"quotes[{j}].text")
    for i, figure in enumerate(figures.records):
        yield (
            figure.source,
            figure.quote,
            Problem(figures.file, figures.line(i, "quote"), "quote", ""),
        )
    if coverage.content is None:
        return
    for i, topic in enumerate(coverage.content.topics):
        for source, cell in topic.cells.items():
            for j, quote in enumerate(cell.quotes):
                path = ("topics", i, "cells", source, "quotes", j, "text")
                field = f"topics[{i}].cells.{source}.quotes[{j}].text"
                yield source, quote.text, Problem(coverage.file, coverage.line(*path), field, "")


def check_verbatim(
    tables: dict[str, Table], coverage: Document[Coverage], sources_dir: Path
) -> list[Problem]:
    """Every quote of an article source appears, word for word, in that article's capture."""
    articles = sources_dir / ARTICLES_DIR
    texts: dict[str, str] = {}
    problems = []
    for source, name in CAPTURES.items():
        try:
            texts[source] = normalise((articles / name).read_text(encoding="utf-8"))
        except OSError as exc:
            problems.append(Problem(str(articles / name), None, "", f"cannot read: {exc}"))
    for source, text, place in quotes_of(tables, coverage):
        if source in texts and normalise(text) not in texts[source]:
            message = f"not word for word in {source}'s article: {_clip(text)!r}"
            problems.append(_named(place, place.field, message))
    return problems


def check_figure_numbers(figures: Table[Claim]) -> list[Problem]:
    """A figure's quote states its value (or both ends of its range), in digits or words."""
    problems = []
    for i, figure in enumerate(figures.records):
        stated = numbers_in(figure.quote)
        wanted = [v for v in (figure.value, figure.low, figure.high) if v is not None]
        missing = [v for v in wanted if not any(abs(v) / scale in stated for scale in SCALES)]
        if missing:
            numbers = " and ".join(f"{v:,g}" for v in missing)
            problems.append(
                Problem(
                    figures.file,
                    figures.line(i, "quote"),
                    "quote",
                    f"does not state the figure's number {numbers}: quote the words that do",
                )
            )
    return problems


def numbers_in(text: str) -> set[float]:
    """Every number a quote states: digits (with thousands commas) and runs of number words."""
    found = {float(m.replace(",", "")) for m in _DIGITS.findall(text)}
    for run in _WORDS.findall(text):
        total = current = 0.0
        for word in re.split(r"[\s-]+", run.lower().replace("and a half", "half")):
            if word in NUMBER_WORDS:
                current += NUMBER_WORDS[word]
            elif word == "hundred":
                current = (current or 1) * 100
            elif word in SCALE_WORDS:
                total, current = total + (current or 1) * SCALE_WORDS[word], 0.0
        found.add(total + current)
    return found


def _named(place: Problem, field: str, message: str = "") -> Problem:
    return Problem(place.file, place.line, field, message)


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
