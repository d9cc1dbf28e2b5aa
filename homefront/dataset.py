"""The validated dataset every page shares, assembled from data/ in one call."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from homefront.config import AppConfig
from homefront.loading import Document, Table
from homefront.paths import EVENTS_FILE, FIGURES_FILE, MEASURES_FILE, SOURCES_FILE
from homefront.rates import known_months
from homefront.regional import RegionalData
from homefront.schemas import Claim, Coverage, Event, Measure, Source, Story
from homefront.validation import collect, raise_for


@dataclass(frozen=True)
class Dataset:
    """Every curated record, already checked within and across files."""

    sources: dict[str, Source]
    events: tuple[Event, ...]
    figures: tuple[Claim, ...]
    measures: dict[str, Measure]
    regional: RegionalData
    # coverage.yaml: how each article treats each topic (the Compare sources page)
    coverage: Coverage
    # story.yaml: the Overview's headline figures, the Timeline's phases, the Briefing's steps
    story: Story

    @cached_property
    def figure_by_id(self) -> dict[str, Claim]:
        """Every figure by its id, made once (cells, ledgers and exports look figures up by
        id, and a dict per lookup grows with the data). Shared: callers must not change it."""
        return {f.id: f for f in self.figures}

    @cached_property
    def event_by_id(self) -> dict[str, Event]:
        """Every event by its id, made once. Shared: callers must not change it."""
        return {e.id: e for e in self.events}

    @cached_property
    def death_months(self) -> tuple[str, ...]:
        """Every month from the first to the last with a confirmed death ('YYYY-MM'), made
        once: the count's period is asked for several times a rerun on two pages."""
        return tuple(known_months(self.regional.casualties))

    @cached_property
    def region_names(self) -> dict[str, str]:
        """ISO code -> English name, in the order of regions.csv (made once: pages ask for it
        several times a rerun). The dict is shared: callers must not change it."""
        regions = self.regional.regions
        return dict(zip(regions["iso"], regions["name_en"], strict=True))


def load_dataset(data_dir: Path, config: AppConfig) -> Dataset:
    """Load and validate data_dir; raises DataError listing every problem found."""
    with collection_paused():
        tables, coverage, story, regional, problems = collect(data_dir, config)
        raise_for(problems)
        return assemble(tables, coverage, story, regional)


@contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while a dataset is built or unpickled.

    Building one makes hundreds of thousands of objects that all live on, and each
    collection the allocations set off walks them again for nothing: a third of loading
    100x data (2.7 to 1.8 s) and half of reading it back from its cache. Reference counting
    still frees what is dropped; the collector resumes, as it was, when the block ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def assemble(
    tables: dict[str, Table],
    coverage: Document[Coverage],
    story: Document[Story],
    regional: RegionalData,
) -> Dataset:
    """The Dataset from what validation.collect read without a problem."""
    return Dataset(
        sources={s.id: s for s in tables[SOURCES_FILE].records},
        events=tuple(sorted(tables[EVENTS_FILE].records, key=lambda e: (e.date, e.id))),
        figures=tuple(tables[FIGURES_FILE].records),
        measures={m.id: m for m in tables[MEASURES_FILE].records},
        regional=regional,
        coverage=coverage.content,
        story=story.content,
    )
