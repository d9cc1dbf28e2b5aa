"""The Data page's open tab is part of the view: an analyst on Figures who changes a filter
stays on Figures, and the link they copy reopens Figures for whoever they send it to."""

from __future__ import annotations

import re

import pytest

from tests.browser.harness import wait_for_app

pytestmark = pytest.mark.browser
LINK_BOX = '[data-testid="stSidebar"] [data-testid="stCode"]'
SEARCH = '[data-testid="stSidebar"]'


def open_tab(page, name: str) -> None:
    page.get_by_role("tab", name=re.compile(f"^{name}")).click()
    wait_for_app(page, timeout=60_000)


def selected_tab(page) -> str:
    return page.get_by_role("tab", selected=True).inner_text()


def shown_rows(page, name: str) -> int:
    """The rows a tab's grid holds, from its accessible name ('Claimed figures shown: 25')."""
    grid = page.get_by_role("region", name=re.compile(f"^{name} shown: "))
    grid.wait_for(timeout=30_000)
    return int(grid.get_attribute("aria-label").rsplit(" ", 1)[1])


def test_the_open_tab_stays_through_a_search_and_travels_in_the_link(page, app_url, browser):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{app_url}/data")
    wait_for_app(page, timeout=60_000)
    assert selected_tab(page).startswith("Events")
    open_tab(page, "Figures")
    all_figures = shown_rows(page, "Claimed figures")
    assert "tab=figures" in page.url

    box = page.locator(SEARCH).get_by_label("Search text")
    box.fill("mothers")
    box.press("Enter")
    wait_for_app(page, timeout=60_000)
    label = selected_tab(page)
    assert label.startswith("Figures"), label
    found = shown_rows(page, "Claimed figures")
    assert 0 < found < all_figures
    assert label.startswith(f"Figures ({found} of ")
    link = page.locator(LINK_BOX).first.inner_text().replace("\n", "")
    assert "tab=figures" in link and "q=mothers" in link, link

    other = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        reopened = other.new_page()
        reopened.goto(link)
        wait_for_app(reopened, timeout=60_000)
        assert selected_tab(reopened).startswith("Figures")
        assert shown_rows(reopened, "Claimed figures") == found
        # the tab not open is not drawn until it is opened
        assert reopened.get_by_role("region", name=re.compile("^Events shown: ")).count() == 0
        open_tab(reopened, "Events")
        assert shown_rows(reopened, "Events") > 0
        assert "tab=" not in reopened.url  # the first tab is the default: the link leaves it out
    finally:
        other.close()
    page.watch.assert_clean()
