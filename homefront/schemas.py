"""One pydantic model per record type in data/.

Pydantic rather than pandera: the curated files are nested YAML records (events
hold quotes and accounts, figures hold an `as_of` block), not flat tables, and
pydantic reports each error with its path inside the record, which loading maps
back to a line of the file. Unknown keys are rejected, so a misspelt field is
reported instead of silently ignored.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from functools import cached_property
from itertools import pairwise
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

# The longest text field: a summary is a paragraph (the longest curated one ~400 characters);
# far beyond it is a paste gone wrong, and every page would carry it.
MAX_TEXT = 5000
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT)]
OptionalText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_TEXT)]
RegionCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,3}$")]

SourceDatePrecision = Literal["day", "month", "inferred"]
# a figure's as_of may also be a stand-in day, by the same rules as an event's
AsOfPrecision = Literal["day", "month", "inferred", "approximate"]
# "earliest": the first day the sources allow, with no later bound ("11 Jul 2022 or later")
EventDatePrecision = Literal["day", "week", "month", "approximate", "earliest"]
Qualifier = Literal["exact", "at least", "about", "more than"]
SourceKind = Literal["news", "analysis", "dataset"]
# The period the dataset covers (data/README.md): from the build-up before the invasion to
# the last source used (the Bessudnov dataset's June 2023 update). Every date in the records
# lies in it, and the date filter offers no day outside it (config.yaml window_limits).
DATASET_PERIOD = (dt.date(2022, 1, 1), dt.date(2023, 6, 30))
# The Compare sources page, and a briefing step's compare view, set two to five articles
# side by side.
MIN_COMPARED, MAX_COMPARED = 2, 5

_URL = re.compile(r"^https?://\S+$")


def require_unique_ids(items: Sequence[Any], what: str) -> None:
    """For a list field's validator: two items with one id are an error naming the list."""
    ids = [item.id for item in items]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{what} ids must be unique (got {ids})")


class Record(BaseModel):
    """Base for every curated record: unknown keys are errors, values are frozen."""

    # no NaN or infinity: `.nan` in YAML is a float, but never a number anyone claimed
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Source(Record):
    """An article or dataset that events, figures and quotes cite."""

    id: Slug
    outlet: Text
    short_name: Text
    title: Text
    author: OptionalText = ""
    published: dt.date
    date_precision: SourceDatePrecision
    date_note: OptionalText = ""
    # bounds the sources give on an inferred date; None where a side is open
    earliest: dt.date | None = None
    latest: dt.date | None = None
    url: OptionalText = ""
    doi: OptionalText = ""
    repository: OptionalText = ""
    kind: SourceKind
    licence_note: Text
    # a dataset's first and last day of records: what its numbers are "as of"
    data_start: dt.date | None = None
    data_end: dt.date | None = None

    @model_validator(mode="after")
    def _check(self) -> Source:
        if self.data_start and self.data_end and self.data_end < self.data_start:
            raise ValueError(f"data_end {self.data_end} is before data_start {self.data_start}")
        if self.date_precision == "inferred" and not self.date_note:
            raise ValueError("date_note is required when date_precision is 'inferred'")
        if self.url and not _URL.match(self.url):
            raise ValueError(f"url must start with http:// or https:// (got {self.url!r})")
        return self

    @property
    def is_article(self) -> bool:
        """News or analysis: what coverage.yaml compares and article dates bound."""
        return self.kind != "dataset"


class Quote(Record):
    """Verbatim words from a source, with who said them."""

    text: Text
    speaker: Text
    source: Slug


class Account(Record):
    """How one source tells or dates an event, where sources differ."""

    source: Slug
    date_as_given: OptionalText = ""
    account: Text


class Event(Record):
    """Something that happened, dated only as precisely as its sources allow."""

    id: Slug
    date: dt.date
    date_end: dt.date | None = None
    date_precision: EventDatePrecision
    date_note: OptionalText = ""
    title: Text
    summary: Text
    category: Slug
    regions: list[RegionCode] = Field(default_factory=list)
    sources: list[Slug] = Field(min_length=1)
    quotes: list[Quote] = Field(default_factory=list)
    accounts: list[Account] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> Event:
        if self.date_end is not None and self.date_end < self.date:
            raise ValueError(f"date_end {self.date_end} is before date {self.date}")
        if self.date_precision in ("approximate", "earliest") and not self.date_note:
            raise ValueError(
                f"date_note is required when date_precision is '{self.date_precision}'"
            )
        if self.date_precision == "earliest" and self.date_end is not None:
            raise ValueError(
                "an 'earliest' date has no known end: a window with both ends is "
                "'approximate' with date_end"
            )
        return self

    @cached_property
    def end(self) -> dt.date:
        """Last day the event may cover: date_end, else the end of its precision's period.

        Cached: the Timeline reads it several times per event for packing, bars and hover
        text, and the fields it derives from are frozen (model_copy drops it)."""
        if self.date_end is not None:
            return self.date_end
        if self.date_precision == "month":
            return month_end(self.date)
        if self.date_precision == "week":
            return self.date + dt.timedelta(days=6)
        return self.date

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Event:
        """A copy whose `end` is worked out afresh: the cached one may not fit the update."""
        copy = super().model_copy(update=update, deep=deep)
        copy.__dict__.pop("end", None)
        return copy


class AsOf(Record):
    """When a figure applies or was claimed."""

    date: dt.date
    precision: AsOfPrecision
    note: OptionalText = ""

    @model_validator(mode="after")
    def _check(self) -> AsOf:
        if self.precision in ("inferred", "approximate") and not self.note:
            raise ValueError(f"note is required when precision is {self.precision!r}")
        return self

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        """The days the date may stand for: the whole month for month precision, else the
        day (a month-only claim is stored at the month's first day)."""
        if self.precision != "month":
            return self.date, self.date
        return self.date.replace(day=1), month_end(self.date)


class Claim(Record):
    """A number a source reports as somebody's claim (a record of data/figures.yaml).

    Called Claim, not Figure, because in this code a figure is a chart.
    """

    id: Slug
    measure: Slug
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier
    claimant: Text
    subject: OptionalText = ""
    region: RegionCode | None = None
    as_of: AsOf
    source: Slug
    quote: Text
    revises: Slug | None = None
    note: OptionalText = ""

    @model_validator(mode="after")
    def _check(self) -> Claim:
        if self.value is None and (self.low is None or self.high is None):
            raise ValueError("give a value, or both low and high for a range")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low {self.low:g} is above high {self.high:g}")
        if self.revises == self.id:
            raise ValueError("a figure cannot revise itself")
        return self


class Measure(Record):
    """A kind of quantity figures can claim, and what exactly it counts."""

    id: Slug
    label: Text
    unit: Text
    counts: Text


def month_end(day: dt.date) -> dt.date:
    """The last day of the month of `day`."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def revision_chain(figure_id: str, by_id: dict[str, Claim]) -> list[str]:
    """The figure and every figure it revises, directly or through others.

    Stops before a figure already in the chain: a cycle is reported by validation
    (`is_revision_cycle`), never followed forever.
    """
    chain = [figure_id]
    while (earlier := by_id[chain[-1]].revises) is not None and earlier in by_id:
        if earlier in chain:
            break
        chain.append(earlier)
    return chain


def is_revision_cycle(figure_id: str, by_id: dict[str, Claim]) -> bool:
    """The figure's revisions lead back to it."""
    return by_id[revision_chain(figure_id, by_id)[-1]].revises == figure_id


# --- coverage.yaml: how each article covers each topic ------------------------

# Whose words or views an outlet reports on a topic (quoted or paraphrased);
# documented in data/README.md.
Voice = Literal[
    "mothers", "wives", "relatives", "officials", "military", "experts", "activists", "journalists"
]
VOICES: tuple[str, ...] = get_args(Voice)
# What kind of thing two accounts disagree on.
Differs = Literal["number", "date", "prediction", "attribution", "characterisation"]


class CoverageQuote(Record):
    """Verbatim words from the cell's source; the source is the cell's column."""

    text: Text
    speaker: Text


class CoverageCell(Record):
    """What one article says on one topic, or an explicit 'not covered'."""

    covered: bool
    summary: Annotated[OptionalText, StringConstraints(max_length=400)] = ""
    quotes: list[CoverageQuote] = Field(default_factory=list)
    figures: list[Slug] = Field(default_factory=list)
    voices: list[Voice] = Field(default_factory=list)
    framing: Annotated[OptionalText, StringConstraints(max_length=120)] = ""

    @model_validator(mode="after")
    def _check(self) -> CoverageCell:
        if self.covered and not self.summary:
            raise ValueError("a covered cell needs a summary")
        if not self.covered:
            filled = [
                name
                for name in ("summary", "quotes", "figures", "voices", "framing")
                if getattr(self, name)
            ]
            if filled:
                raise ValueError(f"a cell with covered: false must leave {', '.join(filled)} empty")
        if len(set(self.voices)) != len(self.voices):
            raise ValueError("a voice is listed twice")
        return self


class Topic(Record):
    """One question asked of every article: a row of the comparison."""

    id: Slug
    label: Annotated[Text, StringConstraints(max_length=40)]
    question: Text
    # the events.yaml event the question is about, if it is one: an article published
    # before that event cannot have covered it (homefront/coverage.py)
    event: Slug | None = None
    cells: dict[Slug, CoverageCell]


class DisagreementSide(Record):
    """One position in a disagreement and the sources that take it."""

    sources: list[Slug] = Field(min_length=1)
    position: Text


class Disagreement(Record):
    """Where articles differ on a topic: a number, a date, a forecast, who said it, or a view."""

    id: Slug
    topic: Slug
    differs: Differs
    sides: list[DisagreementSide] = Field(min_length=2)
    description: Text
    conflict: Text  # why the positions cannot both be right (homefront/curation_rules.py)
    figures: list[Slug] = Field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        """Every source on any side, in the order given."""
        return list(dict.fromkeys(s for side in self.sides for s in side.sources))


class Coverage(Record):
    """The whole of coverage.yaml: topics (rows) and the disagreements between articles."""

    topics: list[Topic] = Field(min_length=1)
    disagreements: list[Disagreement] = Field(default_factory=list)


# --- story.yaml: what the pages present, chosen from the records above ------------------

# Text a slide shows is short by nature: a headline fits the projector.
Headline = Annotated[Text, StringConstraints(max_length=300)]
# The Why these regions charts a briefing step may show (`chart:`): homefront.region_model
# builds one for each id.
BRIEFING_CHARTS = ("rate-poverty", "rate-ethnicity", "rate-searches", "rate-pensions")


class Window(Record):
    """An inclusive date window."""

    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _check(self) -> Window:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


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
    metric: Slug  # a homefront.region_metrics.METRICS key (checked in homefront.validation)
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


class Story(Record):
    """The whole of story.yaml: the Overview's headline figures, the Timeline's phases and
    the Briefing's steps, each naming records of the other files (checked in validation)."""

    # figure ids (figures.yaml) shown as the Overview's headline numbers, in this order
    headline_figures: list[Slug] = Field(default_factory=list)
    # bands behind the timeline, none overlapping another
    phases: list[Phase] = Field(default_factory=list)
    # the Briefing page's steps, in the order they are presented
    briefing: list[BriefingStep] = Field(default_factory=list)

    @field_validator("phases")
    @classmethod
    def _phases_apart(cls, phases: list[Phase]) -> list[Phase]:
        require_unique_ids(phases, "phase")
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
    def _unique_steps(cls, steps: list[BriefingStep]) -> list[BriefingStep]:
        require_unique_ids(steps, "briefing step")
        return steps
