"""Where a region of the Regions map is on screen, and pointing at it as a person does: the
browser tests and benchmarks.browser_reruns click the map canvas with page.mouse at a
region's pixels (deck.gl draws on a canvas, with no element per region to click)."""

from __future__ import annotations

import time
from functools import cache

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from homefront import paths
from homefront.charts.projection import MapGeometry, project_geometry
from homefront.charts.region_map import ASSUMED_WIDTH, WIDTH_STEP, initial_view
from homefront.config import load_config
from homefront.dataset import load_dataset
from tests.browser.harness import wait_for_app

MAP = '[data-testid="stDeckGlJsonChart"]'
TIMEOUT = 60_000  # a cold Chromium with software WebGL on a busy machine is slow


def scroll_to(page, selector: str) -> None:
    """Bring an element to the top of Streamlit's scrolling main area, below its header."""
    page.locator(selector).first.evaluate(
        "e => { e.scrollIntoView({block: 'start'}); document.querySelector("
        "'[data-testid=\"stMain\"]').scrollBy(0, -70); }"
    )
    page.wait_for_timeout(500)


@cache
def geometry() -> MapGeometry:
    data = load_dataset(paths.DATA_DIR, load_config(paths.CONFIG_FILE))
    return project_geometry(data.regional.geometry)


def built_width(measured: float) -> int:
    """The width a session's first map is built for at a measured canvas width: the assumed
    one where the browser finds it within WIDTH_STEP (no rerun), else the one it reports."""
    width = round(measured)
    return ASSUMED_WIDTH if abs(width - ASSUMED_WIDTH) < WIDTH_STEP else width


def region_pixel(page, iso: str) -> tuple[float, float]:
    """Where a region lies on screen: its label point (the centroid of its largest polygon,
    in projected km) through the map's opening view (OrthographicView, y up) and the canvas's
    bounding box, so the click lands where the region is drawn at any canvas size."""
    box = page.locator(f"{MAP} canvas").first.bounding_box()
    # the page fits the zoom to the width the map is built for
    (target_x, target_y), zoom = initial_view(geometry(), built_width(box["width"]))
    x, y = geometry().label_points[iso]
    scale = 2**zoom  # pixels per km
    return (
        box["x"] + box["width"] / 2 + (x - target_x) * scale,
        box["y"] + box["height"] / 2 - (y - target_y) * scale,
    )


def hover_region(page, iso: str, name: str) -> tuple[float, float]:
    """Hover a region until its tooltip names it (so the pixel is inside it); its pixel."""

    def hover(x: float, y: float) -> None:
        page.mouse.move(x - 1, y)
        page.mouse.move(x, y)

    return _point_until_named(page, iso, name, hover)


def tap_region(page, iso: str, name: str) -> tuple[float, float]:
    """Tap a region (a touch screen's page) until its tooltip names it; its pixel."""
    return _point_until_named(page, iso, name, page.touchscreen.tap)


def _point_until_named(page, iso: str, name: str, point) -> tuple[float, float]:
    """Point at a region's pixel until the tooltip names the region.

    The pixel is worked out again on each try: right after the page opens, the map may be
    redrawn once at the zoom for the width the browser has just reported.
    """
    deadline = time.monotonic() + TIMEOUT / 1000
    while True:
        x, y = region_pixel(page, iso)
        point(x, y)
        try:
            page.wait_for_function(
                "name => (document.querySelector('.deck-tooltip') || {})"
                ".innerText?.startsWith(name)",
                arg=name,
                timeout=3000,
            )
            break
        except PlaywrightTimeout:
            if time.monotonic() > deadline:
                raise
    return x, y


def click_region(page, iso: str, name: str) -> None:
    """Click a region where its tooltip shows it is."""
    page.mouse.click(*hover_region(page, iso, name))


def select_region(page, iso: str, name: str, heading: str) -> None:
    """Click a region on the map until its detail panel opens, as a person clicks again
    when the first click does nothing.

    Right after the page opens, the map is drawn once more at the zoom for the width the
    browser reports; on a busy machine that redraw can land between the hover that found
    the region and the click, which then hits another region or none. A click that
    selects nothing for 20 s, or selects a region the test did not aim at, is retried
    (three clicks in all); a map that never selects still fails.
    """
    target = page.get_by_role("heading", name=heading)
    for attempt in range(3):
        click_region(page, iso, name)
        try:
            target.wait_for(timeout=20_000)
            return
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            wait_for_app(page, timeout=TIMEOUT)
            scroll_to(page, MAP)
