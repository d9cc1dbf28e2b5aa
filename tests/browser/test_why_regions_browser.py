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


# each chart's point labels (names and codes) as drawn: [text, left, top, right, bottom]
LABELS = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')]
  .map(chart => [...chart.querySelectorAll('.scatterlayer .textpoint text')]
    .filter(t => t.textContent.trim())
    .map(t => { const r = t.getBoundingClientRect();
                return [t.textContent, r.left, r.top, r.right, r.bottom]; }))"""
CHARTS_BOXES = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg')]
  .filter(s => s.closest('.js-plotly-plot').querySelector('.scatterlayer'))
  .filter((s, i, all) => all.findIndex(o => o.closest('.js-plotly-plot')
                                          === s.closest('.js-plotly-plot')) === i)
  .map(s => { const r = s.getBoundingClientRect(); return [r.left, r.right]; })"""
# the unlabelled region whose point lies furthest from any other, on the first chart: where
# a reader's pointer finds it alone; its name and the centre of its point
LONE_POINT = """() => {
  const chart = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  const trace = chart.data[0];
  const centres = [...chart.querySelectorAll('.scatterlayer .trace:first-child .point')]
    .map(p => { const r = p.getBoundingClientRect();
                return [r.left + r.width / 2, r.top + r.height / 2]; });
  const alone = i => Math.min(...centres.filter((_, j) => j !== i)
    .map(c => Math.hypot(c[0] - centres[i][0], c[1] - centres[i][1])));
  const unlabelled = centres.map((_, i) => i).filter(i => !trace.text[i]);
  const i = unlabelled.reduce((best, j) => alone(j) > alone(best) ? j : best);
  return {name: trace.customdata[i], x: centres[i][0], y: centres[i][1]};
}"""


def overlap(a: list[float], b: list[float]) -> bool:
    """Whether two boxes [left, top, right, bottom] share more than a pixel's edge."""
    return a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1


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


@pytest.mark.parametrize(
    "width,height,query",
    [(390, 844, ""), (1440, 900, ""), (1920, 1080, ""), (390, 844, "?region=MOW,SPE")],
    ids=["phone", "laptop", "desktop", "phone-chosen"],
)
def test_no_label_on_a_scatter_covers_another(app_url, page, width, height, query):
    """On a 390 px phone the codes of regions a few px apart overprinted each other (CHU on
    MAG, SPE on MOW): each label on each scatter now lies clear of every other, on a phone
    and a laptop, and inside its chart. Buryatia and Tyva, and the regions the reader chose
    in the sidebar (Moscow and St Petersburg, side by side in the crowd), are named, and
    the regions that stand apart keep their codes."""
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, f"{app_url}/why_regions{query}")
    charts, edges = page.evaluate(LABELS), page.evaluate(CHARTS_BOXES)
    assert len(charts) == len(edges) == CHARTS
    named = {"Buryatia", "Tuva"} | ({"Moscow", "St.Petersburg"} if query else set())
    for labels, (left, right) in zip(charts, edges, strict=True):
        texts = [label[0] for label in labels]
        assert named <= set(texts) and len(texts) >= len(named) + 5, texts
        for i, (text, *box) in enumerate(labels):
            assert left <= box[0] and box[2] <= right, f"{text!r} runs off its chart"
            for other, *other_box in labels[i + 1 :]:
                assert not overlap(box, other_box), f"{text!r} and {other!r} overlap"
    screenshot(page, f"why-regions-labels-{width}x{height}{'-chosen' if query else ''}")
    page.watch.assert_clean()


def test_on_a_phone_a_point_without_a_label_is_named_on_hover(app_url, page):
    """A region whose code has no room is still there for the reader's pointer: its hover
    names it and gives both its numbers."""
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, f"{app_url}/why_regions")
    page.locator('[data-testid="stPlotlyChart"]').first.scroll_into_view_if_needed()
    point = page.evaluate(LONE_POINT)
    page.mouse.move(point["x"], point["y"])
    label = page.locator(".js-plotly-plot .hoverlayer .hovertext").first
    label.wait_for(timeout=10_000)
    text = label.text_content()  # an SVG label: its lines are tspans
    assert point["name"] in text and "below subsistence" in text and "Deaths per" in text, text
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
