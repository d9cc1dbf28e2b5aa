"""The sidebar's link box names the page it is on: copied and opened in a new browser, it
reopens that page (Streamlit's own st.context.url gave /why_/why_regions on Why these regions,
trimming another page's path, "regions", from its end)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from homefront.config import load_config
from homefront.paths import CONFIG_FILE
from tests.browser.harness import wait_for_app

pytestmark = pytest.mark.browser
PAGES = load_config(CONFIG_FILE).pages
LINK_BOX = '[data-testid="stSidebar"] [data-testid="stCode"]'


@pytest.mark.parametrize("page_id", PAGES)
def test_the_link_box_reopens_the_page_it_is_on(page, app_url, page_id):
    path = "" if page_id == PAGES[0] else page_id
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{app_url}/{path}")
    wait_for_app(page, timeout=60_000)
    box = page.locator(LINK_BOX)
    box.first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # a page's own rerun (the map's width) may write it again
    link = box.first.inner_text().replace("\n", "")
    assert urlsplit(link).path.strip("/") == path, link
    heading = page.locator('[data-testid="stMain"] h1').first.inner_text()

    other = page.context.browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        reopened = other.new_page()
        reopened.goto(link)
        wait_for_app(reopened, timeout=60_000)
        main = reopened.locator('[data-testid="stMain"] h1').first
        main.wait_for(timeout=60_000)
        assert main.inner_text() == heading
    finally:
        other.close()
    page.watch.assert_clean()
