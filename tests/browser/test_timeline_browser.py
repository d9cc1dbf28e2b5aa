"""The Timeline in real Chromium: loads clean on a laptop and a projector, and a click on an
event or a choice in the select box opens its detail; nothing leaves localhost."""

from __future__ import annotations

import pytest

from tests.browser.harness import screenshot, wait_for_app

pytestmark = pytest.mark.browser
SIZES = [(1280, 720), (1920, 1080)]
DETAIL = '[data-testid="stMainBlockContainer"] h3'

# The centre of the first mark whose customdata starts with the event id, read from the data
# Plotly's d3 binds to each drawn point or bar (calcdata), scrolled into view first.
MARK_CENTRE = """(eventId) => {
  for (const group of document.querySelectorAll('.js-plotly-plot g.trace')) {
    const calc = group.__data__;
    const trace = calc && calc[0] && calc[0].trace;
    if (!trace || !trace.customdata) continue;
    for (const mark of group.querySelectorAll('.point')) {
      const row = trace.customdata[mark.__data__.i];
      if (Array.isArray(row) && row[0] === eventId) {
        mark.scrollIntoView({block: 'center'});
        const box = mark.getBoundingClientRect();
        return {x: box.x + box.width / 2, y: box.y + box.height / 2};
      }
    }
  }
  return null;
}"""


def open_timeline(page, app_url: str, query: str = "") -> None:
    page.goto(f"{app_url}/timeline{query}")
    wait_for_app(page)
    page.locator(".js-plotly-plot").first.wait_for()


@pytest.mark.parametrize("width,height", SIZES, ids=["projector", "laptop"])
def test_timeline_loads_cleanly(page, app_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    open_timeline(page, app_url)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("38 of 40 events shown").is_visible()
    chart = page.locator(".js-plotly-plot").first
    assert chart.locator("text", has_text="Military").count() >= 1  # lane labels drawn
    assert chart.locator("text", has_text="Partial mobilisation").count() == 1  # a phase
    # the legends, apart from the chart, above and below it, each mark's swatch drawn
    legends = page.locator(".st-key-timeline_chart_box .hf-legend")
    assert legends.count() == 2 and legends.first.get_by_text("Event dates").is_visible()
    assert legends.first.bounding_box()["y"] < chart.bounding_box()["y"]
    assert legends.last.bounding_box()["y"] > chart.bounding_box()["y"]
    swatches = legends.locator("img")
    assert swatches.count() == 5 + 11  # the events' five kinds; confirmed, claimants, marks
    assert swatches.evaluate_all("imgs => imgs.every(i => i.complete && i.naturalWidth > 0)")
    screenshot(page, f"timeline-{width}x{height}")
    page.watch.assert_clean()


@pytest.mark.parametrize(
    ("event_id", "title"),
    [
        ("invasion-begins", "Russia launches its full-scale invasion of Ukraine"),
        ("partial-mobilisation-announced", 'Putin announces a "partial mobilisation"'),
    ],
    ids=["point", "bar"],
)
def test_clicking_an_event_shows_its_detail(page, app_url, event_id, title):
    open_timeline(page, app_url)
    assert page.locator(DETAIL).count() == 0
    centre = page.evaluate(MARK_CENTRE, event_id)
    assert centre is not None, f"no mark drawn for {event_id}"
    page.mouse.click(centre["x"], centre["y"])
    page.locator(DETAIL, has_text=title).wait_for(timeout=15_000)
    page.wait_for_url(f"**event={event_id}**", timeout=15_000)
    main = page.get_by_test_id("stMainBlockContainer")
    assert main.get_by_text("Sources", exact=True).is_visible()
    page.watch.assert_clean()


@pytest.mark.parametrize(
    ("event_id", "lines"),
    [
        (
            "invasion-begins",
            ["Russia launches its full-scale invasion of Ukraine", "24 Feb 2022", "Military"],
        ),
        (
            "partial-mobilisation-announced",
            ['Putin announces a "partial', "September 2022 (month only)", "Mobilisation · "],
        ),
    ],
    ids=["point", "bar"],
)
def test_hovering_an_event_names_it_dates_it_and_says_a_click_opens_it(
    page, app_url, event_id, lines
):
    """The hover a reader gets over a mark: the event's title, its date as the sources give
    it, its lane and outlets, and the hint to click (the marks share one template)."""
    open_timeline(page, app_url)
    centre = page.evaluate(MARK_CENTRE, event_id)
    assert centre is not None, f"no mark drawn for {event_id}"
    page.mouse.move(centre["x"] - 20, centre["y"])
    page.mouse.move(centre["x"], centre["y"])
    label = page.locator(".js-plotly-plot .hoverlayer .hovertext").first
    label.wait_for(timeout=10_000)
    text = label.text_content()  # an SVG label: its lines are tspans
    for line in [*lines, "Click for the summary, quotes and sources"]:
        assert line in text, f"{line!r} not in the hover: {text!r}"
    assert "%{" not in text and "customdata" not in text
    page.watch.assert_clean()


def test_choosing_an_event_in_the_select_box_shows_its_detail(page, app_url):
    open_timeline(page, app_url)
    page.get_by_test_id("stSelectbox").click()
    page.keyboard.type("Putin meets 17")
    page.keyboard.press("Enter")
    page.locator(DETAIL, has_text="Putin meets 17 soldiers' mothers").wait_for(timeout=15_000)
    # the URL is written at the end of the same run that draws the detail: wait for it
    page.wait_for_url("**event=putin-meets-mothers**", timeout=15_000)
    assert page.get_by_text("We share your pain").first.is_visible()
    page.watch.assert_clean()


def test_a_link_with_an_event_reopens_its_detail(page, app_url):
    open_timeline(page, app_url, "?event=new-year-strike-donetsk")
    page.locator(DETAIL, has_text="Ukrainian strike hits a building").wait_for(timeout=15_000)
    page.watch.assert_clean()


def test_a_search_redraws_the_chart_and_leaves_its_legends_as_they_were(page, app_url):
    """Typed in the sidebar and committed with Enter, a search draws a new chart; the legends
    are the same elements as before it (not drawn again: a third of the chart's redraw
    when they were part of it)."""
    open_timeline(page, app_url)
    legends = page.locator(".st-key-timeline_chart_box .hf-legend")
    legends.evaluate_all("ls => ls.forEach(l => { l.dataset.before = 'search' })")
    page.get_by_label("Search text").fill("mothers")
    page.get_by_label("Search text").press("Enter")
    page.get_by_text("events shown with the current filters").filter(
        has_not_text="38 of 40"
    ).wait_for(timeout=15_000)
    wait_for_app(page)
    assert page.get_by_text("38 of 40 events shown").count() == 0
    assert legends.count() == 2
    assert legends.evaluate_all("ls => ls.every(l => l.dataset.before === 'search')")
    page.watch.assert_clean()
