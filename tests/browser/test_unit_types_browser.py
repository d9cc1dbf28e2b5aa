"""Many unit types in real Chromium: past MAX_PILLS the Regions page offers them in a
searchable box. An analyst types one, presses Enter, and the map's count and the link follow;
the link opened in a new browser reopens the same choice.

The data is the shipped data doubled by benchmarks.synthetic: 14 unit types (each type and
its `#1` copy), past the 12 that are shown as pills; one of them carries the hostile payload
of tests/hostile_content.py, which the box must show as text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from benchmarks.synthetic import write_synthetic
from components.unit_types import MAX_PILLS
from homefront.links import unit_slug
from tests.browser.harness import screenshot, start_server, stop_server, wait_for_app
from tests.browser.map_pixels import MAP, TIMEOUT
from tests.browser.test_hostile_content import CLEAN, INJECTED
from tests.hostile_content import MARKDOWN, PAYLOAD, SCRIPT

pytestmark = pytest.mark.browser
UNIT = "inmates #1"
BOX = ".st-key-regions_units"
HOSTILE = f"volunteers #1 {PAYLOAD}"  # a unit type named with script, HTML and Markdown


def poison_unit_type(data: Path, unit: str, renamed: str) -> None:
    """Rename a unit type in every casualty record of `data`."""
    path = data / "casualties_by_region_month.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    column = rows[0].index("unit_type")
    for row in rows[1:]:
        if row[column] == unit:
            row[column] = renamed
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def doubled(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """A server on the shipped data doubled, and that data's folder."""
    data = write_synthetic(tmp_path_factory.mktemp("doubled") / "data", 2)
    poison_unit_type(data, "volunteers #1", HOSTILE)
    process, url = start_server({"HOMEFRONT_DATA_DIR": str(data)})
    yield url, data
    log = stop_server(process)
    assert "Traceback" not in log, log


def mapped_deaths(data: Path, unit: str) -> int:
    """Deaths of one unit type confirmed Feb 2022 – Jan 2023 (the default window's months)
    in the regions the map draws: a region named, not an occupied one."""
    casualties = pd.read_csv(data / "casualties_by_region_month.csv", dtype={"month": str})
    regions = pd.read_csv(data / "regions.csv")
    drawn = set(regions.loc[~regions["occupied"], "iso"])
    rows = casualties[
        casualties["month"].between("2022-02", "2023-01")
        & (casualties["unit_type"] == unit)
        & casualties["iso"].isin(drawn)
    ]
    return int(rows["deaths"].sum())


def on_the_map(page) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Deaths on the map")
    return metric.locator('[data-testid="stMetricValue"]').inner_text()


def open_regions(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page, timeout=TIMEOUT)
    page.wait_for_selector(f"{MAP} canvas", timeout=TIMEOUT)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_typing_a_unit_type_recounts_the_map_and_a_link_reopens_it(browser, doubled):
    url, data = doubled
    types = pd.read_csv(data / "casualties_by_region_month.csv")["unit_type"].nunique()
    assert types > MAX_PILLS, "the doubled data has more unit types than pills"

    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    open_regions(page, f"{url}/regions")
    box = page.locator(BOX)
    # empty: every type counts, as the box says
    assert box.locator("input").get_attribute("placeholder") == "All unit types"
    assert page.locator(f"{BOX} button[data-variant='pills']").count() == 0
    everything = on_the_map(page)

    box.locator("input").click()
    page.keyboard.type(UNIT)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"unit=inmates-1(&|$)"), timeout=TIMEOUT)
    wait_for_app(page, timeout=TIMEOUT)
    expected = f"{mapped_deaths(data, UNIT):,}"
    page.wait_for_function(
        "([label, value]) => [...document.querySelectorAll('[data-testid=stMetric]')]"
        ".some(m => m.innerText.includes(label) && m.innerText.includes(value))",
        arg=["Deaths on the map", expected],
        timeout=TIMEOUT,
    )
    assert on_the_map(page) == expected != everything
    assert UNIT in box.inner_text()
    screenshot(page, "regions-many-unit-types-1440x900")
    shared = page.url
    context.close()

    phone = browser.new_context(viewport={"width": 390, "height": 844})
    page = phone.new_page()
    open_regions(page, shared)
    assert UNIT in page.locator(BOX).inner_text()
    assert on_the_map(page) == expected
    page.locator(BOX).scroll_into_view_if_needed()
    screenshot(page, "regions-many-unit-types-390x844")
    phone.close()


def test_a_unit_type_with_markup_in_its_name_is_text_in_the_box(page, doubled):
    """The box lists, shows when chosen and links a hostile unit type as the words it is."""
    url, _ = doubled
    page.set_viewport_size({"width": 1440, "height": 900})
    open_regions(page, f"{url}/regions")
    page.locator(f"{BOX} input").click()
    page.keyboard.type("volunteers #1")
    option = page.get_by_role("option").filter(has_text=SCRIPT)
    option.wait_for(timeout=TIMEOUT)
    assert MARKDOWN in option.inner_text()  # listed as written
    option.click()
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(f"unit={re.escape(unit_slug(HOSTILE))}"), timeout=TIMEOUT)
    wait_for_app(page, settle_ms=1500)  # give a stray script or onerror time to run
    chosen = page.locator(BOX).inner_text()
    assert SCRIPT in chosen and MARKDOWN in chosen
    assert page.evaluate(INJECTED) == CLEAN
    page.watch.assert_clean()  # no request left the machine
