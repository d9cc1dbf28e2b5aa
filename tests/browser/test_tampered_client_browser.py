"""A tampered client in Chromium: a person changes a control, and the rerun the page sends
carries, for some widget, a value no control sends (tests/browser/tamper.py). The page
answers with a plain fallback, never an error box, and keeps working; what it was sent never
reaches the views' shared caches, where one client could fill every session's memory."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.harness import wait_for_app
from tests.browser.tamper import Tamper

pytestmark = pytest.mark.browser
TIMEOUT = 60_000
ERROR_BOX = '[data-testid="stException"]'


def region_picked(iso: object) -> str:
    """The map's selection state, as the map sends it, naming `iso`."""
    return json.dumps(
        {"selection": {"indices": {}, "objects": {"regions": [{"properties": {"iso": iso}}]}}}
    )


def switch_metric(page) -> None:
    page.locator(".st-key-regions_metric button[aria-checked='false']").first.click()


def choose_event(page) -> None:
    box = page.locator(".st-key-timeline_event").get_by_role("combobox")
    box.scroll_into_view_if_needed()
    box.click()
    page.get_by_role("option").first.click()


def choose_topic(page) -> None:
    page.locator(".st-key-compare_topics").get_by_role("combobox").click()
    page.get_by_role("option").first.click()


def next_step(page) -> None:
    page.locator(".st-key-briefing_next button").click()


CASES = {
    # a region code as a list, then as a 100 kB string: no region is chosen
    "map selection, a list": (
        "regions",
        switch_metric,
        "regions_map_0",
        {"string_value": region_picked(["TY"])},
    ),
    "map selection, a long string": (
        "regions",
        switch_metric,
        "regions_map_0",
        {"string_value": region_picked("X" * 100_000)},
    ),
    "map selection, no objects": (
        "regions",
        switch_metric,
        "regions_map_0",
        {"string_value": '{"selection": {"objects": []}}'},
    ),
    # widths no browser reports: the map keeps the last one
    "map width of 1 px": (
        "regions",
        switch_metric,
        "regions_map_width",
        {"json_value": '{"width": 1}'},
    ),
    "map width true": (
        "regions",
        switch_metric,
        "regions_map_width",
        {"json_value": '{"width": true}'},
    ),
    "map width of 400 digits": (
        "regions",
        switch_metric,
        "regions_map_width",
        {"json_value": '{"width": ' + "9" * 400 + "}"},
    ),
    # the Timeline's and the Briefing's chart: points that are not the chart's
    "timeline chart points": (
        "timeline",
        choose_event,
        "timeline_chart",
        {"string_value": '{"selection": {"points": ["x", 3]}}'},
    ),
    "timeline chart, no points": (
        "timeline",
        choose_event,
        "timeline_chart",
        {"string_value": '{"selection": {}}'},
    ),
    "briefing chart points": (
        "briefing?step=1",
        next_step,
        "timeline_chart",
        {"string_value": '{"selection": {"points": [{"customdata": [[1]]}]}}'},
    ),
    # topics no option has
    "compare topics": (
        "compare",
        choose_topic,
        "compare_topics",
        {"string_array_value": ["nope", "<b>x</b>", "**y**"]},
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_value_no_control_sends_gets_a_plain_fallback(page, app_url, case):
    path, change, key, value = CASES[case]
    tamper = Tamper(page)
    page.goto(f"{app_url}/{path}")
    wait_for_app(page, timeout=TIMEOUT)
    tamper.next_rerun_sets(key, **value)
    change(page)
    wait_for_app(page, timeout=TIMEOUT)
    assert page.locator(ERROR_BOX).count() == 0
    assert "sel" not in parse_qs(urlparse(page.url).query)
    if path == "regions":  # and the page goes on working: the next change is drawn
        switch_metric(page)
        wait_for_app(page, timeout=TIMEOUT)
        assert page.locator(ERROR_BOX).count() == 0
        page.get_by_role("heading", name="Ranking and poverty").wait_for(timeout=TIMEOUT)
    page.watch.assert_clean()


def test_an_event_no_control_offers_is_named_and_dropped(page, app_url):
    """The event box's own rerun (the chart's fragment alone) carries an unknown event: the
    page says none is chosen, as for an event removed from the data."""
    tamper = Tamper(page)
    page.goto(f"{app_url}/timeline")
    wait_for_app(page, timeout=TIMEOUT)
    tamper.next_rerun_sets("timeline_event", string_value="no such event **bold** <b>x</b>")
    choose_event(page)
    page.get_by_text("The chosen event is no longer in the data").wait_for(timeout=TIMEOUT)
    wait_for_app(page, timeout=TIMEOUT)
    assert page.locator(ERROR_BOX).count() == 0
    assert "event" not in parse_qs(urlparse(page.url).query)
    page.watch.assert_clean()
