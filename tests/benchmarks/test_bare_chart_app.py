"""The bare app with the Timeline's chart (benchmarks/bare_chart_app.py): the browser
benchmark's reference for what redrawing that chart costs. It holds only if the chart is the
page's own and every search sends a new figure, as a search on the Timeline page does."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from benchmarks.browser import BARE_CHART_SCRIPT
from benchmarks.browser_reruns import page_timeline_figure
from components import cached
from homefront.paths import ROOT


def test_the_bare_chart_app_draws_the_timelines_chart_and_a_new_figure_for_each_search(
    tmp_path: Path, monkeypatch
):
    cached.clear()
    spec = page_timeline_figure()
    chart = tmp_path / "timeline.json"
    chart.write_text(json.dumps(spec), encoding="utf-8")
    monkeypatch.setenv("HOMEFRONT_BENCH_CHART", str(chart))

    at = AppTest.from_file(str(ROOT / BARE_CHART_SCRIPT), default_timeout=60).run()
    assert not at.exception
    (drawn,) = at.get("plotly_chart")
    sent = json.loads(drawn.proto.spec)
    assert sent["data"] == spec["data"] and len(sent["data"]) > 10  # the page's traces
    assert sent["layout"]["height"] == spec["layout"]["height"]

    at.text_input[0].input("mothers").run()
    (searched,) = at.get("plotly_chart")
    assert json.loads(searched.proto.spec)["layout"]["meta"] == "mothers"
    assert searched.proto.id != drawn.proto.id  # a new chart: Plotly draws it afresh
