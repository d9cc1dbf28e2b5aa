"""What the browser benchmarks share: the app served on loopback and Chromium driving it.

Built on tests/browser/harness (start_server, wait_for_app): the same server and the same
idea of "drawn" as the browser tests, so a benchmark measures what the tests check.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, Page, WebSocket, sync_playwright

from benchmarks import protocol
from homefront.config import load_config
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, start_server, stop_server, wait_for_app

PAGES = load_config().pages
# what `make run` starts (st.App around app.py, caches warmed before it is ready), the bare
# app with only the search box that the browser numbers are compared with, and the bare app
# with the Timeline's chart (the least a page that draws that chart again can cost)
APP_SCRIPT, BARE_SCRIPT = "asgi.py", "benchmarks/bare_app.py"
BARE_CHART_SCRIPT = "benchmarks/bare_chart_app.py"
VIEWPORT = {"width": 1280, "height": 720}
TIMEOUT_S = 60
# After wait_for_app: no element left stale from the run before, then two animation frames,
# so what the script sent has been laid out and painted.
SETTLED = """() => !document.querySelector('[data-stale="true"]')"""
NEXT_PAINT = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
# no run for this long after a page is drawn: the runs it asks for itself are over (the
# Regions map's width probe reports 2-4 s after the first draw in software rendering)
SETTLED_MS = 5_000


@contextmanager
def app_in_chromium(
    env: dict[str, str] | None = None, script: str = APP_SCRIPT
) -> Iterator[tuple[Browser, str]]:
    """One server of `script` on 127.0.0.1 and one headless Chromium; yields (browser, URL)."""
    process, url = start_server(env, script=script)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser, url
            browser.close()
    finally:
        stop_server(process)


def page_url(base: str, page_id: str) -> str:
    """A page's address: the default (first) page lives at /."""
    return f"{base}/" if page_id == PAGES[0] else f"{base}/{page_id}"


class RunWatch:
    """What a page's websockets receive: frame sizes, and when each script run finished.

    The DOM alone cannot tell that a run is over: before the first elements arrive, a page
    with no chart yet passes every check of wait_for_app. The `script_finished` message can.
    """

    def __init__(self, page: Page):
        self.page = page
        self.frames: list[int] = []
        self.finished: list[float] = []  # perf_counter() when each run's end arrived
        page.on("websocket", self._attach)

    def _attach(self, ws: WebSocket) -> None:
        ws.on("framereceived", self._frame)

    def _frame(self, payload: bytes | str) -> None:
        self.frames.append(len(payload))
        if protocol.run_finished(protocol.parse(payload)):
            self.finished.append(time.perf_counter())

    def wait_until_drawn(self, runs_before: int = 0) -> float:
        """Wait for the run after the first runs_before to finish and the page to be drawn
        (wait_for_app without its pause, nothing stale, painted); when it finished."""
        deadline = time.perf_counter() + TIMEOUT_S
        while len(self.finished) <= runs_before:  # events arrive while Playwright waits
            if time.perf_counter() > deadline:
                raise TimeoutError(f"no script run finished on {self.page.url}")
            self.page.wait_for_timeout(5)
        wait_for_app(self.page, settle_ms=0)
        self.page.wait_for_function(SETTLED)
        self.page.evaluate(NEXT_PAINT)
        return self.finished[runs_before]


def settle(watch: RunWatch) -> None:
    """Wait until a page just opened stops rerunning by itself, and is drawn.

    The Regions page reruns once on a session's first visit where the map's width, as the
    browser reports it, is 40 px or more from the one it assumed (README, "Where a rerun's
    time goes"; not at the benchmarks' 1280 px): that run, 1.3-1.5 s of map drawn again,
    belongs to opening the page, not to the first change timed after it."""
    for _ in range(5):  # a page that keeps rerunning is a bug to report, not to wait out
        runs = len(watch.finished)
        watch.page.wait_for_timeout(SETTLED_MS)
        if len(watch.finished) == runs:
            return
        watch.wait_until_drawn(len(watch.finished) - 1)
    raise RuntimeError(f"{watch.page.url} kept rerunning by itself")
