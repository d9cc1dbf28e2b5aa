"""Why these regions in Chromium, offline: every chart draws, a unit-type click changes the
model's numbers and the link, a shared link reopens the view, a chart's CSV downloads."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.harness import screenshot, wait_for_app

CHARTS = 4  # two model scatters, the search check, the pension check
R_SQUARED = '[data-testid="stMetric"]:has-text("R²") [data-testid="stMetricValue"]'
# the same value read in the page's own script, for waits (no :has-text in the DOM's selectors)
R_SQUARED_JS = """() => [...document.querySelectorAll('[data-testid="stMetric"]')]
    .find(m => m.innerText.startsWith('R²'))
    ?.querySelector('[data-testid="stMetricValue"]')?.innerText"""


def wait_for_new_r_squared(page, old: str) -> None:
    page.wait_for_function(
        f"old => {{ const v = ({R_SQUARED_JS})(); return v && v !== old; }}",
        arg=old,
        timeout=60_000,
    )


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page, timeout=60_000)
    page.wait_for_function(
        """n => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                 .filter(c => c.querySelector('.scatterlayer .point')).length === n""",
        arg=CHARTS,
        timeout=60_000,
    )


def drawn_points(page) -> list[int]:
    """How many region markers each chart has drawn (Plotly's own SVG points)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                 .map(c => c.querySelectorAll('.scatterlayer .trace:first-child .point').length)"""
    )


@pytest.mark.parametrize("width,height", [(1440, 900), (1280, 720), (390, 844)])
def test_every_chart_is_drawn_with_its_regions(app_url, page, width, height):
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, f"{app_url}/why_regions")
    assert page.locator(R_SQUARED).first.inner_text() == "0.088"
    # 85 regions with a rate and poverty; 83 with a 2010 census row; 85 searches; 83 pensions
    assert drawn_points(page) == [85, 83, 85, 83]
    for chart in page.locator('[data-testid="stPlotlyChart"]').all():  # each has a fitted line
        assert chart.locator(".scatterlayer .trace").count() == 2
    screenshot(page, f"why-regions-{width}x{height}")
    page.watch.assert_clean()


def test_a_unit_type_click_changes_the_numbers_and_the_link(app_url, page):
    page.set_viewport_size({"width": 1440, "height": 900})
    open_page(page, f"{app_url}/why_regions")
    before = page.locator(R_SQUARED).first.inner_text()
    pills = page.get_by_label("Unit types (the source's categories)")
    pills.get_by_role("button", name="professional army", exact=True).click()  # off
    wait_for_new_r_squared(page, before)
    page.wait_for_function("() => location.search.includes('unit=')", timeout=30_000)
    after = page.locator(R_SQUARED).first.inner_text()
    assert after != before
    link = page.url

    # the link, opened in a fresh browser context, reopens the same numbers
    other = page.context.browser.new_context(viewport={"width": 1440, "height": 900})
    fresh = other.new_page()
    open_page(fresh, link)
    assert fresh.locator(R_SQUARED).first.inner_text() == after
    assert "professional-army" not in parse_qs(urlparse(fresh.url).query)["unit"][0]
    other.close()
    page.watch.assert_clean()


def test_the_sidebar_window_moves_the_model_when_asked(app_url, page):
    page.set_viewport_size({"width": 1440, "height": 900})
    open_page(page, f"{app_url}/why_regions?from=2022-09-01&to=2022-12-31")
    whole = page.locator(R_SQUARED).first.inner_text()
    page.locator(".st-key-why_period button", has_text="date window").click()
    wait_for_new_r_squared(page, whole)
    page.wait_for_function("() => location.search.includes('period=window')", timeout=30_000)
    assert page.get_by_text("Sep 2022 – Dec 2022 (the sidebar's window)").first.is_visible()
    page.watch.assert_clean()


def click_to_download(page, button):
    """Click a download button until the file comes, as a person clicks again when the
    first click does nothing: two clicks at most, 30 s each. (Once in a CI run no file came
    after the first: Streamlit's deferred downloads are dropped by any session's run that
    finds them unreferenced, a race this page cannot prevent.)"""
    for attempt in range(2):
        try:
            with page.expect_download(timeout=30_000) as download:
                button.click()
            return download
        except PlaywrightTimeout:
            if attempt == 1:
                raise


def test_a_chart_table_downloads_as_csv_with_its_citation(app_url, page):
    page.set_viewport_size({"width": 1440, "height": 900})
    open_page(page, f"{app_url}/why_regions")
    page.get_by_text("Table: the 83 regions of this chart").first.click()
    button = page.locator(".st-key-download_homefront_rate-ethnicity-csv button")
    download = click_to_download(page, button)
    assert download.value.suggested_filename == "homefront_rate-ethnicity.csv"
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Bessudnov" in text.split("\n", 3)[1]
    table = pd.read_csv(io.StringIO(text), comment="#")
    assert len(table) == 83 and "pct_non_russian_2010" in table.columns
    assert table.iloc[0]["iso"] == "TY"  # highest rate first
    page.watch.assert_clean()


def test_the_model_downloads_as_csv_with_its_r_squared_and_n(app_url, page):
    page.set_viewport_size({"width": 1440, "height": 900})
    open_page(page, f"{app_url}/why_regions")
    shown = page.locator(R_SQUARED).first.inner_text()
    download = click_to_download(
        page, page.locator(".st-key-download_homefront_region_model-csv button")
    )
    assert download.value.suggested_filename == "homefront_region_model.csv"
    table = pd.read_csv(io.StringIO(Path(download.value.path()).read_text("utf-8")), comment="#")
    assert len(table) == 3 and table["term"].iloc[0] == "Intercept"
    # every row carries the fit's R² and n, the numbers the page shows above the table
    assert {f"{r:.3f}" for r in table["r_squared"]} == {shown}
    assert set(table["n"]) == {83}
    page.watch.assert_clean()
