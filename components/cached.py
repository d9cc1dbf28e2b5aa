"""Every cache in the app: thin wrappers over Streamlit-free homefront.

Keys include the data files' modification stamp, taken once at the start of each
run, so an edited data file is picked up on the next rerun while unchanged data is
loaded once per process, and each figure or table is built once per view state
(shared(): the views themselves are named functions in components/views.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import inspect
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import cachetools
import orjson
import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from homefront import briefing_export, paths
from homefront.charts.projection import MapGeometry, project_geometry
from homefront.config import AppConfig, load_config
from homefront.dataset import Dataset
from homefront.dataset_cache import load_dataset_cached

T = TypeVar("T")
# Versions of the data kept per process: the current one, and the one before for sessions
# still finishing a run on it. Unbounded, every data edit kept a dataset, map and 5 MB
# briefing file alive (60 edits: +156 MB).
DATA_VERSIONS = 2
# Views kept per process: a timeline figure is ~40 KB of JSON, so a few hundred stay small.
VIEW_ENTRIES = 300
_RUN_STAMP = "_data_files_stamp"
# Every cache_clear of this module's own stores (views and fast_lookup), for clear()
_CLEARS: list[Callable[[], None]] = []


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


def fast_lookup(resource: Callable[..., T]) -> Callable[..., T]:
    """An st.cache_resource function's results, found again without Streamlit's lookup.

    Streamlit hashes every argument again and reads the function's signature on each call:
    60-90 µs for the config or the dataset, which a page asks for 4 to 16 times a rerun.
    Here the arguments (strings: paths and the data stamp) are the key of a small LRU.
    Streamlit still makes each version, once: its spinner, and its lock so that sessions
    arriving together build it once. This keeps no more versions than it does.
    """

    @cachetools.cached(cachetools.LRUCache(maxsize=DATA_VERSIONS), lock=threading.Lock())
    def found(*args: str) -> T:
        return resource(*args)

    _CLEARS.append(found.cache_clear)
    return found


# Config and dataset are frozen records shared read-only by every session, so they are
# cache_resource: cache_data would unpickle a copy of the whole dataset on each call, several
# calls per rerun. Nothing may mutate them or their frames.
@fast_lookup
@st.cache_resource(show_spinner=False, max_entries=DATA_VERSIONS)
def _config(path: str, stamp: str) -> AppConfig:
    return load_config(Path(path))


@fast_lookup
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


# ---- Shared results: figures and tables drawn from the filters --------------------------

P = ParamSpec("P")
# What a view's arguments may be made of: values whose repr is their whole content, so the
# repr of the arguments is the key (one string: Streamlit hashing a filters record field by
# field is slower, several calls a rerun). An object printed by its id could let a later
# object at the same address reuse another's view, so anything else is refused.
PLAIN = (str, int, float, bool, type(None), dt.date)


def _check_plain(value: object) -> None:
    if isinstance(value, PLAIN):
        return
    if isinstance(value, (tuple, list)):
        for item in value:
            _check_plain(item)
        return
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            if not field.repr:
                raise TypeError(f"{type(value).__name__}.{field.name} is left out of its repr")
            _check_plain(getattr(value, field.name))
        return
    raise TypeError(
        f"a {type(value).__name__} cannot be part of a view's key: pass ids, dates, numbers, "
        "tuples or records of them"
    )


def shared(build: Callable[Concatenate[str, P], T]) -> Callable[P, T]:
    """build, made once per set of arguments and data version and shared by all sessions.

    `build(stamp, ...)` takes the data files' stamp first, and the wrapper passes this run's
    (check_files), so an edited file is a new version; the rest of its arguments are the
    view state it draws (filters, selection, page state), and they are the whole key: there
    is no key to write by hand, so none can miss an input. The dataset and config are never
    arguments (hashing them each call would cost more than the view): build reads them with
    dataset() and config(), which the stamp versions. Arguments are small plain values
    (PLAIN, tuples and records of them), never frames; anything else raises TypeError.

    A page reruns on every widget change, and rebuilding a Plotly figure is what costs; a
    lookup here is far cheaper (benchmarks/reruns.py measures both). The result is shared
    read-only: Streamlit only reads what it is given to draw, and nothing may change it.

    The store is a cachetools LRU, not st.cache_resource: the key is already one string, and
    Streamlit's lookup (hashing each argument again, reading the function's signature per
    argument, a replay context) cost about 150 µs a call, against 26 µs here, and a page
    looks up 5 to 14 views a rerun. The condition makes a second session asking for a view
    being built wait for it, as Streamlit's per-key lock did, instead of building it again.
    """
    signature = inspect.signature(build)
    lock = threading.Lock()

    @cachetools.cached(
        cachetools.LRUCache(maxsize=VIEW_ENTRIES),
        key=lambda stamp, key, arguments: (stamp, key),
        lock=lock,
        condition=threading.Condition(lock),
    )
    def by_key(stamp: str, key: str, arguments: dict[str, Any]) -> T:
        return build(**arguments)

    @functools.wraps(build)
    def at_this_version(*args: P.args, **kwargs: P.kwargs) -> T:
        stamp = _data_stamp()
        bound = signature.bind(stamp, *args, **kwargs)
        bound.apply_defaults()
        given = tuple(bound.arguments.values())[1:]
        _check_plain(given)
        return by_key(stamp, repr(given), bound.arguments)

    _CLEARS.append(by_key.cache_clear)
    return at_this_version


def clear() -> None:
    """Forget every cached result: Streamlit's caches and every view's store (tests start
    from empty caches, so a test that swaps data never sees another's)."""
    st.cache_resource.clear()
    st.cache_data.clear()
    for clear_store in _CLEARS:
        clear_store()


class FrozenFigure(go.Figure):
    """A finished figure's dict, made once and of JSON's own types, for st.plotly_chart.

    Only to_dict() answers for the figure: its traces and layout are not copied in.

    st.plotly_chart calls to_dict() on every rerun (a deep copy, then a walk that encodes
    arrays) and JSON-encodes the result, where every date goes through Plotly's slow fallback
    encoder (benchmarks/scaling.py shows it at 100x data). A shared
    figure is never changed after it is built, so its dict is made once, written and read
    back by orjson: the JSON Plotly would write, but not walked value by value in Python
    first (Plotly's own to_json does; 95 of 105 ms for the Timeline's figure at 100x data).
    """

    def __init__(self, figure: go.Figure | dict):
        # empty, not a copy of `figure`: copying validates every trace again (slow for the
        # ledger's 24,000 traces at 100x data). st.plotly_chart reads only to_dict(). A
        # dict is a spec written as Plotly writes a figure's JSON (timeline_spec, ledger_spec),
        # sent as it is.
        super().__init__()
        spec = figure if isinstance(figure, dict) else figure.to_plotly_json()
        written = orjson.dumps(spec, default=_as_plotly_writes, option=orjson.OPT_SERIALIZE_NUMPY)
        self._frozen = orjson.loads(written)

    def to_dict(self) -> dict:
        return self._frozen


def _as_plotly_writes(value: object) -> str:
    """What orjson does not write itself: pandas' Timestamp (a datetime subclass), as
    Plotly writes a date. Anything else is not a chart's value, and raises."""
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a value a chart's JSON holds")


def with_arrow(frame: pd.DataFrame) -> tuple[pd.DataFrame, pa.Table]:
    """A shared table as the frame (for counts and downloads) and the Arrow table that
    st.dataframe sends, both made once. Handed a frame, st.dataframe converts it to Arrow on
    every rerun, for every table on the page."""
    return frame, pa.Table.from_pandas(frame, preserve_index=False)


# ---- Per data version --------------------------------------------------------------------


@fast_lookup
@st.cache_resource(show_spinner=False, max_entries=DATA_VERSIONS)
def _map_geometry(stamp: str) -> MapGeometry:
    return project_geometry(dataset().regional.geometry)


def map_geometry() -> MapGeometry:
    """The boundaries projected and serialised once per process, shared read-only.

    cache_resource, not cache_data: a copy of ~200 KB of JSON strings on every rerun is the
    cost this cache exists to avoid.
    """
    return _map_geometry(_data_stamp())


@st.cache_data(show_spinner="Building the briefing file…", max_entries=DATA_VERSIONS)
def _briefing_html(stamp: str) -> bytes:
    return briefing_export.build_html(config(), dataset()).encode("utf-8")


def briefing_html() -> bytes:
    """The whole briefing as one offline HTML file (homefront.briefing_export), built once
    per change of the config or data: it inlines plotly.js, ~5 MB."""
    return _briefing_html(_data_stamp())
