"""components.cached: views are built once per key and data state, and shared; frozen
figures serialise as the figure they freeze; a page rerun does not rebuild its chart."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import types
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import pytest
import streamlit as st
from streamlit.runtime.caching import cache_data_api, cache_resource_api
from streamlit.testing.v1 import AppTest

from components import cached
from homefront import paths
from homefront.charts import timeline

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def fresh_cache():
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


class Builds:
    """A build function that counts its calls and returns a new object each time."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> object:
        self.calls += 1
        return object()


def test_a_view_is_built_once_per_key_and_shared():
    build = Builds()
    first = cached.view("test", ("mothers", 1), build)
    assert cached.view("test", ("mothers", 1), build) is first
    assert build.calls == 1
    other = cached.view("test", ("mothers", 2), build)
    assert other is not first and build.calls == 2
    # the same key under another name is another view
    assert cached.view("other", ("mothers", 1), build) is not first


def test_a_view_is_rebuilt_when_a_data_file_changes(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, data)
    monkeypatch.setattr(paths, "DATA_DIR", data)
    build = Builds()
    first = cached.view("test", "key", build)
    events = data / paths.EVENTS_FILE
    stat = events.stat()
    os.utime(events, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert cached.view("test", "key", build) is not first
    assert build.calls == 2


def test_a_frozen_figure_serialises_exactly_as_the_figure_it_freezes():
    days = [dt.date(2022, 2, 24), dt.date(2022, 9, 21), dt.date(2023, 1, 1)]
    figure = go.Figure(go.Scatter(x=days, y=[3, 1, 2], name="<b>claims</b>"))
    figure.update_layout(title="Deaths", height=300)
    frozen = cached.FrozenFigure(figure)
    assert pio.to_json(frozen, validate=False) == pio.to_json(figure, validate=False)
    assert frozen.to_dict()["data"][0]["x"] == ["2022-02-24", "2022-09-21", "2023-01-01"]
    assert frozen.to_dict() is frozen.to_dict()  # made once, not per call


def test_a_timeline_rerun_reuses_its_figure_and_a_filter_change_builds_one(monkeypatch):
    built = []
    real = timeline.timeline_figure

    def counting(*args, **kwargs):
        built.append(args[4])  # the window
        return real(*args, **kwargs)

    monkeypatch.setattr(timeline, "timeline_figure", counting)
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
