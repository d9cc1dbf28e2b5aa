"""Charts drawn once: every chart's margins already fit what Plotly measures, in Chromium.

Plotly's automargin draws a chart, measures its labels, and draws it all again when they
need more room than the margins give (homefront/charts/margins.py). Here each chart is
drawn as a person reaches it (the page opened, a region clicked on the map, a search
typed), and then, from Plotly's own record of what each label, legend and colour bar needs
(`_fullLayout._pushmargin`): no side needed more than the chart gave it, so Plotly did not
draw it again, and no side was given more than SLACK_PX over its need, so no chart lost
room to blank margin. The Timeline's legends are drawn apart from it
(homefront/charts/timeline_legend.py), so its bottom holds only its dates.
"""

from __future__ import annotations

import pytest

from tests.browser.harness import clipped_chart_text, wait_for_app
from tests.browser.map_pixels import MAP, scroll_to, select_region

pytestmark = pytest.mark.browser
TIMEOUT = 60_000
SLACK_PX = 12
SCREENS = [(1440, 900), (1920, 1080)]

# each chart's margin on each side: as given, as Plotly drew it, and the most that the
# labels, legends and colour bars at that edge need (Plotly's pushes there)
MARGINS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => {
  const fl = gd._fullLayout, pushed = Object.values(fl._pushmargin || {});
  const edge = {l: 0, b: 0, r: 1, t: 1};
  const need = s => Math.max(0, ...pushed.filter(p => p[s].val === edge[s]).map(p => p[s].size));
  return {static: !!gd._context.staticPlot,
          sides: Object.fromEntries(['l', 'r', 't', 'b'].map(
            s => [s, [fl.margin[s], Math.round(fl._size[s]), need(s)]]))};
})"""


def charts(page) -> list[dict]:
    page.wait_for_timeout(1500)  # a chart pushed by its labels is drawn again just after
    return [c for c in page.evaluate(MARGINS_JS) if not c["static"]]


def assert_fitted(found: list[dict], where: str, skip: tuple[str, ...] = ()) -> None:
    assert found, f"{where}: no chart drawn"
    for i, chart in enumerate(found):
        for side, (given, drawn, needed) in chart["sides"].items():
            if side in skip:
                continue
            assert drawn == given, (
                f"{where}, chart {i}: margin {side} given {given} px, Plotly moved it to"
                f" {drawn} px and drew the chart again"
            )
            if needed > 10:  # a side nothing is pushed against keeps its base margin
                assert given - needed <= SLACK_PX, (
                    f"{where}, chart {i}: margin {side} {given} px, {given - needed:.0f} px"
                    " more than its labels need"
                )


def open_at(browser, url: str, size: tuple[int, int]):
    page = browser.new_context(viewport={"width": size[0], "height": size[1]}).new_page()
    page.goto(url)
    wait_for_app(page, timeout=TIMEOUT)
    return page


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_region_charts_are_drawn_once_after_a_click_on_the_map(browser, app_url, size):
    page = open_at(browser, f"{app_url}/regions", size)
    assert_fitted(charts(page), "Regions")
    scroll_to(page, MAP)
    select_region(page, "TY", "Tuva", "Tuva / Республика Тыва")
    wait_for_app(page, timeout=TIMEOUT)
    found = charts(page)
    assert len(found) >= 4, "the region's months and unit types, the ranking and the scatter"
    assert_fitted(found, "Regions, Tyva selected")
    page.context.close()


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_why_regions_and_compare_heatmaps_are_drawn_once(browser, app_url, size):
    page = open_at(browser, f"{app_url}/why_regions", size)
    assert_fitted(charts(page), "Why these regions")
    page.context.close()
    page = open_at(browser, f"{app_url}/compare", size)
    heatmaps = charts(page)[:2]  # the ledger's bottom legend wraps to the width: left to Plotly
    assert_fitted(heatmaps, "Compare")
    box = page.get_by_label("Search text")
    box.fill("mothers")
    box.press("Enter")
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('q') === 'mothers'", timeout=TIMEOUT
    )
    wait_for_app(page, timeout=TIMEOUT)
    assert_fitted(charts(page)[:2], "Compare, searched")
    page.context.close()


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_timeline_is_drawn_once_before_and_after_a_search(browser, app_url, size):
    """The lane names fit its left margin and its dates its bottom, as a search changes the
    lanes' counts."""
    page = open_at(browser, f"{app_url}/timeline", size)
    assert_fitted(charts(page), "Timeline")
    box = page.get_by_label("Search text")
    box.fill("mothers")
    box.press("Enter")
    page.get_by_text("38 of 40 events shown").wait_for(state="detached", timeout=TIMEOUT)
    wait_for_app(page)
    assert_fitted(charts(page), "Timeline after a search")
    page.context.close()


# every page with charts (the Overview draws none; the Briefing's slides are held in
# test_briefing_browser.py), the Timeline also over two months, where claims made months
# before are drawn at the window's first day with their dates beside them
CHART_PAGES = (
    "timeline",
    "timeline?from=2022-09-01&to=2022-10-31",
    "regions",
    "why_regions",
    "compare",
)


@pytest.mark.parametrize(
    "size", [(390, 844), (1280, 720), (1440, 900)], ids=lambda s: f"{s[0]}x{s[1]}"
)
def test_no_chart_text_is_cut_off_at_its_edge(browser, app_url, size):
    """Plotly never wraps a title, an axis title or a label: one longer than the chart runs
    past its edge and is cut off there (the ranking's axis title and the ledger's title and
    claims on a phone, a pension axis at 1280 px)."""
    page = browser.new_context(viewport={"width": size[0], "height": size[1]}).new_page()
    for path in CHART_PAGES:
        page.goto(f"{app_url}/{path}")
        wait_for_app(page, timeout=TIMEOUT)
        page.wait_for_selector(".js-plotly-plot .main-svg text", timeout=TIMEOUT)
        page.wait_for_timeout(1000)  # a chart pushed by its labels is drawn again just after
        assert not clipped_chart_text(page), f"{path} at {size}: {clipped_chart_text(page)}"
    page.context.close()
