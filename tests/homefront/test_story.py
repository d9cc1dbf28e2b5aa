"""data/story.yaml: the real file loads; a broken copy names file, line and field.

Headline figures, timeline phases and briefing steps are curated content read like the other
data files: a mistake is reported as `story.yaml:line: field: message`.
"""

from __future__ import annotations

import shutil
from itertools import pairwise
from pathlib import Path

import pytest

from homefront.config import load_config
from homefront.loading import read_document
from homefront.paths import STORY_FILE
from homefront.problems import Problem
from homefront.schemas import Story
from homefront.validation import collect
from tests.conftest import REAL_CONFIG, ROOT, DataCopy, EditedCopy

REAL_STORY = ROOT / "data" / STORY_FILE


class BrokenStory(EditedCopy):
    """A copy of the real story.yaml with one edit."""

    def __init__(self, tmp_path: Path, old: str, new: str):
        super().__init__(REAL_STORY, tmp_path, old, new)

    def problems(self) -> list[Problem]:
        return read_document(self.path, Story)[1]


def test_the_real_phases_are_in_order_and_apart():
    story, problems = read_document(REAL_STORY, Story)
    assert problems == []
    phases = story.content.phases
    assert [p.id for p in phases] == [
        "invasion",
        "attrition",
        "mobilisation",
        "autumn",
        "new-year-strike",
    ]
    for before, after in pairwise(phases):
        assert before.end < after.start
    assert all(p.sources and p.note for p in phases)


def test_a_phase_ending_before_it_starts_names_the_phase(tmp_path):
    story = BrokenStory(tmp_path, "    end: 2022-09-30", "    end: 2022-08-30")
    [problem] = story.problems()
    assert problem.file == STORY_FILE
    assert problem.field == "phases[2]"
    assert problem.line == story.line_of("- id: mobilisation")
    assert "end 2022-08-30 is before start 2022-09-01" in problem.message


# Rules over the whole list: the problem names the list's key and stands on its line.
@pytest.mark.parametrize(
    ("old", "new", "field", "phrases"),
    [
        ("    start: 2022-10-01", "    start: 2022-09-15", "phases", ("'autumn'", "overlap")),
        ("  - id: attrition", "  - id: invasion", "phases", ("phase ids must be unique",)),
        ("  - id: refusals", "  - id: cannon-fodder", "briefing", ("step ids must be unique",)),
    ],
    ids=["phases-overlap", "phase-id-twice", "step-id-twice"],
)
def test_a_rule_across_items_is_reported_on_the_lists_key(tmp_path, old, new, field, phrases):
    story = BrokenStory(tmp_path, old, new)
    [problem] = story.problems()
    assert (problem.file, problem.field, problem.line) == (
        STORY_FILE,
        field,
        story.line_of(f"{field}:"),
    )
    assert all(phrase in problem.message for phrase in phrases), problem.message


def test_a_phase_without_sources_is_reported(tmp_path):
    story = BrokenStory(tmp_path, "    sources: [socialeurope]\n", "    sources: []\n")
    [problem] = story.problems()
    assert problem.field == "phases[4].sources"
    assert problem.line == story.line_of("sources: []")
    assert "at least 1" in problem.message


def test_a_headline_longer_than_a_slide_is_reported(tmp_path):
    old = "    headline: How many had died?"
    story = BrokenStory(tmp_path, old, f"    headline: {'x' * 301}")
    [problem] = story.problems()
    assert problem.field.endswith(".headline") and "at most 300" in problem.message
    assert problem.line == story.line_of("headline: xxx")


def test_an_empty_briefing_for_a_listed_page_is_a_problem(tmp_path):
    """`briefing: []` while config.yaml lists the page would leave the page empty."""
    data = DataCopy(Path(shutil.copytree(ROOT / "data", tmp_path / "data")))
    text = data.text(STORY_FILE)
    data.write(STORY_FILE, text[: text.index("briefing:\n")] + "briefing: []\n")
    [problem] = collect(data.root, load_config(REAL_CONFIG))[-1]
    assert (problem.file, problem.line, problem.field) == (
        STORY_FILE,
        data.line_of(STORY_FILE, "briefing: []"),
        "briefing",
    )
    assert "has no steps" in problem.message
