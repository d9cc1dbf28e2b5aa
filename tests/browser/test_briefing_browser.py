"""The Briefing in Chromium: walked by keyboard and clicker keys, reloaded, shown on a
projector (every step fits the screen), exported."""

from __future__ import annotations

import io
from contextlib import suppress
from datetime import timedelta
from html import escape
from itertools import pairwise
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from homefront.briefing_export import export
from homefront.config import load_config
from homefront.dataset import load_dataset
from homefront.event_dates import is_span
from homefront.paths import DATA_DIR
from tests.browser.harness import (
    SCREENSHOTS,
    Reruns,
    clipped_chart_text,
    press_until_sent,
    screenshot,
    wait_for_app,
)

CONFIG = load_config()
DATA = load_dataset(DATA_DIR, CONFIG)
HEADLINES = [s.headline for s in DATA.story.briefing]
HEADING = '[data-testid="stMainBlockContainer"] h1'
SCROLLER = '[data-testid="stMain"]'  # Streamlit's scrolling container
# the slide's large type has applied (its CSS arrives with the page, a moment after the text):
# the step's words at 1.3rem (the headline is smaller on a narrow projector)
STYLED = """() => {
  const size = (e) => parseFloat(getComputedStyle(e).fontSize);
  const words = document.querySelector('.st-key-briefing_text p');
  return words && Math.abs(size(words) - 1.3 * size(document.documentElement)) < 0.5;
}"""
MIN_TYPE = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const chart = [...main.querySelectorAll('.js-plotly-plot .main-svg text')]
    .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0)
    .map(t => parseFloat(getComputedStyle(t).fontSize));
  const cards = [...main.querySelectorAll('.st-key-briefing_text p, .st-key-briefing_cards p')]
    .map(p => parseFloat(getComputedStyle(p).fontSize));
  return {chart: chart.length ? Math.min(...chart) : null, cards: Math.min(...cards)};
}"""


def open_step(page, url: str, expected: str) -> None:
    page.goto(url)
    wait_for_app(page)
    wait_for_heading(page, expected)


def wait_for_heading(page, expected: str) -> None:
    page.wait_for_function(
        "([sel, text]) => document.querySelector(sel)?.innerText === text",
        arg=[HEADING, expected],
        timeout=30_000,
    )


def step_number(page) -> str:
    return parse_qs(urlparse(page.url).query)["step"][0]


def in_view(page, selector: str) -> bool:
    """Whether the element is wholly on screen, as it is before any scrolling."""
    box = page.locator(selector).bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= size["height"]


def test_walk_every_step_by_keyboard(app_url, page):
    open_step(page, f"{app_url}/briefing", HEADLINES[0])
    for number, headline in enumerate(HEADLINES[1:], start=2):
        page.locator(".st-key-briefing_next button").focus()
        page.keyboard.press("Enter")
        page.wait_for_function(
            "([sel, text]) => document.querySelector(sel)?.innerText === text",
            arg=[HEADING, headline],
            timeout=30_000,
        )
        page.wait_for_function(f"() => location.search.includes('step={number}')")
    assert page.locator(".st-key-briefing_next button").is_disabled()
    page.watch.assert_clean()


def test_reload_keeps_the_step(app_url, page):
    open_step(page, f"{app_url}/briefing?step=5", HEADLINES[4])
    page.reload()
    wait_for_app(page)
    assert page.locator(HEADING).inner_text() == HEADLINES[4]
    assert parse_qs(urlparse(page.url).query)["step"] == ["5"]
    page.watch.assert_clean()


def test_present_opens_the_step_on_a_projector(app_url, page):
    """At the desk, a presenter moves to step 4 and clicks Present: a new tab shows step 4
    with no sidebar, and the clicker goes on from there."""
    page.set_viewport_size({"width": 1280, "height": 720})
    open_step(page, f"{app_url}/briefing?step=3", HEADLINES[2])
    page.locator(".st-key-briefing_next button").click()
    wait_for_heading(page, HEADLINES[3])
    reruns: list[Reruns] = []  # the new tab's, watching from before its websocket opens
    page.context.on("page", lambda tab: reruns.append(Reruns(tab)))
    with page.context.expect_page(timeout=30_000) as opened:
        page.locator(".st-key-briefing_present").get_by_role("link", name="Present").click()
    room = opened.value
    wait_for_app(room)
    wait_for_heading(room, HEADLINES[3])
    assert not room.locator('[data-testid="stSidebar"]').is_visible()
    assert room.locator(".st-key-briefing_present").count() == 0
    assert parse_qs(urlparse(room.url).query) == {"step": ["4"], "briefing": ["1"]}
    press_until_sent(room, reruns[0], "PageDown")
    wait_for_heading(room, HEADLINES[4])
    assert page.locator(HEADING).inner_text() == HEADLINES[3]  # the desk tab stays put
    page.watch.assert_clean()


def test_the_last_slide_leads_the_room_on_to_the_timeline(app_url, page):
    """On a projector the page menu is hidden: the last slide offers the Timeline and the
    Regions map, and a click opens the Timeline as cleanly, sidebar still hidden."""
    last = len(HEADLINES)
    open_step(page, f"{app_url}/briefing?step={last - 1}&briefing=1", HEADLINES[-2])
    assert page.locator(".st-key-briefing_onward").count() == 0  # only on the last slide
    page.keyboard.press("PageDown")
    wait_for_heading(page, HEADLINES[-1])
    onward = page.locator(".st-key-briefing_onward")
    assert in_view(page, ".st-key-briefing_onward")  # on the slide, no scrolling
    onward.get_by_role("link", name="Timeline").click()
    page.wait_for_function("() => location.pathname.endsWith('/timeline')", timeout=30_000)
    wait_for_app(page)
    assert page.locator(HEADING).inner_text() == "Timeline"
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert parse_qs(urlparse(page.url).query).get("briefing") == ["1"]
    page.watch.assert_clean()


def test_a_click_on_a_projector_slides_event_stays_on_the_slide(app_url, page):
    """A click on an event of a slide's timeline opens no detail below the slide, where a
    clicker could not reach it: the room stays on the step, and Page Down goes on."""
    number, step = next(
        (i, s) for i, s in enumerate(DATA.story.briefing, start=1) if s.view.kind == "timeline"
    )
    open_step(page, f"{app_url}/briefing?step={number}&briefing=1", step.headline)
    point = page.locator(".js-plotly-plot .scatterlayer path.point").first
    point.wait_for(timeout=30_000)
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(1500)
    wait_for_app(page)
    assert page.get_by_text("Event details are below the chart").count() == 0
    scroll, inner = page.evaluate(
        f"() => [document.querySelector('{SCROLLER}').scrollHeight, innerHeight]"
    )
    assert scroll == inner  # nothing drawn below the slide
    page.keyboard.press("PageDown")
    wait_for_heading(page, HEADLINES[number])
    page.watch.assert_clean()


# how opaque each mark of the slide's charts is drawn: Plotly dims what a selection leaves out
MARK_OPACITY = """() => [...document.querySelectorAll(
    '[data-testid="stMain"] .js-plotly-plot :is(.barlayer, .scatterlayer) path')]
  .map(e => getComputedStyle(e).opacity)"""


def test_a_click_on_a_projector_slides_chart_leaves_it_as_it_was(app_url, page):
    """The presenter clicks the outlined event (a bar) and moves the mouse away: every other
    event keeps its colour (Plotly's own click-select faded them until the step changed),
    hovering still names the event, and no Plotly toolbar shows over the phase labels."""
    events = {e.id: e for e in DATA.events}
    number, step = next(
        (i, s)
        for i, s in enumerate(DATA.story.briefing, start=1)
        if s.view.kind == "timeline"
        and not s.chart
        and s.view.event
        and is_span(events[s.view.event])
    )
    event = events[step.view.event]
    open_step(page, f"{app_url}/briefing?step={number}&briefing=1", step.headline)
    black = "[style*='stroke: rgb(0, 0, 0)'][style*='stroke-width: 3px']"
    outline = page.locator(f".js-plotly-plot .shapelayer path{black}")
    outline.wait_for(state="attached", timeout=30_000)
    before = page.evaluate(MARK_OPACITY)
    assert before
    box = outline.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function(
        "(words) => words.every(w => (document.querySelector("
        "'.js-plotly-plot .hoverlayer')?.textContent || '').includes(w))",
        arg=event.title.split()[:3],
        timeout=10_000,
    )
    page.mouse.move(5, 700)
    page.wait_for_timeout(1000)
    screenshot(page, f"briefing_step{number}_after_a_click")
    assert page.evaluate(MARK_OPACITY) == before
    label = page.locator(".js-plotly-plot .annotation-text").first.bounding_box()
    page.mouse.move(label["x"] + label["width"] / 2, label["y"] + label["height"] / 2)
    page.wait_for_timeout(500)
    assert page.locator(".js-plotly-plot .modebar").filter(visible=True).count() == 0
    page.watch.assert_clean()


def test_download_button_gives_the_whole_briefing(app_url, page):
    open_step(page, f"{app_url}/briefing?step=1", HEADLINES[0])
    with page.expect_download(timeout=60_000) as download:
        page.locator(".st-key-briefing_download button").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == "homefront_briefing.html"
    assert all(f"<h2>{escape(h)}</h2>" in text for h in HEADLINES)
    page.watch.assert_clean()


@pytest.mark.parametrize("width,height", [(1920, 1080), (1280, 720)])
def test_every_step_fits_the_projector(app_url, page, width, height):
    """briefing=1: no sidebar or toolbar; each step, with its sources and data-as-of line,
    fits the screen (nothing below the fold), in type a room can read."""
    page.set_viewport_size({"width": width, "height": height})
    for number, step in enumerate(DATA.story.briefing, start=1):
        open_step(page, f"{app_url}/briefing?step={number}&briefing=1", step.headline)
        page.wait_for_function(STYLED, timeout=30_000)
        if step.view.kind != "compare":
            page.wait_for_selector(".js-plotly-plot .main-svg text", timeout=30_000)
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        assert not page.locator('[data-testid="stToolbar"]').is_visible()
        assert page.get_by_text("Articles as of", exact=False).first.is_visible()
        # the layout settles as the charts draw: wait for it, then hold it to the screen
        page.wait_for_function(
            f"() => document.querySelector('{SCROLLER}').scrollHeight <= innerHeight",
            timeout=15_000,
        )
        scroll, inner = page.evaluate(
            f"() => [document.querySelector('{SCROLLER}').scrollHeight, innerHeight]"
        )
        assert scroll == inner == height, f"step {number} is {scroll} px tall at {width}x{height}"
        assert in_view(page, ".st-key-briefing_next button")
        assert in_view(page, ".st-key-briefing_sources")
        if (width, height) == (1280, 720):
            sizes = page.evaluate(MIN_TYPE)
            assert sizes["cards"] >= 20, f"step {number}: text of {sizes['cards']} px"
            if step.view.kind != "compare":
                assert sizes["chart"] >= 20, f"step {number}: chart text of {sizes['chart']} px"
        # sidebar-speaking captions and the briefing=1 hint are not on a projector (the hidden
        # sidebar's own note on its filters is not shown, nor read out)
        assert page.get_by_text("sidebar", exact=False).filter(visible=True).count() == 0
        query = parse_qs(urlparse(page.url).query)
        assert query["briefing"] == ["1"] and query["step"] == [str(number)]
        screenshot(page, f"briefing_step{number}_{width}x{height}")
    page.watch.assert_clean()


# clicker keys for Next, taken in turn while walking the steps
NEXT_KEYS = ("ArrowRight", "PageDown", "Space")


def walk_by_clicker(page, app_url: str):
    """Open step 1 of the projector view and go on to the last step with the clicker's keys
    (Right, Page Down and Space in turn), yielding each step's number and step once its
    headline shows."""
    reruns = Reruns(page)
    steps = DATA.story.briefing
    open_step(page, f"{app_url}/briefing?step=1&briefing=1", steps[0].headline)
    yield 1, steps[0]
    for number, step in enumerate(steps[1:], start=2):
        press_until_sent(page, reruns, NEXT_KEYS[number % len(NEXT_KEYS)])
        wait_for_heading(page, step.headline)
        page.wait_for_function(f"() => location.search.includes('step={number}')")
        wait_for_app(page)
        yield number, step


# The slide's lower panel as drawn, once its chart shows the step's window (`days`: the
# earliest start of the axis, the window's first and last day): each claim's label (its
# text's box on screen); every mark's box (the claims'; the running total's monthly points)
# with the index of its own label, if it has one; and the points of each line, sampled along
# its path where the panel does not clip it, with half its stroke: the running total's, and
# the others (a month-only claim's month, a revision's link).
LOWER_PANEL = """([earliest, first, last]) => {
  const gd = document.querySelector('[data-testid="stMain"] .js-plotly-plot');
  const range = (gd?._fullLayout?.xaxis2?.range || []).map(d => String(d).slice(0, 10));
  if (!(range[0] >= earliest && range[0] <= first && range[1] >= last)) return null;
  const clip = gd.querySelector('.draglayer .x2y2 .nsewdrag').getBoundingClientRect();
  const box = (e) => {
    const r = e.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  };
  const sample = (path) => {
    const screen = path.getScreenCTM();
    const points = [];
    for (let at = 0, length = path.getTotalLength(); at <= length; at += 1) {
      const on = path.getPointAtLength(at);
      const p = new DOMPoint(on.x, on.y).matrixTransform(screen);
      if (p.x >= clip.left && p.x <= clip.right && p.y >= clip.top && p.y <= clip.bottom) {
        points.push({x: p.x, y: p.y});
      }
    }
    return {points, half: parseFloat(getComputedStyle(path).strokeWidth) / 2};
  };
  // Plotly's own list of traces: what ties the running total's name to its SVG group
  const uid = gd._fullData.find(t => t.name === 'running total').uid;
  const labels = [], marks = [], lines = [];
  for (const trace of gd.querySelectorAll('.subplot.x2y2 .scatterlayer .trace')) {
    const texts = [...trace.querySelectorAll('.textpoint text')];
    trace.querySelectorAll('.points path.point').forEach((point, i) => {
      let label = -1;
      if (texts[i]?.textContent) {
        label = labels.length;
        labels.push({text: texts[i].textContent, ...box(texts[i])});
      }
      if (point.getBoundingClientRect().width > 0) marks.push({label, ...box(point)});
    });
    if (!trace.classList.contains('trace' + uid)) {
      trace.querySelectorAll('path.js-line').forEach(line => lines.push(sample(line)));
    }
  }
  return {labels, marks, lines, total: sample(gd.querySelector(`.trace${uid} path.js-line`))};
}"""


def test_every_step_fits_a_4_3_projector(app_url, page):
    """On a 1024x768 projector a presenter clicks through the steps: none scrolls (the
    outlets' cards of steps 5 and 7 ran past the screen's foot, and a long headline pushed
    Next onto a row of its own), and Next and the sources stay on the screen."""
    page.set_viewport_size({"width": 1024, "height": 768})
    for number, step in walk_by_clicker(page, app_url):
        page.wait_for_function(STYLED, timeout=30_000)
        if step.view.kind != "compare":
            page.wait_for_selector(".js-plotly-plot .main-svg text", timeout=30_000)
        # the layout settles as the charts draw; where it never fits, the assertion says by how much
        with suppress(PlaywrightTimeout):
            page.wait_for_function(
                f"() => document.querySelector('{SCROLLER}').scrollHeight <= innerHeight",
                timeout=5_000,
            )
        screenshot(page, f"briefing_step{number}_1024x768")
        scroll = page.evaluate(f"() => document.querySelector('{SCROLLER}').scrollHeight")
        assert scroll == 768, f"step {number} is {scroll} px tall at 1024x768"
        assert in_view(page, ".st-key-briefing_next button")
        assert in_view(page, ".st-key-briefing_sources")
    page.watch.assert_clean()


def crosses(box: dict, line: dict) -> bool:
    """Whether a sampled line (LOWER_PANEL's), as thick as it is drawn, passes through a box."""
    half = line["half"]
    return any(
        box["left"] - half < p["x"] < box["right"] + half
        and box["top"] - half < p["y"] < box["bottom"] + half
        for p in line["points"]
    )


@pytest.mark.parametrize("width,height", [(1280, 720), (1440, 900), (1920, 1080)])
def test_no_line_or_mark_crosses_a_claims_label(app_url, page, width, height):
    """A presenter clicks through the projector view: on every timeline slide each claimed
    toll's label stands clear of the running total's line (on steps 6 and 8 the line ran
    through "more than 35,000 (11 Jul 2022 or later)", hard to read even with its halo), of
    the panel's other lines and marks, and of the other labels."""
    page.set_viewport_size({"width": width, "height": height})
    timelines = [n for n, s in enumerate(DATA.story.briefing, 1) if s.view.kind == "timeline"]
    checked = []
    for number, step in walk_by_clicker(page, app_url):
        if step.view.kind != "timeline" or step.chart:
            continue
        view = step.view
        days = [str(d) for d in (view.start - timedelta(days=15), view.start, view.end)]
        panel = page.wait_for_function(LOWER_PANEL, arg=days, timeout=30_000).json_value()
        where = f"step {number} at {width}x{height}"
        screenshot(page, f"briefing_step{number}_claims_{width}x{height}")
        labels, total = panel["labels"], panel["total"]
        assert labels and total["points"], f"{where}: {len(labels)} labels, no running total"
        for i, label in enumerate(labels):
            text = label["text"]
            assert not crosses(label, total), f"{where}: the running total crosses {text!r}"
            assert not any(crosses(label, line) for line in panel["lines"]), (
                f"{where}: a claim's line crosses {text!r}"
            )
            marks = [m for m in panel["marks"] if m["label"] != i and overlap(label, m)]
            assert not marks, f"{where}: a mark covers {text!r}"
            others = [o["text"] for o in labels[i + 1 :] if overlap(label, o)]
            assert not others, f"{where}: {text!r} overlaps {others}"
        checked.append(number)
    assert checked == timelines
    page.watch.assert_clean()


@pytest.mark.parametrize("width,height", [(1280, 720), (1440, 900), (1920, 1080)])
def test_desk_view_chart_text_is_not_cut_off(app_url, page, width, height):
    """At a laptop, sidebar open, a slide's chart sits in a column beside the text, or under
    it on a narrower page: every heading, label and number in it stays inside the chart,
    none cut off at its edge."""
    page.set_viewport_size({"width": width, "height": height})
    for number, step in enumerate(DATA.story.briefing, start=1):
        if step.view.kind == "compare":
            continue
        open_step(page, f"{app_url}/briefing?step={number}", step.headline)
        page.wait_for_selector(".js-plotly-plot .main-svg text", timeout=30_000)
        page.wait_for_timeout(500)  # the chart's second draw, with its margins pushed
        clipped = clipped_chart_text(page)
        assert not clipped, f"step {number} at {width}x{height}: cut off: {clipped}"
    page.watch.assert_clean()


# a slide timeline's date labels (x2: the lower panel's) and numbers (y2), and the claims'
# marks on the lower panel, each as its box on screen
SLIDE_TEXT_BOXES = """() => {
  const boxes = (sel) => [...document.querySelectorAll(sel)]
    .map(e => e.getBoundingClientRect())
    .filter(r => r.width > 0)
    .map(r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom}));
  return {
    dates: boxes('.js-plotly-plot .x2tick text'),
    numbers: boxes('.js-plotly-plot .y2tick text'),
    // 15 px across (the running total's 7 px points beyond the window are clipped)
    claims: boxes('.js-plotly-plot .subplot.x2y2 .scatterlayer .trace path.point')
      .filter(r => r.right - r.left > 12),
  };
}"""


def overlap(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and (b["top"] < a["bottom"])
    )


def test_timeline_slides_dates_and_numbers_stand_apart(app_url, page):
    """At 1280x720, every slide timeline's date labels have room between them (a short
    window's ran together: "Dec 18Dec 25"), and no claim's mark on the window's first day
    covers the numbers beside the axis ("100,000", "10,000")."""
    for number, step in enumerate(DATA.story.briefing, start=1):
        if step.view.kind != "timeline" or step.chart:
            continue
        open_step(page, f"{app_url}/briefing?step={number}&briefing=1", step.headline)
        page.wait_for_selector(".js-plotly-plot .x2tick text", timeout=30_000)
        boxes = page.evaluate(SLIDE_TEXT_BOXES)
        dates = sorted(boxes["dates"], key=lambda b: b["left"])
        assert len(dates) >= 2, f"step {number}: {dates}"
        gaps = [b["left"] - a["right"] for a, b in pairwise(dates)]
        assert min(gaps) >= 10, f"step {number}: date labels {min(gaps):.0f} px apart"
        covered = [c for c in boxes["claims"] for n in boxes["numbers"] if overlap(c, n)]
        assert not covered, f"step {number}: a claim's mark covers the axis' numbers"
    page.watch.assert_clean()


def test_timeline_slide_outlines_the_steps_event(app_url, page):
    """The black outline sits on the step's event: hovering it names that event."""
    for number, step in enumerate(DATA.story.briefing, start=1):
        if step.view.kind != "timeline" or step.view.event is None:
            continue
        event = next(e for e in DATA.events if e.id == step.view.event)
        open_step(page, f"{app_url}/briefing?step={number}&briefing=1", step.headline)
        black = "[style*='stroke: rgb(0, 0, 0)'][style*='stroke-width: 3px']"
        outline = page.locator(
            f".js-plotly-plot .shapelayer path{black}, "
            f".js-plotly-plot .scatterlayer path.point{black}"
        )
        outline.first.wait_for(state="attached", timeout=30_000)
        assert outline.count() == 1
        box = outline.first.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        hover = page.locator(".js-plotly-plot .hoverlayer")
        words = event.title.split()[:3]
        page.wait_for_function(
            "(words) => words.every(w => (document.querySelector("
            "'.js-plotly-plot .hoverlayer')?.textContent || '').includes(w))",
            arg=words,
            timeout=10_000,
        )
        assert hover.count() == 1
    page.watch.assert_clean()


@pytest.mark.parametrize("projector", [True, False])
def test_map_slides_text_stays_inside_a_phone(app_url, page, projector):
    """On a 390 px phone the map's legend title ("Deaths per 100,000 men aged 16–61.5") breaks
    into lines inside the chart, and the regions' names stay whole: nothing cut at its edge."""
    page.set_viewport_size({"width": 390, "height": 844})
    suffix = "&briefing=1" if projector else ""
    for number, step in enumerate(DATA.story.briefing, start=1):
        if step.view.kind != "map" or step.chart:
            continue
        open_step(page, f"{app_url}/briefing?step={number}{suffix}", step.headline)
        page.wait_for_selector(".js-plotly-plot .legendtitletext", timeout=30_000)
        clipped = clipped_chart_text(page)
        assert not clipped, f"step {number}: cut off: {clipped}"
    page.watch.assert_clean()


def test_map_slide_names_and_outlines_its_regions(app_url, page):
    for number, step in enumerate(DATA.story.briefing, start=1):
        if step.view.kind != "map":
            continue
        open_step(page, f"{app_url}/briefing?step={number}&briefing=1", step.headline)
        page.wait_for_selector(".js-plotly-plot .annotation-text", timeout=30_000)
        names = page.locator(".js-plotly-plot .annotation-text").all_text_contents()
        assert any(n.startswith("Buryatia: ") for n in names), names
        assert any(n.startswith("Tuva: ") for n in names), names
        blue = page.locator(".js-plotly-plot .scatterlayer path[style*='stroke: rgb(0, 90, 200)']")
        assert blue.count() >= 1  # the step's region, outlined in blue
    page.watch.assert_clean()


@pytest.mark.parametrize("projector", [True, False])
def test_clicker_keys_step_through(app_url, page, projector):
    """Right/Page Down/Space go on, Left/Page Up/Shift+Space go back: what a presentation
    clicker sends, and the keys of a presenter at a keyboard."""
    suffix = "&briefing=1" if projector else ""
    reruns = Reruns(page)
    open_step(page, f"{app_url}/briefing?step=1{suffix}", HEADLINES[0])
    assert in_view(page, ".st-key-briefing_prev button")
    assert in_view(page, ".st-key-briefing_next button")
    for key, number in [
        ("ArrowRight", 2),
        ("PageDown", 3),
        ("Space", 4),
        ("Shift+Space", 3),
        ("ArrowLeft", 2),
        ("PageUp", 1),
    ]:
        press_until_sent(page, reruns, key)
        wait_for_heading(page, HEADLINES[number - 1])
        page.wait_for_function(f"() => location.search.includes('step={number}')")
        assert step_number(page) == str(number)
    page.keyboard.press("PageUp")  # on the first step: stays
    page.wait_for_timeout(1000)
    assert page.locator(HEADING).inner_text() == HEADLINES[0]
    if projector:
        assert parse_qs(urlparse(page.url).query)["briefing"] == ["1"]
    page.watch.assert_clean()


def test_space_on_a_focused_button_moves_one_step(app_url, page):
    """After a click on Previous (its focus kept), Space still means Next, and moves one step,
    not two (the shortcut and the button's own Space)."""
    reruns = Reruns(page)
    open_step(page, f"{app_url}/briefing?step=3&briefing=1", HEADLINES[2])
    page.locator(".st-key-briefing_prev button").click()
    wait_for_heading(page, HEADLINES[1])
    wait_for_app(page)
    page.locator(".st-key-briefing_prev button").focus()
    press_until_sent(page, reruns, "Space")
    wait_for_heading(page, HEADLINES[2])
    wait_for_app(page, settle_ms=1500)
    assert page.locator(HEADING).inner_text() == HEADLINES[2]
    assert step_number(page) == "3"
    page.watch.assert_clean()


def test_space_types_in_a_text_box(app_url, page):
    """A space typed in a text box on the page is a space, not Next."""
    open_step(page, f"{app_url}/briefing?step=2&briefing=1", HEADLINES[1])
    page.evaluate(
        "() => document.querySelector('[data-testid=\"stMain\"]')"
        ".prepend(Object.assign(document.createElement('input'), {id: 'typed'}))"
    )
    page.locator("#typed").click()
    page.keyboard.type("mothers protest")
    page.keyboard.press("Shift+Space")
    page.wait_for_timeout(1500)
    assert page.locator("#typed").input_value() == "mothers protest "
    assert page.locator(HEADING).inner_text() == HEADLINES[1]
    page.watch.assert_clean()


@pytest.fixture(scope="module")
def deck(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("deck") / "briefing.html"
    export(CONFIG, DATA, out)
    return out


def open_offline(browser, deck: Path, width: int = 1280, height: int = 720):
    """The exported file in a fresh context where every request off the file is refused."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.blocked, page.failed, page.errors = [], [], []
    page.on("requestfailed", lambda r: page.failed.append(r.url))
    page.on("pageerror", lambda e: page.errors.append(str(e)))

    def route(r):
        if r.request.url.startswith(("file:", "data:", "blob:")):
            r.continue_()
        else:
            page.blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(deck.as_uri())
    page.wait_for_selector(".slide.current", timeout=30_000)
    return context, page


SHOWN = """() => [...document.querySelectorAll('.slide')]
  .filter(s => getComputedStyle(s).display !== 'none')
  .map(s => [s.querySelector('h1, h2').textContent, s.scrollHeight, s.clientHeight])"""


def test_exported_file_works_offline(browser, deck):
    context, page = open_offline(browser, deck)
    for headline in HEADLINES:
        assert page.locator("h2", has_text=headline).count() == 1
    assert page.locator(".js-plotly-plot").count() == sum(
        s.view.kind != "compare" for s in DATA.story.briefing
    )
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')].every(c => c.querySelector("
        "'.main-svg'))",
        timeout=30_000,
    )
    assert page.blocked == [] and page.failed == [] and page.errors == []
    context.close()


@pytest.mark.parametrize("width,height", [(1280, 720), (1920, 1080)])
def test_exported_deck_is_one_step_per_screen(browser, deck, width, height):
    """Opened, the file is a slide deck: one step fills the screen, the clicker's keys move."""
    context, page = open_offline(browser, deck, width, height)
    assert [shown[0] for shown in page.evaluate(SHOWN)] == [f"{CONFIG.title}: briefing"]
    keys = ["ArrowRight", "PageDown"]
    for number, headline in enumerate(HEADLINES, start=1):
        page.keyboard.press(keys[number % 2])
        page.wait_for_function(f"() => location.hash === '#step-{number}'", timeout=5_000)
        (shown,) = page.evaluate(SHOWN)
        assert shown[0] == headline
        assert shown[1] <= shown[2], f"step {number} is cut off at {width}x{height}"
        assert page.evaluate("() => document.documentElement.scrollHeight") == height
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(
            path=str(SCREENSHOTS / f"briefing_export_step{number}_{width}x{height}.png")
        )
    page.keyboard.press("PageDown")  # past the end: stays on the last step
    assert page.evaluate(SHOWN)[0][0] == HEADLINES[-1]
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("PageUp")
    page.wait_for_function(f"() => location.hash === '#step-{len(HEADLINES) - 2}'", timeout=5_000)
    assert page.evaluate(SHOWN)[0][0] == HEADLINES[-3]
    page.keyboard.press("Shift+Space")  # back, as in the live view
    page.wait_for_function(f"() => location.hash === '#step-{len(HEADLINES) - 3}'", timeout=5_000)
    page.keyboard.press("Space")
    page.wait_for_function(f"() => location.hash === '#step-{len(HEADLINES) - 2}'", timeout=5_000)
    assert page.errors == [] and page.blocked == []
    context.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("landscape", [False, True])
def test_exported_deck_prints_one_step_per_page(browser, deck, paper, landscape):
    """Chromium prints the file: the title, then each step on a page of its own."""
    pypdf = pytest.importorskip("pypdf")
    context, page = open_offline(browser, deck)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')].every(c => c.querySelector("
        "'.main-svg'))",
        timeout=30_000,
    )
    pdf = page.pdf(format=paper, landscape=landscape, print_background=True)
    SCREENSHOTS.mkdir(exist_ok=True)
    (
        SCREENSHOTS / f"briefing_export_{paper}_{'landscape' if landscape else 'portrait'}.pdf"
    ).write_bytes(pdf)
    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) == len(HEADLINES) + 1
    assert pages[0].startswith(f"{CONFIG.title}: briefing")
    for number, (text, headline) in enumerate(zip(pages[1:], HEADLINES, strict=True), start=1):
        assert " ".join(text.split()).startswith(f"{headline} {number} / {len(HEADLINES)}")
        assert "Articles as of" in text  # the page ends with the footer: nothing spilled over
    context.close()
