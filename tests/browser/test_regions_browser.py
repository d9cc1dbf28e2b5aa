"""The Regions page in real Chromium: the map draws offline, follows a filtered link, a mouse
click on a region opens its detail panel, and the select box (the keyboard path to a region)
does too. Screenshots at each size.
"""

from __future__ import annotations

import io
import re
import time
from collections import Counter

import pandas as pd
import pytest
from PIL import Image
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from homefront import paths
from homefront.charts.classes import hex_to_rgba
from homefront.charts.region_map import ASSUMED_WIDTH, WIDTH_STEP, initial_view, map_height
from homefront.charts.theme import PALETTE
from tests.browser.harness import screenshot, wait_for_app
from tests.browser.map_pixels import (
    MAP,
    TIMEOUT,
    built_width,
    click_region,
    geometry,
    hover_region,
    region_pixel,
    scroll_to,
    select_region,
    tap_region,
)

pytestmark = pytest.mark.browser
SIZES = [(1280, 720), (1920, 1080)]
SCROLLER = '[data-testid="stMain"]'  # Streamlit scrolls its main pane, not the window


def open_page(page, app_url: str, query: str = "") -> None:
    page.goto(f"{app_url}/regions{query}")
    wait_for_app(page, timeout=TIMEOUT)
    page.wait_for_selector(f"{MAP} canvas", timeout=TIMEOUT)
    page.wait_for_timeout(1500)  # deck.gl draws after the canvas appears
    assert page.locator('[data-testid="stException"]').count() == 0


# each header's text as the grid draws it on its canvas: in the font and after the inset of
# Glide's theme, which Streamlit sets as CSS variables on the grid
HEADER_TEXTS = """async grid => {
  await document.fonts.ready;
  const theme = getComputedStyle(grid.querySelector('.stDataFrameGlideDataEditor'));
  const style = name => theme.getPropertyValue(name).trim();
  const context = document.createElement('canvas').getContext('2d');
  context.font = `${style('--gdg-header-font-style')} ${style('--gdg-font-family')}`;
  return {inset: parseFloat(style('--gdg-cell-horizontal-padding')),
          texts: [...grid.querySelectorAll('th[role=columnheader]')]
                   .map(h => [h.textContent, context.measureText(h.textContent).width])};
}"""
HEADER_BAND = range(8, 28)  # px from the canvas' top: rows of the header row, its text's too


def column_edges(grid, columns: int) -> list[int]:
    """Where a grid's columns begin and end, in px from its canvas' left edge, as drawn.

    Glide draws the grid on a canvas (its screen-reader table has no layout), so the edges
    are read from the header's pixels: a border is a column of pixels of one colour down the
    header, neither its background nor its text (the grid's own outline, at the canvas'
    edges, is left out). The last column ends at the canvas' edge where no border follows it.
    """
    canvas = grid.locator('canvas[data-testid="data-grid-canvas"]')
    shot = Image.open(io.BytesIO(canvas.screenshot(scale="css"))).convert("RGB")
    band = [(x, y) for x in range(shot.width) for y in HEADER_BAND]
    background = Counter(shot.getpixel(xy) for xy in band).most_common(1)[0][0]

    def is_border(x: int) -> bool:
        colours = {shot.getpixel((x, y)) for y in HEADER_BAND}
        return len(colours) == 1 and colours != {background}

    borders = [x for x in range(2, shot.width - 2) if is_border(x)]
    edges = [0, *borders] + ([shot.width] if len(borders) == columns - 1 else [])
    assert len(edges) == columns + 1, f"{len(borders)} borders for {columns} columns"
    return edges


def detail_heading(page):
    return page.locator('[data-testid="stMain"] h3').filter(has_text=" / ")


def legend_title(page) -> str:
    bold = page.locator('[data-testid="stMarkdownContainer"] strong')
    return bold.filter(has_text=re.compile(r" · |regional indicator")).first.text_content()


@pytest.mark.parametrize("width,height", SIZES, ids=["projector", "laptop"])
def test_default_map(page, app_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, app_url)
    assert legend_title(page).startswith("Deaths per 100,000 men aged 16–61.5")
    box = page.locator(MAP).bounding_box()
    # as tall as the country needs at this width, at most MAP_HEIGHT
    assert box["width"] > 700 and box["height"] == map_height(geometry(), built_width(box["width"]))
    scroll_to(page, MAP)
    screenshot(page, f"map-default-{width}x{height}")
    # hovering the middle of the map (Krasnoyarsk or Yakutia) shows a region's tooltip
    box = page.locator(MAP).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tooltip = page.locator(".deck-tooltip")
    page.wait_for_function(
        "() => (document.querySelector('.deck-tooltip') || {}).innerText?.includes('Confirmed')",
        timeout=TIMEOUT,
    )
    text = tooltip.inner_text()
    assert " / " in text.splitlines()[0]  # English / Russian name
    for field in ("Confirmed deaths:", "95% interval:", "2021 census", "Below subsistence"):
        assert field in text
    page.watch.assert_clean()


@pytest.mark.parametrize("width,height", SIZES, ids=["projector", "laptop"])
def test_filtered_map_from_a_link(page, app_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, app_url, "?from=2022-09-01&to=2022-12-31&unit=conscripted")
    title = legend_title(page)
    assert "Sep 2022 – Dec 2022" in title and "conscripted" in title
    page.wait_for_url("**unit=conscripted**", timeout=TIMEOUT)
    scroll_to(page, MAP)
    screenshot(page, f"map-filtered-{width}x{height}")
    page.watch.assert_clean()


def test_the_window_moved_by_keys_counts_whole_months(page, app_url):
    """An analyst nudges the window's end with the arrow keys: inside January the map counts
    the same deaths (confirmation months, not days), and once the end is in December it
    counts December's."""
    page.set_viewport_size({"width": 1440, "height": 900})
    open_page(page, app_url, "?from=2022-09-01&to=2023-01-10")
    on_map = page.locator('[data-testid="stMetric"]').filter(has_text="Deaths on the map")
    january = on_map.locator('[data-testid="stMetricValue"]').inner_text()
    end = page.locator('[data-testid="stSidebar"] [data-testid="stSlider"] input').nth(1)
    end.focus()

    def press_left(times: int, to: str) -> None:
        for _ in range(times):
            page.keyboard.press("ArrowLeft")
        page.wait_for_url(f"**to={to}**", timeout=TIMEOUT)
        wait_for_app(page, timeout=TIMEOUT)

    press_left(3, "2023-01-07")
    assert on_map.locator('[data-testid="stMetricValue"]').inner_text() == january
    assert "Sep 2022 – Jan 2023" in legend_title(page)
    press_left(7, "2022-12-31")
    page.wait_for_function(
        "() => [...document.querySelectorAll('strong')].some(b => b.textContent.includes("
        "'Sep 2022 – Dec 2022'))",
        timeout=TIMEOUT,
    )
    december = on_map.locator('[data-testid="stMetricValue"]').inner_text()
    assert int(december.replace(",", "")) < int(january.replace(",", ""))
    page.watch.assert_clean()


def test_a_link_to_a_window_with_no_deaths_reads_as_none_not_as_the_most(page, app_url):
    """An analyst opens a shared link to volunteers confirmed in late February 2022, when
    the count has none: the map is one light colour and says so (not the darkest, the
    colour of the highest losses), the ranking says there is nothing to rank and the
    poverty chart that its correlation is undefined (not 'ρ = nan')."""
    page.set_viewport_size({"width": 1440, "height": 900})
    open_page(page, app_url, "?from=2022-02-24&to=2022-02-28&unit=volunteers")
    main = page.locator('[data-testid="stMain"]')
    assert "confirmed Feb 2022 · volunteers" in legend_title(page)
    page.mouse.move(5, 5)  # off the map: a hovered region is highlighted
    scroll_to(page, MAP)
    page.wait_for_timeout(1000)  # deck.gl redraws after the scroll
    x, y = region_pixel(page, "KYA")
    shot = page.screenshot(clip={"x": x - 1, "y": y - 1, "width": 3, "height": 3})
    pixel = Image.open(io.BytesIO(shot)).convert("RGB").getpixel((1, 1))
    lightest = hex_to_rgba(PALETTE[0])[:3]
    assert all(abs(a - b) <= 8 for a, b in zip(pixel, lightest, strict=True)), pixel
    hover_region(page, "KYA", "Krasnoyarsk")
    assert "Confirmed deaths: 0" in page.locator(".deck-tooltip").inner_text()
    assert main.get_by_text("One colour: every region has the same value here (0.0).").count()
    assert main.get_by_text("no region to rank").count() == 1
    title = main.locator(".gtitle").filter(has_text="Rate against poverty")
    assert title.text_content() == "Rate against poverty: ρ undefined"
    assert main.get_by_text("No rank correlation").count() == 1
    assert "nan" not in main.inner_text()
    page.watch.assert_clean()


@pytest.mark.parametrize("width,height", SIZES, ids=["projector", "laptop"])
def test_region_detail_from_the_select_box(page, app_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, app_url)
    select = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]')
    select.scroll_into_view_if_needed()
    select.click()
    page.keyboard.type("Buryat")
    page.keyboard.press("Enter")
    heading = page.get_by_role("heading", name="Buryatia / Республика Бурятия")
    heading.wait_for(timeout=TIMEOUT)
    wait_for_app(page, timeout=TIMEOUT)
    page.wait_for_url("**sel=BU**", timeout=TIMEOUT)
    assert page.get_by_text("What the sources report about Buryatia").count() == 1
    scroll_to(page, '[data-testid="stMain"] [data-testid="stSelectbox"]')
    screenshot(page, f"region-detail-{width}x{height}")
    page.watch.assert_clean()


@pytest.mark.parametrize("width,height", [(1440, 900), (1280, 720)], ids=["laptop", "projector"])
def test_clicking_regions_on_the_map_selects_and_clears(page, app_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, app_url)
    scroll_to(page, MAP)
    select = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]')

    select_region(page, "BU", "Buryatia", "Buryatia / Республика Бурятия")
    page.wait_for_url("**sel=BU**", timeout=TIMEOUT)
    # the detail is out of sight, below the map: a toast on screen says where it went
    toast = page.get_by_test_id("stToast").filter(has_text="Buryatia: details under Region")
    toast.wait_for(timeout=TIMEOUT)
    assert toast.is_visible()
    wait_for_app(page, timeout=TIMEOUT)
    assert select.locator("input").input_value() == "Buryatia"
    assert page.get_by_text("What the sources report about Buryatia").count() == 1
    screenshot(page, f"map-clicked-{width}x{height}")

    scroll_to(page, MAP)
    select_region(page, "TY", "Tuva", "Tuva / Республика Тыва")
    page.wait_for_url("**sel=TY**", timeout=TIMEOUT)
    wait_for_app(page, timeout=TIMEOUT)
    assert detail_heading(page).all_inner_texts() == ["Tuva / Республика Тыва"]
    assert select.locator("input").input_value() == "Tuva"

    # a second click on the selected region clears it: no panel, no sel= in the link
    scroll_to(page, MAP)
    click_region(page, "TY", "Tuva")
    page.wait_for_function("() => !location.search.includes('sel=')", timeout=TIMEOUT)
    wait_for_app(page, timeout=TIMEOUT)
    assert detail_heading(page).count() == 0
    page.watch.assert_clean()


def test_a_region_chosen_in_the_select_box_then_clicked_on_the_map_stays_chosen(page, app_url):
    """The select box resets the map's own selection, so clicking the region the map last
    selected chooses it again rather than toggling it off."""
    page.set_viewport_size({"width": 1440, "height": 900})
    open_page(page, app_url)
    scroll_to(page, MAP)
    select_region(page, "BU", "Buryatia", "Buryatia / Республика Бурятия")
    page.wait_for_url("**sel=BU**", timeout=TIMEOUT)
    wait_for_app(page, timeout=TIMEOUT)
    select = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]')
    select.scroll_into_view_if_needed()
    select.click()
    page.keyboard.type("Tuva")
    page.keyboard.press("Enter")
    page.wait_for_url("**sel=TY**", timeout=TIMEOUT)
    wait_for_app(page, timeout=TIMEOUT)
    page.wait_for_selector(f"{MAP} canvas", timeout=TIMEOUT)
    page.wait_for_timeout(1500)  # the map, under its new key, draws again
    scroll_to(page, MAP)
    select_region(page, "BU", "Buryatia", "Buryatia / Республика Бурятия")
    page.wait_for_url("**sel=BU**", timeout=TIMEOUT)
    page.watch.assert_clean()


def test_region_charts_have_names_and_tables_and_the_regions_table_fits(page, app_url):
    """At 1440x900: each region chart has an accessible name, its expander opens a table of
    the same numbers, and the table of all regions shows every column without scrolling."""
    page.set_viewport_size({"width": 1440, "height": 900})
    open_page(page, app_url, "?sel=BU")
    months = page.locator(
        '[data-testid="stPlotlyChart"][aria-label*="deaths per month in Buryatia"]'
    )
    units = page.locator('[data-testid="stPlotlyChart"][aria-label*="in Buryatia by unit type"]')
    months.first.wait_for(timeout=TIMEOUT)  # the panel is drawn after the map, on a busy machine
    assert months.count() == 1 and units.count() == 1
    expander = page.get_by_text("Table: deaths per month, Buryatia")
    expander.scroll_into_view_if_needed()
    expander.click()
    table = page.locator('[data-testid="stExpander"]').filter(has_text="deaths per month").first
    grid = table.locator('[data-testid="stDataFrame"]')
    grid.wait_for(timeout=TIMEOUT)
    cells = grid.locator("td[role=gridcell]")
    cells.first.wait_for(state="attached", timeout=TIMEOUT)  # screen-reader text
    texts = cells.all_text_contents()
    # screen readers get the month as the chart labels it and the count from the data file
    casualties = pd.read_csv(paths.DATA_DIR / "casualties_by_region_month.csv", dtype=str)
    march = casualties[(casualties["iso"] == "BU") & (casualties["month"] == "2022-03")]
    month = texts.index("Mar 2022")
    assert texts[month + 1 : month + 3] == [str(march["deaths"].astype(int).sum()), "inside"]
    screenshot(page, "region-detail-tables-1440x900")

    scroll_to(page, "text=All regions")
    everything = page.locator('[data-testid="stDataFrame"]').last
    headers = everything.locator("th[role=columnheader]").all_text_contents()
    for name in ("code", "region", "per 100,000", "95% high", "rate rank", "% below subsistence"):
        assert any(name in h for h in headers), (name, headers)
    scroller = everything.locator(".dvn-scroller")
    scroll_width, client_width = scroller.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert scroll_width <= client_width, "a column of the regions table is cut off at 1440"
    assert "164.7" in everything.locator("td[role=gridcell]").all_text_contents()
    # and every header is whole: its text ends inside its column (the canvas clips it at the
    # column's edge, as it cut "% below subsistence (2020)" after its "(2")
    drawn = everything.evaluate(HEADER_TEXTS)
    edges = column_edges(everything, len(drawn["texts"]))
    for (text, width), start, end in zip(drawn["texts"], edges[:-1], edges[1:], strict=True):
        needs = drawn["inset"] + width + 2  # 2 px: not touching the next column's border
        assert needs <= end - start, f"header {text!r} needs {needs:.0f} px of {end - start}"
    # the poverty header's whole wording, with its year, is on hover
    poverty = [text for text, _ in drawn["texts"]].index("% below subsistence")
    box = everything.locator('canvas[data-testid="data-grid-canvas"]').bounding_box()
    page.mouse.move(box["x"] + (edges[poverty] + edges[poverty + 1]) / 2, box["y"] + 18)
    tooltip = page.locator('[data-testid="stDataFrameTooltipContent"]')
    tooltip.wait_for(timeout=TIMEOUT)
    assert tooltip.inner_text() == "% of population below subsistence, 2020"
    page.watch.assert_clean()


def test_on_a_phone_the_map_fits_the_width_with_all_of_russia_and_its_legend_title(page, app_url):
    """At 390x844 the map is no wider than the screen, its far west (Kaliningrad) and far
    east (Chukotka) are both on the canvas and answer a hover, the legend's title wraps
    instead of being cut, and each swatch holds its range (on two lines)."""
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, app_url)
    # a phone reader closes the sidebar, which otherwise lies over the page
    collapse = page.locator('[data-testid="stSidebarCollapseButton"] button')
    if collapse.is_visible():
        collapse.click()
        page.wait_for_timeout(800)
    scroll_to(page, MAP)
    box = page.locator(f"{MAP} canvas").first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    _, zoom = initial_view(geometry(), built_width(box["width"]))
    min_x, min_y, max_x, max_y = geometry().bounds
    scale = 2**zoom
    assert (max_x - min_x) * scale <= box["width"] and (max_y - min_y) * scale <= box["height"]
    for iso, name in (("KGD", "Kaliningrad"), ("CHU", "Chukotka")):
        x, y = hover_region(page, iso, name)
        assert (
            box["x"] <= x <= box["x"] + box["width"] and box["y"] <= y <= box["y"] + box["height"]
        )
    screenshot(page, "map-phone-390x844")
    title = page.locator('[data-testid="stMarkdownContainer"] strong').filter(
        has_text=re.compile(r" · ")
    )
    title_box = title.first.bounding_box()
    assert title_box["x"] >= 0 and title_box["x"] + title_box["width"] <= 390
    assert title.first.text_content().endswith("all unit types")
    swatches = page.evaluate(SWATCHES)
    assert len(swatches) == 5, swatches
    for swatch in swatches:
        bar, text = swatch["bar"], swatch["text"]
        inside = all(bar[i] <= text[i] for i in (0, 1)) and all(text[i] <= bar[i] for i in (2, 3))
        assert inside, f"{swatch['label']!r} runs out of its swatch"
    page.watch.assert_clean()


def tooltip_and_map(page) -> tuple[dict, dict]:
    """The boxes of the shown tooltip and of the map's canvas."""
    return (
        page.locator(".deck-tooltip").first.bounding_box(),
        page.locator(f"{MAP} canvas").first.bounding_box(),
    )


def inside(inner: dict, outer: dict) -> bool:
    return (
        inner["x"] >= outer["x"] - 1
        and inner["y"] >= outer["y"] - 1
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 1
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 1
    )


def test_a_tooltip_at_the_map_s_far_east_or_south_edge_stays_whole_on_the_map(page, app_url):
    """The map clips what passes its edges, and deck.gl hangs the tooltip to the right of and
    below the pointer: hovering Chukotka or Kamchatka cut it at the right edge, Tyva at the
    bottom. The tooltip is turned to the pointer's other side there, and left where it fits
    (Kaliningrad, in the far west: at the pointer). With the map scrolled so that Kaliningrad
    is just above the window's bottom edge, its tooltip turns upwards to stay on the screen."""
    page.set_viewport_size({"width": 1440, "height": 900})
    open_page(page, app_url)
    scroll_to(page, MAP)
    for iso, name in (("CHU", "Chukotka"), ("KAM", "Kamchatka"), ("TY", "Tuva"), ("KGD", "")):
        x, y = hover_region(page, iso, name or "Kaliningrad")
        tip, canvas = tooltip_and_map(page)
        assert inside(tip, canvas), (iso, tip, canvas)
        if iso == "KGD":
            assert abs(tip["x"] - x) <= 1 and abs(tip["y"] - y) <= 1, (tip, x, y)
    screenshot(page, "map-tooltip-far-east-1440x900")
    page.mouse.move(10, 10)  # off the map: the tooltip goes
    page.evaluate(
        f"y => document.querySelector('{SCROLLER}').scrollBy(0, y - (window.innerHeight - 60))",
        region_pixel(page, "KGD")[1],
    )
    page.wait_for_timeout(500)
    hover_region(page, "KGD", "Kaliningrad")
    tip, canvas = tooltip_and_map(page)
    assert inside(tip, canvas) and tip["y"] + tip["height"] <= 900, tip
    page.watch.assert_clean()


def test_on_a_phone_a_tapped_region_s_tooltip_is_readable(browser, app_url):
    """A phone reader taps Chukotka, at the map's right edge, and Kabardino-Balkaria, whose
    names run wider than the map: each tooltip lies whole on the map and the screen (they ran
    past both), its lines wrapped where they must."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    phone = context.new_page()
    open_page(phone, app_url)
    scroll_to(phone, MAP)
    for iso, name in (("CHU", "Chukotka"), ("KB", "Kabardino-Balkaria")):
        tap_region(phone, iso, name)
        tip, canvas = tooltip_and_map(phone)
        assert inside(tip, canvas), (iso, tip, canvas)
        assert tip["x"] >= 0 and tip["x"] + tip["width"] <= 390
        screenshot(phone, f"map-tooltip-{iso}-phone-390x844")
    context.close()


# each legend swatch's range and the box of its bar and of its text (left, top, right,
# bottom), in px
SWATCHES = """() => [...document.querySelectorAll('.js-plotly-plot')]
  .filter(c => !c.querySelector('.gtitle') && c.querySelectorAll('.bars .point').length === 5)
  .flatMap(c => [...c.querySelectorAll('.bars .point')].map(p => {
      const box = e => { const r = e.getBoundingClientRect();
                         return [r.left, r.top, r.right, r.bottom]; };
      return {label: p.querySelector('text').textContent,
              bar: box(p.querySelector('path')), text: box(p.querySelector('text'))}; }))"""


# counts the page's live ResizeObservers (made, less disconnected) in window.__liveObservers
COUNT_OBSERVERS = """(() => { const Native = window.ResizeObserver; window.__liveObservers = 0;
  window.ResizeObserver = class extends Native {
    constructor(callback) { super(callback); window.__liveObservers++; }
    disconnect() { window.__liveObservers--; super.disconnect(); } }; })();"""


def test_resizing_the_window_refits_the_map_and_leaves_no_observer_behind(browser, app_url):
    """A presenter drags the window between screens: each move refits the map in one rerun
    (a second, with the same width, followed most moves), and the width probe, told each
    width the map is built for, must not leave one more ResizeObserver each time."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    context.add_init_script(COUNT_OBSERVERS)
    page = context.new_page()
    sent = MapMessages(page)
    open_page(page, app_url)
    page.wait_for_timeout(6000)  # the width's report and the fitted map
    live = page.evaluate("window.__liveObservers")
    for width in (1280, 1440, 1280, 1440):
        runs = sent.runs
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(4000)  # the report, the rerun and the map refitted
        wait_for_app(page, timeout=TIMEOUT)
        box = page.locator(MAP).bounding_box()
        assert box["height"] == map_height(geometry(), built_width(box["width"]))
        assert sent.runs - runs == 1, (width, sent.runs - runs)
    assert page.evaluate("window.__liveObservers") == live
    context.close()


def test_closing_and_opening_the_sidebar_refits_the_map_in_one_rerun_each(page, app_url):
    """A presenter closes the sidebar to give the map the room, then opens it again: the map's
    width changes on every frame of the sidebar's slide, and the map is refitted once, when
    the width has settled (it was rebuilt two to five times)."""
    page.set_viewport_size({"width": 1440, "height": 900})
    sent = MapMessages(page)
    open_page(page, app_url)
    page.wait_for_timeout(6000)  # the width's report and the fitted map

    def close() -> None:
        page.get_by_test_id("stSidebar").hover()  # its close button shows on hover
        page.locator('[data-testid="stSidebarCollapseButton"] button').click()

    def reopen() -> None:
        page.get_by_test_id("stExpandSidebarButton").click()

    for toggle in (close, reopen):
        runs = sent.runs
        toggle()
        page.wait_for_timeout(4000)  # the slide, the report, the rerun and the map refitted
        wait_for_app(page, timeout=TIMEOUT)
        box = page.locator(MAP).bounding_box()
        assert box["height"] == map_height(geometry(), built_width(box["width"]))
        assert sent.runs - runs == 1, (toggle.__name__, sent.runs - runs)
    page.watch.assert_clean()


class MapMessages:
    """What the page's websocket delivers: the hash of each map, in order, and how many
    script runs finished. Streamlit sends a message it has sent before as a reference to its
    hash, so a map sent again at the same zoom has the same hash, one at another zoom a new
    one."""

    def __init__(self, page) -> None:
        self.decks: list[str] = []
        self.runs = 0
        self._hashes: set[str] = set()
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload: bytes | str) -> None:
        msg = ForwardMsg()
        msg.ParseFromString(payload if isinstance(payload, bytes) else payload.encode())
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.new_element.WhichOneof("type") == "deck_gl_json_chart":
            self._hashes.add(msg.hash)
            self.decks.append(msg.hash)
        elif kind == "ref_hash" and msg.ref_hash in self._hashes:
            self.decks.append(msg.ref_hash)
        elif kind == "script_finished":
            self.runs += 1


def test_a_first_visit_on_a_projector_draws_the_map_once_fitted(page, app_url):
    """At 1280x720 (a projector, with the sidebar open) the map has the width the page
    assumes before the browser reports one: a first visit builds and sends one map, already
    fitted, and no rerun follows the width's report."""
    page.set_viewport_size({"width": 1280, "height": 720})
    sent = MapMessages(page)
    open_page(page, app_url)
    page.wait_for_timeout(6000)  # time for a width report and any rerun it asks for
    assert len(sent.decks) == 1, sent.decks
    assert sent.runs == 1
    box = page.locator(MAP).bounding_box()
    assert abs(round(box["width"]) - ASSUMED_WIDTH) < WIDTH_STEP
    assert box["height"] == map_height(geometry(), ASSUMED_WIDTH)
    page.watch.assert_clean()


def test_returning_to_the_map_draws_it_once_at_the_width_it_had(page, app_url):
    """The map fits the width the browser reports, a moment after the page is drawn; on a
    return visit it is drawn at that width at once, in one run, not first at a guess and
    then again."""
    page.set_viewport_size({"width": 1440, "height": 900})
    sent = MapMessages(page)
    open_page(page, app_url)
    # first visit: the page cannot know the width yet, so a second, fitted map follows
    deadline = time.monotonic() + 30
    while len(set(sent.decks)) < 2 and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    fitted = sent.decks[-1]
    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_text("Timeline", exact=True).click()
    page.get_by_role("heading", name="Timeline").first.wait_for(timeout=TIMEOUT)
    wait_for_app(page, timeout=TIMEOUT)
    decks, runs = len(sent.decks), sent.runs
    nav.get_by_text("Regions map", exact=True).click()
    page.wait_for_selector(f"{MAP} canvas", timeout=TIMEOUT)
    wait_for_app(page, timeout=TIMEOUT)
    page.wait_for_timeout(6000)  # time for a width report and any rerun it asks for
    assert sent.decks[decks:] == [fitted], sent.decks
    assert sent.runs - runs == 1  # the page switch's own run: the width was known
    box = page.locator(MAP).bounding_box()
    assert box["height"] == map_height(geometry(), built_width(box["width"]))
    page.watch.assert_clean()
