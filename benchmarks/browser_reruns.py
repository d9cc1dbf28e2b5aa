"""What a user waits for after changing a filter: Enter in "Search text" to the page redrawn.

benchmarks.reruns times the script on the server; this adds what it leaves out: the
websocket, the frontend applying each delta, Plotly and deck.gl drawing. Each page is opened
in Chromium, then a search word (benchmarks.reruns.SEARCH_WORDS, a change every time) is
typed and committed with Enter, and two times are taken from the key press:

- finished: the `script_finished` message arrives on the page's websocket, as Chromium
  reports it, from the page's main thread: a page still drawing the run's first deltas
  takes the message later (a Regions unit-type change, 6 Dec: the server's run 10-18 ms,
  every message taken by ~110 ms on most changes, by 300-460 ms on others);
- drawn: after that, the page is settled (browser.RunWatch.wait_until_drawn: no running
  indicator, every chart has its SVG, nothing stale, painted).

Also the bytes the rerun sent down the websocket. Medians over --repeats per page. The same
is measured, in the same run, for a bare Streamlit app with only that text box
(benchmarks/bare_app.py: the baseline every ratio is taken against), for that app with the
Timeline's chart under its title, drawn again on every search (benchmarks/bare_chart_app.py:
what a search costs where only that chart changes, the least the Timeline page's search can
cost), and for each page-local
control of issue 18 (CONTROLS: map metric, unit types, selected region, timeline event,
compared outlets, ledger measure, briefing step), timed from the click that commits the
change; a region is selected by a click on the map canvas at its pixels. The app is served
as `make run` serves it (asgi.py). A measurement, not a test.

Run: `.venv/bin/python -m benchmarks.browser_reruns [--repeats 5]`; writes
benchmarks/results/browser_reruns.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from benchmarks.browser import (
    BARE_CHART_SCRIPT,
    BARE_SCRIPT,
    PAGES,
    VIEWPORT,
    RunWatch,
    app_in_chromium,
    page_url,
    settle,
)
from benchmarks.record import write_result
from benchmarks.reruns import SEARCH_WORDS
from components import cached, views
from components.filters import filter_options
from components.navigation import PAGES as NAV_PAGES
from homefront.filters import default_filters
from tests.browser.map_pixels import MAP, hover_region, scroll_to

Commit = Callable[[], None]
QUIET_MS = 500  # the pause before each change is prepared


def search(word_index: int) -> Callable[[Page, int], Commit]:
    """Type a search word (untimed), commit it with Enter (timed)."""

    def change(page: Page, i: int) -> Commit:
        box = page.get_by_label("Search text")
        box.fill(SEARCH_WORDS[(word_index + i) % len(SEARCH_WORDS)])
        return lambda: box.press("Enter")

    return change


def toggle(key: str, pick: Callable[[int], int]) -> Callable[[Page, int], Commit]:
    """Click pill pick(i) of keyed pills (on, then off; not the label's help button)."""
    pills = f".st-key-{key} button[data-variant='pills']"
    return lambda page, i: page.locator(pills).nth(pick(i)).click


def switch(key: str) -> Callable[[Page, int], Commit]:
    """Click the first option of a keyed segmented control that is not the chosen one."""
    return lambda page, i: page.locator(f".st-key-{key} button[aria-checked='false']").first.click


def choose(key: str) -> Callable[[Page, int], Commit]:
    """Open a keyed select box (untimed) and click its first option not chosen (timed)."""
    option = "[role='option']:not([aria-selected='true'])"

    def change(page: Page, i: int) -> Commit:
        box = page.locator(f".st-key-{key} [role='combobox']")
        for _ in range(3):  # a click while the box redraws can leave its list closed
            box.click()
            if box.get_attribute("aria-expanded") != "true":
                box.press("ArrowDown")
            try:
                page.locator(option).first.wait_for(timeout=5_000)
                break
            except PlaywrightTimeout:
                page.keyboard.press("Escape")
        return page.locator(option).first.click

    return change


def click_map(regions: tuple[tuple[str, str], ...]) -> Callable[[Page, int], Commit]:
    """Hover region i (in turn) on the map canvas until its tooltip names it (untimed), then
    click it there (timed), as a person does: each click selects another region."""

    def change(page: Page, i: int) -> Commit:
        scroll_to(page, MAP)
        x, y = hover_region(page, *regions[i % len(regions)])
        return lambda: page.mouse.click(x, y)

    return change


def briefing_step(page: Page, i: int) -> Commit:
    """Next, then Previous, in turn: the presenter's clicker."""
    return page.locator(f".st-key-briefing_{'next' if i % 2 == 0 else 'prev'} button").click


# the page-local controls: name -> (page, change); each change differs from the last
CONTROLS: dict[str, tuple[str, Callable[[Page, int], Commit]]] = {
    "map metric": ("regions", switch("regions_metric")),
    "unit types": ("regions", toggle("regions_units", lambda i: 0)),
    "selected region": ("regions", click_map((("BU", "Buryatia"), ("TY", "Tuva")))),
    "timeline event": ("timeline", choose("timeline_event")),
    "compared outlets": ("compare", toggle("compare_sources", lambda i: -1)),
    "ledger measure": ("compare", choose("compare_measure")),
    "briefing step": ("briefing", briefing_step),
}


def timed_changes(
    browser: Browser, url: str, change: Callable[[Page, int], Commit], repeats: int
) -> dict[str, float]:
    """Median ms from committing a change to script_finished and to drawn, and median KB
    received, on one page opened fresh."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    watch = RunWatch(page)
    page.goto(url)
    watch.wait_until_drawn()
    settle(watch)
    finished, drawn, sizes = [], [], []
    for i in range(repeats):
        # untimed: a run that follows the last one (a fragment's link update) lands here, not
        # in this change's time, and cannot close a select box just opened
        page.wait_for_timeout(QUIET_MS)
        commit = change(page, i)
        runs, frames = len(watch.finished), len(watch.frames)
        began = time.perf_counter()
        commit()
        finished.append(watch.wait_until_drawn(runs) - began)
        drawn.append(time.perf_counter() - began)
        sizes.append(sum(watch.frames[frames:]))
    context.close()
    return {
        "finished_ms": round(statistics.median(finished) * 1000),
        "drawn_ms": round(statistics.median(drawn) * 1000),
        "received_kb": round(statistics.median(sizes) / 1000, 1),
    }


def control_changes(
    browser: Browser, url: str, change: Callable[[Page, int], Commit], repeats: int
) -> dict[str, float | str]:
    """timed_changes, or the error that stopped it: one control the page no longer draws as
    expected is reported (the summary says "not measured"), the others still measured."""
    try:
        return timed_changes(browser, url, change, repeats)
    except PlaywrightError as error:
        return {"error": f"{type(error).__name__}: {str(error).splitlines()[0]}"}


def page_timeline_figure() -> dict:
    """The Timeline page's chart for a first visitor's view (the default filters, no event
    chosen), as the page sends it."""
    config, dataset = cached.config(), cached.dataset()
    filters = default_filters(config, filter_options(config, dataset, cached.region_names()))
    return views.timeline_chart(filters, None).figure.to_dict()


def bare_chart_changes(repeats: int) -> dict[str, float]:
    """timed_changes of a search on the bare app with the Timeline's chart."""
    with tempfile.TemporaryDirectory() as tmp:
        chart = Path(tmp) / "timeline.json"
        chart.write_text(json.dumps(page_timeline_figure()), encoding="utf-8")
        env = {"HOMEFRONT_BENCH_CHART": str(chart)}
        with app_in_chromium(env, script=BARE_CHART_SCRIPT) as (browser, url):
            return timed_changes(browser, f"{url}/", search(0), repeats)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with app_in_chromium(script=BARE_SCRIPT) as (browser, url):
        bare = timed_changes(browser, f"{url}/", search(0), args.repeats)
    bare_chart = bare_chart_changes(args.repeats)
    with app_in_chromium() as (browser, url):
        pages = {
            p: timed_changes(browser, page_url(url, p), search(0), args.repeats)
            for p in PAGES
            if "text" in NAV_PAGES[p].filters  # the Briefing has no sidebar
        }
        controls = {
            name: control_changes(browser, page_url(url, page_id), change, args.repeats)
            for name, (page_id, change) in CONTROLS.items()
        }
    write_result(
        "browser_reruns",
        {
            "repeats": args.repeats,
            "viewport": VIEWPORT,
            "bare": bare,
            "bare_chart": bare_chart,
            "pages": pages,
            "controls": controls,
        },
    )
    print(f"search change in Chromium, median of {args.repeats}:")
    print(f"{'page':<10} {'finished':>9} {'drawn':>9} {'received':>10}")
    for page_id, r in {"bare app": bare, "bare+chart": bare_chart, **pages}.items():
        print(
            f"{page_id:<10} {r['finished_ms']:>6} ms {r['drawn_ms']:>6} ms {r['received_kb']:>7} KB"
        )
    print(f"page-local controls in Chromium, median of {args.repeats}:")
    for name, r in controls.items():
        if "error" in r:
            print(f"{name:<24} not measured: {r['error']}")
            continue
        print(f"{name:<24} {r['finished_ms']:>6} ms {r['drawn_ms']:>6} ms {r['received_kb']:>7} KB")


if __name__ == "__main__":
    main()
