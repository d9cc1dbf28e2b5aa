"""The Compare sources page in real Chromium, with two and with five outlets, at laptop and
projector sizes: it renders, shows its charts and a 'Not covered' cell, logs no errors and
sends no request off localhost. Screenshots go to screenshots/compare-*-sources-WxH.png.
"""

from __future__ import annotations

import pytest

from tests.browser.harness import screenshot, wait_for_app

pytestmark = pytest.mark.browser
SIZES = [(1280, 720), (1920, 1080)]
VIEWS = {"2-sources": "?cmp=bbc,rferl", "5-sources": ""}


@pytest.mark.parametrize("width,height", SIZES, ids=["laptop", "projector"])
@pytest.mark.parametrize("view", VIEWS)
def test_compare_renders_cleanly(page, app_url, view, width, height):
    from playwright.sync_api import expect  # as in conftest: only browser tests need it

    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_url}/compare{VIEWS[view]}")
    wait_for_app(page)
    # the three charts are drawn (plotly renders them after the script has finished)
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length >= 3",
        timeout=30_000,
    )
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_role("heading", name="Compare sources").is_visible()
    main = page.get_by_test_id("stMain")
    assert main.get_by_text("Not\u00a0covered").count() > 0
    assert main.get_by_text("Figure ledger", exact=True).count() == 1
    shown = 2 if view == "2-sources" else 5
    chosen = page.locator('.st-key-compare_sources button[aria-pressed="true"]')
    expect(chosen).to_have_count(shown)  # retries while Streamlit finishes drawing
    screenshot(page, f"compare-{view}-{width}x{height}")
    page.watch.assert_clean()
