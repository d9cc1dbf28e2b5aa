"""Every page in real Chromium: renders, no errors, nothing leaves localhost; links keep views."""

from __future__ import annotations

import shutil

import pytest

from homefront.config import load_config
from tests.browser.harness import ROOT, screenshot, start_server, stop_server, wait_for_app

pytestmark = pytest.mark.browser
PAGES = load_config().pages
SIZES = [(1280, 720), (1920, 1080)]


@pytest.mark.parametrize("width,height", SIZES, ids=["projector", "laptop"])
@pytest.mark.parametrize("page_id", PAGES)
def test_page_renders_cleanly(page, app_url, page_id, width, height):
    page.set_viewport_size({"width": width, "height": height})
    path = "" if page_id == PAGES[0] else page_id  # the default page lives at /
    page.goto(f"{app_url}/{path}")
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator("h1").first.is_visible()
    screenshot(page, f"page-{page_id}-{width}x{height}")
    page.watch.assert_clean()


def test_shared_link_survives_page_switch(page, app_url):
    page.goto(f"{app_url}/data?cat=military,casualties&q=putin")
    wait_for_app(page)
    assert "cat=military%2Ccasualties" in page.url or "cat=military,casualties" in page.url
    page.get_by_test_id("stSidebarNav").get_by_text("Overview").click()
    page.wait_for_url("**/?**")
    wait_for_app(page)
    assert "q=putin" in page.url
    assert "cat=military" in page.url
    page.watch.assert_clean()


def test_invalid_link_gives_notice_and_defaults(page, app_url):
    page.goto(f"{app_url}/data?from=not-a-date&cat=nonsense")
    wait_for_app(page)
    alerts = page.get_by_test_id("stAlert").all_inner_texts()
    assert any("from=not-a-date" in a for a in alerts), alerts
    assert any("cat" in a and "nonsense" in a for a in alerts), alerts
    page.watch.assert_clean()


def test_bad_data_shows_error_page_not_traceback(browser, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    events = data / "events.yaml"
    events.write_text(events.read_text().replace("category:", "categroy:", 1))
    process, url = start_server({"HOMEFRONT_DATA_DIR": str(data)})
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        page = context.new_page()
        page.goto(url)
        wait_for_app(page)
        text = page.inner_text("body")
        assert "cannot load its data" in text
        assert "events.yaml" in text and "categroy" in text
        assert page.locator('[data-testid="stException"]').count() == 0
        screenshot(page, "error-page")
        context.close()
    finally:
        log = stop_server(process)
    assert "Traceback" not in log


def test_the_browser_tab_shows_the_apps_icon_and_the_pages_name(page, app_url):
    """The favicon is the app's own, written into the page: nothing is fetched for it."""
    page.goto(f"{app_url}/timeline")
    wait_for_app(page)
    assert page.title() == "Timeline \u2014 Home Front"
    icon = page.locator('link[rel="shortcut icon"], link[rel="icon"]').first
    assert icon.get_attribute("href").startswith("data:image/png;base64,")
    page.watch.assert_clean()
