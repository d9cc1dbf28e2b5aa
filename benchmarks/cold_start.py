"""Cold start and first visit: `make run`'s server from launch to ready, then a first page.

Each run starts a fresh server as `make run` does (asgi.py: its caches are warmed before it
answers, components/warmup.py) and opens the default page in a new browser page:

- server_ready_s: from launch to the health check answering (the warm-up included);
- first_page_s: from page.goto to the page drawn (tests/browser/harness.wait_for_app), the
  wait a first visitor has;
- total_s: both.

The bare Streamlit app (benchmarks/bare_app.py, only the search box) is measured the same
way in the same run: the issue's target is a first page within 2x the bare app's.

Run: `.venv/bin/python -m benchmarks.cold_start [--runs 3]`. Writes
benchmarks/results/cold_start.json. A measurement, not a test: nothing asserts on it.
"""

from __future__ import annotations

import argparse
import statistics
import time

from playwright.sync_api import Browser, sync_playwright

from benchmarks.browser import APP_SCRIPT, BARE_SCRIPT, VIEWPORT
from benchmarks.record import write_result
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, start_server, stop_server, wait_for_app


def one_run(browser: Browser, script: str) -> dict[str, float]:
    began = time.perf_counter()
    process, url = start_server(script=script)
    healthy = time.perf_counter()
    try:
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(url)
        wait_for_app(page, settle_ms=0)
        drawn = time.perf_counter()
        page.close()
    finally:
        stop_server(process)
    return {
        "server_ready_s": healthy - began,
        "first_page_s": drawn - healthy,
        "total_s": drawn - began,
    }


def median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: round(statistics.median(r[key] for r in runs), 3) for key in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # in turn, so that a busy spell of the machine falls on both alike
        runs = {"app": [], "bare": []}
        for _ in range(args.runs):
            runs["app"].append(one_run(browser, APP_SCRIPT))
            runs["bare"].append(one_run(browser, BARE_SCRIPT))
        browser.close()
    app, bare = median(runs["app"]), median(runs["bare"])
    ratio = round(app["first_page_s"] / bare["first_page_s"], 2)
    write_result(
        "cold_start",
        {"runs": runs, "median": app, "bare_median": bare, "first_page_ratio": ratio},
    )
    print(
        f"cold start (median of {args.runs}): server ready {app['server_ready_s']:.2f} s "
        f"(warm-up included), first page drawn {app['first_page_s']:.2f} s after; bare app "
        f"{bare['server_ready_s']:.2f} s and {bare['first_page_s']:.2f} s; first page {ratio}x"
    )


if __name__ == "__main__":
    main()
