"""Every cache in the app: thin wrappers over Streamlit-free homefront.

Keys include each file's modification stamp, so an edited data file is picked
up on the next rerun while unchanged data is loaded once per process.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from homefront import briefing_export, paths, rates, timeline
from homefront.config import AppConfig, load_config
from homefront.dataset import Dataset, load_dataset
from homefront.region_view import MapGeometry, project_geometry


def _stamp(*files: Path) -> tuple:
    """What changes when any of the files does (missing files included)."""
    out = []
    for file in files:
        try:
            stat = file.stat()
            out.append((str(file), stat.st_mtime_ns, stat.st_size))
        except OSError:
            out.append((str(file), None, None))
    return tuple(out)


# Config and dataset are frozen records shared read-only by every session, so they are
# cache_resource: cache_data would unpickle a copy on each call (measured: 75 ms for the
# 0.6 MB dataset, several calls per rerun). Nothing may mutate them or their frames.
@st.cache_resource(show_spinner=False)
def _config(path: str, stamp: tuple) -> AppConfig:
    return load_config(Path(path))


@st.cache_resource(show_spinner="Loading the dataset…")
def _dataset(data_dir: str, config_path: str, stamp: tuple) -> Dataset:
    return load_dataset(Path(data_dir), load_config(Path(config_path)))


def config() -> AppConfig:
    return _config(str(paths.CONFIG_FILE), _stamp(paths.CONFIG_FILE))


def _data_stamp() -> tuple:
    """The config and every data file: what the whole dataset depends on."""
    files = sorted(
        p for p in paths.DATA_DIR.rglob("*") if p.suffix in (".yaml", ".csv", ".geojson")
    )
    return _stamp(paths.CONFIG_FILE, *files)


def dataset() -> Dataset:
    return _dataset(str(paths.DATA_DIR), str(paths.CONFIG_FILE), _data_stamp())


def region_names() -> dict[str, str]:
    """ISO code -> English name of every region the filters offer."""
    return dataset().region_names


# ---- Regions page -------------------------------------------------------------------------


def _regional_stamp() -> tuple:
    files = (paths.REGIONS_FILE, paths.CASUALTIES_FILE, paths.GEOMETRY_FILE)
    return _stamp(paths.CONFIG_FILE, *(paths.DATA_DIR / f for f in files))


@st.cache_resource(show_spinner=False)
def _map_geometry(stamp: tuple) -> MapGeometry:
    return project_geometry(dataset().regional.geometry)


def map_geometry() -> MapGeometry:
    """The boundaries projected and serialised once per process, shared read-only.

    cache_resource, not cache_data: a copy of ~200 KB of JSON strings on every rerun is the
    cost this cache exists to avoid.
    """
    return _map_geometry(_regional_stamp())


@st.cache_data(show_spinner=False)
def _region_rates(
    start: str, end: str, unit_types: tuple[str, ...] | None, stamp: tuple
) -> pd.DataFrame:
    regional = dataset().regional
    return rates.region_rates(regional.regions, regional.casualties, start, end, unit_types)


def region_rates(start: dt.date, end: dt.date, unit_types: tuple[str, ...] | None) -> pd.DataFrame:
    """homefront.rates.region_rates for a window (whole months) and unit types (None = all)."""
    return _region_rates(rates.to_month(start), rates.to_month(end), unit_types, _regional_stamp())


# ---- Timeline page ------------------------------------------------------------------------


@st.cache_data(show_spinner=False)
def _confirmed_by_month(stamp: tuple) -> pd.DataFrame:
    return timeline.confirmed_by_month(dataset().regional.casualties)


def confirmed_by_month() -> pd.DataFrame:
    """Nationwide confirmed deaths per month and their running total (homefront.timeline)."""
    return _confirmed_by_month(_stamp(paths.DATA_DIR / paths.CASUALTIES_FILE))


# ---- Briefing page ------------------------------------------------------------------------


@st.cache_data(show_spinner="Building the briefing file…")
def _briefing_html(stamp: tuple) -> bytes:
    return briefing_export.build_html(config(), dataset()).encode("utf-8")


def briefing_html() -> bytes:
    """The whole briefing as one offline HTML file (homefront.briefing_export), built once
    per change of the config or data: it inlines plotly.js, ~5 MB."""
    return _briefing_html(_data_stamp())
