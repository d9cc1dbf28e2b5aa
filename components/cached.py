"""Every cache in the app: thin @st.cache_data wrappers over Streamlit-free homefront.

Keys include each file's modification stamp, so an edited data file is picked
up on the next rerun while unchanged data is loaded once per process.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from homefront import paths
from homefront.config import AppConfig, load_config
from homefront.dataset import Dataset, load_dataset


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


@st.cache_data(show_spinner=False)
def _config(path: str, stamp: tuple) -> AppConfig:
    return load_config(Path(path))


@st.cache_data(show_spinner="Loading the dataset…")
def _dataset(data_dir: str, config_path: str, stamp: tuple) -> Dataset:
    return load_dataset(Path(data_dir), load_config(Path(config_path)))


def config() -> AppConfig:
    return _config(str(paths.CONFIG_FILE), _stamp(paths.CONFIG_FILE))


def dataset() -> Dataset:
    data_dir = paths.DATA_DIR
    files = sorted(p for p in data_dir.rglob("*") if p.suffix in (".yaml", ".csv", ".geojson"))
    return _dataset(str(data_dir), str(paths.CONFIG_FILE), _stamp(paths.CONFIG_FILE, *files))


def region_names() -> dict[str, str]:
    """ISO code -> English name of every region the filters offer."""
    return dataset().region_names
