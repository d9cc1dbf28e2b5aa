"""homefront.config: the real config.yaml loads; a broken copy names file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from homefront.config import KNOWN_PAGES, load_config
from homefront.problems import DataError, Problem
from tests.conftest import EditedCopy

ROOT = Path(__file__).resolve().parents[2]
REAL_CONFIG = ROOT / "config.yaml"


class BrokenCopy(EditedCopy):
    """A copy of the real config.yaml with one edit."""

    def __init__(self, tmp_path: Path, old: str, new: str):
        super().__init__(REAL_CONFIG, tmp_path, old, new)

    def problems(self) -> list[Problem]:
        with pytest.raises(DataError) as caught:
            load_config(self.path)
        return caught.value.problems


def test_the_real_config_loads():
    config = load_config(REAL_CONFIG)
    assert config.title
    assert config.default_window.start <= config.default_window.end
    assert config.window_limits.start <= config.default_window.start
    assert config.default_window.end <= config.window_limits.end
    assert set(config.pages) <= set(KNOWN_PAGES)
    assert len(config.category_ids) == len(set(config.category_ids)) > 0


def test_category_lookup():
    config = load_config(REAL_CONFIG)
    first = config.categories[0]
    assert config.category(first.id) == first
    assert config.category_ids[0] == first.id


def test_a_bad_colour_names_its_line_and_field(tmp_path):
    config = BrokenCopy(tmp_path, 'colour: "#B23A48"', "colour: dark red")
    [problem] = config.problems()
    assert problem.file == "config.yaml"
    assert problem.line == config.line_of("colour: dark red")
    assert problem.field == "categories[1].colour"
    assert "pattern" in problem.message


def test_an_end_before_start_names_the_window(tmp_path):
    config = BrokenCopy(
        tmp_path,
        "default_window:\n  start: 2022-02-24\n  end: 2023-01-10",
        "default_window:\n  start: 2022-02-24\n  end: 2022-01-10",
    )
    [problem] = config.problems()
    assert problem.file == "config.yaml"
    assert problem.line == config.line_of("default_window:")
    assert problem.field == "default_window"
    assert "end 2022-01-10 is before start" in problem.message


def test_a_date_that_is_not_a_date_names_its_line(tmp_path):
    config = BrokenCopy(tmp_path, "  start: 2022-01-01", "  start: soon")
    [problem] = config.problems()
    assert (problem.file, problem.line) == ("config.yaml", config.line_of("start: soon"))
    assert problem.field == "window_limits.start"


def test_a_missing_setting_names_the_field(tmp_path):
    config = BrokenCopy(tmp_path, "title: Home Front\n", "")
    [problem] = config.problems()
    assert problem.file == "config.yaml"
    assert problem.field == "title"
    assert "required" in problem.message.lower()


def test_an_unknown_setting_is_reported(tmp_path):
    config = BrokenCopy(tmp_path, "title: Home Front\n", "title: Home Front\ntheme: dark\n")
    [problem] = config.problems()
    assert (problem.line, problem.field) == (config.line_of("theme: dark"), "theme")
    assert "unknown field" in problem.message


# Rules that compare several settings: the problem should still point at the setting to
# fix (its key, or the offending item), not at the top of the file with an empty field.
@pytest.mark.parametrize(
    ("old", "new", "field", "item", "phrase"),
    [
        (
            "default_window:\n  start: 2022-02-24",
            "default_window:\n  start: 2021-12-01",
            "default_window",
            "start: 2021-12-01",
            "must lie within window_limits",
        ),
        (
            "window_limits:\n  start: 2022-01-01",
            "window_limits:\n  start: 2021-06-01",
            "window_limits",
            "window_limits:",
            "must lie within the dataset's period 2022-01-01..2023-06-30",
        ),
        ("  - data", "  - data\n  - nowhere", "pages", "- nowhere", "unknown pages"),
        ("  - data", "  - data\n  - data", "pages", "- data", "listed twice"),
        (
            "  - id: information",
            "  - id: military",
            "categories",
            "- id: military",
            "category ids must be unique",
        ),
    ],
    ids=[
        "default-outside-limits",
        "limits-outside-the-data",
        "unknown-page",
        "page-twice",
        "category-id-twice",
    ],
)
def test_a_rule_across_settings_names_the_setting(tmp_path, old, new, field, item, phrase):
    config = BrokenCopy(tmp_path, old, new)
    [problem] = config.problems()
    assert problem.file == "config.yaml"
    assert phrase in problem.message
    assert problem.field.split(".")[0].split("[")[0] == field, str(problem)
    # the setting's key, or the last (offending) occurrence of the item
    assert problem.line in {config.line_of(f"{field}:"), config.lines_of(item)[-1]}, str(problem)


def test_a_config_that_is_not_a_mapping(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("- title: Home Front\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_config(path)
    assert caught.value.problems == [
        Problem("config.yaml", 1, "", "expected a mapping of settings")
    ]


def test_a_missing_config_is_reported(tmp_path):
    with pytest.raises(DataError) as caught:
        load_config(tmp_path / "config.yaml")
    assert caught.value.problems == [Problem("config.yaml", None, "", "file not found")]


# Settings that validated but broke pages (issue 14.2): each is now a problem on its line.
@pytest.mark.parametrize(
    ("old", "new", "field", "item", "phrase"),
    [
        (
            "window_limits:\n  start: 2022-01-01\n  end: 2023-06-30",
            "window_limits:\n  start: 2022-06-01\n  end: 2022-06-01",
            "window_limits",
            "window_limits:",
            "is one day",
        ),
        (
            "default_window:\n  start: 2022-02-24\n  end: 2023-01-10",
            "default_window:\n  start: 2022-03-01\n  end: 2022-03-01",
            "default_window",
            "default_window:",
            "is one day",
        ),
    ],
    ids=["one-day-limits", "one-day-default"],
)
def test_settings_no_page_can_draw_are_problems(tmp_path, old, new, field, item, phrase):
    config = BrokenCopy(tmp_path, old, new)
    problems = [p for p in config.problems() if p.field.startswith(field)]
    assert len(problems) == 1, problems
    [problem] = problems
    assert phrase in problem.message and problem.line == config.line_of(item), str(problem)


@pytest.mark.parametrize(
    ("old", "field", "length"),
    [
        ("title: Home Front", "title", 100_000),
        ("title: Home Front", "title", 121),
        ("    label: Military", "categories[0].label", 61),
    ],
)
def test_config_text_has_a_length_limit(tmp_path, old, field, length):
    key = old.split(":")[0]
    config = BrokenCopy(tmp_path, old, f"{key}: {'x' * length}")
    [problem] = config.problems()
    assert problem.field == field and "at most" in problem.message, str(problem)
    assert problem.line == config.line_of(f"{key}: x")
