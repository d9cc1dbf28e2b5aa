"""Cold start: from `streamlit run` to the server answering, and to the first page drawn.

Run: `.venv/bin/python -m benchmarks.cold_start [--runs 3]`. Writes
benchmarks/results/cold_start.json. A measurement, not a test: nothing asserts on it.
"""

from __future__ import annotations

import argparse
import statistics
import time

from playwright.sync_api import sync_playwright

from benchmarks.record import write_result
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, start_server, stop_server, wait_for_app


def one_run(browser) -> dict[str, float]:
    began = time.perf_counter()
    process, url = start_server()
    healthy = time.perf_counter()
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(url)
        wait_for_app(page, settle_ms=0)
        drawn = time.perf_counter()
        page.close()
    finally:
        stop_server(process)
    return {"server_ready_s": healthy - began, "first_page_s": drawn - began}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        runs = [one_run(browser) for _ in range(args.runs)]
        browser.close()
    summary = {key: round(statistics.median(r[key] for r in runs), 3) for key in runs[0]}
    write_result(
        "cold_start",
        {
            "runs": runs,
            "median": summary,
        },
    )
    print(
        f"cold start (median of {args.runs}): server ready {summary['server_ready_s']:.2f} s, "
        f"first page drawn {summary['first_page_s']:.2f} s"
    )


if __name__ == "__main__":
    main()
