"""The app's settings file (config.yaml): its schema and its loader.

Settings only: what the pages present from the data (headline figures, timeline phases,
briefing steps) is curated content, in data/story.yaml.

Validated at start-up so a mistyped colour or window is reported as
`config.yaml:line: field: message` on the app's error page, not as a traceback
somewhere inside a chart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import (
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from homefront.paths import CONFIG_FILE
from homefront.problems import DataError, Problem
from homefront.schemas import (
    DATASET_PERIOD,
    Headline,
    Record,
    Slug,
    Text,
    Window,
    require_unique_ids,
)
from homefront.yamlfile import problems_from, read_yaml

Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
# Text set in the config is short by nature: a page title, a pill.
Title = Annotated[Text, StringConstraints(max_length=120)]
Label = Annotated[Text, StringConstraints(max_length=60)]

# Every page the app can show; config.yaml chooses which and in what order.
KNOWN_PAGES = ("overview", "timeline", "regions", "why_regions", "compare", "briefing", "data")


class Category(Record):
    """An event category: its id (used in data/events.yaml), label and colour."""

    id: Slug
    label: Label
    colour: Colour


class AppConfig(Record):
    """Everything config.yaml may hold."""

    title: Title
    subtitle: Headline
    window_limits: Window
    # after window_limits, so its validator can compare the two
    default_window: Window
    categories: list[Category] = Field(min_length=1)
    pages: list[Slug] = Field(min_length=1)

    @field_validator("window_limits", "default_window")
    @classmethod
    def _two_days(cls, window: Window) -> Window:
        if window.end == window.start:
            raise ValueError(
                f"the window {window.start}..{window.end} is one day; the date filter needs two"
            )
        return window

    @field_validator("window_limits")
    @classmethod
    def _within_the_data(cls, limits: Window) -> Window:
        start, end = DATASET_PERIOD
        if limits.start < start or limits.end > end:
            raise ValueError(
                f"window_limits {limits.start}..{limits.end} must lie within the dataset's "
                f"period {start}..{end}"
            )
        return limits

    # Field validators, not one model validator, so each error names its own setting.
    @field_validator("default_window")
    @classmethod
    def _within_limits(cls, default: Window, info: ValidationInfo) -> Window:
        limits = info.data.get("window_limits")
        if limits and (default.start < limits.start or default.end > limits.end):
            raise ValueError(
                f"default_window {default.start}..{default.end} must lie within "
                f"window_limits {limits.start}..{limits.end}"
            )
        return default

    @field_validator("categories")
    @classmethod
    def _unique_categories(cls, categories: list[Category]) -> list[Category]:
        require_unique_ids(categories, "category")
        return categories

    @field_validator("pages")
    @classmethod
    def _known_pages(cls, pages: list[str]) -> list[str]:
        unknown = [p for p in pages if p not in KNOWN_PAGES]
        if unknown:
            raise ValueError(f"unknown pages {unknown}; choose from {list(KNOWN_PAGES)}")
        if len(set(pages)) != len(pages):
            raise ValueError("a page is listed twice")
        return pages

    @property
    def category_ids(self) -> list[str]:
        return [c.id for c in self.categories]

    def category(self, category_id: str) -> Category:
        return next(c for c in self.categories if c.id == category_id)


def load_config(path: Path = CONFIG_FILE) -> AppConfig:
    """Read and validate config.yaml; raises DataError naming line and field."""
    data, lines = read_yaml(path)
    if not isinstance(data, dict):
        raise DataError([Problem(path.name, 1, "", "expected a mapping of settings")])
    try:
        return AppConfig.model_validate(data)
    except ValidationError as exc:
        raise DataError(problems_from(exc, path.name, lines)) from None
