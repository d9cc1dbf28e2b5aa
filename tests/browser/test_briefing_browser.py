"""The Briefing in Chromium: walked by keyboard, reloaded, shown on a projector, exported."""

from __future__ import annotations

from html import escape
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from homefront.briefing_export import export
from homefront.config import load_config
from homefront.dataset import load_dataset
from homefront.paths import DATA_DIR
from tests.browser.harness import SCREENSHOTS, screenshot, wait_for_app

CONFIG = load_config()
HEADLINES = [s.headline for s in CONFIG.briefing]
HEADING = '[data-testid="stMainBlockContainer"] h1'


def open_step(page, url: str, expected: str) -> None:
    page.goto(url)
    wait_for_app(page)
    page.wait_for_function(
        "([sel, text]) => document.querySelector(sel)?.innerText === text",
        arg=[HEADING, expected],
        timeout=30_000,
    )


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


def test_download_button_gives_the_whole_briefing(app_url, page):
    open_step(page, f"{app_url}/briefing?step=1", HEADLINES[0])
    with page.expect_download(timeout=60_000) as download:
        page.locator(".st-key-briefing_download button").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == "homefront_briefing.html"
    assert all(f"<h2>{escape(h)}</h2>" in text for h in HEADLINES)
    page.watch.assert_clean()


@pytest.mark.parametrize("width,height", [(1920, 1080), (1280, 720)])
def test_projector_view(app_url, page, width, height):
    """briefing=1 hides the sidebar and toolbar, and stays in the link; three kinds of view."""
    page.set_viewport_size({"width": width, "height": height})
    for number in (2, 3, 7):  # a timeline, the map, a comparison
        open_step(page, f"{app_url}/briefing?step={number}&briefing=1", HEADLINES[number - 1])
        if CONFIG.briefing[number - 1].view.kind != "compare":  # charts draw after the script
            page.wait_for_selector(
                ".js-plotly-plot .main-svg, [data-testid='stDeckGlJsonChart'] canvas",
                state="attached",
            )
        page.wait_for_timeout(1500)
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        assert not page.locator('[data-testid="stToolbar"]').is_visible()
        query = parse_qs(urlparse(page.url).query)
        assert query["briefing"] == ["1"] and query["step"] == [str(number)]
        screenshot(page, f"briefing_step{number}_{width}x{height}")
    page.watch.assert_clean()


def test_exported_file_works_offline(browser, tmp_path):
    out = tmp_path / "briefing.html"
    export(CONFIG, load_dataset(DATA_DIR, CONFIG), out)
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    blocked, failed, errors = [], [], []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(r):
        if r.request.url.startswith(("file:", "data:", "blob:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(out.as_uri())
    page.wait_for_selector(".plotly .main-svg", timeout=30_000)
    page.wait_for_timeout(2000)
    for headline in HEADLINES:
        assert page.get_by_role("heading", name=headline).count() == 1
    assert page.locator(".js-plotly-plot").count() == sum(
        s.view.kind != "compare" for s in CONFIG.briefing
    )
    assert blocked == [] and failed == [] and errors == []
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "briefing_export.png"), full_page=True)
    context.close()
