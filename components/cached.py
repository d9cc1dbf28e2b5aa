"""Every cache in the app: thin wrappers over Streamlit-free homefront.

Keys include the data files' modification stamp, taken once at the start of each
run, so an edited data file is picked up on the next rerun while unchanged data is
loaded once per process, and each figure or table is built once per view state.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pyarrow as pa
import streamlit as st

from homefront import briefing_export, death_tolls, paths, queries, rates
from homefront.charts.projection import MapGeometry, project_geometry
from homefront.config import AppConfig, load_config
from homefront.dataset import Dataset
from homefront.dataset_cache import load_dataset_cached
from homefront.filters import ViewFilters
from homefront.schemas import Event, Figure

T = TypeVar("T")
# Versions of the data kept per process: the current one, and the one before for sessions
# still finishing a run on it. Unbounded, every data edit kept a dataset, map and 5 MB
# briefing file alive (60 edits: +156 MB).
DATA_VERSIONS = 2
# Views kept per process: a timeline figure is ~40 KB of JSON, so a few hundred stay small.
VIEW_ENTRIES = 300
_RUN_STAMP = "_data_files_stamp"


def _stamp(*files: Path) -> str:
    """What changes when any of the files does (missing files included), as one string.

    A string, not a tuple of tuples: Streamlit hashes cache arguments item by item, and a
    nested stamp is hashed again on each of several calls a rerun.
    """
    out = []
    for file in files:
        try:
            stat = file.stat()
            out.append(f"{file}:{stat.st_mtime_ns}:{stat.st_size}")
        except OSError:
            out.append(f"{file}:missing")
    return "|".join(out)


# Config and dataset are frozen records shared read-only by every session, so they are
# cache_resource: cache_data would unpickle a copy of the whole dataset on each call, several
# calls per rerun. Nothing may mutate them or their frames.
@st.cache_resource(show_spinner=False, max_entries=DATA_VERSIONS)
def _config(path: str, stamp: str) -> AppConfig:
    return load_config(Path(path))


@st.cache_resource(show_spinner="Loading the dataset…", max_entries=DATA_VERSIONS)
def _dataset(data_dir: str, config_path: str, stamp: str) -> Dataset:
    return load_dataset_cached(Path(data_dir), Path(config_path))


def config() -> AppConfig:
    return _config(str(paths.CONFIG_FILE), _data_stamp())


def _files_stamp() -> str:
    """The config and every file the dataset is read from."""
    return _stamp(paths.CONFIG_FILE, *(paths.DATA_DIR / name for name in paths.DATA_FILES))


def check_files() -> None:
    """Note the state of the data files once, at the start of a run (app.py does).

    Every cache below is keyed by it, so a page's many lookups in one run stat the files
    once and all see the same version of the data.
    """
    st.session_state[_RUN_STAMP] = _files_stamp()


def _data_stamp() -> str:
    stamp = st.session_state.get(_RUN_STAMP)
    return stamp if stamp is not None else _files_stamp()


def dataset() -> Dataset:
    return _dataset(str(paths.DATA_DIR), str(paths.CONFIG_FILE), _data_stamp())


def region_names() -> dict[str, str]:
    """ISO code -> English name of every region the filters offer."""
    return dataset().region_names


# ---- Views: figures and tables drawn from the filters ------------------------------------


@st.cache_resource(show_spinner=False, max_entries=VIEW_ENTRIES)
def _view(name: str, key: str, stamp: str, _build: Callable[[], T]) -> T:
    return _build()


def view(name: str, key: Hashable, build: Callable[[], T]) -> T:
    """What build() returns, made once per (name, key, data files) and shared by all sessions.

    A page reruns on every widget change, and rebuilding a Plotly figure is what costs: the
    timeline figure takes ~120 ms, a lookup here well under 1 ms. `key` must hold every input
    of build() other than the dataset and config (filters, selection, page state), since two
    calls with equal keys get the same object. It is shared read-only: Streamlit only reads
    what it is given to draw, and nothing may change a view after it is built.
    """
    # repr: one string to hash (a filters record hashed field by field cost ~1 ms); it names
    # every field of the frozen dataclasses, tuples, dates and strings that keys are made of
    return _view(name, repr(key), _data_stamp(), build)


class FrozenFigure(go.Figure):
    """A finished figure's dict, made once and of JSON's own types, for st.plotly_chart.

    Only to_dict() answers for the figure: its traces and layout are not copied in.

    st.plotly_chart calls to_dict() on every rerun (a deep copy, then a walk that encodes
    arrays: 3-8 ms for the timeline figure) and JSON-encodes the result, where every date
    goes through Plotly's slow fallback encoder (~70 ms a rerun for 4,000 events). A figure
    from figure() is never changed after it is built, so its dict is made once, from the
    JSON Plotly writes for it: the same JSON again, at the C encoder's speed.
    """

    def __init__(self, figure: go.Figure):
        # empty, not a copy of `figure`: copying validates every trace again (~20 s for the
        # ledger's 24,000 traces at 100x data). st.plotly_chart reads only to_dict().
        super().__init__()
        self._frozen = json.loads(pio.to_json(figure, validate=False))

    def to_dict(self) -> dict:
        return self._frozen


def figure(name: str, key: Hashable, build: Callable[[], go.Figure]) -> go.Figure:
    """view() for a Plotly figure: built once per key, and serialised once too."""
    return view(name, key, lambda: FrozenFigure(build()))


def table(
    name: str, key: Hashable, build: Callable[[], pd.DataFrame]
) -> tuple[pd.DataFrame, pa.Table]:
    """view() for a table: the frame (for counts and downloads) and the Arrow table that
    st.dataframe sends, both made once. Handed a frame, st.dataframe converts it to Arrow on
    every rerun (1-2 ms a table, measured on the Regions page)."""

    def both() -> tuple[pd.DataFrame, pa.Table]:
        frame = build()
        return frame, pa.Table.from_pandas(frame, preserve_index=False)

    return view(name, key, both)


def events(filters: ViewFilters) -> tuple[Event, ...]:
    """The events the filters keep (homefront.queries.filter_events), once per filter state."""
    data = dataset()
    return view("events", filters, lambda: tuple(queries.filter_events(data.events, filters)))


def figures(filters: ViewFilters) -> tuple[Figure, ...]:
    """The claimed figures the filters keep (homefront.queries.filter_figures)."""
    data = dataset()
    return view("figures", filters, lambda: tuple(queries.filter_figures(data.figures, filters)))


# ---- Regions page -------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=DATA_VERSIONS)
def _map_geometry(stamp: str) -> MapGeometry:
    return project_geometry(dataset().regional.geometry)


def map_geometry() -> MapGeometry:
    """The boundaries projected and serialised once per process, shared read-only.

    cache_resource, not cache_data: a copy of ~200 KB of JSON strings on every rerun is the
    cost this cache exists to avoid.
    """
    return _map_geometry(_data_stamp())


def region_rates(start: dt.date, end: dt.date, unit_types: tuple[str, ...] | None) -> pd.DataFrame:
    """homefront.rates.region_rates for a window (whole months) and unit types (None = all).

    Shared, like every view: read it, derive new frames from it, never change it in place.
    """
    first, last = rates.to_month(start), rates.to_month(end)
    regional = dataset().regional
    return view(
        "region_rates",
        (first, last, unit_types),
        lambda: rates.region_rates(regional.regions, regional.casualties, first, last, unit_types),
    )


# ---- Timeline page ------------------------------------------------------------------------


def confirmed_by_month() -> pd.DataFrame:
    """Nationwide confirmed deaths per month and their running total (homefront.death_tolls)."""
    casualties = dataset().regional.casualties
    return view("confirmed_by_month", (), lambda: death_tolls.confirmed_by_month(casualties))


# ---- Briefing page ------------------------------------------------------------------------


@st.cache_data(show_spinner="Building the briefing file…", max_entries=DATA_VERSIONS)
def _briefing_html(stamp: str) -> bytes:
    return briefing_export.build_html(config(), dataset()).encode("utf-8")


def briefing_html() -> bytes:
    """The whole briefing as one offline HTML file (homefront.briefing_export), built once
    per change of the config or data: it inlines plotly.js, ~5 MB."""
    return _briefing_html(_data_stamp())
