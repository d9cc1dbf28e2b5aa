"""What a user waits for after changing a filter: Enter in "Search text" to the page redrawn.

benchmarks.reruns times the script on the server; this adds what it leaves out: the
websocket, the frontend applying each delta, Plotly and deck.gl drawing. Each page is opened
in Chromium, then a search word (benchmarks.reruns.SEARCH_WORDS, a change every time) is
typed and committed with Enter, and two times are taken from the key press:

- finished: the `script_finished` message arrives on the page's websocket;
- drawn: after that, the page is settled (browser.RunWatch.wait_until_drawn: no running
  indicator, every chart has its SVG, nothing stale, painted).

Also the bytes the rerun sent down the websocket. Medians over --repeats per page. A
measurement, not a test.

Run: `.venv/bin/python -m benchmarks.browser_reruns [--repeats 5]`; writes
benchmarks/results/browser_reruns.json.
"""

from __future__ import annotations

import argparse
import statistics
import time

from playwright.sync_api import Browser

from benchmarks.browser import PAGES, VIEWPORT, RunWatch, app_in_chromium, page_url
from benchmarks.record import write_result
from benchmarks.reruns import SEARCH_WORDS


def page_reruns(browser: Browser, url: str, repeats: int) -> dict[str, float]:
    """Median ms to script_finished and to drawn, and median KB received, for one page."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    watch = RunWatch(page)
    page.goto(url)
    watch.wait_until_drawn()
    search = page.get_by_label("Search text")
    finished, drawn, sizes = [], [], []
    for i in range(repeats):
        search.fill(SEARCH_WORDS[i % len(SEARCH_WORDS)])
        runs, frames = len(watch.finished), len(watch.frames)
        began = time.perf_counter()
        search.press("Enter")
        finished.append(watch.wait_until_drawn(runs) - began)
        drawn.append(time.perf_counter() - began)
        sizes.append(sum(watch.frames[frames:]))
    context.close()
    return {
        "finished_ms": round(statistics.median(finished) * 1000),
        "drawn_ms": round(statistics.median(drawn) * 1000),
        "received_kb": round(statistics.median(sizes) / 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with app_in_chromium() as (browser, url):
        pages = {p: page_reruns(browser, page_url(url, p), args.repeats) for p in PAGES}
    write_result(
        "browser_reruns",
        {
            "repeats": args.repeats,
            "viewport": VIEWPORT,
            "pages": pages,
        },
    )
    print(f"search change in Chromium, median of {args.repeats}:")
    print(f"{'page':<10} {'finished':>9} {'drawn':>9} {'received':>10}")
    for page_id, r in pages.items():
        print(
            f"{page_id:<10} {r['finished_ms']:>6} ms {r['drawn_ms']:>6} ms {r['received_kb']:>7} KB"
        )


if __name__ == "__main__":
    main()
