"""The app's settings file (config.yaml): its schema and its loader.

Validated at start-up so a mistyped colour or window is reported as
`config.yaml:line: field: message` on the app's error page, not as a traceback
somewhere inside a chart.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from homefront.paths import CONFIG_FILE
from homefront.problems import DataError, Problem
from homefront.schemas import MAX_COMPARED, MIN_COMPARED, Record, RegionCode, Slug, Text
from homefront.yamlfile import LineMap, line_of, problems_from, read_yaml

Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
# Text set in the config is short by nature: a page title, a pill, a slide's headline.
Title = Annotated[Text, StringConstraints(max_length=120)]
Label = Annotated[Text, StringConstraints(max_length=60)]
Headline = Annotated[Text, StringConstraints(max_length=300)]

# Every page the app can show; config.yaml chooses which and in what order.
# The Why these regions charts a briefing step may show (`chart:`): homefront.region_model
# builds one for each id.
BRIEFING_CHARTS = ("rate-poverty", "rate-ethnicity", "rate-searches", "rate-pensions")
KNOWN_PAGES = ("overview", "timeline", "regions", "why_regions", "compare", "briefing", "data")


class Window(Record):
    """An inclusive date window."""

    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _check(self) -> Window:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class Category(Record):
    """An event category: its id (used in data/events.yaml), label and colour."""

    id: Slug
    label: Label
    colour: Colour


class Phase(Window):
    """A named stretch of the story, drawn as a band behind the timeline.

    Its start and end are dates the sources give (`note` says which), not dates
    picked to look tidy; `sources` names the sources.yaml ids they rest on.
    """

    id: Slug
    label: Text
    sources: list[Slug] = Field(min_length=1)
    note: Text


class TimelineView(Window):
    """A briefing step drawn as the timeline over a window of dates, its event outlined."""

    kind: Literal["timeline"]
    event: Slug | None = None  # the data/events.yaml id the step is about


class MapView(Record):
    """A briefing step drawn as the regions map, coloured by a metric, one region outlined."""

    kind: Literal["map"]
    metric: Slug  # a homefront.region_view.METRICS key (checked in homefront.validation)
    region: RegionCode


class CompareView(Record):
    """A briefing step drawn as one coverage topic, two to five articles side by side."""

    kind: Literal["compare"]
    sources: list[Slug] = Field(min_length=MIN_COMPARED, max_length=MAX_COMPARED)
    topic: Slug


class BriefingStep(Record):
    """One step of the Briefing: a headline, a few sentences, their sources and one view.

    Every number in `text` must be in data/figures.yaml or the casualty data, so a presenter
    never says what the dashboard cannot show; the ids are checked in homefront.validation.
    """

    id: Slug
    headline: Headline
    text: Text
    sources: list[Slug] = Field(min_length=1)
    view: Annotated[TimelineView | MapView | CompareView, Field(discriminator="kind")]
    # optional: one of the Why these regions scatters (whole period), in place of a timeline
    # or map view; refused on a compare step, whose outlets fill the slide (validation)
    chart: Literal[BRIEFING_CHARTS] | None = None


class AppConfig(Record):
    """Everything config.yaml may hold."""

    title: Title
    subtitle: Headline
    window_limits: Window
    # after window_limits, so its validator can compare the two
    default_window: Window
    categories: list[Category] = Field(min_length=1)
    pages: list[Slug] = Field(min_length=1)
    # figure ids (data/figures.yaml) shown as the Overview's headline numbers
    headline_figures: list[Slug] = Field(default_factory=list)
    # bands behind the timeline, in date order, none overlapping another
    phases: list[Phase] = Field(default_factory=list)
    # the Briefing page's steps, in the order they are presented
    briefing: list[BriefingStep] = Field(default_factory=list)
    # where each setting stands in config.yaml, so cross-file problems name their line
    _lines: LineMap = PrivateAttr(default_factory=dict)

    def line(self, *path: str | int) -> int | None:
        """The line of a setting in config.yaml: None for a setting the file does not have
        (a config made or changed in code), not the file's first line."""
        if path and (path[0],) not in self._lines:
            return None
        return line_of(self._lines, path)

    @field_validator("window_limits", "default_window")
    @classmethod
    def _two_days(cls, window: Window) -> Window:
        if window.end == window.start:
            raise ValueError(
                f"the window {window.start}..{window.end} is one day; the date filter needs two"
            )
        return window

    @field_validator("phases")
    @classmethod
    def _phases_apart(cls, phases: list[Phase]) -> list[Phase]:
        ids = [p.id for p in phases]
        if len(set(ids)) != len(ids):
            raise ValueError(f"phase ids must be unique (got {ids})")
        ordered = sorted(phases, key=lambda p: p.start)
        for before, after in pairwise(ordered):
            if after.start <= before.end:
                raise ValueError(
                    f"phases {before.id!r} ({before.start}..{before.end}) and {after.id!r} "
                    f"({after.start}..{after.end}) overlap"
                )
        return phases

    @field_validator("briefing")
    @classmethod
    def _unique_steps(cls, steps: list[BriefingStep], info: ValidationInfo) -> list[BriefingStep]:
        if not steps and "briefing" in (info.data.get("pages") or []):
            raise ValueError("the briefing page is in `pages` but has no steps")
        ids = [s.id for s in steps]
        if len(set(ids)) != len(ids):
            raise ValueError(f"briefing step ids must be unique (got {ids})")
        return steps

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
        ids = [c.id for c in categories]
        if len(set(ids)) != len(ids):
            raise ValueError(f"category ids must be unique (got {ids})")
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
        config = AppConfig.model_validate(data)
    except ValidationError as exc:
        raise DataError(problems_from(exc, path.name, lines)) from None
    config._lines = lines
    return config
