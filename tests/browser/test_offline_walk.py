"""Nothing leaves localhost: every briefing step opened from its link, every page in the
projector view, and every page opened from a link crafted to make the browser fetch.

test_browser_pages.py loads every page at two sizes and test_briefing_browser.py walks the
steps with the keyboard and opens three in the projector view; what they leave out is each
step loaded from its own link (`briefing?step=N`, the first load of a fresh tab), the
projector view (`?briefing=1`) of the other pages, and links whose parameters hold Markdown
images and links (shown in the page's notices, which once rendered them and fetched the
image). One browser page walks them all; the PageWatch of the `page` fixture records every
request, console error and page error.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from homefront.config import load_config
from homefront.dataset import load_dataset
from homefront.paths import DATA_DIR
from tests.browser.harness import wait_for_app

pytestmark = pytest.mark.browser
CONFIG = load_config()
STEPS = load_dataset(DATA_DIR, CONFIG).story.briefing
PAGES = CONFIG.pages
HEADING = '[data-testid="stMainBlockContainer"] h1'
BAIT = "![x](http://outside.example/pixel.png)"
BAIT_LINK = "&".join(
    f"{key}={quote(value)}"
    for key, value in {
        "cat": BAIT,
        "src": f"[a](http://outside.example/a) {BAIT}",
        "sel": BAIT,
        "cmp": BAIT,
        "event": BAIT,
        "step": "![](http://o.ex/p)",
        "metric": BAIT,
    }.items()
)


def path_of(page_id: str) -> str:
    return "" if page_id == PAGES[0] else page_id  # the default page lives at /


def test_every_briefing_step_from_its_link_stays_local(page, app_url):
    for number, step in enumerate(STEPS, start=1):
        page.goto(f"{app_url}/briefing?step={number}")
        wait_for_app(page)
        page.wait_for_function(
            "([sel, text]) => document.querySelector(sel)?.innerText === text",
            arg=[HEADING, step.headline],
            timeout=30_000,
        )
        if step.view.kind != "compare":  # the map and charts draw after the script
            page.wait_for_selector(
                ".js-plotly-plot .main-svg, [data-testid='stDeckGlJsonChart'] canvas",
                state="attached",
            )
        page.wait_for_timeout(500)
    page.watch.assert_clean()


def test_every_page_in_the_projector_view_stays_local(page, app_url):
    for page_id in PAGES:
        page.goto(f"{app_url}/{path_of(page_id)}?briefing=1")
        wait_for_app(page)
        # the projector's style arrives with the script's output, just after the first draw
        page.locator('[data-testid="stSidebar"]').wait_for(state="hidden", timeout=10_000)
        assert page.locator('[data-testid="stException"]').count() == 0, page_id
    page.watch.assert_clean()


def test_a_link_baited_with_markdown_images_fetches_nothing(page, app_url):
    for page_id in PAGES:
        page.goto(f"{app_url}/{path_of(page_id)}?{BAIT_LINK}")
        wait_for_app(page, settle_ms=1000)
        alerts = page.get_by_test_id("stAlert")
        assert alerts.count() > 0, f"{page_id}: no notice for the bad link"
        assert alerts.locator("img").count() == 0, page_id
        # GitHub Markdown turns a bare URL into a link to itself: visible, so allowed; a link
        # whose words hide where it goes is not
        links = alerts.locator("a").evaluate_all("els => els.map(a => [a.textContent, a.href])")
        assert all(text == href for text, href in links), links
        assert "outside.example" in " ".join(alerts.all_inner_texts()), page_id
        assert page.locator('[data-testid="stException"]').count() == 0, page_id
    page.watch.assert_clean()
