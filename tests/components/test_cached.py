"""components.cached: views are built once per set of arguments and data state, and
shared; frozen figures serialise as the figure they freeze; a rerun reuses its chart."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
import types
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from streamlit.runtime.caching import cache_data_api, cache_resource_api
from streamlit.testing.v1 import AppTest

from components import cached
from homefront import paths
from homefront.charts import timeline
from homefront.filters import ViewFilters

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def fresh_cache():
    cached.clear()
    yield
    cached.clear()


BUILT: list[tuple[ViewFilters, str | None]] = []


@cached.shared
def counted(stamp: str, filters: ViewFilters, chosen: str | None = None) -> object:
    """A view that records each build and returns a new object each time."""
    BUILT.append((filters, chosen))
    return object()


@cached.shared
def counted_too(stamp: str, filters: ViewFilters, chosen: str | None = None) -> object:
    BUILT.append((filters, chosen))
    return object()


FILTERS = ViewFilters(dt.date(2022, 2, 24), dt.date(2023, 1, 1), ("mobilisation",), ("bbc",))


def test_a_view_is_built_once_per_arguments_and_shared():
    BUILT.clear()
    first = counted(FILTERS, "evt-1")
    assert counted(FILTERS, "evt-1") is first
    assert counted(FILTERS, chosen="evt-1") is first
    assert len(BUILT) == 1
    # every argument is part of the key, down to one field of the filters
    assert counted(FILTERS, "evt-2") is not first
    assert counted(replace(FILTERS, text="mothers"), "evt-1") is not first
    assert counted(replace(FILTERS, regions=("RU-BU",)), "evt-1") is not first
    assert len(BUILT) == 4
    # the same arguments to another view are another view
    assert counted_too(FILTERS, "evt-1") is not first


SLOW_BUILDS: list[str] = []


@cached.shared
def slow(stamp: str, name: str) -> object:
    """A view that takes a moment to build, as a first timeline figure does."""
    SLOW_BUILDS.append(name)
    time.sleep(0.3)
    return object()


def test_sessions_asking_for_a_view_being_built_wait_for_it_and_share_it():
    """Two viewers opening the same new view at once: one builds it, the other waits and is
    handed the same object (a second build would double the wait on two cores)."""
    SLOW_BUILDS.clear()
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(slow, ["same", "same", "same", "other"]))
    assert sorted(SLOW_BUILDS) == ["other", "same"]
    assert results[0] is results[1] is results[2]
    assert results[3] is not results[0]


def test_clear_forgets_every_view():
    first = counted(FILTERS)
    cached.clear()
    assert counted(FILTERS) is not first


def test_a_view_refuses_an_argument_printed_by_its_address():
    """Such an object's repr is its id, which a later object can reuse: it could be handed
    another's view, so it is refused before any lookup."""
    with pytest.raises(TypeError, match="cannot be part of a view's key"):
        counted(FILTERS, object())
    with pytest.raises(TypeError, match="cannot be part of a view's key"):
        counted(replace(FILTERS, regions=(object(),)))


def test_a_view_is_rebuilt_when_a_data_file_changes(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, data)
    monkeypatch.setattr(paths, "DATA_DIR", data)
    BUILT.clear()
    first = counted(FILTERS)
    events = data / paths.EVENTS_FILE
    stat = events.stat()
    os.utime(events, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert counted(FILTERS) is not first
    assert len(BUILT) == 2


def test_the_dataset_is_loaded_once_per_version_and_forgotten_by_clear(tmp_path, monkeypatch):
    """fast_lookup hands back Streamlit's object without asking Streamlit again, yet an edited
    file is a new version and clear() forgets it, as for every other cache."""
    data = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, data)
    monkeypatch.setattr(paths, "DATA_DIR", data)
    loads = []
    monkeypatch.setattr(cached, "load_dataset_cached", lambda *args: loads.append(args) or object())
    first = cached.dataset()
    assert cached.dataset() is first
    assert len(loads) == 1
    events = data / paths.EVENTS_FILE
    stat = events.stat()
    os.utime(events, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    edited = cached.dataset()
    assert edited is not first
    assert cached.dataset() is edited
    cached.clear()
    assert cached.dataset() is not edited
    assert len(loads) == 3


def test_a_view_keeps_a_bounded_number_of_entries():
    first = counted(FILTERS)
    for day in range(1, cached.VIEW_ENTRIES):
        counted(replace(FILTERS, start=FILTERS.start + dt.timedelta(days=day)))
    assert counted(FILTERS) is first, "evicted while the cache had room"
    for day in range(1, cached.VIEW_ENTRIES + 1):  # as many newer views as it holds
        counted(replace(FILTERS, end=FILTERS.end + dt.timedelta(days=day)))
    BUILT.clear()
    counted(FILTERS)
    assert BUILT, "kept past VIEW_ENTRIES"


def test_a_frozen_figure_serialises_exactly_as_the_figure_it_freezes():
    days = [dt.date(2022, 2, 24), dt.date(2022, 9, 21), dt.date(2023, 1, 1)]
    figure = go.Figure(go.Scatter(x=days, y=[3, 1, 2], name="<b>claims</b>"))
    figure.update_layout(title="Deaths", height=300)
    frozen = cached.FrozenFigure(figure)
    assert pio.to_json(frozen, validate=False) == pio.to_json(figure, validate=False)
    assert frozen.to_dict()["data"][0]["x"] == ["2022-02-24", "2022-09-21", "2023-01-01"]
    assert frozen.to_dict() is frozen.to_dict()  # made once, not per call


def test_a_frozen_spec_reads_as_plotly_writes_it():
    """A spec (plain dicts) is frozen by orjson, not Plotly: pandas' Timestamps, dates,
    NumPy arrays and NaN must come out as Plotly's own JSON of the spec says."""
    spec = {
        "data": [
            {
                "type": "bar",
                "base": [pd.Timestamp("2022-02-24"), pd.Timestamp("2022-09-21 12:30")],
                "x": np.array([86_400_000.0, np.nan]),
                "y": np.array([0, 1]),
                "customdata": [[dt.date(2023, 1, 1), "<b>x</b>"], [None, ""]],
            }
        ],
        "layout": {"height": 300},
    }
    frozen = cached.FrozenFigure(spec).to_dict()
    assert frozen == json.loads(pio.to_json(spec, validate=False))
    assert frozen["data"][0]["base"] == ["2022-02-24T00:00:00", "2022-09-21T12:30:00"]
    assert frozen["data"][0]["x"] == [86_400_000.0, None]


def test_a_frozen_spec_with_a_value_no_chart_holds_raises():
    with pytest.raises(TypeError, match="Decimal"):
        cached.FrozenFigure({"data": [{"type": "bar", "y": [Decimal("1.5")]}], "layout": {}})


def test_a_timeline_rerun_reuses_its_figure_and_a_filter_change_builds_one(monkeypatch):
    built = []
    real = timeline.timeline_spec

    def counting(*args, **kwargs):
        built.append(args[4])  # the window
        return real(*args, **kwargs)

    monkeypatch.setattr(timeline, "timeline_spec", counting)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("app_pages/timeline.py").run()
    assert len(built) == 1
    at.run()
    at.run()
    assert len(built) == 1, "an unchanged rerun rebuilt the timeline figure"
    at.text_input(key="f_text").set_value("mothers").run()
    assert not at.exception, at.exception
    assert len(built) == 2
    at.text_input(key="f_text").set_value("").run()
    assert len(built) == 2, "returning to a view seen before rebuilt its figure"


def entries(cache_name: str) -> int:
    """How many results Streamlit holds for the cached function named `cache_name`
    (one memory stat per entry, before Streamlit groups them for its stats page)."""
    count = 0
    for registry in (cache_resource_api._resource_caches, cache_data_api._data_caches):
        for caches in registry._function_caches.values():
            for cache in caches.values():
                for stats in cache.get_stats().values():
                    count += sum(1 for stat in stats if stat.cache_name.endswith(cache_name))
    return count


def test_many_data_edits_keep_at_most_two_versions_of_each_per_stamp_cache(tmp_path, monkeypatch):
    """60 edits once grew the server by 156 MB: every version of the dataset, map geometry
    and briefing file stayed cached. Each edit is a new stamp; at most two stay."""
    shutil.copy(paths.CONFIG_FILE, tmp_path / "config.yaml")
    monkeypatch.setattr(paths, "CONFIG_FILE", tmp_path / "config.yaml")
    # what is built is beside the point: each stamp's result is a new object
    monkeypatch.setattr(cached, "load_dataset_cached", lambda *args: object())
    monkeypatch.setattr(cached, "project_geometry", lambda geometry: object())
    monkeypatch.setattr(cached.briefing_export, "build_html", lambda config, data: "<html>")
    monkeypatch.setattr(
        cached,
        "dataset",
        lambda: types.SimpleNamespace(regional=types.SimpleNamespace(geometry={})),
    )
    monkeypatch.setattr(cached, "config", lambda: None)
    config_file = tmp_path / "config.yaml"
    for edit in range(8):
        os.utime(config_file, ns=(edit * 10**9, edit * 10**9))
        stamp = cached._files_stamp()
        cached._config(str(config_file), stamp)
        cached._dataset("data", str(config_file), stamp)
        cached._map_geometry(stamp)
        cached._briefing_html(stamp)
    for name in ("_config", "_dataset", "_map_geometry", "_briefing_html"):
        assert 1 <= entries(name) <= cached.DATA_VERSIONS, name
    for front in (cached._config, cached._dataset, cached._map_geometry):  # fast_lookup's
        assert 1 <= len(front.cache) <= cached.DATA_VERSIONS
