"""Page-local controls in real Chromium: changing one asks the server to rerun only the section
it drives (an st.fragment, not the sidebar and the rest of the app), and the address bar and
the sidebar's link box follow, so the link a presenter copies opens the view on screen.

What the browser asks for is read from its own messages to the server (BackMsg.rerun_script
names the fragment for a fragment rerun, nothing for a whole-app one).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.harness import Reruns, press_until_sent, wait_for_app

pytestmark = pytest.mark.browser
TIMEOUT = 60_000
SIDEBAR = '[data-testid="stSidebar"]'
LINK_BOX = f'{SIDEBAR} [data-testid="stCode"]'


def open_page(page, url: str) -> Reruns:
    reruns = Reruns(page)
    page.goto(url)
    wait_for_app(page, timeout=TIMEOUT)
    return reruns


def wait_for_param(page, key: str, value: str) -> None:
    """Until the address bar and the sidebar's link box both carry key=value."""
    page.wait_for_function(
        "([k, v]) => new URLSearchParams(location.search).get(k) === v",
        arg=[key, value],
        timeout=TIMEOUT,
    )
    page.wait_for_function(
        "([sel, k, v]) => { const t = document.querySelector(sel)?.innerText || '';"
        " const q = t.split('?')[1] || ''; return new URLSearchParams(q).get(k) === v; }",
        arg=[LINK_BOX, key, value],
        timeout=TIMEOUT,
    )
    assert page.locator(LINK_BOX).count() == 1, "the link box is drawn once"


def chart_next_measure(page) -> None:
    """Choose the ledger's next measure by keyboard, until the link names it."""
    box = page.get_by_test_id("stSelectbox").filter(has_text="Measure to chart")
    box.scroll_into_view_if_needed()
    box.click()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => new URLSearchParams(location.search).has('measure')", timeout=TIMEOUT
    )
    wait_for_param(page, "measure", parse_qs(urlparse(page.url).query)["measure"][0])


def assert_fragment_only(reruns: Reruns, before: int) -> None:
    asked = reruns.asked[before:]
    assert asked, "the change asked for no rerun"
    assert all(asked), f"the change reran the whole app: {asked}"


def test_the_map_metric_reruns_the_regions_view_and_updates_the_link(page, app_url):
    reruns = open_page(page, f"{app_url}/regions?q=mothers")
    page.wait_for_selector('[data-testid="stDeckGlJsonChart"] canvas', timeout=TIMEOUT)
    page.wait_for_timeout(1500)  # the map reports its width once, then settles
    before = len(reruns.asked)
    page.get_by_role("radio", name="Deaths", exact=True).click()
    wait_for_param(page, "metric", "deaths")
    assert_fragment_only(reruns, before)
    # the shared filters stay in the link beside the page's own state
    assert parse_qs(urlparse(page.url).query)["q"] == ["mothers"]
    page.get_by_role("heading", name="Ranking and poverty").wait_for(timeout=TIMEOUT)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_a_briefing_step_reruns_the_step_and_updates_the_link(page, app_url):
    reruns = open_page(page, f"{app_url}/briefing?step=1")
    before = len(reruns.asked)
    press_until_sent(page, reruns, "PageDown")  # what a clicker sends
    wait_for_param(page, "step", "2")
    assert_fragment_only(reruns, before)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_a_compared_outlet_reruns_the_comparison_and_updates_the_link(page, app_url):
    reruns = open_page(page, f"{app_url}/compare")
    before = len(reruns.asked)
    page.locator('[data-testid="stMain"]').get_by_role("button", name="BBC", exact=True).click()
    page.wait_for_function("() => new URLSearchParams(location.search).has('cmp')", timeout=TIMEOUT)
    wait_for_param(page, "cmp", parse_qs(urlparse(page.url).query)["cmp"][0])
    assert "bbc" not in parse_qs(urlparse(page.url).query)["cmp"][0].split(",")
    assert_fragment_only(reruns, before)


def test_an_event_chosen_below_the_timeline_reruns_its_part_and_updates_the_link(page, app_url):
    reruns = open_page(page, f"{app_url}/timeline")
    before = len(reruns.asked)
    page.get_by_test_id("stSelectbox").click()
    page.keyboard.type("Putin meets 17")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => new URLSearchParams(location.search).has('event')", timeout=TIMEOUT
    )
    wait_for_param(page, "event", parse_qs(urlparse(page.url).query)["event"][0])
    assert_fragment_only(reruns, before)
    assert parse_qs(urlparse(page.url).query)["event"] == ["putin-meets-mothers"]
    page.get_by_text("We share your pain").first.wait_for(timeout=TIMEOUT)  # its detail


def test_a_ledger_measure_reruns_the_ledger_chart_and_keeps_the_outlets_in_the_link(page, app_url):
    reruns = open_page(page, f"{app_url}/compare?cmp=bbc,rferl")
    before = len(reruns.asked)
    chart_next_measure(page)
    wait_for_param(page, "cmp", "bbc,rferl")
    assert_fragment_only(reruns, before)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_outlets_changed_in_turn_then_a_measure_keep_the_page_and_the_link(page, app_url):
    """An analyst turns off two outlets, one after the other, then charts another measure.
    Each change draws another number of elements above the ledger (columns or stacked
    heatmaps, disagreements or none); the ledger's chart, a fragment inside the comparison's,
    still reruns and updates the link box (before 7 Dec, the second change failed the page)."""
    reruns = open_page(page, f"{app_url}/compare")
    main = page.locator('[data-testid="stMain"]')
    for outlet, left in [("BBC", "newsweek"), ("Newsweek", "rferl")]:
        before = len(reruns.asked)
        main.get_by_role("button", name=outlet, exact=True).click()
        page.wait_for_function(
            "(gone) => { const cmp = new URLSearchParams(location.search).get('cmp');"
            " return cmp !== null && !cmp.split(',').includes(gone); }",
            arg=outlet.lower(),
            timeout=TIMEOUT,
        )
        compared = parse_qs(urlparse(page.url).query)["cmp"][0]
        assert left in compared.split(",")
        wait_for_param(page, "cmp", compared)
        wait_for_app(page, timeout=TIMEOUT)
        assert_fragment_only(reruns, before)
        assert page.locator('[data-testid="stException"]').count() == 0
    page.get_by_role("heading", name="Figure ledger").wait_for(timeout=TIMEOUT)
    chart_next_measure(page)
    wait_for_param(page, "cmp", compared)
    wait_for_app(page, timeout=TIMEOUT)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.watch.assert_clean()
