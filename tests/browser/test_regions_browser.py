"""The Regions page in real Chromium: the map draws offline, follows a filtered link, and the
select box (the keyboard path to a region) opens the detail panel. Screenshots at both sizes.
"""

from __future__ import annotations

import pytest

from tests.browser.harness import screenshot, wait_for_app

pytestmark = pytest.mark.browser
SIZES = [(1280, 720), (1920, 1080)]
MAP = '[data-testid="stDeckGlJsonChart"]'
TIMEOUT = 60_000  # a cold Chromium with software WebGL on a busy machine is slow


def open_page(page, app_url: str, query: str = "") -> None:
    page.goto(f"{app_url}/regions{query}")
    wait_for_app(page, timeout=TIMEOUT)
    page.wait_for_selector(f"{MAP} canvas", timeout=TIMEOUT)
    page.wait_for_timeout(1500)  # deck.gl draws after the canvas appears
    assert page.locator('[data-testid="stException"]').count() == 0


def scroll_to(page, selector: str) -> None:
    """Bring an element to the top of Streamlit's scrolling main area, below its header."""
    page.locator(selector).first.evaluate(
        "e => { e.scrollIntoView({block: 'start'}); document.querySelector("
        "'[data-testid=\"stMain\"]').scrollBy(0, -70); }"
    )
    page.wait_for_timeout(500)


def legend_title(page) -> str:
    return page.locator('[data-testid="stPlotlyChart"] .gtitle').first.text_content()


@pytest.mark.parametrize("width,height", SIZES, ids=["laptop", "projector"])
def test_default_map(page, app_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, app_url)
    assert legend_title(page).startswith("Deaths per 100,000 men aged 16–61.5")
    box = page.locator(MAP).bounding_box()
    assert box["width"] > 700 and box["height"] == 480
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


@pytest.mark.parametrize("width,height", SIZES, ids=["laptop", "projector"])
def test_filtered_map_from_a_link(page, app_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, app_url, "?from=2022-09-01&to=2022-12-31&unit=conscripted")
    title = legend_title(page)
    assert "Sep 2022 – Dec 2022" in title and "conscripted" in title
    page.wait_for_url("**unit=conscripted**", timeout=TIMEOUT)
    scroll_to(page, MAP)
    screenshot(page, f"map-filtered-{width}x{height}")
    page.watch.assert_clean()


@pytest.mark.parametrize("width,height", SIZES, ids=["laptop", "projector"])
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
