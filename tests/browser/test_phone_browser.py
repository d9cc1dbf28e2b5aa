"""Every page on a 390x844 phone, as its reader holds it: the sidebar starts closed, the
timeline's legend and phase labels keep apart and its headings are whole, the Compare
heatmaps' outlet names do not run into each other. Screenshots of each whole page.
"""

from __future__ import annotations

import pytest

from homefront.config import load_config
from tests.browser.harness import SCREENSHOTS, wait_for_app

pytestmark = pytest.mark.browser
PAGES = load_config().pages
PHONE = {"width": 390, "height": 844}
SCROLLER = '[data-testid="stMain"]'
HINTS = {
    "timeline": "Swipe the chart sideways to see the whole period.",
    "compare": "Swipe each chart sideways to see every outlet.",
}
CHARTS = {"timeline": "timeline_chart_box", "compare": "coverage_matrix"}
# boxes of SVG text in one chart: [left, top, right, bottom]
BOXES = """(sel) => [...document.querySelectorAll(sel)]
  .map(e => e.getBoundingClientRect())
  .filter(r => r.width > 0)
  .map(r => [r.left, r.top, r.right, r.bottom])"""


def overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    yield page
    context.close()


def open_page(phone, app_url: str, page_id: str) -> None:
    phone.goto(f"{app_url}/{'' if page_id == PAGES[0] else page_id}")
    wait_for_app(phone, settle_ms=1000)


def whole_page_screenshot(phone, name: str) -> None:
    """The page as the reader scrolls it: Streamlit scrolls its main pane, not the window,
    so the viewport is stretched to the pane's height for the picture, then put back."""
    height = phone.evaluate(f"() => document.querySelector('{SCROLLER}').scrollHeight")
    phone.set_viewport_size({"width": PHONE["width"], "height": min(height, 12_000)})
    phone.wait_for_timeout(800)
    SCREENSHOTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / f"phone-{name}.png"))
    phone.set_viewport_size(PHONE)


@pytest.mark.parametrize("page_id", PAGES)
def test_every_page_opens_with_the_sidebar_closed(phone, app_url, page_id):
    open_page(phone, app_url, page_id)
    sidebar = phone.locator('[data-testid="stSidebar"]')
    box = sidebar.bounding_box()
    assert box is None or box["x"] + box["width"] <= 0, f"the sidebar covers {page_id}"
    heading = phone.locator("h1").first.bounding_box()
    assert heading["x"] >= 0 and heading["x"] + heading["width"] <= PHONE["width"]
    whole_page_screenshot(phone, page_id)
    # the reader can open it: the toggle is on screen
    toggle = '[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"]'
    phone.locator(toggle).first.click()
    phone.wait_for_function(
        "() => document.querySelector('[data-testid=\"stSidebar\"]').getBoundingClientRect()"
        ".right > 100",
        timeout=10_000,
    )
    assert phone.errors == []


def test_timeline_legend_and_phase_labels_keep_apart(phone, app_url):
    open_page(phone, app_url, "timeline")
    chart = ".st-key-timeline_chart .js-plotly-plot"
    phone.wait_for_selector(f"{chart} .annotation-text", timeout=30_000)
    # the legends, drawn apart above and below the chart (homefront.charts.timeline_legend)
    legends = phone.evaluate(BOXES, ".st-key-timeline_chart_box .hf-legend")
    labels = phone.evaluate(BOXES, f"{chart} .annotation-text")
    assert legends and len(labels) >= 3
    for legend in legends:
        for label in labels:
            assert not overlap(legend, label), f"a legend {legend} covers a label {label}"
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert not overlap(a, b), f"phase labels {a} and {b} overlap"
    # no heading or label runs off its chart: each lies inside the chart's own drawing
    (svg,) = phone.evaluate(BOXES, f"{chart} .main-svg:first-of-type")
    assert all(svg[0] <= box[0] and box[2] <= svg[2] for box in labels)
    # the chart is wider than the phone, and the reader swipes it sideways, not the page
    box = phone.evaluate(
        "() => { const b = document.querySelector('.st-key-timeline_chart_box');"
        " return [b.scrollWidth, b.clientWidth] }"
    )
    assert box[0] > box[1]
    phone.locator(".st-key-timeline_chart_box").evaluate("b => b.scrollBy(400, 0)")
    assert phone.locator(".st-key-timeline_chart_box").evaluate("b => b.scrollLeft") > 0
    assert phone.evaluate("() => document.documentElement.scrollWidth") == PHONE["width"]
    # and a line above the chart tells the reader so, since a phone shows no scroll bar
    assert phone.get_by_text(HINTS["timeline"]).is_visible()
    assert phone.errors == []


@pytest.mark.parametrize("page_id", ["regions", "why_regions"])
def test_chart_titles_stay_inside_their_charts(phone, app_url, page_id):
    """Plotly never wraps a title: the ranking's ran past the chart's right edge, under the
    toolbar. Each title is in lines a phone's chart holds (theme.figure)."""
    open_page(phone, app_url, page_id)
    titled = {"regions": 2, "why_regions": 4}[page_id]  # ranking, scatter; the four models
    phone.wait_for_function(
        f"() => document.querySelectorAll('.js-plotly-plot .gtitle').length >= {titled}",
        timeout=30_000,
    )
    charts = phone.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')]
          .filter(c => c.querySelector('.gtitle'))
          .map(c => { const s = c.querySelector('.main-svg').getBoundingClientRect();
                      const t = c.querySelector('.gtitle').getBoundingClientRect();
                      return {title: c.querySelector('.gtitle').textContent,
                              svg: [s.left, s.right], text: [t.left, t.right]} })"""
    )
    assert len(charts) >= titled
    for chart in charts:
        (left, right), (start, end) = chart["svg"], chart["text"]
        assert left <= start and end <= right, f"{chart['title']!r} runs off its chart"
        assert right <= PHONE["width"]
    assert phone.errors == []


@pytest.mark.parametrize("chart", ["coverage_matrix", "voices_chart"])
def test_compare_heatmap_headers_do_not_overlap(phone, app_url, chart):
    open_page(phone, app_url, "compare")
    ticks = f".st-key-{chart} .xtick text"
    phone.wait_for_selector(ticks, timeout=30_000)
    names = phone.evaluate(BOXES, ticks)
    assert len(names) == 5  # all five outlets, by default
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert not overlap(a, b), f"outlet names {a} and {b} overlap"
    # above the charts, a line says they go on past the screen's edge
    hint = phone.get_by_text(HINTS["compare"]).bounding_box()
    (first,) = phone.evaluate(BOXES, ".st-key-coverage_matrix")
    assert hint is not None and hint["y"] + hint["height"] <= first[1]
    assert phone.errors == []


@pytest.mark.parametrize("page_id", ["timeline", "compare"])
def test_on_a_laptop_the_charts_fit_and_no_swipe_line_shows(page, app_url, page_id):
    """The swipe line is the phone's: at 1280 px the charts fit and it is not shown."""
    page.goto(f"{app_url}/{page_id}")
    wait_for_app(page)
    hint = page.get_by_text(HINTS[page_id])
    hint.wait_for(state="attached")
    assert hint.count() == 1 and not hint.is_visible()
    box = page.locator(f".st-key-{CHARTS[page_id]}").first
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth")
